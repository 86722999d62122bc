#!/usr/bin/env bash
# The search benchmark: generates the 10,000-section corpus, builds it with and without search
# (median wall time, CPU time and peak RSS of RUNS builds each), then measures recall, ranking
# and first-query bytes in headless Chromium (bench/measure.js).
#
#   bench/search.sh [OUT_DIR] [RUNS]      default OUT_DIR=/tmp/gazette-bench, RUNS=5
#
# Builds write to OUT_DIR; put it on tmpfs (e.g. /dev/shm/gazette-bench) to keep disk noise
# out of the timings.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-/tmp/gazette-bench}")
runs=${2:-5}

cargo build --release --locked --quiet
bin=$PWD/target/release/gazette
if [ ! -f "$out/queries.json" ]; then
  python3 bench/search_corpus.py "$out"
fi
# The same content without search.
rm -rf "$out/nosearch" && mkdir -p "$out/nosearch"
cp -r "$out/site/content" "$out/nosearch/"
{ echo "search: false"; cat "$out/site/site.yaml"; } > "$out/nosearch/site.yaml"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
build() { # site-folder label: one timed build, appended to time-LABEL.txt
  /usr/bin/time -f "%e %U %S %M" -a -o "$out/time-$2.txt" "$bin" build --root "$1" --output "$out/public-$2" >/dev/null
}
summary() { # label
  local log="$out/time-$1.txt"
  printf '%-10s wall %6ss  cpu %6ss  peak RSS %5s MB   (median of %s)\n' "$1" \
    "$(cut -d' ' -f1 "$log" | median)" \
    "$(awk '{print $2 + $3}' "$log" | median)" \
    "$(awk '{print int($4 / 1024)}' "$log" | median)" "$runs"
}
echo "== build (10,000 sections)"
rm -f "$out/time-without.txt" "$out/time-with.txt"
# Alternate, so both see the same machine load.
for _ in $(seq "$runs"); do
  build "$out/nosearch" without
  build "$out/site" with
done
summary without
summary with
echo "index: $(du -sh --apparent-size "$out/public-with/search/s" | cut -f1) in $(ls "$out/public-with/search/s" | wc -l) shards;" \
  "documents: $(du -sh --apparent-size "$out/public-with/search/d" | cut -f1)"

rm -rf "$out/public" && mv "$out/public-with" "$out/public"
echo "== search in headless Chromium"
node bench/measure.mjs "$out"
