#!/usr/bin/env python3
"""Check `netprep fsrs replay --json` against the reference py-fsrs, end to end.

How to run (after `scripts/build-release.sh`):

    pip install -r scripts/fsrs/requirements.txt
    python3 scripts/fsrs/check_replay.py .build/release/netprep [--cards 2000] [--seed 11]

Writes a shuffled review-history CSV of random histories (the generator of make_vectors.py),
replays it with the binary in three configurations (the defaults; no learning or relearning
steps; three learning steps, two relearning steps, retention 0.85, maximum interval 365),
replays the same histories with py-fsrs's `Scheduler.review_card` (fuzzing off), and compares
every output line: state and step exactly, stability and difficulty to 1e-6 relative, due to the
second. Exits 1 on any difference.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_vectors import RATING_PROFILES, next_gap_ms, to_datetime, to_ms  # noqa: E402

from fsrs import Card, Rating, Scheduler  # noqa: E402

STATES = {1: "learning", 2: "review", 3: "relearning"}


def histories(count, seed):
    rng = random.Random(seed)
    reference = Scheduler(enable_fuzzing=False)
    result = []
    for card_id in range(1, count + 1):
        now = rng.randint(1_600_000_000_000, 1_800_000_000_000)
        weights = rng.choice(RATING_PROFILES)
        card = Card(card_id=card_id, due=to_datetime(now))
        rows = []
        for position in range(rng.randint(1, 20)):
            if position > 0:
                now += next_gap_ms(rng, now, to_ms(card.due))
            rating = rng.choices([1, 2, 3, 4], weights=weights)[0]
            card, _ = reference.review_card(card, Rating(rating), review_datetime=to_datetime(now))
            rows.append((card_id, now, rating))
        result.extend(rows)
    rng.shuffle(result)
    return result


def expected(rows, scheduler):
    by_card = {}
    for index, (card_id, time, rating) in enumerate(rows):
        by_card.setdefault(card_id, []).append((time, index, rating))
    out = [None] * len(rows)
    for card_id, reviews in by_card.items():
        reviews.sort()
        card = Card(card_id=card_id, due=to_datetime(reviews[0][0]))
        for time, index, rating in reviews:
            card, _ = scheduler.review_card(card, Rating(rating), review_datetime=to_datetime(time))
            out[index] = card
    return out


def close(a, b):
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    rows = histories(args.cards, args.seed)
    minute, hour, day = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
    configurations = [
        ([], Scheduler(enable_fuzzing=False)),
        (["--learning-steps", "", "--relearning-steps", ""],
         Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)),
        (["--learning-steps", "1m,10m,1h", "--relearning-steps", "10m,1d", "--desired-retention", "0.85",
          "--maximum-interval", "365"],
         Scheduler(learning_steps=(minute, 10 * minute, hour), relearning_steps=(10 * minute, day),
                   desired_retention=0.85, maximum_interval=365, enable_fuzzing=False)),
    ]
    failures = 0
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write("card_id,review_time,review_rating,review_duration\n")
        for card_id, time, rating in rows:
            f.write(f"{card_id},{time},{rating},0\n")
        path = f.name
    try:
        for options, scheduler in configurations:
            output = subprocess.run([args.binary, "fsrs", "replay", path, "--json", *options],
                                    check=True, capture_output=True, text=True).stdout.splitlines()
            assert len(output) == len(rows), (len(output), len(rows))
            bad = 0
            for line, row, card in zip(output, rows, expected(rows, scheduler)):
                got = json.loads(line)
                same = (got["card_id"] == row[0] and got["review_time"] == row[1] and got["rating"] == row[2]
                        and got["state"] == STATES[int(card.state)] and got["step"] == card.step
                        and close(got["stability"], card.stability) and close(got["difficulty"], card.difficulty)
                        and abs(got["due"] - to_ms(card.due)) < 1000)
                if not same:
                    bad += 1
                    if bad <= 3:
                        print("differs:", line, card.to_dict())
            print(f"{' '.join(options) or 'defaults'}: {len(rows)} rows, {bad} differ")
            failures += bad
    finally:
        os.unlink(path)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
