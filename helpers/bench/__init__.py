"""The benchmark: how well the automatic lenses agree with people who annotated news.

Run it with ``python -m helpers.bench`` (or ``make bench``). It prints plain-text tables:

- ``answer_key``: each lens on the five reports of the case against the expert answer
  key (precision, recall and F1 by span overlap in the same report);
- ``polnear``: the attribution lens against the PolNeAR corpus (cues and sources, exact
  and overlap), read from ``../shared/benchmarks/polnear`` when that folder exists;
- ``ptc`` and ``shared_scaling``: hooks for ``helpers/bench/ptc.py`` and
  ``helpers/bench/shared_scaling.py`` when they are present (each has ``run()``);
- ``folds``: loaded language (PTC) and attribution (PolNeAR) on held-out folds of
  articles (5 folds by article, fixed seed), with the spread over folds, the figure on
  the tuned-on articles beside it, and fold-honest lexicon rows (``folds.py``);
- ``claims``: the numbers lens's claim groups against claim ids (pairwise F1) on the
  shipped case, the warehouse case and the invented same-event triple, and the grouping
  speed (``claims.py``);
- ``throughput``: each lens in MB/s on one core (median of several runs);
- ``adversarial``: hostile inputs (a phrase repeated thousands of times, copies of one
  story, a line of full stops, thousands of crossing highlights): seconds and peak memory.

Every section is a module with ``run() -> list[dict]``; a row is one line of its table.
"""
from __future__ import annotations

import os
from pathlib import Path


def benchmarks_dir() -> Path:
    """Where the third-party corpora are: ``$MEDIA_KIT_BENCHMARKS``, else
    ``../shared/benchmarks`` beside the repository (never copied into it)."""
    env = os.environ.get("MEDIA_KIT_BENCHMARKS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "benchmarks"
