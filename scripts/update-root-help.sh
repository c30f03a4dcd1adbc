#!/usr/bin/env bash
# Writes Sources/netprep/Support/RootHelp.swift from ArgumentParser's own root help, as
# `netprep help netprep` prints it: at 80 columns, and unwrapped. Run it after changing a
# subcommand's abstract or the tool's discussion (CLITests' rootHelpReadsAsArgumentParserWritesIt
# fails until then).
#   scripts/update-root-help.sh [path/to/netprep]   (default: .build/debug/netprep)
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-.build/debug/netprep}"
[ -x "$binary" ] || { echo "no netprep at $binary: build it first (swift build)" >&2; exit 1; }
COLUMNS=80 "$binary" help netprep > /tmp/netprep-help-80.$$
COLUMNS=100000 "$binary" help netprep > /tmp/netprep-help-wide.$$
python3 - "$binary" /tmp/netprep-help-80.$$ /tmp/netprep-help-wide.$$ > Sources/netprep/Support/RootHelp.swift <<'PY'
import sys
at80 = open(sys.argv[2], encoding="utf-8").read()
wide = open(sys.argv[3], encoding="utf-8").read()
for text in (at80, wide):
    assert text.endswith("\n") and '"""#' not in text
at80, wide = at80[:-1], wide[:-1]
widest = max(len(line) for line in wide.split("\n"))
def literal(text):
    return '#"""\n' + "\n".join(("        " + line) if line else "" for line in text.split("\n")) + '\n        """#'
print(f'''// Written by scripts/update-root-help.sh from `netprep help netprep`; do not edit by hand.

/// `netprep --help` as ArgumentParser writes it, for the widths most terminals and every pipe
/// have: 80 columns, and any width at which no line wraps.
///
/// Printed without ArgumentParser's help generator, which reflects the command with `Mirror`: the
/// standard library's generic types behind `Mirror` cost scans of the binary's 12,000
/// conformance records, 9.6M of `--help`'s 13.7M instructions (callgrind). Other widths, and
/// `netprep help NAME`, go through ArgumentParser. CLITests compare the two at every width
/// from 60 to 140 columns.
enum RootHelp {{
    /// The longest line of the unwrapped help, in columns.
    static let widest = {widest}

    /// The help at exactly 80 columns.
    static let at80 = {literal(at80)}

    /// The help at `widest` columns or more.
    static let unwrapped = {literal(wide)}

    /// The help for a terminal `columns` wide, when it is one of the two kept here.
    static func text(columns: Int) -> String? {{
        if columns == 80 {{ return at80 }}
        return columns >= widest ? unwrapped : nil
    }}
}}''')
PY
rm -f /tmp/netprep-help-80.$$ /tmp/netprep-help-wide.$$
echo "wrote Sources/netprep/Support/RootHelp.swift" >&2
