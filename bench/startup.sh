#!/usr/bin/env bash
# usage: bench/startup.sh JAR [STARTS] [JVM options...]
# Start-up to /health UP on a data directory that already exists: one start makes the data
# directory (its test PKI and store), then STARTS (default 3) timed starts, each polled with
# curl every 20 ms until /health answers UP, then stopped. Prints, for each start, the time to
# UP as curl saw it and the phases the simulator logged ("started: N ms after the JVM started").
# DATA_DIR=dir: start on that data directory instead (one a soak left, say), without the first start.
set -u
JAR=$1; N=${2:-3}; shift 2 2>/dev/null || shift $#
PORT=18457; D=$(mktemp -d /tmp/csssim-startup.XXXXXX); DATA=${DATA_DIR:-$D/data}
one() {
  local start=$(date +%s%N)
  SIMULATOR_DATA_DIR=$DATA SIMULATOR_PORT=$PORT ${JAVA:-java} "$@" -jar "$JAR" > $D/server.log 2>&1 &
  local pid=$!
  until curl -sk --max-time 2 https://localhost:$PORT/health 2>/dev/null | grep -q '"UP"'; do sleep 0.02; done
  local ms=$(( ($(date +%s%N)-start)/1000000 ))
  kill $pid; wait $pid 2>/dev/null
  echo "$ms ms to UP; $(grep -o 'started: .*' $D/server.log | head -1)"
}
[ -n "${DATA_DIR:-}" ] || one "$@" > /dev/null
for i in $(seq 1 "$N"); do one "$@"; done
rm -rf "$D"
