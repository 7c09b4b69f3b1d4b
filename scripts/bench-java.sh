#!/usr/bin/env bash
# Runs a main class of the benchmark code (bootstrap/src/test/java/dev/gatehouse/bench, JMH) on the
# bootstrap module's test class path; scripts/bench.sh, bench-webhooks.sh and bench-scale.sh call it.
#   scripts/bench-java.sh CLASS [ARGUMENTS...]
# JAVA selects the JVM (default `java`; Maven uses JAVA_HOME), BENCH_JAVA_OPTS adds JVM options.
# Set BENCH_SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
main_class=$1
shift
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
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "$java_bin" ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=bootstrap/target/test-classes/logback-test.xml \
  -cp "$cp" "$main_class" "$@"
