#!/usr/bin/env bash
# Pagefind side by side (benchmark only, never a gazette dependency): indexes the build without
# search that bench/search.sh left in OUT_DIR/public-without with Pagefind from PyPI
# (pagefind-bin-extended, in a throwaway virtualenv), times it, and runs the same queries.
#
#   bench/pagefind.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-/tmp/gazette-bench}")
venv="$out/pagefind-venv"
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q pagefind-bin-extended; }
pagefind=$(find "$venv" -name pagefind_extended -type f | head -1)
rm -rf "$out/pagefind-site" && cp -r "$out/public-without" "$out/pagefind-site"
/usr/bin/time -f "pagefind: wall %es  cpu %Us+%Ss  peak RSS %MkB" "$pagefind" --site "$out/pagefind-site" >/dev/null
echo "index: $(du -sh "$out/pagefind-site/pagefind" | cut -f1)"
node bench/pagefind.mjs "$out/pagefind-site" "$out"
