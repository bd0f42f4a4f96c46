#!/bin/bash
# Clients that never read, and the handler's heap meanwhile (load-tests/README.md, "clients that never read").
# usage: load-tests/slow-readers.sh <tag> [readers] [messages]   (the stack up: ./chatctl up)
set -u
cd "$(dirname "$0")/.."
[ -f /tmp/slow-readers-lt.cp ] || ./mvnw -q -o -pl load-tests dependency:build-classpath -Dmdep.outputFile=/tmp/slow-readers-lt.cp
tag=$1; readers=${2:-20}; messages=${3:-300}
pid=$(cut -d" " -f1 .local/run/websocket-manager.pid)
heap() { jcmd $pid GC.run >/dev/null; sleep 1; jcmd $pid GC.heap_info | grep -E "generation|garbage-first heap" | grep -o "used [0-9]*K" | tr -dc '0-9\n' | awk '{s+=$1} END {printf "%.1f MB", s/1024}'; }
echo "[$tag] handler pid $pid, heap before: $(heap)"
java -cp load-tests/target/classes:$(cat /tmp/slow-readers-lt.cp) com.acme.chat.loadtest.SlowReaders \
  --readers=$readers --messages=$messages --hold=45 > /tmp/slow-readers-slow-$tag.log 2>&1 &
gen=$!
closes() { curl -s http://127.0.0.1:8080/actuator/prometheus | grep 'connections_closed_total{.*slow_consumer' | awk '{print $2}'; }
echo "[$tag] slow_consumer closes before: $(closes)"
( peak=0; while kill -0 $gen 2>/dev/null; do v=$(curl -s http://127.0.0.1:8080/actuator/prometheus | grep '^chat_wsmanager_outbound_bytes' | awk '{printf "%d", $2}'); [ "${v:-0}" -gt "$peak" ] && peak=$v && echo $peak > /tmp/slow-readers-peak-$tag; sleep 0.5; done ) &
while ! grep -q "holding" /tmp/slow-readers-slow-$tag.log; do sleep 2; if ! kill -0 $gen 2>/dev/null; then cat /tmp/slow-readers-slow-$tag.log; exit 1; fi; done
sleep 10
echo "[$tag] heap while $readers never-reading clients are held: $(heap)"
grep -E "slow:" /tmp/slow-readers-slow-$tag.log | head -3
wait $gen
tail -3 /tmp/slow-readers-slow-$tag.log
echo "[$tag] heap after: $(heap)"
echo "[$tag] slow_consumer closes after: $(closes); peak outbound bytes held: $(cat /tmp/slow-readers-peak-$tag 2>/dev/null)"
