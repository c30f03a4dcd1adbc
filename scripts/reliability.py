#!/usr/bin/env python3
"""Tries to lose a learner's reviews, and prints one table of what happened.

    python3 scripts/reliability.py NETPREP [--writers 4] [--answers 25] [--kills 12]

Every row must end with 0 lost and 0 crashes; the script exits 1 otherwise.
- concurrent writers: processes answering cards at once (`netprep review`), while an `import`
  of 300 notes and a loop of searches run; every answer given must be in the log afterwards,
  and no process may fail with "database is locked".
- kill -9 during import: an import of a few MB of notes killed at a random moment; the
  database must pass `PRAGMA integrity_check`, keep every review and answer the next search.
- corrupt databases: truncated, overwritten header, overwritten pages, not a database; each
  must give a clear message (never a crash) and be found by `netprep doctor`.
- hostile packages: a zip bomb, entries climbing out of the folder, another schema, a view
  for a table, a stream cut short, not a zip; each refused or read safely, nothing written
  outside, no review lost.
- full disk: answers with a file-size limit just above the database's size; the failure must
  be clear and every earlier answer kept.
"""

import argparse
import io
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile

rows = []


def run(binary, *args, db, timeout=120, **kw):
    return subprocess.run([binary, *args, "--db", db], capture_output=True, text=True, timeout=timeout, **kw)


