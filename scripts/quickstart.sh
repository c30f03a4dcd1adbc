#!/usr/bin/env bash
# One command from a fresh clone to a quiz on the built-in notes: install, build, run.
set -euo pipefail
cd "$(dirname "$0")/.."
NETPREP_SKIP_PIP=1 scripts/deps.sh
# A static Swift runtime and Foundation: each command starts in about half the time.
swift build -c release --static-swift-stdlib --product netprep
exec .build/release/netprep "${@:-quiz}"
