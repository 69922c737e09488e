"""The loaded-language lens against the Propaganda Techniques Corpus (PTC).

PTC (Da San Martino et al., EMNLP 2019; SemEval-2020 Task 11) marks propaganda
techniques in news articles with character spans. Two of its techniques are what the
loaded-language lens looks for: ``Loaded_Language`` and ``Name_Calling,Labeling``.
Every finding of the lens counts, whatever its category or voice.

Scoring is the task's span-identification rule with partial credit: a found span s
earns |s ∩ t| / |s| of precision for each reference span t it overlaps, and a
reference span t earns |s ∩ t| / |t| of recall; precision divides by the number of
found spans, recall by the number of reference spans. Reference spans of the two
techniques overlap in places; we merge overlapping reference spans first (and
overlapping found spans, which the lens does not produce) so no span earns more than
full credit twice over.

The corpus lives outside the project (``../shared/benchmarks/ptc``, or the folder in
the environment variable ``MEDIA_KIT_BENCHMARKS``) and is only read, never copied.
"""
from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from . import benchmarks_dir

TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
#: What the issue asks for; a plain subjectivity lexicon scores about 0.14.
TARGET_F1 = 0.30




def load(root: Path | None = None):
    """[(article id, text, reference spans)] or None when the corpus is absent."""
    root = Path(root) if root else benchmarks_dir() / "ptc"
    labels, articles = root / "labels.tsv", root / "articles"
    if not labels.is_file() or not articles.is_dir():
        return None
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    with open(labels, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4 and parts[1] in TECHNIQUES:
                spans[parts[0]].append((int(parts[2]), int(parts[3])))
    documents = []
    for path in sorted(articles.glob("article*.txt")):
        article = path.stem[len("article"):]
        with open(path, encoding="utf-8", newline="") as handle:
            documents.append((article, handle.read(), merge(spans.get(article, []))))
    return documents


def merge(spans) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined into one, sorted."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def partial_credit(found, reference) -> tuple[float, float]:
    """(sum of |s∩t|/|s| over found s, sum of |s∩t|/|t| over reference t) for one text."""
    precision_credit = recall_credit = 0.0
    for s_start, s_end in found:
        for t_start, t_end in reference:
            overlap = min(s_end, t_end) - max(s_start, t_start)
            if overlap > 0:
                precision_credit += overlap / (s_end - s_start)
                recall_credit += overlap / (t_end - t_start)
    return precision_credit, recall_credit


def score(documents, detect) -> dict:
    """Precision, recall and F1 of ``detect(text)`` on ``documents`` (partial credit)."""
    n_found = n_reference = 0
    p_credit = r_credit = 0.0
    chars = 0
    began = time.perf_counter()
    for _, text, reference in documents:
        table = detect(text)
        found = merge(zip(table["start"], table["end"]))
        p, r = partial_credit(found, reference)
        p_credit, r_credit = p_credit + p, r_credit + r
        n_found, n_reference = n_found + len(found), n_reference + len(reference)
        chars += len(text)
    seconds = time.perf_counter() - began
    precision = p_credit / n_found if n_found else None
    recall = r_credit / n_reference if n_reference else None
    f1 = (2 * precision * recall / (precision + recall)
          if precision and recall else None)
    return {"precision": precision, "recall": recall, "f1": f1, "found": n_found,
            "reference": n_reference, "articles": len(documents), "chars": chars,
            "seconds": seconds}


def run(root: Path | None = None) -> list[dict]:
    """One row: the loaded-language lens on PTC, with the task's partial-credit scores."""
    from helpers.lenses import loaded_language

    documents = load(root)
    if documents is None:
        return [{"benchmark": "ptc", "lens": "loaded_language",
                 "result": "skipped: benchmarks not found"}]
    result = score(documents, loaded_language.detect)

    def rounded(value):
        return None if value is None else round(value, 3)

    return [{
        "benchmark": "ptc",
        "lens": "loaded_language",
        "measure": "Loaded_Language + Name_Calling,Labeling (partial credit)",
        "precision": rounded(result["precision"]),
        "recall": rounded(result["recall"]),
        "f1": rounded(result["f1"]),
        "target_f1": TARGET_F1,
        "met": bool(result["f1"] and result["f1"] >= TARGET_F1),
        "found": result["found"],
        "reference": result["reference"],
        "articles": result["articles"],
    }]
