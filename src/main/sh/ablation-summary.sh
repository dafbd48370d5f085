#!/usr/bin/env bash
# One line per ablation row and variant, read from the reports the rows wrote (runs/<row>/dev/table.md and
# runs/<row>/table.md): English dev accuracy (the selection criterion), its difference to the baseline, the test
# avg over the 8 languages, its difference and both paired p-values.
# Usage: src/main/sh/ablation-summary.sh [RUNS_DIR [PREFIX]]   (PREFIX as boe-ablation.sh's, e.g. dkb-)
set -euo pipefail
runs="${1:-runs}"
prefix="${2:-}"
printf '%-22s %-8s %-14s %-8s %-14s %-8s %-8s %-8s\n' row variant "en-dev" "Δdev" "test avg" "Δavg" "p(t)" "p(flip)"
for dir in "$runs"/"$prefix"abl*/; do
  row=$(basename "$dir")
  [[ -f $dir/table.md && -f $dir/dev/table.md ]] || continue
  for v in boe boe-emb boe-att; do
    dev=$(awk -F'|' -v v=" $v " '$2 == v {print $3; exit}' "$dir/dev/table.md" | xargs)
    [[ -n $dev ]] || continue
    ddev=$(awk -F'|' -v v=" $v " '$2 == v && $3 ~ /en-dev/ {print $5; exit}' "$dir/dev/table.md" | xargs)
    avg=$(awk -F'|' -v v=" $v " '$2 == v {print $11; exit}' "$dir/table.md" | xargs)
    sig=$(awk -F'|' -v v=" $v " '$2 == v && $3 == " avg " {print $5 "|" $7 "|" $8; exit}' "$dir/table.md")
    IFS='|' read -r davg pt pf <<< "$sig"
    printf '%-22s %-8s %-14s %-8s %-14s %-8s %-8s %-8s\n' "$row" "$v" "$dev" "$(echo $ddev)" "$avg" \
      "$(echo $davg)" "$(echo $pt)" "$(echo $pf | cut -d' ' -f1)"
  done
done
