#!/usr/bin/env python3
"""Imports a netprep CSV export (Anki's text format) with the official Anki library and checks it.

Run:  pip install -r scripts/anki/requirements.txt
      python3 scripts/anki/check_csv.py EXPECT.json CARDS.txt

EXPECT.json is written by Tests/ExportTests (AnkiImportTests), in the same shape check_apkg.py
reads, with the stock note types "Basic" and "Cloze". The file is imported into a new
collection with the options Anki reads from the file's own header lines, checked, then
imported again: the GUID column must make the second import update, not duplicate.
"""

import json
import os
import sys
import tempfile

from anki.collection import Collection
from anki.import_export_pb2 import ImportCsvRequest

from check_apkg import check, check_collection
import check_apkg


def import_csv(col, path):
    metadata = col.get_csv_metadata(path, None)
    return col.import_csv(ImportCsvRequest(path=path, metadata=metadata)), metadata


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    with open(sys.argv[1]) as handle:
        expect = json.load(handle)
    path = sys.argv[2]
    with tempfile.TemporaryDirectory() as directory:
        col = Collection(os.path.join(directory, "check.anki2"))
        try:
            log, metadata = import_csv(col, path)
            check(metadata.is_html, "header: html not recognised")
            check(metadata.guid_column == 1, f"header: guid column {metadata.guid_column}")
            check(metadata.tags_column == 6, f"header: tags column {metadata.tags_column}")
            check(len(log.log.new) == expect["notes"], f"first import: {len(log.log.new)} new notes")
            check_collection(col, expect, "first import")
            log, _ = import_csv(col, path)
            check(len(log.log.new) == 0, f"second import: {len(log.log.new)} new notes")
            check_collection(col, expect, "second import")
        finally:
            col.close()
    print(f"anki: {check_apkg.passed} checks passed, {len(check_apkg.failures)} checks failed")
    return 1 if check_apkg.failures else 0


if __name__ == "__main__":
    sys.exit(main())
