#!/usr/bin/env bash
# One command from a fresh clone to a quiz on the built-in notes: install, build, run.
set -euo pipefail
cd "$(dirname "$0")/.."
NETPREP_SKIP_PIP=1 scripts/deps.sh
scripts/build-release.sh
exec .build/release/netprep "${@:-quiz}"
