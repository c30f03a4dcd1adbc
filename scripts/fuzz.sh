#!/usr/bin/env bash
# Builds the libFuzzer harnesses of Fuzz/ (every parser of outside input) with
# -sanitize=fuzzer,address into .build-fuzz, runs each for SECONDS (default 60) from its seed
# corpus in Fuzz/Corpus, and prints one line per harness: executions and crashes.
# A crash's input is kept in .build-fuzz/crashes/<harness>/; make it a regression test.
#   scripts/fuzz.sh [SECONDS] [HARNESS...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"; shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(Notes SearchQuery ReviewCSV AnkiPackage HTTP1 HTTP2Frames HPACK DNS)
scratch="$PWD/.build-fuzz"
(cd Fuzz && swift build -c release --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >&2)
bin="$(cd Fuzz && swift build -c release --scratch-path "$scratch" --show-bin-path)"
export SWIFT_BACKTRACE=enable=no   # Swift's crash backtracer would hang under libFuzzer
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
printf '%-12s %12s %8s\n' harness executions crashes
status=0
for name in "${harnesses[@]}"; do
  work="$scratch/corpus/$name"; crashes="$scratch/crashes/$name"
  rm -rf "$crashes"; mkdir -p "$work" "$crashes"
  log="$scratch/fuzz-$name.log"
  # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: one that takes 2 GB is a bomb.
  # Leaks are not checked: Foundation's fileSystemRepresentation (used by ZIPFoundation) leaks
  # a path per call, which is not an input's fault.
  "$bin/Fuzz$name" "$work" "Fuzz/Corpus/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
    -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1 || true
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  found=$(find "$crashes" -type f | wc -l)
  printf '%-12s %12s %8s\n' "$name" "${runs:-0}" "$found"
  [ "$found" -eq 0 ] || status=1
done
exit $status
