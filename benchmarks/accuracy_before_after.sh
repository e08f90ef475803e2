#!/usr/bin/env bash
# Accuracy of the engine just before and just after each given commit, with that commit's own
# benchmarks/accuracy.py for both runs (so a change of the harness cannot pass for a change of
# the engine). Shows that speed work left accuracy unchanged (BENCHMARKS.md, Speed).
#
#   benchmarks/accuracy_before_after.sh 530aa4f 81472c7 ...
#
# Runs in a temporary git worktree; the bench data is read from ../shared/bench as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
python="$repo/.venv/bin/python"
bench="$(cd "$repo/.." && pwd)/shared/bench"
tree=$(mktemp -d /tmp/wirediff-accuracy.XXXXXX)
trap 'git -C "$repo" worktree remove --force "$tree" >/dev/null 2>&1 || true; rm -rf "$tree"' EXIT
git worktree add --quiet --detach "$tree" HEAD

figures() {  # the wirediff rows of one run, on one line
  (cd "$tree" && "$python" -m benchmarks.accuracy --no-baselines --bench-dir "$bench" 2>&1) |
    awk '/^### /{name=$2} /^\| wirediff/{sub(/^\| wirediff \| /, ""); printf "%s: %s ", name, $0} END{print ""}'
}

printf 'argrewrite: link P | R | F1 | label macro-F1; aesop: the same; meter: B-sentence macro-F1 | by ops | article macro-F1; msrp: accuracy | F1\n'
for commit in "$@"; do
  git -C "$tree" checkout --quiet --detach "$commit^"
  git -C "$tree" show "$commit:benchmarks/accuracy.py" >"$tree/benchmarks/accuracy.py"
  printf '%s^ (before)  %s\n' "$commit" "$(figures)"
  git -C "$tree" checkout --quiet --force --detach "$commit"
  printf '%s  (after)   %s\n' "$commit" "$(figures)"
done
