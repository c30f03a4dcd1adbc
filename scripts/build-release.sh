#!/usr/bin/env bash
# The release build that the README's start-up and benchmark numbers come from.
# - A static Swift runtime and Foundation: each command starts in about half the time.
# - Every module, dependencies included, names a concrete generic type's metadata by calling its
#   accessor instead of by a mangled name that the runtime decodes on first use. Decoding checks
#   the type's generic requirements, and the first check of each conformance scans all 12,000
#   conformance records of the static binary: a quarter of a search's instructions (callgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift build -c release --static-swift-stdlib --product netprep \
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors "$@"
