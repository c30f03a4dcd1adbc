#!/bin/bash
# Plays a quiz session as a person would, in tmux at 80x24, and saves the screen at a question
# and at an answer.
#
#   scripts/quiz/tmux-session.sh [NETPREP_BINARY] [OUT_DIR]
#
# Uses a fresh database in OUT_DIR (built-in content indexed by `netprep` itself). Needs tmux.
set -euo pipefail
BIN=${1:-.build/debug/netprep}
OUT=${2:-$(mktemp -d)}
DB="$OUT/quiz.sqlite"
SESSION=netprep-quiz-$$
mkdir -p "$OUT"
command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 1; }

"$BIN" --db "$DB" >/dev/null  # index the built-in content, show the dashboard once
tmux new-session -d -s "$SESSION" -x 80 -y 24 "$BIN quiz --db $DB --new 12; sleep 30"
trap 'tmux kill-session -t $SESSION 2>/dev/null || true' EXIT
wait_for() { for _ in $(seq 50); do tmux capture-pane -p -t "$SESSION" | grep -q "$1" && return 0; sleep 0.2; done; return 1; }

wait_for "show answer"
tmux capture-pane -p -t "$SESSION" > "$OUT/question.txt"
tmux send-keys -t "$SESSION" Space
wait_for "again"
tmux capture-pane -p -t "$SESSION" > "$OUT/answer.txt"
ratings=(3 3 2 4 1 3 3 4 3 2 3 3)
for rating in "${ratings[@]}"; do
  if tmux capture-pane -p -t "$SESSION" | grep -q "type the answer"; then
    tmux send-keys -t "$SESSION" "42" Enter; sleep 0.3; tmux send-keys -t "$SESSION" Space
  else
    tmux send-keys -t "$SESSION" Space; sleep 0.2; tmux send-keys -t "$SESSION" "$rating"
  fi
  sleep 0.3
done
tmux send-keys -t "$SESSION" q
sleep 0.5
tmux capture-pane -p -t "$SESSION" > "$OUT/end.txt"
sqlite3 "$DB" "SELECT count(*) || ' reviews' FROM review" 2>/dev/null || true
echo "screens in $OUT: question.txt answer.txt end.txt"
