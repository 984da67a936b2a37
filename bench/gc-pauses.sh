#!/usr/bin/env bash
# usage: bench/gc-pauses.sh LOG [FROM_SECONDS]
# Sums up the young pauses of a G1 log written with -Xlog:gc,gc+phases=debug:file=LOG (as
# bench/open.sh passes on to the server), from FROM_SECONDS after the JVM started (default 0;
# bench/open.sh's measured 20 s begin about 27 s in, after its warm-up at 400/s): how many, their
# median and longest, their sum, the median time they spent copying live objects ("Object Copy",
# the mean over the collector's workers), and the heap G1 had committed.
set -u
LOG=$1; FROM=${2:-0}
awk -v from="$FROM" '
  match($0, /^\[[0-9.]+s\]/) { t = substr($0, 2, RLENGTH - 3) + 0 }
  t < from { next }
  /Pause Young/ && / [0-9.]+ms$/ {
    ms = $NF; sub(/ms$/, "", ms); print "pause", ms
    if (match($0, /\([0-9]+M\) /)) print "heap", substr($0, RSTART + 1, RLENGTH - 4)
  }
  /Object Copy \(ms\):/ { if (match($0, /Avg: *[0-9.]+/)) { a = substr($0, RSTART, RLENGTH); sub(/Avg: */, "", a); print "copy", a } }
' "$LOG" | sort -k1,1 -k2,2n | awk '
  { v[$1, ++n[$1]] = $2; s[$1] += $2 }
  function median(k) { return n[k] % 2 ? v[k, (n[k] + 1) / 2] : (v[k, n[k] / 2] + v[k, n[k] / 2 + 1]) / 2 }
  END {
    if (!n["pause"]) { print "no young pauses"; exit 1 }
    printf "young pauses %d, median %.1f ms, longest %.1f ms, %.0f ms in all; copying median %.1f ms; heap committed %d to %d MiB\n",
      n["pause"], median("pause"), v["pause", n["pause"]], s["pause"], n["copy"] ? median("copy") : 0, v["heap", 1], v["heap", n["heap"]]
  }'
