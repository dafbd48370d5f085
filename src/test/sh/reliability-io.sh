#!/usr/bin/env bash
# Manual checks of docs/reliability.md, "Input, output and paths", for the cases that need the real M-BERT model
# and so are not fast tests (the fast ones are named in the table). Each check prints PASS or FAIL; the script
# exits non-zero if one failed. Run from anywhere; it works in a fresh temporary directory.
#
#   src/test/sh/reliability-io.sh [MODEL_DIR]      default: runs/demo/models/boe/seed-1 of the repository
#   (a frozen-encoder model from `./boe4j demo`, or any `experiment` run; a French KB is needed: --lang fr)
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
boe4j="$repo/boe4j"
model="$(cd "${1:-$repo/runs/demo/models/boe/seed-1}" && pwd)"
export BOE4J_HEAP="${BOE4J_HEAP:-3g}" BOE4J_OFFHEAP="${BOE4J_OFFHEAP:-6g}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
failed=0
check() {   # check NAME CONDITION...: PASS when the condition (a command) succeeds
  local name="$1"; shift
  if "$@"; then echo "PASS  $name"; else echo "FAIL  $name"; failed=1; fi
}

# 1. relative paths are the caller's (issue 16 defect 1): the repository has its own README.md, 50+ lines
printf 'Le Louvre est à Paris.\n' > README.md
"$boe4j" predict --model "$model" --lang fr --file README.md > readme.out 2> readme.err
check "predict --file README.md reads the caller's one-line file" test "$(wc -l < readme.out)" -eq 1
check "  ... and prints its text" grep -q $'\tLe Louvre est à Paris.$' readme.out
"$boe4j" audit "Le Louvre." --out audit-out > /dev/null 2>&1
check "audit --out DIR writes DIR in the caller's directory" test -f audit-out/index.json
check "  ... not in the repository" test ! -e "$repo/audit-out"

# 2. quiet: nothing but the model line on stderr, JSON lines only on stdout (defect 10, issue 14)
"$boe4j" predict --model "$model" --lang fr --json --file README.md > quiet.out 2> quiet.err
check "predict --json: stderr is the model line only" test "$(grep -vc '^model: ' quiet.err)" -eq 0
check "predict --json: stdout is one JSON object per line" \
  bash -c "grep -vc '^{.*}$' quiet.out | grep -qx 0"

# 3. a long text: cut, said so, entities from the part read (defect 7)
python3 -c "print('Le Louvre est à Paris, en France. ' * 150000)" > big.txt    # 5 MB, one line
"$boe4j" predict --model "$model" --lang fr --json --entities --file big.txt > big.out 2> big.err
check "a 5 MB text: a note on stderr" grep -q '^note: text 1 is longer than the model' big.err
check "  ... \"truncated\":true and encodedChars in the JSON line" grep -q '"truncated":true,"encodedChars":' big.out
check "  ... every entity ends inside the encoded part" python3 -c "
import json; o = json.load(open('big.out')); assert o['entities'] and all(e['end'] <= o['encodedChars'] for e in o['entities'])"
head -c 200000 big.txt > explain.txt
"$boe4j" explain --model "$model" --lang fr --file explain.txt > explain.out 2>&1
check "explain --file reads a 200 KB text and says where the read part ends" grep -q 'only characters \[0, ' explain.out

# 4. a batch that does not fit (defect 6): 256 texts of 128 word pieces, 2.5 GB of native memory
python3 -c "print(('Le Louvre est à Paris, en France. ' * 20 + '\n') * 256, end='')" > batch.txt
BOE4J_HEAP=1g BOE4J_OFFHEAP=2500m "$boe4j" predict --model "$model" --lang fr --batch 256 --file batch.txt \
  > batch.out 2> batch.err
check "predict --batch 256 out of memory: one message naming --batch and BOE4J_OFFHEAP" \
  grep -q 'out of memory while predicting a batch of 256 texts.*--batch.*BOE4J_OFFHEAP' batch.err
check "  ... and no stack trace" bash -c "! grep -q \$'^\tat ' batch.err"

# 5. the command line is read as UTF-8 whatever the locale; bytes that are not UTF-8 are refused (defect 12)
LC_ALL=C "$boe4j" predict --model "$model" --lang fr "Le Louvre est à Paris." > c-locale.out 2>/dev/null
check "LC_ALL=C: a non-ASCII argument arrives intact" grep -q $'\tLe Louvre est à Paris.$' c-locale.out
"$boe4j" predict --model "$model" --lang fr $'caf\xe9' > latin1.out 2> latin1.err
check "an argument in Latin-1 is refused with exit code 2" test $? -eq 2 -a ! -s latin1.out
check "  ... naming the argument" grep -q 'command-line argument 6 is not valid UTF-8' latin1.err

exit $failed
