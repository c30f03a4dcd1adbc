#!/usr/bin/env python3
"""Imports a netprep .apkg into a new Anki collection, answers cards there, and exports the
collection again as a legacy .apkg: Anki's side of the round trip back to netprep.

Run:  pip install -r scripts/anki/requirements.txt
      python3 scripts/anki/review_in_anki.py IN.apkg OUT.apkg GUID:EASE [GUID:EASE ...]

Each GUID:EASE answers every card of that note once with EASE (1 again ... 4 easy), using
Anki's own scheduler (FSRS on). Tests/ExportTests (AnkiImportTests) then reads OUT.apkg with
AnkiHistoryImport and checks that these answers became netprep reviews.
"""

import os
import sys
import tempfile

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ExportAnkiPackageOptions


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    source, target = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as directory:
        col = Collection(os.path.join(directory, "roundtrip.anki2"))
        try:
            col.set_config("fsrs", True)
            options = ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False)
            col.import_anki_package(ImportAnkiPackageRequest(package_path=source, options=options))
            answered = 0
            for answer in sys.argv[3:]:
                guid, ease = answer.rsplit(":", 1)
                nid = col.db.scalar("select id from notes where guid = ?", guid)
                if nid is None:
                    print(f"no note with guid {guid}")
                    return 1
                for card in col.get_note(nid).cards():
                    card.start_timer()
                    col.sched.answerCard(card, int(ease))
                    answered += 1
            export = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False, with_media=True, legacy=True)
            col.export_anki_package(out_path=target, options=export, limit=None)
            print(f"answered {answered} cards in Anki; revlog has {col.db.scalar('select count() from revlog')} rows")
        finally:
            col.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
