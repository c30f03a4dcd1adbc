#!/usr/bin/env bash
# Runs every test: installs what is missing, then swift test (Swift Testing and XCTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build --build-tests
swift test --skip-build "$@"
