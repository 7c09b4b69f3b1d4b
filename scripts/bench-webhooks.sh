#!/usr/bin/env bash
# Webhook delivery benchmark (bootstrap/src/test/java/dev/gatehouse/bench/WebhookDeliveryBenchmark):
# deliveries per second with 32 requests in flight to a local receiver, and commit-to-first-attempt
# latency. Arguments: store (memory | postgres, default postgres), events (5000), rate per second for
# the latency phase (200). PostgreSQL: a throwaway cluster from the installed binaries, or a fresh
# database on GATEHOUSE_TEST_DATABASE_URL. Set BENCH_SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin=${JAVA:-java}
cp_file=bootstrap/target/bench-classpath.txt
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$cp_file" ]; then
  ./mvnw -B -q -pl bootstrap -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
cp="bootstrap/target/test-classes:bootstrap/target/classes:$(cat "$cp_file")"
exec "$java_bin" -Dlogback.configurationFile=bootstrap/target/test-classes/logback-test.xml -cp "$cp" \
  dev.gatehouse.bench.WebhookDeliveryBenchmark "$@"
