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
exec "$(dirname "$0")/bench-java.sh" org.openjdk.jmh.Main "$@"
