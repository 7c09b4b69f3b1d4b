#!/usr/bin/env bash
# Load test of POST /api/v1/api-keys/verify with wrk against the packaged jar on this machine.
# Usage: scripts/bench-verify-http.sh memory|postgres [duration] [connections] [threads]
# memory: the embedded default. postgres: a throwaway PostgreSQL 15 cluster (started here as the
# postgres OS user from /usr/lib/postgresql/15/bin, removed afterwards). The script creates an
# organization, the key to verify and a caller key with api-keys:verify, warms the cache, runs wrk
# and prints requests/s and latency percentiles. Needs wrk, curl, jq; build first:
#   ./mvnw -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-memory}
duration=${2:-30s}
connections=${3:-32}
threads=${4:-2}
jar=bootstrap/target/gatehouse.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
port=18$(printf '%03d' $((RANDOM % 1000)))
base="http://127.0.0.1:$port"
pgdir=""
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  if [ -n "$pgdir" ]; then
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
}
trap cleanup EXIT
env_vars=(GATEHOUSE_ADMIN_PASSWORD="bench-admin-password")
if [ "$store" = postgres ]; then
  pgdir=$(mktemp -d /tmp/gh-wrk-pg.XXXXXX)
  chown postgres "$pgdir"
  pgport=$((port + 1))
  runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$pgdir/data" -U postgres -A trust >/dev/null
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir/data" -o "-p $pgport -k $pgdir -c max_connections=200" \
    -l "$pgdir/log" start >/dev/null
  env_vars+=(GATEHOUSE_DATABASE_URL="jdbc:postgresql://127.0.0.1:$pgport/postgres" GATEHOUSE_DATABASE_USER=postgres)
fi
env "${env_vars[@]}" java -jar "$jar" serve --port "$port" >/tmp/gh-wrk-server.log 2>&1 &
pid=$!
until curl -fs -o /dev/null "$base/readyz"; do
  kill -0 "$pid" 2>/dev/null || { cat /tmp/gh-wrk-server.log; exit 1; }
  sleep 0.1
done
post() { curl -fsS -X POST "$base$1" -H 'Content-Type: application/json' -H "Authorization: Bearer $3" -d "$2"; }
token=$(curl -fsS -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"admin@gatehouse.local","password":"bench-admin-password"}' | jq -r .data.token)
org=$(post /api/v1/organizations '{"name":"Bench"}' "$token" | jq -r .data.id)
VERIFY_KEY=$(post /api/v1/api-keys "{\"organization_id\":\"$org\",\"name\":\"verified\",\"scopes\":[\"projects:read\"]}" "$token" | jq -r .data.key)
CALLER_KEY=$(post /api/v1/api-keys "{\"organization_id\":\"$org\",\"name\":\"verifier\",\"scopes\":[\"api-keys:verify\"]}" "$token" | jq -r .data.key)
code=$(post /api/v1/api-keys/verify "{\"key\":\"$VERIFY_KEY\"}" "$CALLER_KEY" | jq -r .data.code)
[ "$code" = VALID ] || { echo "verify answered $code" >&2; exit 1; }
# scripts/wrk-check.lua checks every answer: a 200 whose body says VALID.
export WRK_METHOD=POST WRK_BODY="{\"key\":\"$VERIFY_KEY\"}" WRK_AUTHORIZATION="Bearer $CALLER_KEY" \
  WRK_STATUS=200 WRK_EXPECT='"code":"VALID"'
echo "store=$store: warm-up 10s"
wrk -t"$threads" -c"$connections" -d10s -s scripts/wrk-check.lua "$base/api/v1/api-keys/verify" >/dev/null
echo "store=$store: measuring $duration, $connections connections, $threads threads"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s scripts/wrk-check.lua "$base/api/v1/api-keys/verify"
