#!/usr/bin/env bash
# Runs the JMH benchmarks of bootstrap/src/test/java/dev/gatehouse/bench (authorization evaluator,
# jcasbin peer, PostgreSQL store, lookup-resources). Every argument goes to JMH, for example:
#   scripts/bench.sh                                   # everything (about 15 minutes)
#   scripts/bench.sh 'LocalCheck|CasbinCheck' -rf json -rff /tmp/jmh.json
#   scripts/bench.sh LookupResources -p store=memory -wi 1 -i 2
#   scripts/bench.sh -l                                # list the benchmarks
# PostgreSQL benchmarks start a throwaway cluster from the installed server binaries, or use a fresh
# database on GATEHOUSE_TEST_DATABASE_URL (+ _USER/_PASSWORD) when set. JAVA selects the JVM (default
# `java`; Maven uses JAVA_HOME). Set BENCH_SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin=${JAVA:-java}
cp_file=bootstrap/target/bench-classpath.txt
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$cp_file" ]; then
  # One reactor invocation, so sibling modules resolve to their target/ directories (no install).
  ./mvnw -B -q -pl bootstrap -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
# The reactor classpath already names the sibling modules' target/classes and target/test-classes.
cp="bootstrap/target/test-classes:bootstrap/target/classes:$(cat "$cp_file")"
# Both bootstrap and adapter-postgres test classes carry a logback-test.xml: name one, quietly.
exec "$java_bin" -Dlogback.configurationFile=bootstrap/target/test-classes/logback-test.xml -cp "$cp" org.openjdk.jmh.Main "$@"
