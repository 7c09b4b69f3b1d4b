#!/usr/bin/env bash
# Scale benchmark (bootstrap/src/test/java/dev/gatehouse/bench/ScaleBenchmark): for each size, a
# fresh PostgreSQL database bulk-loaded with that many organizations (members, projects,
# environments, API keys, audit entries: ScaleDataset, COPY), the server started on it, and the main
# reads and writes timed over HTTP per principal kind (platform admin, organization owner,
# project-level user, organization key, environment key): p50/p99 per size and the growth of each
# p50 from the smallest to the largest size.
#   scripts/bench-scale.sh                       # 100, 2,000 and 10,000 organizations
#   scripts/bench-scale.sh 100 1000              # other sizes
#   ITERATIONS=50 WARMUP=10 scripts/bench-scale.sh 100
# PostgreSQL: a throwaway cluster from the installed server binaries, or a fresh database on
# GATEHOUSE_TEST_DATABASE_URL (+ _USER/_PASSWORD) when set. JAVA selects the JVM (default `java`).
# Set BENCH_SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
BENCH_JAVA_OPTS="-Xmx1g -Diterations=${ITERATIONS:-200} -Dwarmup=${WARMUP:-50} ${BENCH_JAVA_OPTS:-}" \
  exec "$(dirname "$0")/bench-java.sh" dev.gatehouse.bench.ScaleBenchmark "$@"
