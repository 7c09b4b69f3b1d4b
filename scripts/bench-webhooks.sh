#!/usr/bin/env bash
# Webhook delivery benchmark (bootstrap/src/test/java/dev/gatehouse/bench/WebhookDeliveryBenchmark):
# deliveries per second with 32 requests in flight to a local receiver, and commit-to-first-attempt
# latency. Arguments: store (memory | postgres, default postgres), events (5000), rate per second for
# the latency phase (200). PostgreSQL: a throwaway cluster from the installed binaries, or a fresh
# database on GATEHOUSE_TEST_DATABASE_URL. Set BENCH_SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
exec "$(dirname "$0")/bench-java.sh" dev.gatehouse.bench.WebhookDeliveryBenchmark "$@"
