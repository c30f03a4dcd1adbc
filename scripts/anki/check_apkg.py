#!/usr/bin/env python3
"""Imports a netprep .apkg with the official Anki library and checks what arrived.

Run:  pip install -r scripts/anki/requirements.txt
      python3 scripts/anki/check_apkg.py EXPECT.json FIRST.apkg [UPDATED.apkg]
      python3 scripts/anki/check_apkg.py --self ANY.apkg   (expectations read from the package)

EXPECT.json is written by Tests/ExportTests (AnkiImportTests). It names the notes (by GUID)
with their note type, deck, tags and text, the cards per note, the decks, and for reviewed
cards the revlog count, FSRS memory state and due day. The script imports FIRST.apkg into a
new collection with "Import any learning progress" on, checks it, imports it again (nothing
may be added), then imports UPDATED.apkg, whose edited notes must be updated in place with
their progress kept. Exit status 0 when every check passes.
"""

import json
import os
import sys
import tempfile

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

failures = []
passed = 0


def check(condition, message):
    global passed
    if condition:
        passed += 1
    else:
        failures.append(message)
        print("FAIL:", message)


def import_package(col, path):
    options = ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False, merge_notetypes=False)
    request = ImportAnkiPackageRequest(package_path=path, options=options)
    return col.import_anki_package(request)


def check_deck_options(path, want, directory):
    """Anki takes the package's "netprep" deck options (FSRS weights, desired retention) when
    deck options are imported, and the netprep decks use them."""
    col = Collection(os.path.join(directory, "options.anki2"))
    try:
        col.set_config("fsrs", True)
        options = ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, merge_notetypes=False)
        col.import_anki_package(ImportAnkiPackageRequest(package_path=path, options=options))
        for deck in col.decks.all_names_and_ids():
            if not deck.name.startswith("netprep"):
                continue
            conf = col.decks.config_dict_for_deck_id(deck.id)
            weights = conf.get("fsrsParams6") or []
            close = len(weights) == len(want["fsrsParams6"]) and all(
                abs(a - b) < 1e-4 for a, b in zip(weights, want["fsrsParams6"]))
            check(close, f"deck {deck.name!r}: FSRS weights {weights}, expected {want['fsrsParams6']}")
            retention = conf.get("desiredRetention")
            check(abs(retention - want["desiredRetention"]) < 1e-6,
                  f"deck {deck.name!r}: desired retention {retention}, expected {want['desiredRetention']}")
    finally:
        col.close()


def note_by_guid(col, guid):
    nid = col.db.scalar("select id from notes where guid = ?", guid)
    return col.get_note(nid) if nid else None


def check_collection(col, expect, label):
    check(col.note_count() == expect["notes"], f"{label}: {col.note_count()} notes, expected {expect['notes']}")
    check(col.card_count() == expect["cards"], f"{label}: {col.card_count()} cards, expected {expect['cards']}")
    names = {d.name for d in col.decks.all_names_and_ids()}
    for deck in expect["decks"]:
        check(deck in names, f"{label}: deck {deck!r} missing (have {sorted(names)})")
    notetypes = {m.name for m in col.models.all_names_and_ids()}
    for name in expect["notetypes"]:
        check(name in notetypes, f"{label}: note type {name!r} missing (have {sorted(notetypes)})")
    for guid, want in expect["by_guid"].items():
        note = note_by_guid(col, guid)
        check(note is not None, f"{label}: no note with guid {guid} ({want['id']})")
        if note is None:
            continue
        check(note.note_type()["name"] == want["notetype"], f"{label}: {want['id']} note type {note.note_type()['name']}")
        cards = note.cards()
        check(len(cards) == want["cards"], f"{label}: {want['id']} has {len(cards)} cards, expected {want['cards']}")
        for card in cards:
            deck = col.decks.name(card.did)
            check(deck == want["deck"], f"{label}: {want['id']} in deck {deck!r}, expected {want['deck']!r}")
        check(sorted(note.tags) == sorted(want["tags"]), f"{label}: {want['id']} tags {note.tags}, expected {want['tags']}")
        for text in want["contains"]:
            check(text in note.fields[0] + note.fields[1], f"{label}: {want['id']} lacks {text!r}")
        for text in want.get("absent", []):
            joined = "\x1f".join(note.fields)
            check(text not in joined, f"{label}: {want['id']} still holds {text!r}")
        if note.note_type()["type"] == 1:
            # Every card renders: a cloze card with no matching deletion would be empty.
            for card in cards:
                check("cloze" in card.question(), f"{label}: {want['id']} card {card.ord} shows no deletion")


