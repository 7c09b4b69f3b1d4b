#!/usr/bin/env bash
# Gatehouse side by side with Keycloak on this machine, one after the other in one window, with the
# same request shapes (issue 19):
#   - launch -> first healthy answer (Keycloak `start-dev` on a fresh copy: /health/ready on its
#     management port; Gatehouse: /readyz), and the resident memory of the process tree after the load;
#   - wrk -t2 -cCONNECTIONS, WARMUP of warm-up then DURATION measured, every answer's status and body
#     checked: API-key verify vs token introspection, API key -> JWT vs the client_credentials grant;
#   - admin calls, one keep-alive connection, 20 warm-up then 200 timed (scripts/BenchAdminCalls.java):
#     create organization, add member, list organizations (20 per page).
# Gatehouse runs on PostgreSQL 15 (a throwaway cluster from /usr/lib/postgresql/15/bin, fsync on, as
# scripts/bench-verify-http.sh starts it) and on the embedded default, rate limits off. It is
# launched with bin/gatehouse (the AppCDS launcher) when the build produced its archive, else with
# `java -jar`. Everything started here is stopped on exit. Prints the ratios at the end.
#
#   ./mvnw -B -q -DskipTests package && scripts/bench-vs-keycloak.sh
#   STORES=memory DURATION=20s scripts/bench-vs-keycloak.sh
#
# Keycloak (org.keycloak:keycloak-quarkus-dist, KEYCLOAK_VERSION, default 26.7.3) is downloaded from
# Maven Central once, checked against its .sha1, and cached in $XDG_CACHE_HOME/gatehouse-bench (or
# ~/.cache/gatehouse-bench; GATEHOUSE_BENCH_CACHE overrides). Needs wrk (Debian: apt-get install wrk),
# curl, jq, unzip and a JDK (JAVA_HOME or java on the PATH; both systems use the same one).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-keys.sh
. scripts/bench-keys.sh
root=$(pwd)
kc_version=${KEYCLOAK_VERSION:-26.7.3}
cache=${GATEHOUSE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gatehouse-bench}
duration=${DURATION:-30s}
warmup=${WARMUP:-10s}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
stores=${STORES:-postgres memory}
admin_warmup=${ADMIN_WARMUP:-20}
admin_iterations=${ADMIN_ITERATIONS:-200}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
jar=bootstrap/target/gatehouse.jar

for tool in wrk curl jq unzip java; do
  if ! command -v "$tool" >/dev/null; then
    case "$tool" in
      wrk) echo "wrk is not installed: on Debian, apt-get install wrk" >&2 ;;
      *) echo "$tool is not installed" >&2 ;;
    esac
    exit 1
  fi
