#!/usr/bin/env bash
# usage: bench/waiting-heap.sh JAR [parked|dead]
# The heap that messages a party cannot be sent take: 40 s at 400 SwitchRequests a second after
# 10,000 of warm-up, open loop, on a fresh data directory. "parked" (the default): SUPA has no
# webhook, so every notification for it waits. "dead": SUPA's webhook is a port where nothing
# listens and delivery.maxAttempts is 1, so every notification is dead-lettered. Prints SUPA's
# backlog and dead letters, the live heap after a full GC, and any waiting message objects in it.
set -u
JAR=$1; MODE=${2:-parked}; PORT=18450; TOKEN=bench-token-0123456789; D=$(mktemp -d /tmp/csssim-waiting.XXXXXX)
HERE=$(cd "$(dirname "$0")/.." && pwd)
cp "$HERE/samples/pit.yaml" $D/pit.yaml
[ "$MODE" = dead ] && printf '\ndelivery:\n  maxAttempts: 1\n' >> $D/pit.yaml
SIMULATOR_DATA_DIR=$D/data SIMULATOR_PORT=$PORT SIMULATOR_ADMIN_TOKEN=$TOKEN CSSSIM_MESSAGE_LOG=WARN \
  java -Xmx2g -jar "$JAR" --config $D/pit.yaml > $D/server.log 2>&1 &
SP=$!
for i in $(seq 1 60); do curl -s -k https://localhost:$PORT/health >/dev/null && break; sleep 0.5; done
[ "$MODE" = dead ] && curl -s -k -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -d '{"mpid":"SUPA","url":"https://127.0.0.1:9/","reason":"bench"}' https://localhost:$PORT/admin/v1/webhooks
java -jar "$JAR" load --target https://localhost:$PORT --data-dir $D/data --admin-token $TOKEN \
  --expectations none --mix SwitchRequest --connections 16 --profile steady --rate 400 --duration 40s --warmup 10000 \
  --max-in-flight 512 --progress 0 2>/dev/null | grep -E "accepted/s"
sleep 5   # the last attempts finish
curl -s -k -H "Authorization: Bearer $TOKEN" https://localhost:$PORT/admin/v1/parties \
  | python3 -c "import json,sys; [print('  SUPA: backlog', p['backlog'], 'dead letters', p['deadLetters']) for p in json.load(sys.stdin) if p['mpid'] == 'SUPA']"
jmap -histo:live $SP > $D/histo.txt
awk '/Total/ {printf "  live heap after a full GC: %.1f MB\n", $3 / 1e6}' $D/histo.txt
grep -E 'WebhookDelivery\$Pending|routing\.Routed$' $D/histo.txt | awk '{print "  in heap:", $2, $4}'
kill $SP; wait $SP 2>/dev/null
rm -rf "$D"