def reviews(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM review").fetchone()[0]
    finally:
        con.close()


def integrity(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def notes_folder(folder, count, seed):
    rng = random.Random(seed)
    words = "tcp udp handshake window congestion 握手 拥塞 窗口 重传 cookie session dns cache".split()
    os.makedirs(folder, exist_ok=True)
    for i in range(count):
        with open(os.path.join(folder, f"note-{i}.md"), "w") as out:
            out.write(f"# Note {i}\n\n")
            for j in range(20):
                out.write(f"## Section {j}?\n\n" + " ".join(rng.choice(words) for _ in range(80)) + "\n\n")


def concurrent_writers(binary, work, writers, answers):
    db = os.path.join(work, "concurrent.sqlite")
    cards = [json.loads(line)["id"] for line in run(binary, "cards", "--json", db=db).stdout.splitlines()]
    cards = [c for c in cards if "generate" not in c]
    notes = os.path.join(work, "concurrent-notes")
    notes_folder(notes, 300, 1)
    script = os.path.join(work, "writer.sh")
    with open(script, "w") as out:
        out.write('#!/bin/sh\nB="$1"; D="$2"; shift 2\nfor c in "$@"; do "$B" review "$c" good --db "$D" || echo FAILED >&2; done\n')
    os.chmod(script, 0o755)
    procs = []
    for w in range(writers):
        # Each writer answers its own cards and one card all writers share.
        mine = [cards[(w * answers + i) % len(cards)] for i in range(answers - 1)] + [cards[-1]]
        procs.append(subprocess.Popen([script, binary, db, *mine], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      text=True))
    procs.append(subprocess.Popen([binary, "import", notes, "--db", db], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True))
    searches = 0
    while any(p.poll() is None for p in procs):
        run(binary, "search", "握手", db=db)
        searches += 1
    errors = "".join(p.stderr.read() for p in procs)
    given = writers * answers - errors.count("FAILED")
    found = reviews(db)
    locked = errors.count("locked")
    rows.append(("concurrent writers", f"{writers}x{answers} answers, import, {searches} searches",
                 f"{found} of {given} answers found", given - found + locked + errors.count("FAILED")))


def kill_during_import(binary, work, kills):
    base = os.path.join(work, "kill-base.sqlite")
    cards = [json.loads(line)["id"] for line in run(binary, "cards", "--json", db=base).stdout.splitlines()][:20]
    for i, card in enumerate(cards):
        run(binary, "review", card, "good", "--at", f"2026-01-{1 + i % 28:02d}T10:00:00Z", db=base)
    before = reviews(base)
    notes = os.path.join(work, "kill-notes")
    notes_folder(notes, 400, 2)
    rng = random.Random(3)
    intact = 0
    for trial in range(kills):
        db = os.path.join(work, f"kill-{trial}.sqlite")
        shutil.copy(base, db)
        proc = subprocess.Popen([binary, "import", notes, "--db", db], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        ok = integrity(db) == "ok" and reviews(db) == before and run(binary, "search", "tcp", db=db).returncode == 0
        intact += ok
    rows.append(("kill -9 during import", f"{kills} kills at random moments",
                 f"{intact} of {kills} intact, {before} reviews each", kills - intact))


def corrupt_databases(binary, work):
    good = os.path.join(work, "good.sqlite")
    for day in range(1, 6):
        run(binary, "review", "tcp.handshake#why-three", "good", "--at", f"2026-01-0{day}T10:00:00Z", db=good)
    con = sqlite3.connect(good)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    size = os.path.getsize(good)
    rng = random.Random(4)

    def truncated(data):
        return data[: len(data) // 2]

    def header(data):
        return os.urandom(100) + data[100:]

    def pages(data):
        data = bytearray(data)
        for _ in range(3):
            page = rng.randrange(2, len(data) // 4096)
            data[page * 4096:(page + 1) * 4096] = os.urandom(4096)
        return bytes(data)

    def text(_):
        return b"# my notes\n" * 500

    cases = [("truncated", truncated), ("header", header), ("pages-1", pages), ("pages-2", pages),
             ("pages-3", pages), ("not-a-database", text)]
    detected = 0
    crashes = 0
    for name, damage in cases:
        db = os.path.join(work, f"corrupt-{name}.sqlite")
        with open(good, "rb") as f:
            data = f.read()
        with open(db, "wb") as f:
            f.write(damage(data))
        outcomes = [run(binary, command, db=db) for command in ("stats", "doctor")]
        crashes += sum(1 for o in outcomes if o.returncode < 0 or o.returncode >= 128 or "Fatal error" in o.stderr)
        stats, doctor = outcomes
        clear = stats.returncode == 1 and ("damaged" in stats.stderr or "not a netprep database" in stats.stderr)
        found = doctor.returncode == 1
        detected += clear or found
    rows.append(("corrupt databases", f"{len(cases)} kinds of damage ({size // 1024} kB file)",
                 f"{detected} of {len(cases)} detected", len(cases) - detected + crashes))


def hostile_packages(binary, work):
    db = os.path.join(work, "hostile.sqlite")
    run(binary, "review", "tcp.handshake#why-three", "good", db=db)
    before = reviews(db)
    outside = f"netprep-escape-{os.getpid()}.txt"
    # A real package to mutate.
    good = os.path.join(work, "good.apkg")
    run(binary, "export", "anki", "--out", good, "--topic", "tcp.handshake", db=db)
    with zipfile.ZipFile(good) as z:
        collection = z.read("collection.anki2")
    packages = {}

    def zipped(name, entries, method=zipfile.ZIP_DEFLATED):
        path = os.path.join(work, name)
        with zipfile.ZipFile(path, "w", method) as z:
            for entry, data in entries:
                z.writestr(entry, data)
        packages[name] = path
        return path

    zipped("bomb.apkg", [("collection.anki2", b"\0" * (3 << 30 >> 1))])  # 1.5 GB of zeros
    zipped("climb.apkg", [("collection.anki2", collection), (f"../../../../tmp/{outside}", b"x"),
                          (f"/tmp/{outside}", b"y")])

    def altered(name, sql):
        path = os.path.join(work, name + ".anki2")
        with open(path, "wb") as f:
            f.write(collection)
        con = sqlite3.connect(path)
        con.executescript(sql)
        con.commit()
        con.close()
        with open(path, "rb") as f:
            zipped(name, [("collection.anki2", f.read())])

    altered("schema18.apkg", "UPDATE col SET ver = 18")
    altered("view.apkg", "DROP TABLE revlog; CREATE VIEW revlog AS SELECT * FROM cards")
    cut = os.path.join(work, "cut.apkg")
    with open(packages["climb.apkg"], "rb") as f:
        data = f.read()
    with open(cut, "wb") as f:
        f.write(data[: len(data) // 3] + data[len(data) // 3 + 500:])
    packages["cut.apkg"] = cut
    notzip = os.path.join(work, "notzip.apkg")
    with open(notzip, "wb") as f:
        f.write(b"PK\x03\x04" + os.urandom(5000))
    packages["notzip.apkg"] = notzip
    safe = 0
    crashes = 0
    for name, path in packages.items():
        started = time.time()
        result = run(binary, "import", path, db=db, timeout=300)
        elapsed = time.time() - started
        crashed = result.returncode < 0 or result.returncode >= 128 or "Fatal error" in result.stderr
        crashes += crashed
        escaped = os.path.exists(f"/tmp/{outside}") or os.path.exists(f"/{outside}")
        ok = not crashed and not escaped and reviews(db) == before and elapsed < 60
        safe += ok
    rows.append(("hostile packages", f"{len(packages)} packages (1.5 GB bomb, climbing paths, ...)",
                 f"{safe} of {len(packages)} refused or read safely", len(packages) - safe + crashes))


def full_disk(binary, work):
    db = os.path.join(work, "full.sqlite")
    cards = [json.loads(line)["id"] for line in run(binary, "cards", "--json", db=db).stdout.splitlines()]
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # The import's merge of the search index leaves free pages, which answers fill before the
    # file grows: without them the limit is reached within the answers given.
    con.execute("VACUUM")
    con.close()
    limit = os.path.getsize(db) + 64 * 1024

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    given = 0
    message = ""
    for i, card in enumerate(cards[:400]):
        result = subprocess.run([binary, "review", card, "good", "--db", db], capture_output=True, text=True,
                                preexec_fn=limited)
        if result.returncode != 0:
            message = result.stderr.strip()
            break
        given += 1
    found = reviews(db)
    clear = "disk may be full" in message and "intact" in message
    lost = given - found
    rows.append(("full disk", f"answers until a {limit // 1024} kB file limit",
                 f"{given} answered, {found} kept; said: {message[:60]!r}", lost + (0 if clear else 1)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("netprep")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--answers", type=int, default=25)
    parser.add_argument("--kills", type=int, default=12)
    args = parser.parse_args()
    binary = os.path.abspath(args.netprep)
    with tempfile.TemporaryDirectory() as work:
        os.environ["NETPREP_DB"] = os.path.join(work, "unused.sqlite")
        concurrent_writers(binary, work, args.writers, args.answers)
        kill_during_import(binary, work, args.kills)
        corrupt_databases(binary, work)
        hostile_packages(binary, work)
        full_disk(binary, work)
    print(f"{'check':24} {'tried':48} {'result':46} lost+crashes")
    for name, tried, result, bad in rows:
        print(f"{name:24} {tried:48} {result:46} {bad}")
    return 0 if all(bad == 0 for *_, bad in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
