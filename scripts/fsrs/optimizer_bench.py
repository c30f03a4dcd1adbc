#!/usr/bin/env python3
"""Compare `netprep fsrs optimize` with fsrs-rs (PyPI fsrs-rs-python) on one synthetic log.

How to run (after `scripts/build-release.sh`):

    pip install -r scripts/fsrs/requirements.txt
    python3 scripts/fsrs/optimizer_bench.py .build/release/netprep [--cards 7000] [--days 800]

1. Writes a review log of a simulated learner: each day up to --new-per-day new cards, every
   due card reviewed, recall drawn from an FSRS-6 memory with weights unlike the defaults,
   intervals chosen by the default weights at retention 0.9, same-day steps after Again.
2. Fits it with fsrs-rs's `compute_parameters` in this process (timed in-process), and with
   netprep as a whole process (`fsrs optimize FILE --json --timezone UTC`, timed from outside,
   peak memory from getrusage).
3. Evaluates both fitted sets, the defaults and the truth with one evaluator, fsrs-rs's
   `evaluate`, on the same items, and prints a table. Exits 1 when netprep's log loss is more
   than 1% above fsrs-rs's or its time more than twice fsrs-rs's.
"""

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time

import fsrs_rs_python as fr

TRUE_WEIGHTS = [
    0.4, 1.6, 3.4, 12.0, 6.9, 0.6, 2.2, 0.02, 1.6, 0.25, 1.1,
    1.8, 0.09, 0.35, 1.3, 0.45, 2.4, 0.6, 0.25, 0.1, 0.25,
]
DAY_MS = 86_400_000
START_MS = 1_700_000_000_000 // DAY_MS * DAY_MS


class Memory:
    """FSRS-6's recurrence (the same formulas as the reference), in whole days."""

    def __init__(self, w):
        self.w = w
        self.decay = -w[20]
        self.factor = 0.9 ** (1 / self.decay) - 1

    def recall(self, days, s):
        return (1 + self.factor * days / s) ** self.decay

    def start(self, rating):
        w = self.w
        s = max(w[rating - 1], 0.001)
        d = min(max(w[4] - math.exp(w[5] * (rating - 1)) + 1, 1), 10)
        return s, d

    def step(self, s, d, days, rating):
        w = self.w
        if days == 0:
            inc = math.exp(w[17] * (rating - 3 + w[18])) * s ** -w[19]
            if rating > 1:
                inc = max(inc, 1)
            ns = s * inc
        else:
            r = self.recall(days, s)
            if rating == 1:
                long = w[11] * d ** -w[12] * ((s + 1) ** w[13] - 1) * math.exp((1 - r) * w[14])
                ns = min(long, s / math.exp(w[17] * w[18]))
            else:
                hard = w[15] if rating == 2 else 1
                easy = w[16] if rating == 4 else 1
                ns = s * (1 + math.exp(w[8]) * (11 - d) * s ** -w[9] * (math.exp((1 - r) * w[10]) - 1) * hard * easy)
        ns = min(max(ns, 0.001), 36500)
        target = w[4] - math.exp(3 * w[5]) + 1
        damped = d + (-w[6] * (rating - 3)) * (10 - d) / 9
        nd = min(max(w[7] * target + (1 - w[7]) * damped, 1), 10)
        return ns, nd


def simulate(cards, days, new_per_day, seed):
    rng = random.Random(seed)
    truth = Memory(TRUE_WEIGHTS)
    sched = Memory(list(fr.DEFAULT_PARAMETERS))
    scale = 0.9 ** (1 / sched.decay) - 1
    rows = []
    state = []  # [truth s, d, believed s, d, last day]
    due = [[] for _ in range(days)]
    for today in range(days):
        minute = 0

        def log(card, rating, step=0):
            rows.append((card + 1, START_MS + today * DAY_MS + (600 + minute) * 60_000 + step * 600_000, rating))

        def same_day(card, rating):
            ts, td, bs, bd, _ = state[card]
            step = 0
            while rating <= 2 and step < 2:
                step += 1
                rating = 3 if rng.random() < 0.95 else 1
                log(card, rating, step)
                ts, td = truth.step(ts, td, 0, rating)
                bs, bd = sched.step(bs, bd, 0, rating)
            state[card][:4] = [ts, td, bs, bd]

        def schedule(card):
            interval = max(1, round(state[card][2] / sched.factor * scale))
            state[card][4] = today
            if today + interval < days:
                due[today + interval].append(card)

        for card in due[today]:
            ts, td, bs, bd, last = state[card]
            elapsed = today - last
            recalled = rng.random() < truth.recall(elapsed, ts)
            rating = rng.choices([2, 3, 4], [0.224, 0.631, 0.145])[0] if recalled else 1
            minute += 1
            log(card, rating)
            ts, td = truth.step(ts, td, elapsed, rating)
            bs, bd = sched.step(bs, bd, elapsed, rating)
            state[card][:4] = [ts, td, bs, bd]
            if rating == 1:
                same_day(card, rating)
            schedule(card)
        for _ in range(min(new_per_day, cards - len(state))):
            card = len(state)
            rating = rng.choices([1, 2, 3, 4], [0.24, 0.094, 0.495, 0.171])[0]
            minute += 1
            log(card, rating)
            state.append([*truth.start(rating), *sched.start(rating), today])
            same_day(card, rating)
            schedule(card)
    return rows


