"""The attribution lens against PolNeAR (Newell, Margolin and Ruths, LREC 2018).

PolNeAR marks attributions in US campaign news of 2016 with BRAT standoff files:
``Cue`` spans ("said", "according to") and ``Source`` spans ("Hillary Clinton").
We score the lens's ``cue_start``/``cue_end`` against the Cue spans and its
``source_start``/``source_end`` against the Source spans, exactly and by overlap.
An article annotated twice counts as two documents (one per annotator), so the lens
is measured against each person.

The corpus lives outside the project (``../shared/benchmarks/polnear``, or the folder
in the environment variable ``MEDIA_KIT_BENCHMARKS``) and is only read, never copied.
"""
from __future__ import annotations

from pathlib import Path

from . import benchmarks_dir

from .scoring import span_scores

TARGET_CUE_OVERLAP_F1 = 0.70




def read_ann(path: Path) -> dict[str, list[tuple[int, int]]]:
    """The spans of one BRAT ``.ann`` file by type: {"Cue": [(start, end), ...], ...}.

    A discontinuous span ("10 14;20 25") becomes the span from its first start to its
    last end.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0].startswith("T"):
                continue
            kind, _, offsets = parts[1].partition(" ")
            try:
                pieces = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
                start, end = pieces[0][0], pieces[-1][1]
            except (ValueError, IndexError):
                continue
            spans.setdefault(kind, []).append((start, end))
    return spans


def load(root: Path | None = None):
    """[(document id, text, {type: spans})] for every annotation file, or None if absent."""
    root = Path(root) if root else benchmarks_dir() / "polnear"
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        return None
    documents = []
    for ann in sorted(ann_dir.glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        text_path = text_dir / f"{article}.txt"
        if not text_path.exists():
            continue
        with open(text_path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        documents.append((ann.stem, text, read_ann(ann)))
    return documents


def run(root: Path | None = None) -> list[dict]:
    """Rows of the PolNeAR table: cue and source, exact and overlap."""
    from helpers.lenses import attribution

    documents = load(root)
    if documents is None:
        return [{"benchmark": "polnear", "measure": "skipped: benchmarks not found"}]
    detections: dict[str, object] = {}
    found = {"cue": [], "source": []}
    reference = {"cue": [], "source": []}
    for doc_id, text, spans in documents:
        if text not in detections:
            detections[text] = attribution.detect(text)
        table = detections[text]
        found["cue"] += [(doc_id, s, e) for s, e in zip(table["cue_start"], table["cue_end"])]
        found["source"] += [(doc_id, s, e) for s, e in zip(table["source_start"], table["source_end"]) if e > s]
        reference["cue"] += [(doc_id, s, e) for s, e in spans.get("Cue", [])]
        reference["source"] += [(doc_id, s, e) for s, e in spans.get("Source", [])]
    rows = []
    for part in ("cue", "source"):
        for match in ("exact", "overlap"):
            scores = span_scores(found[part], reference[part], exact=(match == "exact"))
            target = TARGET_CUE_OVERLAP_F1 if (part, match) == ("cue", "overlap") else None
            row = {"benchmark": "polnear", "measure": f"attribution {part} ({match})", **scores,
                   "target": None if target is None else f"F1>={target:.2f}", "ok": None}
            if target is not None:
                row["ok"] = "yes" if (scores["f1"] or 0) >= target else "NO"
            rows.append(row)
    return rows
