#!/bin/bash
# Issue 10's first group bar (load-tests/README.md, "Issue 10: group fan-out"): GroupBench with 50 groups of 100
# members, all online, at 203 group msg/s (20,097 member deliveries/s), and the CPU of every process of the stack and
# of the generator over the measured window: cores per process, and CPU ms per member delivery.
#
# usage: load-tests/group-bench.sh <tag> [GroupBench options, e.g. --rate=150 --duration=30]   (the stack up)
#   CHAT_HOME  the checkout whose ./chatctl runs the stack: its .local/run/*.pid are sampled (default: this checkout)
#   EXCLUDE    regex of pid-file names not to sample (default ^reaper-)
#   OUT        where the logs go (default /tmp/group-bench)
# Options are GroupBench's (its javadoc); the defaults here are the bar's. The script only reads /proc: it never
# starts or stops anything but the generator.
set -u
cd "$(dirname "$0")/.."
tag=${1:?usage: load-tests/group-bench.sh <tag> [GroupBench options]}
shift
home=${CHAT_HOME:-$PWD}
exclude=${EXCLUDE:-^reaper-}
out=${OUT:-/tmp/group-bench}
mkdir -p "$out"
log=$out/$tag.log samples=$out/$tag.cpu

./mvnw -q -o compile -pl load-tests || { echo "compile failed"; exit 1; }
cp=$out/classpath
[ -s "$cp" ] || ./mvnw -q -o -pl load-tests dependency:build-classpath -DincludeScope=runtime \
  -Dmdep.outputFile="$cp" || exit 1

# name=pid of every live process with a pid file (first field: the pid)
pids=()
for f in "$home"/.local/run/*.pid; do
  name=$(basename "$f" .pid)
  [[ $name =~ $exclude ]] && continue
  pid=$(cut -d' ' -f1 "$f")
  [ -r "/proc/$pid/stat" ] && pids+=("$name=$pid")
done
[ ${#pids[@]} -gt 0 ] || { echo "no live process in $home/.local/run/*.pid: is the stack up (CHAT_HOME)?"; exit 1; }

java -cp "load-tests/target/classes:$(cat "$cp")" com.acme.chat.loadtest.GroupBench \
  --groups=50 --members=100 --users=500 --rate=203 --duration=60 --warmup=10 "$@" > "$log" 2>&1 &
gen=$!
pids+=("generator=$gen")
echo "[$tag] generator pid $gen, log $log; sampling ${pids[*]}"

# Every 0.5 s: epoch ms, then name and utime+stime (clock ticks) of each process, and the machine's busy ticks.
(
  while kill -0 $gen 2>/dev/null; do
    line="$(date +%s%3N)"
    for p in "${pids[@]}"; do
      t=$(sed 's/^.*) //' "/proc/${p#*=}/stat" 2>/dev/null | awk '{print $12 + $13}')
      line+=" ${p%%=*}=${t:--}"
    done
    line+=" box=$(awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat)"
    echo "$line"
    sleep 0.5
  done
) > "$samples" &
sampler=$!
wait $gen
rc=$?
wait $sampler
sed -n '/^=== group fan-out/,/^window-epoch-ms/p' "$log"
[ $rc = 0 ] || { echo "[$tag] generator exited $rc:"; tail -20 "$log"; exit 1; }

read -r start end delivered < <(awk '/^window-epoch-ms/ {print $2, $3, $5}' "$log")
[ -n "${start:-}" ] || { echo "[$tag] no window in the log"; exit 1; }
# From the first sample at or after the window's start to the last at or before its end.
awk -v start="$start" -v end="$end" -v delivered="$delivered" -v hz="$(getconf CLK_TCK)" '
  $1 >= start && first == "" { first = $0 }
  $1 <= end { last = $0 }
  END {
    if (first == "" || last == "") { print "no CPU samples inside the window"; exit 1 }
    n = split(first, a, " "); split(last, b, " ")
    seconds = (b[1] - a[1]) / 1000
    if (seconds <= 0) { print "window too short for the samples"; exit 1 }
    rate = delivered / ((end - start) / 1000)
    printf "CPU over %.1f s of the measured window (%.0f member deliveries/s):\n", seconds, rate
    for (i = 2; i <= n; i++) {
      split(a[i], x, "="); split(b[i], y, "=")
      if (x[1] == "box") { box = (y[2] - x[2]) / hz / seconds; continue }
      if (x[2] == "-" || y[2] == "-") { printf "  %-24s gone during the window\n", x[1]; continue }
      cores = (y[2] - x[2]) / hz / seconds
      total += cores
      printf "  %-24s %5.2f cores  %7.3f ms per delivery\n", x[1], cores, (rate > 0) ? cores * 1000 / rate : 0
    }
    printf "  %-24s %5.2f cores  %7.3f ms per delivery\n", "total", total, (rate > 0) ? total * 1000 / rate : 0
    printf "  %-24s %5.2f cores (every process on the machine)\n", "machine busy", box
  }' "$samples"
