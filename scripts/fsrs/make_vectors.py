#!/usr/bin/env python3
"""Write the reference vectors that Tests/SchedulerTests checks the Swift FSRS-6 scheduler against.

How to run (once; the output is committed as test fixtures):

    pip install -r scripts/fsrs/requirements.txt      # py-fsrs 6.3.2, the reference
    python3 scripts/fsrs/make_vectors.py              # writes Tests/SchedulerTests/Fixtures/*.json

Everything is drawn from fixed seeds, so running it again with the same py-fsrs gives the same
files. Each configuration file holds random review histories replayed by py-fsrs from a new card
(`Card(due=first review time)`), with same-day reviews, reviews on time, early, late, after long
gaps and on exact day boundaries, and every rating.

File layout (compact JSON; exhaustive-custom-steps.json holds every
sequence of five ratings, each review made when the card falls due):
    {"fsrs": version, "config": {parameters, desired_retention, learning_steps (seconds),
     relearning_steps, maximum_interval, enable_fuzzing},
     "histories": [[start_ms, [[t, rating, state, step, stability, difficulty, due, draw], ...]], ...]}
where t and due are milliseconds after start_ms, state is 1 learning, 2 review, 3 relearning,
step is null in review, and draw is the 53-bit integer k behind the uniform k / 2**53 that the
fuzz drew for this review (null when no fuzz was drawn; only the fuzz file has draws).
`scalars.json` holds interval rounding cases, fuzz ranges, retrievability and parameter bounds.
"""

import json
import math
import os
import random
from datetime import datetime, timedelta, timezone

import fsrs
import fsrs.scheduler as reference
from fsrs import Card, Rating, Scheduler

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
DAY_MS = 86_400_000
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "SchedulerTests", "Fixtures")


def to_datetime(ms):
    return EPOCH + timedelta(milliseconds=ms)


def to_ms(moment):
    delta = moment - EPOCH
    assert delta.microseconds % 1000 == 0, "due times are whole milliseconds"
    return delta.days * DAY_MS + delta.seconds * 1000 + delta.microseconds // 1000


def compact(x):
    # 13 significant digits: far below the 1e-6 relative tolerance, and it keeps the files small.
    return float(f"{x:.13g}")


class Draws:
    """Stands in for random.random inside py-fsrs so that the fuzz draws can be replayed in Swift."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.taken = []

    def __call__(self):
        k = self.rng.getrandbits(53)
        self.taken.append(k)
        return k / 2**53


RATING_PROFILES = [
    (0.15, 0.15, 0.55, 0.15),  # a typical learner
    (0.25, 0.25, 0.25, 0.25),  # every rating equally
    (0.45, 0.20, 0.25, 0.10),  # a hard card: many lapses
    (0.03, 0.07, 0.50, 0.40),  # an easy card
]


def next_gap_ms(rng, last_ms, due_ms):
    """How long after the last review the next one happens."""
    scheduled = max(due_ms - last_ms, 1000)
    kind = rng.random()
    if kind < 0.20:  # same day: seconds to just under a day
        return rng.choice([rng.randint(1000, 600_000), rng.randint(600_000, DAY_MS - 1)])
    if kind < 0.40:  # exactly when due
        return scheduled
    if kind < 0.55:  # early
        return max(1000, int(scheduled * rng.uniform(0.05, 1.0)))
    if kind < 0.75:  # late
        return int(scheduled * rng.uniform(1.0, 4.0)) + rng.randint(0, DAY_MS)
    if kind < 0.85:  # on a day boundary, a millisecond either side or exactly
        return rng.randint(1, 40) * DAY_MS + rng.choice([-1, 0, 1])
    return rng.randint(100, 4000) * DAY_MS + rng.randint(0, DAY_MS)  # a long gap


def make_histories(scheduler, count, seed, draws=None):
    rng = random.Random(seed)
    histories = []
    for index in range(count):
        start_ms = rng.randint(1_600_000_000_000, 1_800_000_000_000)
        weights = rng.choice(RATING_PROFILES)
        length = rng.choice([rng.randint(1, 6), rng.randint(4, 14), rng.randint(10, 30)])
        card = Card(card_id=index + 1, due=to_datetime(start_ms))
        now_ms = start_ms
        rows = []
        for position in range(length):
            if position > 0:
                now_ms += next_gap_ms(rng, now_ms, to_ms(card.due))
            rating = Rating(rng.choices([1, 2, 3, 4], weights=weights)[0])
            if draws is not None:
                draws.taken.clear()
            card, _ = scheduler.review_card(card, rating, review_datetime=to_datetime(now_ms))
            draw = None
            if draws is not None:
                assert len(draws.taken) <= 1
                draw = draws.taken[0] if draws.taken else None
            rows.append([
                now_ms - start_ms,
                int(rating),
                int(card.state),
                card.step,
                compact(card.stability),
                compact(card.difficulty),
                to_ms(card.due) - start_ms,
                draw,
            ])
        histories.append([start_ms, rows])
    return histories


def exhaustive_histories(scheduler, length):
    """Every sequence of `length` ratings, each review made exactly when the card falls due."""
    histories = []
    start_ms = 1_700_000_000_000
    for number in range(4**length):
        ratings = [(number // 4**position) % 4 + 1 for position in range(length)]
        card = Card(card_id=number + 1, due=to_datetime(start_ms))
        rows = []
        for rating in ratings:
            now_ms = to_ms(card.due)
            card, _ = scheduler.review_card(card, Rating(rating), review_datetime=to_datetime(now_ms))
            rows.append([now_ms - start_ms, rating, int(card.state), card.step, compact(card.stability),
                         compact(card.difficulty), to_ms(card.due) - start_ms, None])
        histories.append([start_ms, rows])
    return histories


def configuration(scheduler):
    d = scheduler.to_dict()
    d["learning_steps"] = [s.total_seconds() for s in scheduler.learning_steps]
    d["relearning_steps"] = [s.total_seconds() for s in scheduler.relearning_steps]
    return d


def write(name, payload):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


def history_file(name, scheduler, count, seed, draws=None):
    write(name, {
        "fsrs": fsrs_version(),
        "config": configuration(scheduler),
        "histories": make_histories(scheduler, count, seed, draws),
    })


def fsrs_version():
    from importlib.metadata import version
    return version("fsrs")


def random_parameters(seed):
    """Defaults scaled by a random factor each, kept inside the reference's bounds, and another decay (w20)."""
    rng = random.Random(seed)
    lows, highs = reference.LOWER_BOUNDS_PARAMETERS, reference.UPPER_BOUNDS_PARAMETERS
    values = [
        round(min(high, max(low, default * rng.uniform(0.6, 1.6))), 4)
        for low, high, default in zip(lows, highs, reference.DEFAULT_PARAMETERS)
    ]
    values[20] = 0.4
    return values


