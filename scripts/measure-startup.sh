#!/usr/bin/env bash
# Measures, for the embedded default: time from launching `java -jar` to the first 200 from /readyz
# (ready means the first admin can log in), the CPU time the process used until then (less sensitive
# than the wall time to other work on a shared machine; of it the main thread's and the JIT compilers')
# and its resident memory then (VmRSS, of it anonymous and file-backed). Usage: scripts/measure-startup.sh [runs] [java]
# LAUNCHER=bin/gatehouse measures the launcher (AppCDS archive, footprint defaults; ADR 30) instead;
# then JAVA_HOME picks the JVM and GATEHOUSE_JAVA_OPTS adds options.
# LOAD=N then runs a fixed workload and prints the resident memory after it and the CPU time it took
# (a cost per request that survives other work on the machine): as the admin, an
# organization, a verifier key, a key to verify and a project key; N token exchanges (key -> JWT) and
# N verifications, each with wrk -t2 -c32 (scripts/wrk-count.lua; needs wrk, jq); rate limits off as
# in scripts/bench-vs-keycloak.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/bench-keys.sh
. scripts/bench-keys.sh
runs=${1:-10}
java_bin=${2:-java}
jar=bootstrap/target/gatehouse.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
port=18$(printf '%03d' $((RANDOM % 1000)))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
process_cpu() { # pid: CPU time (user + system) the process used until now, in ms
  awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"
}
threads_cpu() { # pid: CPU time until now of the main thread (the launcher's thread and Java's main) and of the JIT compilers
  local hz t main=0 jit=0 comm ticks
  hz=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/*; do
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    ticks=$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null) || continue
    case $comm in
      java) main=$((main + ticks)) ;;
      C1\ CompilerThre*|C2\ CompilerThre*) jit=$((jit + ticks)) ;;
    esac
  done
  echo "main thread $((main * 1000 / hz)) ms, JIT $((jit * 1000 / hz)) ms"
}
memory() { # pid: VmRSS (anonymous + file) in MiB
  awk '/^VmRSS/ {r = $2} /^RssAnon/ {a = $2} /^RssFile/ {f = $2}
       END {printf "%d MiB (anon %d + file %d)", r / 1024, a / 1024, f / 1024}' "/proc/$1/status"
}
# Runs WRK_REQUESTS checked requests per wrk thread (environment as for scripts/wrk-check.lua).
fixed_load() { # url
  rm -f "$work"/done*
  WRK_DONE="$work/done" wrk -t2 -c32 -d600s -s scripts/wrk-count.lua "$1" >"$work/wrk.out" &
  local wrk_pid=$!
  until [ "$(find "$work" -name 'done*' | wc -l)" -ge 2 ]; do
    kill -0 "$wrk_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" || true
  grep -E '^unexpected' "$work/wrk.out" | tr '\n' ';'
}
workload() { # base url
  local base=$1 verify_key caller_key project_key
  gatehouse_bench_keys measure-startup-password Measure
  export WRK_METHOD=POST WRK_CONTENT_TYPE=application/json WRK_REQUESTS=$((LOAD / 2))
  WRK_AUTHORIZATION="Bearer $project_key" WRK_BODY='{}' WRK_STATUS=201 WRK_EXPECT='"access_token"' \
    fixed_load "$base/api/v1/auth/token"
  WRK_AUTHORIZATION="Bearer $caller_key" WRK_BODY="{\"key\":\"$verify_key\"}" WRK_STATUS=200 WRK_EXPECT='"code":"VALID"' \
    fixed_load "$base/api/v1/api-keys/verify"
}
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  if [ -n "${LAUNCHER:-}" ]; then
    GATEHOUSE_ADMIN_PASSWORD="measure-startup-password" GATEHOUSE_RATE_LIMITS=off "$LAUNCHER" serve --port "$port" >"$work/server.log" 2>&1 &
  else
    GATEHOUSE_ADMIN_PASSWORD="measure-startup-password" GATEHOUSE_RATE_LIMITS=off "$java_bin" -jar "$jar" serve --port "$port" >"$work/server.log" 2>&1 &
  fi
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  cpu=$(process_cpu "$pid")
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ready in ${ms} ms, CPU ${cpu} ms ($(threads_cpu "$pid")), RSS $(memory "$pid")"
  if [ -n "${LOAD:-}" ]; then
    checks=$(workload "http://127.0.0.1:$port")
    echo "run $i: after $LOAD requests: RSS $(memory "$pid"), CPU for them $(( $(process_cpu "$pid") - cpu )) ms; $checks"
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median " a[int((NR+1)/2)] " ms, min " a[1] " ms, max " a[NR] " ms over " NR " runs"}'
