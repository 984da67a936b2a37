#!/usr/bin/env bash
# usage: bench/heap.sh JAR COUNT
# Heap left by COUNT accepted SwitchRequests on the default (embedded) store: the simulator on a
# fresh data directory, the load tool's closed loop with invented MPxNs (CSS rejects each switch
# after the ack and queues one notification for SUPA, which has no webhook here), then two full
# GCs. Prints the heap in use after GC idle and after the run, and the largest classes.
set -u
JAR=$1; N=$2; PORT=18471; D=$(mktemp -d /tmp/csssim-heap.XXXXXX)
SIMULATOR_DATA_DIR=$D/data SIMULATOR_PORT=$PORT CSSSIM_MESSAGE_LOG=WARN java -Xmx2g -jar "$JAR" > $D/server.log 2>&1 &
SP=$!
for i in $(seq 1 100); do curl -s -k https://localhost:$PORT/health | grep -q UP && break; sleep 0.2; done
used() { jcmd $SP GC.run >/dev/null; jcmd $SP GC.run >/dev/null; jcmd $SP GC.heap_info | grep -oE "used [0-9]+K" | head -1 | cut -d' ' -f2; }
idle=$(used)
java -jar "$JAR" load --target https://localhost:$PORT --data-dir $D/data --admin-token "" --expectations none \
  --mix SwitchRequest --progress 0 --connections 16 --profile max --count "$N" --max-in-flight 16 > $D/load.txt 2>&1
sleep 3
echo "heap in use after GC: $idle idle, $(used) after $N messages ($(grep -oE '[0-9,]+ accepted/s' $D/load.txt))"
jcmd $SP GC.class_histogram | sed -n 4,15p
kill $SP; wait $SP 2>/dev/null
rm -rf "$D"
