"""Each lens on the five reports against the expert answer key.

A found span matches a key span when both are in the same report and share at least
one character (span overlap). Precision is the share of found spans that match the
key; recall the share of key spans that something found matches. For the
loaded-language lens there is a second line with own-voice spans only (the writer's
words, not a quotation), as the target asks.

The key is read with ``helpers.load_case(...).annotations(lens)`` when the case loader
is there; otherwise straight from the CSV files, anchoring each quote (and its
occurrence) with ``str.find`` in the report text.
"""
from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd

from .scoring import span_scores

CASE = "rostec-venezuela-2019"


def key_files() -> dict[str, str]:
    """lens module -> answer-key file stem, for every lens with a key and a detector
    (read from the lens registry)."""
    from helpers.lenses import registry

    return {lens.module_name.rsplit(".", 1)[-1]: lens.key.file.removesuffix(".csv")
            for lens in registry.with_key() if lens.detector}


def _lens(measure: str):
    """The registry's lens measured under ``measure`` (its module's name)."""
    from helpers.lenses import registry

    return next(lens for lens in registry.with_key()
                if lens.detector and lens.module_name.rsplit(".", 1)[-1] == measure)


#: The targets of issue 4, as (precision, recall) minimums; None where there is none.
TARGETS = {"attribution": (0.85, 0.85), "numbers": (0.90, 0.95),
           "loaded_language (own voice)": (0.70, 0.70)}


def case_dir() -> Path:
    """The case folder: ``data/cases/<case>`` here, ``helpers/data/cases`` when installed."""
    from helpers.folders import data_dir

    return data_dir() / "cases" / CASE


def read_reports() -> dict[str, str]:
    """{report id: text} read byte for byte (UTF-8, no newline translation)."""
    from helpers.case import load_case

    return {rid: report.text for rid, report in load_case(CASE).reports.items()}


def read_key(lens: str, reports: dict[str, str] | None = None) -> pd.DataFrame | None:
    """The answer key of one lens with report, start, end and its own columns, or None."""
    from helpers.case import load_case

    if not (case_dir() / "annotations" / f"{key_files()[lens]}.csv").exists():
        return None
    return load_case(CASE).annotations(_lens(lens).name)


def _spans(table: pd.DataFrame, report_column: str = "report"):
    return [(r, int(s), int(e)) for r, s, e in zip(table[report_column], table["start"], table["end"])]


def run() -> list[dict]:
    """Rows of the answer-key table: one per lens (and own voice for loaded language)."""
    reports = read_reports()
    rows = []
    for lens in key_files():
        module = importlib.import_module(_lens(lens).module_name)
        key = read_key(lens, reports)
        if key is None or not len(key):
            rows.append({"benchmark": "answer key", "measure": lens,
                         "note": "skipped: answer key not found"})
            continue
        found = []
        for report_id, text in reports.items():
            table = module.detect(text)
            table = table.assign(report=report_id)
            found.append(table)
        found = pd.concat(found, ignore_index=True) if found else pd.DataFrame()
        measures = [(lens, key, found)]
        if lens == "loaded_language" and "voice" in key and "voice" in found:
            measures.append((f"{lens} (own voice)", key[key["voice"] == "own"],
                             found[found["voice"] == "own"]))
        for name, gold, pred in measures:
            scores = span_scores(_spans(pred), _spans(gold))
            target = TARGETS.get(name)
            row = {"benchmark": "answer key", "measure": name, **scores,
                   "target": None if target is None else f"P>={target[0]:.2f} R>={target[1]:.2f}",
                   "ok": None}
            if target is not None:
                met = (scores["precision"] or 0) >= target[0] and (scores["recall"] or 0) >= target[1]
                row["ok"] = "yes" if met else "NO"
            rows.append(row)
    return rows


def misses(lens: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(key rows nothing found overlaps, found rows that overlap no key row), to study."""
    reports = read_reports()
    module = importlib.import_module(_lens(lens).module_name)
    key = read_key(lens, reports)
    found = pd.concat([module.detect(t).assign(report=r) for r, t in reports.items()],
                      ignore_index=True)

    def overlaps(row, other):
        same = other[other["report"] == row["report"]]
        return bool(((same["start"] < row["end"]) & (same["end"] > row["start"])).any())

    missed = key[[not overlaps(r, found) for _, r in key.iterrows()]]
    extra = found[[not overlaps(r, key) for _, r in found.iterrows()]]
    return missed, extra
