#!/usr/bin/env bash
# usage: bench/open.sh JAR RATE [JVM options...]
# Whole CSS flows on the default store in an open loop: a fresh server on a fresh data directory,
# the load tool sending RATE SwitchRequests a second (real meter points, with the admin token) on
# 16 connections, up to 512 in flight, 20 s measured after 10,000 warm-up; prints the rate kept
# and the acknowledgement latency. JVM options go to the server. SRV_PIN and LOAD_PIN put either
# on a core ("taskset -c 0").
set -u
JAR=$1; RATE=$2; shift 2; PORT=18448; D=$(mktemp -d /tmp/csssim-open.XXXXXX)
SIMULATOR_DATA_DIR=$D/data SIMULATOR_PORT=$PORT SIMULATOR_ADMIN_TOKEN=bench-token-0123456789 \
  CSSSIM_MESSAGE_LOG=WARN ${SRV_PIN:-} java -Xmx2g "$@" -jar "$JAR" > $D/server.log 2>&1 &
SP=$!
for i in $(seq 1 60); do curl -s -k https://localhost:$PORT/health >/dev/null && break; sleep 0.5; done
${LOAD_PIN:-} java -jar "$JAR" load --target https://localhost:$PORT --data-dir $D/data --admin-token bench-token-0123456789 \
  --expectations none --mix SwitchRequest --connections 16 --profile steady --rate "$RATE" --duration 20s --warmup 10000 \
  --max-in-flight 512 --progress 0 2>/dev/null | grep -E "accepted/s|ack latency"
kill $SP; wait $SP 2>/dev/null
rm -rf "$D"