done
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/gh-vs-kc.XXXXXX")
chmod 755 "$work"
pgids=()
pgdir=""
cleanup() {
  for g in "${pgids[@]}"; do
    kill -TERM -- "-$g" 2>/dev/null || true
  done
  sleep 1
  for g in "${pgids[@]}"; do
    kill -KILL -- "-$g" 2>/dev/null || true
  done
  if [ -n "$pgdir" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
}

# Resident memory of a process and all its descendants, in MiB.
tree_rss() {
  local pids=("$1") all=() p kids
  while [ ${#pids[@]} -gt 0 ]; do
    p=${pids[0]}
    pids=("${pids[@]:1}")
    all+=("$p")
    kids=$(ps -o pid= --ppid "$p" 2>/dev/null || true)
    for k in $kids; do pids+=("$k"); done
  done
  local kb=0 r
  for p in "${all[@]}"; do
    r=$(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    kb=$((kb + ${r:-0}))
  done
  echo $((kb / 1024))
}

# Starts a command in its own process group; sets $launched_pid and $launched_at (ns).
launch() {
  local log=$1
  shift
  launched_at=$(date +%s%N)
  setsid "$@" >"$log" 2>&1 &
  launched_pid=$!
  pgids+=("$launched_pid")
}

# Waits for a 200 from $1; prints the milliseconds since $launched_at.
wait_ready() {
  local url=$1 log=$2 limit=$((SECONDS + ${READY_TIMEOUT:-900}))
  until curl -fs -o /dev/null "$url"; do
    if ! kill -0 "$launched_pid" 2>/dev/null || [ $SECONDS -gt $limit ]; then
      echo "not ready: $url" >&2
      tail -50 "$log" >&2
      exit 1
    fi
    sleep 0.01
  done
  echo $(( ($(date +%s%N) - launched_at) / 1000000 ))
}

stop() {
  local g=$1
  kill -TERM -- "-$g" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 -- "-$g" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$g" 2>/dev/null || true
}

# wrk with warm-up; the environment (WRK_*) describes the request (scripts/wrk-check.lua). Prints
# "requests/s p99-ms" and fails on any unexpected answer.
load() {
  local name=$1 url=$2 out
  wrk -t"$threads" -c"$connections" -d"$warmup" -s scripts/wrk-check.lua "$url" >/dev/null
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -s scripts/wrk-check.lua "$url")
  echo "$out" | sed "s/^/    [$name] /" >&2
  local bad rps p99
  bad=$(echo "$out" | awk '/^unexpected answers:/ {print $3}')
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
  p99=$(echo "$out" | awk '/^p50 / {print $8}')
  if [ "${bad:-1}" != 0 ]; then
    echo "$name: $bad unexpected answers" >&2
    exit 1
  fi
  if echo "$out" | grep -q '^socket errors: [1-9]'; then
    echo "    [$name] WARNING: socket errors (timeouts count as failed requests; is the machine quiet?)" >&2
  fi
  echo "$rps $p99"
}

# load_into KEY NAME URL: result[KEY] = requests/s, result[KEY_p99] = p99 ms.
load_into() {
  local key=$1 out
  shift
  out=$(load "$@") || exit 1
  result[$key]=${out% *}
  result[${key}_p99]=${out#* }
}

# admin_calls PREFIX ARGS...: result[PREFIX_create_organization] etc. = p50 ms.
admin_calls() {
  local prefix=$1 name p50 rest
  shift
  java "$root/scripts/BenchAdminCalls.java" "$@" "$admin_warmup" "$admin_iterations" >"$work/admin.txt" || exit 1
  sed 's/^/    /' "$work/admin.txt"
  while read -r _ name p50 rest; do result[${prefix}_$name]=$p50; done < <(grep '^RESULT' "$work/admin.txt")
}

declare -A result

echo "== $(date -u '+%Y-%m-%dT%H:%M:%SZ'), $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load: $(uptime | sed 's/.*load average: //')"
java -version 2>&1 | head -1

# ---------------------------------------------------------------- Keycloak
zip="$cache/keycloak-quarkus-dist-$kc_version.zip"
if [ ! -f "$zip" ]; then
  mkdir -p "$cache"
  url="https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/$kc_version/keycloak-quarkus-dist-$kc_version.zip"
  echo "fetching $url"
  curl -fsSL -o "$zip.part" "$url"
  sha=$(curl -fsSL "$url.sha1" | awk '{print $1}')
  echo "$sha  $zip.part" | sha1sum -c --quiet - || { rm -f "$zip.part"; echo "checksum mismatch" >&2; exit 1; }
  mv "$zip.part" "$zip"
fi
if [[ " $stores " != *" none "* ]] && [ "${SKIP_KEYCLOAK:-0}" != 1 ]; then
  echo "== Keycloak $kc_version start-dev (fresh copy, dev-file H2)"
  unzip -q "$zip" -d "$work/kc"
  kc_home="$work/kc/keycloak-$kc_version"
  kport=$(free_port)
  kmport=$(free_port)
  kc_admin_password="bench-admin-password"
  launch "$work/kc.log" env KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$kc_admin_password" \
    "$kc_home/bin/kc.sh" start-dev --http-port="$kport" --http-management-port="$kmport" --health-enabled=true
  kpid=$launched_pid
  result[kc_start]=$(wait_ready "http://127.0.0.1:$kmport/health/ready" "$work/kc.log")
  echo "  ready in ${result[kc_start]} ms"
  kb="http://127.0.0.1:$kport"
  admin_token=$(curl -fsS "$kb/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
    -d username=admin --data-urlencode "password=$kc_admin_password" | jq -r .access_token)
  kc_post() { curl -fsS -o /dev/null -X POST "$kb$1" -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' -d "$2"; }
  kc_post /admin/realms '{"realm":"bench","enabled":true,"organizationsEnabled":true,"accessTokenLifespan":3600}'
  # A confidential client with a service account; the audience mapper puts the client into its own
  # tokens' audience, which Keycloak 26 requires of the client that introspects them.
  kc_post /admin/realms/bench/clients '{"clientId":"bench","secret":"bench-client-secret","publicClient":false,
    "serviceAccountsEnabled":true,"standardFlowEnabled":false,"directAccessGrantsEnabled":false,"clientAuthenticatorType":"client-secret",
    "protocolMappers":[{"name":"audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
      "config":{"included.client.audience":"bench","access.token.claim":"true","introspection.token.claim":"true"}}]}'
  basic="Basic $(printf 'bench:bench-client-secret' | base64 -w0)"
  kc_token=$(curl -fsS "$kb/realms/bench/protocol/openid-connect/token" -H "Authorization: $basic" \
    -d grant_type=client_credentials | jq -r .access_token)
  [ "$(curl -fsS "$kb/realms/bench/protocol/openid-connect/token/introspect" -H "Authorization: $basic" \
    -d "token=$kc_token" | jq -r .active)" = true ] || { echo "introspection is not active" >&2; exit 1; }
  export WRK_METHOD=POST WRK_CONTENT_TYPE=application/x-www-form-urlencoded WRK_AUTHORIZATION="$basic"
  echo "  introspection: wrk -t$threads -c$connections, $warmup warm-up, $duration"
  export WRK_BODY="token=$kc_token" WRK_STATUS=200 WRK_EXPECT='"active":true'
  load_into kc_introspect introspect "$kb/realms/bench/protocol/openid-connect/token/introspect"
  echo "  client_credentials: wrk -t$threads -c$connections, $warmup warm-up, $duration"
  export WRK_BODY="grant_type=client_credentials" WRK_STATUS=200 WRK_EXPECT='"access_token"'
  load_into kc_grant client_credentials "$kb/realms/bench/protocol/openid-connect/token"
  echo "  admin calls"
  admin_calls kc keycloak "$kb" admin "$kc_admin_password"
  result[kc_rss]=$(tree_rss "$kpid")
  echo "  RSS after the load: ${result[kc_rss]} MiB"
  stop "$kpid"
fi

# ---------------------------------------------------------------- Gatehouse
if [ -x bin/gatehouse ] && [ -f bootstrap/target/gatehouse.jsa ]; then
  gh_cmd=(bin/gatehouse serve)
  gh_how="bin/gatehouse (AppCDS)"
else
  gh_cmd=(java -jar "$jar" serve)
  gh_how="java -jar"
fi
for store in $stores; do
  [ "$store" = none ] && continue
  echo "== Gatehouse $(git rev-parse --short HEAD 2>/dev/null || echo '?') on $store, $gh_how"
  port=$(free_port)
  env_vars=(GATEHOUSE_ADMIN_PASSWORD="bench-admin-password" GATEHOUSE_RATE_LIMITS=off)
  if [ "$store" = postgres ]; then
    pgdir="$work/pg"
    mkdir -p "$pgdir"
    chown postgres "$pgdir"
    pgport=$(free_port)
    runuser -u postgres -- "$pg_bin/initdb" -D "$pgdir/data" -U postgres -A trust >/dev/null
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pgdir/data" -o "-p $pgport -k $pgdir -c max_connections=200" \
      -l "$pgdir/log" -w start >/dev/null
    env_vars+=(GATEHOUSE_DATABASE_URL="jdbc:postgresql://127.0.0.1:$pgport/postgres" GATEHOUSE_DATABASE_USER=postgres)
  fi
  launch "$work/gh-$store.log" env "${env_vars[@]}" "${gh_cmd[@]}" --port "$port"
  gpid=$launched_pid
  result[${store}_start]=$(wait_ready "http://127.0.0.1:$port/readyz" "$work/gh-$store.log")
  echo "  ready in ${result[${store}_start]} ms"
  base="http://127.0.0.1:$port"
  gatehouse_bench_keys bench-admin-password Bench
  [ "$(gh_post /api/v1/api-keys/verify "{\"key\":\"$verify_key\"}" "$caller_key" | jq -r .data.code)" = VALID ] \
    || { echo "verify is not VALID" >&2; exit 1; }
  gh_post /api/v1/auth/token '{}' "$project_key" | jq -e .data.access_token >/dev/null
  export WRK_METHOD=POST WRK_CONTENT_TYPE=application/json
  echo "  verify: wrk -t$threads -c$connections, $warmup warm-up, $duration"
  export WRK_AUTHORIZATION="Bearer $caller_key" WRK_BODY="{\"key\":\"$verify_key\"}" WRK_STATUS=200 WRK_EXPECT='"code":"VALID"'
  load_into "${store}_verify" verify "$base/api/v1/api-keys/verify"
  echo "  key -> JWT: wrk -t$threads -c$connections, $warmup warm-up, $duration"
  export WRK_AUTHORIZATION="Bearer $project_key" WRK_BODY='{}' WRK_STATUS=201 WRK_EXPECT='"access_token"'
  load_into "${store}_exchange" exchange "$base/api/v1/auth/token"
  echo "  admin calls"
  admin_calls "$store" gatehouse "$base" admin@gatehouse.local bench-admin-password
  result[${store}_rss]=$(tree_rss "$gpid")
  echo "  RSS after the load: ${result[${store}_rss]} MiB"
  stop "$gpid"
  if [ "$store" = postgres ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true
    pgdir=""
  fi
done

# ---------------------------------------------------------------- ratios
ratio() { # higher is better for Gatehouse: $1 = "gh/kc" or "kc/gh"
  awk -v a="$2" -v b="$3" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.1fx", a / b }'
}
echo
echo "== $(date -u '+%Y-%m-%dT%H:%M:%SZ'), load: $(uptime | sed 's/.*load average: //')"
printf '%-44s %12s' "measure" "Keycloak"
for s in $stores; do printf ' %14s %8s' "Gatehouse $s" "ratio"; done
echo
row() { # label kc-key gh-suffix direction unit
  local label=$1 kkey=$2 suffix=$3 dir=$4
  printf '%-44s %12s' "$label" "${result[$kkey]:--}"
  for s in $stores; do
    local g=${result[${s}_$suffix]:-}
    local r
    if [ "$dir" = up ]; then r=$(ratio x "$g" "${result[$kkey]:-}"); else r=$(ratio x "${result[$kkey]:-}" "$g"); fi
    printf ' %14s %8s' "${g:--}" "$r"
  done
  echo
}
row "launch -> first healthy answer (ms)" kc_start start down
row "RSS after the load (MiB)" kc_rss rss down
row "verify vs introspection (req/s)" kc_introspect verify up
row "  p99 (ms)" kc_introspect_p99 verify_p99 down
row "key -> JWT vs client_credentials (req/s)" kc_grant exchange up
row "  p99 (ms)" kc_grant_p99 exchange_p99 down
row "create organization p50 (ms)" kc_create_organization create_organization down
row "add member p50 (ms)" kc_add_member add_member down
row "list organizations p50 (ms)" kc_list_organizations list_organizations down
