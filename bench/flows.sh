#!/usr/bin/env bash
# usage: bench/flows.sh JAR [STORE] [CONFIG]
# Whole CSS flows on one store: the load tool allocates real meter points with the admin token,
# closed loop, 64 in flight on 64 connections, 30,000 measured after 10,000 warm-up; prints the
# accepted rate and the acknowledgement latency. STORE: embedded (default), memory or
# postgresql (with SIMULATOR_STORE_URL); CONFIG: a configuration file (store.engine: h2, say).
set -u
JAR=$1; STORE=${2:-embedded}; CONFIG=${3:-}; PORT=18447; D=$(mktemp -d /tmp/csssim-flows.XXXXXX)
SIMULATOR_STORE=$STORE SIMULATOR_DATA_DIR=$D/data SIMULATOR_PORT=$PORT SIMULATOR_ADMIN_TOKEN=bench-token-0123456789 \
  CSSSIM_MESSAGE_LOG=WARN java -Xmx2g ${JFR:-} -jar "$JAR" ${CONFIG:+--config $CONFIG} > $D/server.log 2>&1 &
SP=$!
for i in $(seq 1 60); do curl -s -k https://localhost:$PORT/health >/dev/null && break; sleep 0.5; done
java -jar "$JAR" load --target https://localhost:$PORT --data-dir $D/data --admin-token bench-token-0123456789 \
  --expectations none --mix SwitchRequest --connections 64 --profile max --count 30000 --warmup 10000 \
  --max-in-flight 64 --progress 0 2>/dev/null | grep -E "accepted/s|ack latency" | sed "s/^/[$STORE] /"
# the server's CPU over the whole run (start, warm-up and measured), user and system: work per message, less noisy than a rate
read -r UT ST <<< "$(awk '{print $14, $15}' /proc/$SP/stat)"
echo "[$STORE]   server CPU $(( (UT + ST) / $(getconf CLK_TCK) )) s for 40,000 messages and start-up"
# the same CPU by thread, threads of one kind summed (their names without trailing digits): JFR's
# execution samples miss native code (SQLite) and the collector, this does not
for T in /proc/$SP/task/*; do
  NAME=$(tr ' ' '_' < $T/comm | sed -E 's/[-_#]?[0-9]+$//'); read -r UT ST <<< "$(sed -E 's/^.*\) //' $T/stat | awk '{print $12, $13}')"
  echo "$NAME $((UT + ST))"
done | awk -v hz=$(getconf CLK_TCK) -v store=$STORE '{cpu[$1] += $2} END {for (n in cpu) if (cpu[n] >= hz / 2) printf "[%s]     %-28s %6.1f s\n", store, n, cpu[n] / hz}' | sort -k3 -rn
kill $SP; wait $SP 2>/dev/null
rm -rf "$D"
