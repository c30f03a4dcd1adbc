#!/usr/bin/env bash
# Tries to lose a learner's reviews and prints what happened: concurrent writers, kill -9
# during import, corrupt databases, hostile packages, a full disk (scripts/reliability.py),
# then every fuzz harness for FUZZ_SECONDS each (scripts/fuzz.sh). Exits 1 on any review lost,
# crash or fuzz finding.
#   scripts/reliability.sh [NETPREP_BINARY]      FUZZ_SECONDS=20 by default; 0 skips fuzzing
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-.build/debug/netprep}"
[ -x "$binary" ] || swift build
status=0
python3 scripts/reliability.py "$binary" || status=1
if [ "${FUZZ_SECONDS:-20}" != "0" ]; then
  echo
  scripts/fuzz.sh "${FUZZ_SECONDS:-20}" || status=1
fi
exit $status
