#!/usr/bin/env bash
# usage: bench/soak.sh JAR MINUTES [RATE] [EXPECTATIONS]
# A soak of the default (embedded) store: whole CSS flows (the load tool allocates real meter
# points with the admin token, receives every callback and reconciles) at RATE messages/s
# (default 200) for MINUTES; every minute, the store's files, the heap after a full GC and the
# store's counters. Prints one line a minute, then the load report's headline.
# KEEP_DATA=dir: the data directory is moved there at the end (to start on it, say), not removed.
set -u
JAR=$1; MIN=$2; RATE=${3:-200}; EXPECT=${4:-classpath:load/reference-expectations.yaml}
PORT=18446; D=$(mktemp -d /tmp/csssim-soak.XXXXXX)
SIMULATOR_DATA_DIR=$D/data SIMULATOR_PORT=$PORT SIMULATOR_ADMIN_TOKEN=bench-token-0123456789 CSSSIM_MESSAGE_LOG=WARN \
  java -Xmx2g -jar "$JAR" > $D/server.log 2>&1 &
SP=$!
for i in $(seq 1 60); do curl -s -k https://localhost:$PORT/health >/dev/null && break; sleep 0.5; done
java -jar "$JAR" load --target https://localhost:$PORT --data-dir $D/data --admin-token bench-token-0123456789 \
  --expectations "$EXPECT" --mix SwitchRequest --connections 16 --profile soak --rate "$RATE" --duration "${MIN}m" \
  --progress 0 > $D/load.txt 2>&1 &
LP=$!
t=0
while kill -0 $LP 2>/dev/null && [ $t -lt $((MIN*60)) ]; do
  sleep 60; t=$((t+60))
  size=$(du -sb $D/data/store 2>/dev/null | cut -f1)
  heap=$(jcmd $SP GC.run >/dev/null 2>&1; jcmd $SP GC.heap_info 2>/dev/null | grep -oE "used [0-9]+K" | head -1)
  counters=$(curl -s -k https://localhost:$PORT/health | python3 -c "import json,sys; d=json.load(sys.stdin)['checks']; print('rows committed', d['store'].get('committed'), 'journal', d['journal'].get('size'))" 2>/dev/null)
  written=$(awk '/^wchar/ {print int($2 / 1048576)}' /proc/$SP/io)   # all the server's writes, nearly all of them the store's
  echo "minute $((t/60)): store $((size/1024/1024)) MiB, written $written MiB, heap after GC ${heap#used }, $counters"
done
wait $LP
grep -E "accepted/s|ack latency|reconcil" $D/load.txt | head -4
kill $SP; wait $SP 2>/dev/null
echo "after stop: store $(( $(du -sb $D/data/store | cut -f1)/1024/1024 )) MiB"
[ -n "${KEEP_DATA:-}" ] && mv $D/data "$KEEP_DATA"
rm -rf "$D"
