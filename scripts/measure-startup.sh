#!/usr/bin/env bash
# Measures, for the embedded default: time from launching `java -jar` to the first 200 from /healthz,
# and the process's resident memory once ready. Usage: scripts/measure-startup.sh [runs] [java]
# LAUNCHER=bin/gatehouse measures the launcher (AppCDS archive, footprint defaults; ADR 30) instead;
# then JAVA_HOME picks the JVM. The CPU time the process used until ready is printed too (less
# sensitive than the wall time to other work on a shared machine).
set -euo pipefail
runs=${1:-10}
java_bin=${2:-java}
jar=bootstrap/target/gatehouse.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
port=18$(printf '%03d' $((RANDOM % 1000)))
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  if [ -n "${LAUNCHER:-}" ]; then
    GATEHOUSE_ADMIN_PASSWORD="measure-startup-password" "$LAUNCHER" serve --port "$port" >/tmp/gh-startup.log 2>&1 &
  else
    GATEHOUSE_ADMIN_PASSWORD="measure-startup-password" "$java_bin" -jar "$jar" serve --port "$port" >/tmp/gh-startup.log 2>&1 &
  fi
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do
    kill -0 "$pid" 2>/dev/null || { cat /tmp/gh-startup.log; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' /proc/$pid/stat)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ready in ${ms} ms, CPU ${cpu} ms, RSS $((rss / 1024)) MiB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median " a[int((NR+1)/2)] " ms, min " a[1] " ms, max " a[NR] " ms over " NR " runs"}'