def check_progress(col, expect, label):
    today = col.sched.today
    for guid, want in expect["reviewed"].items():
        note = note_by_guid(col, guid)
        if note is None:
            check(False, f"{label}: reviewed note {guid} missing")
            continue
        for card in note.cards():
            revlog = col.db.list("select ease from revlog where cid = ? order by id", card.id)
            check(revlog == want["ratings"], f"{label}: {want['id']} revlog ratings {revlog}, expected {want['ratings']}")
            check(card.type == want["type"], f"{label}: {want['id']} card type {card.type}, expected {want['type']}")
            check(card.reps == want["reps"], f"{label}: {want['id']} reps {card.reps}, expected {want['reps']}")
            check(card.lapses == want["lapses"], f"{label}: {want['id']} lapses {card.lapses}, expected {want['lapses']}")
            state = card.memory_state
            if label == "first import":
                print(f"{want['id']} card {card.ord}: type {card.type} queue {card.queue} due {card.due} "
                      f"(today {today}) ivl {card.ivl} reps {card.reps} lapses {card.lapses} revlog {revlog} "
                      f"memory {state and (round(state.stability, 4), round(state.difficulty, 4))} data {card.custom_data!r}")
            check(state is not None, f"{label}: {want['id']} has no FSRS memory state")
            if state is not None:
                check(abs(state.stability - want["stability"]) < 0.01,
                      f"{label}: {want['id']} stability {state.stability}, expected {want['stability']}")
                check(abs(state.difficulty - want["difficulty"]) < 0.01,
                      f"{label}: {want['id']} difficulty {state.difficulty}, expected {want['difficulty']}")
            if card.queue == 2:
                days = card.due - today
                check(abs(days - want["due_in_days"]) <= 1,
                      f"{label}: {want['id']} due in {days} days, expected {want['due_in_days']}")
    for guid in expect.get("new", []):
        note = note_by_guid(col, guid)
        if note is None:
            continue
        for card in note.cards():
            check(card.type == 0 and card.queue == 0, f"{label}: {guid} should be new, is type {card.type}")
            check(col.db.scalar("select count() from revlog where cid = ?", card.id) == 0,
                  f"{label}: {guid} should have no reviews")


def expectation_from_package(path):
    """What the package itself says it holds, for checking any export (`--self`)."""
    import sqlite3
    import zipfile

    with tempfile.TemporaryDirectory() as directory:
        with zipfile.ZipFile(path) as archive:
            archive.extract("collection.anki2", directory)
        db = sqlite3.connect(os.path.join(directory, "collection.anki2"))
        models = json.loads(db.execute("select models from col").fetchone()[0])
        decks = json.loads(db.execute("select decks from col").fetchone()[0])
        by_guid = {}
        for nid, guid, mid, tags, flds in db.execute("select id, guid, mid, tags, flds from notes"):
            rows = db.execute("select did from cards where nid = ?", (nid,)).fetchall()
            by_guid[guid] = {
                "id": guid, "notetype": models[str(mid)]["name"], "cards": len(rows),
                "deck": decks[str(rows[0][0])]["name"], "tags": tags.split(), "contains": [flds.split("\x1f")[0]],
            }
        expect = {
            "notes": len(by_guid), "cards": db.execute("select count() from cards").fetchone()[0],
            "revlog": db.execute("select count() from revlog").fetchone()[0],
            "decks": sorted({v["deck"] for v in by_guid.values()}),
            "notetypes": sorted({v["notetype"] for v in by_guid.values()}),
            "by_guid": by_guid, "reviewed": {}, "new": [],
        }
        db.close()
    return expect


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    if sys.argv[1] == "--self":
        expect = expectation_from_package(sys.argv[2])
    else:
        with open(sys.argv[1]) as handle:
            expect = json.load(handle)
    first = sys.argv[2]
    updated = sys.argv[3] if len(sys.argv) > 3 else None
    with tempfile.TemporaryDirectory() as directory:
        col = Collection(os.path.join(directory, "check.anki2"))
        try:
            col.set_config("fsrs", True)
            import_package(col, first)
            check_collection(col, expect, "first import")
            check_progress(col, expect, "first import")
            for name in expect.get("media", []):
                check(os.path.exists(os.path.join(col.media.dir(), name)), f"first import: media file {name} missing")
            revlog = col.db.scalar("select count() from revlog")
            check(revlog == expect["revlog"], f"first import: {revlog} revlog rows, expected {expect['revlog']}")

            import_package(col, first)
            check_collection(col, expect, "second import")
            check(col.db.scalar("select count() from revlog") == revlog, "second import: revlog grew")

            if updated:
                import_package(col, updated)
                check_collection(col, expect["after_update"], "updated import")
                check_progress(col, expect, "updated import")
            if "deck_options" in expect:
                check_deck_options(first, expect["deck_options"], directory)
            problems = col.fix_integrity()
            print("check database:", problems[0].replace("\n", " ") if problems else "nothing")
        finally:
            col.close()
    print(f"anki: {passed} checks passed, {len(failures)} checks failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
