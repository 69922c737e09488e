"""Numbers on one story: are the same quantities across reports put in one claim?

The numbers lens groups its findings in the reports of a case into ``claim`` groups
(``helpers.lenses.numbers.claims``) without reading the answer key. Four stories are
measured: the shipped Rostec case (the rule's settings were chosen on it), and two it was
not tuned on: the invented warehouse-fire case (claim ids in its answer key) and the
invented same-event triple in ``tests/data/cases/water-office-cuts-triple`` (claim ids
in its ``expected_claims.csv``, written before the lens was run on it; the ranges,
counted-noun families and date rules were then made with it in view, so it is not held
out). A fourth, ``tests/data/cases/maternity-ward-closure-triple``, was written blind the
same way; its first run's figure is in its row's note, and the fixes after it were made
with it in view. A fifth, ``tests/data/cases/creek-chemical-spill-triple``, was written
blind later and kept from the developers who changed the lens next.
Here the groups are compared with the key's claim ids, pair by pair: every two
mentions in one detected group are a found pair, every two mentions with one claim id
in the key a reference pair. A found pair is right when both mentions overlap key
mentions of the same claim. Pairwise precision, recall and F1 follow; a key pair whose
mentions the lens does not find at all counts as missed.
"""
from __future__ import annotations

import csv
import itertools
import time
from collections import Counter
from pathlib import Path

TARGET_F1 = 0.75


def pairwise(found, key) -> dict:
    """Pairwise scores of ``found`` (report, start, end, claim) against ``key`` (the same)."""
    labels = []
    for row in found.itertuples():
        same = key[(key["report"] == row.report) & (key["start"] < row.end) & (key["end"] > row.start)]
        labels.append(same["claim"].iloc[0] if len(same) else None)
    groups = list(found["claim"])
    right = wrong = 0
    for i, j in itertools.combinations(range(len(groups)), 2):
        if groups[i] == groups[j]:
            if labels[i] is not None and labels[i] == labels[j]:
                right += 1
            else:
                wrong += 1
    reference = sum(n * (n - 1) // 2 for n in Counter(key["claim"]).values())
    precision = right / (right + wrong) if right + wrong else None
    recall = right / reference if reference else None
    f1 = (2 * precision * recall / (precision + recall)) if precision and recall else None
    return {"precision": precision, "recall": recall, "f1": f1,
            "found pairs": right + wrong, "reference pairs": reference}


#: The invented same-event triple (issue 15) and its claim ids, kept with the tests.
TRIPLE = Path(__file__).resolve().parents[2] / "tests" / "data" / "cases" / "water-office-cuts-triple"
#: A second invented triple, written blind (issue 15): its claim ids in ``expected_claims.csv``.
MATERNITY = TRIPLE.parent / "maternity-ward-closure-triple"
#: A third, written blind at the start of session 20 and kept from the developers fixing
#: the lens in that session: its row is held out until someone fixes a miss it shows.
CREEK = TRIPLE.parent / "creek-chemical-spill-triple"


def key_from_csv(case, path: Path):
    """``report, quote, occurrence, claim`` rows anchored to ``start``/``end`` in ``case``."""
    import pandas as pd

    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            text = case.reports[row["report"]].text
            start = -1
            for _ in range(int(row["occurrence"] or 1)):
                start = text.find(row["quote"], start + 1)
            if start < 0:
                raise ValueError(f"{path}:{line}: quote not found in {row['report']}: {row['quote']!r}")
            rows.append({"report": row["report"], "start": start, "end": start + len(row["quote"]),
                         "claim": row["claim"]})
    return pd.DataFrame(rows)


def measure(name: str, case, key, note: str) -> dict:
    began = time.perf_counter()
    found = case.detections("numbers")  # the lens alone: the key is not read
    seconds = time.perf_counter() - began
    scores = pairwise(found, key)
    groups = found.groupby("claim")["report"].nunique()
    return {"benchmark": "claims", "measure": f"numbers: claim groups vs claim ids (pairwise), {name}",
            **scores, "groups over 2+ reports": int((groups > 1).sum()),
            "seconds": round(seconds, 2),
            "target": f"F1>={TARGET_F1:.2f}",
            "ok": "yes" if (scores["f1"] or 0) >= TARGET_F1 else "NO",
            "note": note}


def run() -> list[dict]:
    from helpers import load_case

    from .answer_key import CASE

    case = load_case(CASE)
    rows = [measure(CASE, case, case.annotations("numbers"), "settings chosen on this case")]
    warehouse = load_case("warehouse-fire-port-carrow")
    rows.append(measure("warehouse-fire-port-carrow", warehouse, warehouse.annotations("numbers"),
                        ("held out: 0.000 before this work too; the residents/people noun family was added after seeing it, and "
                         "the rule for counts that disagree was set with it and the bus-fare triple in view; the key leaves out "
                         "figures the lens groups rightly (Monday x3, March x2, the headline's Hundreds), which count as wrong pairs")))
    for folder, note in (
            (TRIPLE, "written for issue 15; ranges, noun families and date rules were made with it in view: not held out"),
            (MATERNITY, "written blind for issue 15: its first blind run scored pairwise F1 0.64 (P 0.83, R 0.52) "
                        "before any fix; the fixes after (a before and after written 'down from', an 'N in M' share, "
                        "dates of different precision, votes; then fractions in words, durations compared in days, "
                        "'about an hour', the births/babies noun family) were made with it in view"),
            (CREEK, "written blind for issue 15; its first blind run (lenses at 7deb368) scored pairwise F1 0.69 "
                    "(P 0.94, R 0.55); the numbers fixes of the same session were made without it in view")):
        if folder.is_dir():   # the test stories ship with the repository, not with the package
            story = load_case(folder)
            rows.append(measure(folder.name, story, key_from_csv(story, folder / "expected_claims.csv"), note))
    return rows + speed()


def speed() -> list[dict]:
    """Grouping alone, in MB/s: the PolNeAR articles (or the case x40) taken as one story."""
    import pandas as pd

    from helpers.lenses import numbers

    from . import throughput

    name, texts = throughput.corpus()
    reports = {f"r{n}": text for n, text in enumerate(texts)}
    frame = pd.concat([numbers.detect(t).assign(report=r) for r, t in reports.items()],
                      ignore_index=True)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times = []
    for _ in range(3):
        began = time.process_time()
        numbers.claims(frame, reports)
        times.append(time.process_time() - began)
    rate = size / max(sorted(times)[1], 1e-9)
    return [{"benchmark": "claims", "measure": f"numbers: claim grouping speed ({name} as one story)",
             "MB/s": rate, "target": ">= 1 MB/s", "ok": "yes" if rate >= 1 else "NO"}]