def histories_of(rows):
    """Each review a day or more after the one before, with the card's reviews up to it as
    (rating, days since the previous review) pairs, in order of review time (days counted in
    UTC from 04:00, as netprep is asked to)."""
    by_card = {}
    for card, ms, rating in sorted(rows):
        by_card.setdefault(card, []).append((ms, rating))
    histories = []
    for card, reviews in by_card.items():
        history = []
        last_day = None
        for ms, rating in reviews:
            day = (ms - 4 * 3_600_000) // DAY_MS
            delta = 0 if last_day is None else day - last_day
            last_day = day
            history.append((rating, delta))
            if len(history) > 1 and delta >= 1:
                histories.append((ms, card, list(history)))
    histories.sort(key=lambda x: (x[0], x[1]))
    return [history for _, _, history in histories]


def items_of(rows):
    """The same reviews as fsrs-rs items."""
    return [fr.FSRSItem([fr.FSRSReview(r, d) for r, d in history]) for history in histories_of(rows)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("netprep")
    parser.add_argument("--cards", type=int, default=7000)
    parser.add_argument("--days", type=int, default=800)
    parser.add_argument("--new-per-day", type=int, default=40)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    rows = simulate(args.cards, args.days, args.new_per_day, args.seed)
    items = items_of(rows)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as out:
        out.write("card_id,review_time,review_rating\n")
        shuffled = list(rows)
        random.Random(1).shuffle(shuffled)
        for card, ms, rating in shuffled:
            out.write(f"{card},{ms},{rating}\n")
        path = out.name

    start = time.perf_counter()
    reference = fr.FSRS(list(fr.DEFAULT_PARAMETERS)).compute_parameters(items)
    reference_seconds = time.perf_counter() - start

    start = time.perf_counter()
    done = subprocess.run(
        [args.netprep, "fsrs", "optimize", path, "--json", "--timezone", "UTC"],
        capture_output=True, text=True)
    netprep_seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return 1
    ours = json.loads(done.stdout)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    def evaluate(weights):
        return fr.FSRS(list(weights)).evaluate(items)

    rows_out = [
        ("defaults", fr.DEFAULT_PARAMETERS, None),
        ("true weights", TRUE_WEIGHTS, None),
        ("fsrs-rs", reference, reference_seconds),
        ("netprep", ours["parameters"], netprep_seconds),
    ]
    print(f"{len(rows)} reviews, {len({r[0] for r in rows})} cards, {len(items)} items; evaluator: fsrs-rs evaluate\n")
    print(f"{'':14}{'log loss':>10}{'RMSE(bins)':>12}{'seconds':>10}")
    losses = {}
    for name, weights, seconds in rows_out:
        evaluation = evaluate(weights)
        losses[name] = evaluation.log_loss
        timing = f"{seconds:10.3f}" if seconds is not None else f"{'':>10}"
        print(f"{name:14}{evaluation.log_loss:10.5f}{evaluation.rmse_bins * 100:11.2f}%{timing}")
    ratio = losses["netprep"] / losses["fsrs-rs"]
    print(f"\nnetprep/fsrs-rs: log loss {ratio:.4f}x, time {netprep_seconds / reference_seconds:.2f}x "
          f"(netprep as a whole process, fsrs-rs in-process); netprep peak memory {peak_mb:.0f} MB")
    ok = ratio <= 1.01 and netprep_seconds <= 2 * reference_seconds and peak_mb < 200
    print("PASS" if ok else "FAIL: goal is log loss within 1%, at most 2x the time, under 200 MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
