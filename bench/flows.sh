#!/usr/bin/env bash
# usage: bench/flows.sh JAR [STORE] [CONFIG]
# Whole CSS flows on one store: the load tool allocates real meter points with the admin token,
# closed loop, 64 in flight on 64 connections, COUNT (30,000) measured after WARMUP (10,000);
# prints the accepted rate and the acknowledgement latency. STORE: embedded (default), memory or
# postgresql (with SIMULATOR_STORE_URL); CONFIG: a configuration file (store.engine: h2, say).
set -u
JAR=$1; STORE=${2:-embedded}; CONFIG=${3:-}; PORT=18447; D=$(mktemp -d /tmp/csssim-flows.XXXXXX)
COUNT=${COUNT:-30000}; WARMUP=${WARMUP:-10000}
SIMULATOR_STORE=$STORE SIMULATOR_DATA_DIR=$D/data SIMULATOR_PORT=$PORT SIMULATOR_ADMIN_TOKEN=bench-token-0123456789 \
  CSSSIM_MESSAGE_LOG=WARN java -Xmx2g ${JFR:-} -jar "$JAR" ${CONFIG:+--config $CONFIG} > $D/server.log 2>&1 &
SP=$!
for i in $(seq 1 60); do curl -s -k https://localhost:$PORT/health >/dev/null && break; sleep 0.5; done
java -jar "$JAR" load --target https://localhost:$PORT --data-dir $D/data --admin-token bench-token-0123456789 \
  --expectations none --mix SwitchRequest --connections 64 --profile max --count $COUNT --warmup $WARMUP \
  --max-in-flight 64 --progress 0 2>/dev/null | grep -E "accepted/s|ack latency" | sed "s/^/[$STORE] /"
# the server's CPU over the whole run (start, warm-up and measured), user and system: work per message, less noisy than a rate
read -r UT ST <<< "$(awk '{print $14, $15}' /proc/$SP/stat)"
echo "[$STORE]   server CPU $(( (UT + ST) / $(getconf CLK_TCK) )) s for $((COUNT + WARMUP)) messages and start-up"
# what the server wrote to disk (the store's log and its checkpoints into the database file)
echo "[$STORE]   server wrote $(( $(awk '/^write_bytes/ {print $2}' /proc/$SP/io) / 1048576 )) MiB to disk"
# the same CPU by thread (those over half a second): JFR's execution samples miss native code
# (SQLite's) and the collector, this does not, and it shows whether one thread (the engine's
# event loop) is the limit. The kernel keeps 15 characters of a name, so the JVM's thread dump
# names the threads by id.
jcmd $SP Thread.print 2>/dev/null | sed -nE 's/^"([^"]+)".* nid=(0x[0-9a-f]+|[0-9]+) .*/\2 \1/p' \
  | while read -r NID NAME; do echo "$((NID)) ${NAME// /_}"; done > $D/names
for T in /proc/$SP/task/*; do
  read -r UT ST <<< "$(sed -E 's/^.*\) //' $T/stat | awk '{print $12, $13}')"
  TID=$(basename $T); NAME=$(awk -v t=$TID '$1 == t {print $2}' $D/names)
  echo "${NAME:-$(tr ' ' '_' < $T/comm)} $((UT + ST))"
done | awk -v hz=$(getconf CLK_TCK) -v store=$STORE '$2 >= hz / 2 {printf "[%s]     %-28s %6.1f s\n", store, $1, $2 / hz}' | sort -k3 -rn
kill $SP; wait $SP 2>/dev/null
rm -rf "$D"
