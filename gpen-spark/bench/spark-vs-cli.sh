#!/usr/bin/env bash
# Throughput of `gpen4j spark` in local[2] and local[1] against `gpen4j restore` (the CLI batch) on
# sets of 50 photos from ../shared (each 50: 17 astronaut, 17 Grace Hopper, 16 face-less coffee
# cups: 34 faces), same machine, same model (GPEN-BFR-256-randw by default), alternated ROUNDS
# times. Each line gives the wall time of the whole command (JVM, Spark and model start included),
# the photos per second, the CPU seconds the process used (user + system: less sensitive than wall
# time to a busy machine), the peak RSS of the process (in local mode the executor is that JVM), the
# load average and the command's own summary line, whose time is the job alone (Spark: from the
# session being up).
#
# With PHOTOS=50,250 each command runs on both sets in turn, and the end of each round gives its
# marginal throughput, (250 - 50) photos / (wall time at 250 - wall time at 50): the rate once the
# fixed costs (JVM, Spark session, model load, warm-up) are paid, which is what an archive of
# thousands of photos gets; and the same in CPU seconds.
#
#   gpen-spark/bench/spark-vs-cli.sh [ROUNDS] [MODEL]   # from anywhere; default 2 rounds, GPEN-BFR-256-randw
#   ONLY=spark2 gpen-spark/bench/spark-vs-cli.sh 1 GPEN-BFR-512-randw.onnx   # one command: cli, spark2 or spark1
#   ONLY="cli2 spark2" ...   # cli: the CLI batch with --jobs 1 (one photo at a time on every core);
#                            # cli2: --jobs 2 (two photos at once, one thread each: restore's default
#                            # for a folder with a model of 256 px or less on 2+ cores)
#   ONLY="cli spark2" PHOTOS=50,250 gpen-spark/bench/spark-vs-cli.sh 2   # marginal throughput
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${GPEN4J_SHARED:-$root/../shared}
rounds=${1:-2}
model=${2:-$shared/models/bench/GPEN-BFR-256-randw.onnx}
only=${ONLY:-cli spark2 spark1}
IFS=, read -r -a sizes <<< "${PHOTOS:-50}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The set of N photos (N a multiple of 50) in $work/photos-N.
make_set() {
  local n=$1 dir=$work/photos-$1 b i
  mkdir -p "$dir"
  for b in $(seq 1 $((n / 50))); do
    for i in $(seq -w 1 17); do
      cp "$shared/images/astronaut.png" "$dir/astronaut-$b-$i.png"
      cp "$shared/images/grace_hopper.jpg" "$dir/grace-$b-$i.jpg"
    done
    for i in $(seq -w 1 16); do cp "$shared/images/no_face_coffee.png" "$dir/coffee-$b-$i.png"; done
  done
}
for n in "${sizes[@]}"; do
  if [ $((n % 50)) -ne 0 ] || [ "$n" -le 0 ]; then echo "PHOTOS: multiples of 50, got $n" >&2; exit 64; fi
  make_set "$n"
done

declare -A wall cpu
run() {
  local name=$1 n=$2
  shift 2
  rm -rf "$work/out"
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M %U %S" -o "$work/rss" "$@" > "$work/log" 2>&1 || { echo "$name failed:"; tail -20 "$work/log"; }
  t1=$(date +%s.%N)
  local s rss c
  s=$(echo "$t1 - $t0" | bc)
  read -r rss user sys < "$work/rss"
  c=$(echo "$user + $sys" | bc)
  wall[$name,$n]=$s
  cpu[$name,$n]=$c
  printf '%-16s %4d photos %6.1f s  %5.2f photos/s  CPU %6.1f s  peak RSS %5d MB  load %s  %s\n' "$name" "$n" "$s" \
    "$(echo "$n / $s" | bc -l)" "$c" $((rss / 1024)) "$(cut -d' ' -f1 /proc/loadavg)" \
    "$(grep -h '^Summary' "$work/log" | head -1)"
}

command_for() {
  local name=$1 n=$2
  case $name in
    cli) echo "$root/gpen4j restore $work/photos-$n -o $work/out --model $model --progress none --jobs 1" ;;
    cli2) echo "$root/gpen4j restore $work/photos-$n -o $work/out --model $model --progress none --jobs 2" ;;
    spark2) echo "$root/gpen4j spark $work/photos-$n -o $work/out --model $model --master local[2]" ;;
    spark1) echo "$root/gpen4j spark $work/photos-$n -o $work/out --model $model --master local[1]" ;;
    *) echo "ONLY: cli, cli2, spark2 or spark1, got $name" >&2; exit 64 ;;
  esac
}

"$root/gpen4j" --version > /dev/null   # builds the tool once, outside the timings
echo "model $(basename "$model"), $(nproc) cores, sets of ${sizes[*]} photos, commands: $only"
for r in $(seq 1 "$rounds"); do
  for name in $only; do
    for n in "${sizes[@]}"; do
      # shellcheck disable=SC2046 # the paths have no blanks (mktemp, ../shared)
      run "$name" "$n" $(command_for "$name" "$n")
    done
  done
  if [ "${#sizes[@]}" -ge 2 ]; then
    lo=${sizes[0]}
    hi=${sizes[${#sizes[@]}-1]}
    for name in $only; do
      printf 'round %d  %-8s marginal %5.2f photos/s (wall), %5.3f CPU s per photo\n' "$r" "$name" \
        "$(echo "($hi - $lo) / (${wall[$name,$hi]} - ${wall[$name,$lo]})" | bc -l)" \
        "$(echo "(${cpu[$name,$hi]} - ${cpu[$name,$lo]}) / ($hi - $lo)" | bc -l)"
    done
  fi
done
