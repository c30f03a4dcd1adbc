#!/usr/bin/env python3
"""Evaluate FSRS-6 weights with fsrs-rs, and fit the same log with it, for the Swift tests.

    python3 scripts/fsrs/check_optimizer.py LOG.csv WEIGHTS.json

LOG.csv is a review history (card_id,review_time,review_rating; days counted in UTC from 04:00).
WEIGHTS.json is {"name": [21 numbers], ...}. Prints one JSON object: for each name, fsrs-rs's
`evaluate` on every item of the log ("evaluate": recency-weighted, as fsrs-rs weighs items) and
the srs-benchmark's unweighted log loss and RMSE(bins) from fsrs-rs's memory states
("unweighted"), and "fsrs-rs": the weights `compute_parameters` fits to the log with their
`evaluate`. Exits 2 when fsrs_rs_python is
missing (`pip install -r scripts/fsrs/requirements.txt`).
"""

import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import fsrs_rs_python as fr
except ImportError:
    print("fsrs_rs_python is missing: pip install -r scripts/fsrs/requirements.txt", file=sys.stderr)
    sys.exit(2)

import math  # noqa: E402

from optimizer_bench import histories_of  # noqa: E402


def bin_key(days, long_term, lapses):
    """The srs-benchmark's RMSE bins: elapsed days, long-term reviews so far, lapses."""
    delta = round(2.48 * 3.62 ** math.floor(math.log(days, 3.62)) * 100)
    length = round(1.99 * 1.89 ** math.floor(math.log(long_term + 1, 1.89)))
    lapse = 0 if lapses == 0 else round(1.65 * 1.73 ** math.floor(math.log(lapses, 1.73)))
    return delta, length, lapse


def unweighted(weights, histories):
    """Log loss and RMSE(bins) with every item counted once, from fsrs-rs's memory states."""
    fsrs = fr.FSRS(list(weights))
    states = fsrs.memory_state_batch([fr.FSRSItem([fr.FSRSReview(r, d) for r, d in h[:-1]]) for h in histories])
    decay = -weights[20]
    factor = 0.9 ** (1 / decay) - 1
    loss = 0.0
    bins = {}
    for history, state in zip(histories, states):
        rating, days = history[-1]
        r = (1 + factor * days / state.stability) ** decay
        y = 1.0 if rating > 1 else 0.0
        loss -= math.log(r) if y else math.log(1 - r)
        long_term = sum(1 for _, d in history if d >= 1)
        lapses = sum(1 for g, d in history[:-1] if g == 1 and d >= 1)
        entry = bins.setdefault(bin_key(days, long_term, lapses), [0.0, 0.0, 0])
        entry[0] += r
        entry[1] += y
        entry[2] += 1
    squares = sum((p / n - a / n) ** 2 * n for p, a, n in bins.values())
    return {"log_loss": loss / len(histories), "rmse_bins": math.sqrt(squares / len(histories))}


def main():
    with open(sys.argv[1]) as handle:
        rows = [(int(r["card_id"]), int(r["review_time"]), int(r["review_rating"])) for r in csv.DictReader(handle)]
    with open(sys.argv[2]) as handle:
        named = json.load(handle)
    histories = histories_of(rows)
    items = [fr.FSRSItem([fr.FSRSReview(r, d) for r, d in h]) for h in histories]
    result = {"items": len(items)}
    for name, weights in named.items():
        evaluation = fr.FSRS(list(weights)).evaluate(items)
        result[name] = {
            "evaluate": {"log_loss": evaluation.log_loss, "rmse_bins": evaluation.rmse_bins},
            "unweighted": unweighted(weights, histories),
        }
    fitted = fr.FSRS(list(fr.DEFAULT_PARAMETERS)).compute_parameters(items)
    evaluation = fr.FSRS(list(fitted)).evaluate(items)
    result["fsrs-rs"] = {"parameters": list(fitted), "log_loss": evaluation.log_loss, "rmse_bins": evaluation.rmse_bins}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
