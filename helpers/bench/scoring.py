"""Span scores: precision, recall and F1 of found spans against reference spans.

A span is ``(document, start, end)`` with ``end`` exclusive. Two spans *overlap* when
they are in the same document and share at least one character; they *match exactly*
when their starts and ends are equal. Precision is the share of found spans that
match some reference span; recall is the share of reference spans that some found
span matches. Several found spans may match one reference span and each counts.
"""
from __future__ import annotations

import bisect
from collections import defaultdict


def _by_document(spans):
    grouped = defaultdict(list)
    for doc, start, end in spans:
        grouped[doc].append((start, end))
    for doc in grouped:
        grouped[doc].sort()
    return grouped


def _matched(spans, others, exact: bool) -> int:
    """How many of ``spans`` match at least one span in ``others``."""
    other_by_doc = _by_document(others)
    max_len = {doc: max((e - s for s, e in v), default=0) for doc, v in other_by_doc.items()}
    starts = {doc: [s for s, _ in v] for doc, v in other_by_doc.items()}
    count = 0
    for doc, start, end in spans:
        candidates = other_by_doc.get(doc)
        if not candidates:
            continue
        if exact:
            i = bisect.bisect_left(starts[doc], start)
            while i < len(candidates) and candidates[i][0] == start:
                if candidates[i][1] == end:
                    count += 1
                    break
                i += 1
            continue
        # candidates that start before ``end`` and end after ``start``
        lo = bisect.bisect_left(starts[doc], start - max_len[doc])
        hi = bisect.bisect_left(starts[doc], end)
        if any(candidates[i][1] > start for i in range(lo, hi)):
            count += 1
    return count


def span_scores(found, reference, exact: bool = False) -> dict:
    """Precision, recall and F1 of ``found`` spans against ``reference`` spans.

    Both are iterables of ``(document, start, end)``. Returns a dict with
    ``precision``, ``recall``, ``f1`` (None when undefined) and the counts
    ``found`` and ``reference``.
    """
    found = list(found)
    reference = list(reference)
    precision = _matched(found, reference, exact) / len(found) if found else None
    recall = _matched(reference, found, exact) / len(reference) if reference else None
    if precision is None or recall is None or precision + recall == 0:
        f1 = None if precision is None or recall is None else 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1,
            "found": len(found), "reference": len(reference)}