def scalars():
    default = Scheduler(enable_fuzzing=False)
    custom = Scheduler(desired_retention=0.85, maximum_interval=365, enable_fuzzing=False)
    stabilities = [0.001, 0.3, 0.5, 0.51, 1.5, 2.5, 3.5, 4.5, 5.5, 10.5, 99.5, 100.4999, 364.5, 365.5, 1e6]
    interval_cases = [
        [s, default._next_interval(stability=s), custom._next_interval(stability=s)] for s in stabilities
    ]
    fuzz_cases = []
    for maximum in (36500, 365, 30):
        fuzzing = Scheduler(maximum_interval=maximum)
        for days in list(range(1, 60)) + [99, 100, 101, 364, 365, 366, 1000, 36500]:
            if days > maximum:
                continue
            # The range helper is local to _get_fuzzed_interval: recover it from the extreme draws.
            low = high = None
            for u in (0.0, (2**53 - 1) / 2**53):
                reference.random = lambda u=u: u
                got = fuzzing._get_fuzzed_interval(interval=timedelta(days=days)).days
                low = got if low is None else min(low, got)
                high = got if high is None else max(high, got)
            fuzz_cases.append([maximum, days, low, high])
    retrievability_cases = []
    start = to_datetime(1_700_000_000_123)
    for stability in (0.5, 3.0, 40.0):
        card = Card(card_id=1, state=fsrs.State.Review, stability=stability, difficulty=5.0,
                    due=start, last_review=start)
        for later_ms in (0, 3_600_000, DAY_MS - 1, DAY_MS, 10 * DAY_MS + 5, 400 * DAY_MS):
            retrievability_cases.append(
                [stability, later_ms, default.get_card_retrievability(card, to_datetime(1_700_000_000_123 + later_ms))]
            )
    return {
        "fsrs": fsrs_version(),
        "default_parameters": list(reference.DEFAULT_PARAMETERS),
        "lower_bounds": list(reference.LOWER_BOUNDS_PARAMETERS),
        "upper_bounds": list(reference.UPPER_BOUNDS_PARAMETERS),
        "intervals": interval_cases,
        "fuzz_ranges": fuzz_cases,
        "retrievability": retrievability_cases,
    }


def main():
    minute, hour, day = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
    history_file("default.json", Scheduler(enable_fuzzing=False), 1000, seed=1)
    history_file("no-steps.json", Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False), 1000, seed=2)
    custom_steps = Scheduler(
        learning_steps=(minute, 10 * minute, hour), relearning_steps=(10 * minute, day),
        desired_retention=0.85, maximum_interval=365, enable_fuzzing=False)
    history_file("custom-steps.json", custom_steps, 1000, seed=3)
    write("exhaustive-custom-steps.json", {
        "fsrs": fsrs_version(),
        "config": configuration(custom_steps),
        "histories": exhaustive_histories(custom_steps, 5),
    })
    history_file("custom-parameters.json", Scheduler(parameters=random_parameters(4), enable_fuzzing=False), 300, seed=5)
    draws = Draws(seed=6)
    reference.random = draws
    history_file("fuzz.json", Scheduler(enable_fuzzing=True), 300, seed=7, draws=draws)
    write("scalars.json", scalars())


if __name__ == "__main__":
    main()
