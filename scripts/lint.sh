#!/usr/bin/env bash
# Checks the code against .swift-format (swift-format ships with the Swift toolchain).
# `swift format format --in-place --recursive Sources Tests Package.swift` fixes what it reports.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --recursive Sources Tests Package.swift
echo "swift-format: clean"
