#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine with the Swift toolchain lacks: the C libraries netprep
# links (SQLite, cmark-gfm) and the tools its tests and benchmarks call (ripgrep, tmux, Graphviz,
# Chromium with its chromedriver and a CJK font for the browser tests of netprep serve), then
# the Python packages the tests use as independent checkers (scapy, h11, anki, selenium, ...).
set -euo pipefail
packages=(libsqlite3-dev zlib1g-dev libcmark-gfm-dev libcmark-gfm-extensions-dev ripgrep tmux openssl graphviz python3-pip chromium chromium-driver fonts-noto-cjk)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ "${NETPREP_SKIP_PIP:-0}" != "1" ]; then
  for requirements in "$(dirname "$0")"/*/requirements.txt; do
    [ -f "$requirements" ] || continue
    if ! python3 -m pip install -q --disable-pip-version-check -r "$requirements"; then
      # In CI a missing checker fails its tests; say which install failed and stop here.
      if [ "${CI:-}" = "true" ]; then echo "error: could not install $requirements" >&2; exit 1; fi
      echo "warning: could not install $requirements; the tests that need it will be skipped" >&2
    fi
  done
fi
