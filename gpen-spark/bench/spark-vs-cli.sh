#!/usr/bin/env bash
# Throughput of `gpen4j spark` in local[2] and local[1] against `gpen4j restore` (the CLI batch) on
# 50 photos from ../shared (17 astronaut, 17 Grace Hopper, 16 face-less coffee cups: 34 faces),
# same machine, same model (GPEN-BFR-256-randw), alternated ROUNDS times. Each line gives the wall
# time of the whole command (JVM, Spark and model start included), the photos per second, the
# CPU seconds the process used (user + system: less sensitive than wall time to a busy machine),
# the peak RSS of the process (in local mode the executor is that JVM), the load average and the
# command's own summary line, whose time is the job alone (Spark: from the session being up).
#
#   gpen-spark/bench/spark-vs-cli.sh [ROUNDS] [MODEL]   # from anywhere; default 2 rounds, GPEN-BFR-256-randw
#   ONLY=spark2 gpen-spark/bench/spark-vs-cli.sh 1 GPEN-BFR-512-randw.onnx   # one command: cli, spark2 or spark1
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${GPEN4J_SHARED:-$root/../shared}
rounds=${1:-2}
model=${2:-$shared/models/bench/GPEN-BFR-256-randw.onnx}
only=${ONLY:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
in=$work/photos
mkdir -p "$in"
for i in $(seq -w 1 17); do
  cp "$shared/images/astronaut.png" "$in/astronaut-$i.png"
  cp "$shared/images/grace_hopper.jpg" "$in/grace-$i.jpg"
done
for i in $(seq -w 1 16); do cp "$shared/images/no_face_coffee.png" "$in/coffee-$i.png"; done

run() {
  local name=$1
  shift
  rm -rf "$work/out"
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M %U %S" -o "$work/rss" "$@" > "$work/log" 2>&1 || { echo "$name failed:"; tail -20 "$work/log"; }
  t1=$(date +%s.%N)
  local s rss cpu
  s=$(echo "$t1 - $t0" | bc)
  read -r rss user sys < "$work/rss"
  cpu=$(echo "$user + $sys" | bc)
  printf '%-16s %6.1f s  %5.2f photos/s  CPU %6.1f s  peak RSS %5d MB  load %s  %s\n' "$name" "$s" \
    "$(echo "50 / $s" | bc -l)" "$cpu" $((rss / 1024)) "$(cut -d' ' -f1 /proc/loadavg)" \
    "$(grep -h '^Summary' "$work/log" | head -1)"
}

"$root/gpen4j" --version > /dev/null   # builds the tool once, outside the timings
echo "model $(basename "$model"), $(nproc) cores"
for r in $(seq 1 "$rounds"); do
  if [ -z "$only" ] || [ "$only" = cli ]; then
    run "cli restore" "$root/gpen4j" restore "$in" -o "$work/out" --model "$model" --progress none
  fi
  if [ -z "$only" ] || [ "$only" = spark2 ]; then
    run "spark local[2]" "$root/gpen4j" spark "$in" -o "$work/out" --model "$model" --master 'local[2]'
  fi
  if [ -z "$only" ] || [ "$only" = spark1 ]; then
    run "spark local[1]" "$root/gpen4j" spark "$in" -o "$work/out" --model "$model" --master 'local[1]'
  fi
done
