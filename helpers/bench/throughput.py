"""How fast each lens reads: megabytes of UTF-8 text per second on one core.

The text is the PolNeAR articles when the benchmark folder is there (real news of
many shapes), otherwise the five reports of the case repeated to about 1 MB. Each
lens reads every document in turn; the time of the whole pass is taken several times
and the median kept. The process is pinned to one CPU where the system allows it, and
the time is the CPU time of this process, so other programs on a busy machine do not
make a lens look slower than it is.
"""
from __future__ import annotations

import importlib
import os
import statistics
import time
from contextlib import contextmanager

from helpers.lenses import registry

TARGET_MB_PER_S = 1.0


def corpus() -> tuple[str, list[str]]:
    """(a name for the text, the documents) used to time the lenses."""
    from . import answer_key, polnear

    documents = polnear.load()
    if documents:
        texts = list(dict.fromkeys(text for _, text, _ in documents))
        return f"PolNeAR, {len(texts)} articles", texts
    reports = list(answer_key.read_reports().values())
    size = sum(len(t.encode("utf-8")) for t in reports) or 1
    texts = reports * max(1, round(1_000_000 / size))
    return f"the five reports x{len(texts) // max(1, len(reports))}", texts


@contextmanager
def one_core():
    """Run the block on a single CPU when the system lets us choose (Linux)."""
    if not hasattr(os, "sched_getaffinity"):
        yield
        return
    before = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, {min(before)})
        yield
    except OSError:
        yield
    finally:
        try:
            os.sched_setaffinity(0, before)
        except OSError:
            pass


def measure(detect, texts: list[str], runs: int = 5) -> float:
    """Median MB/s of ``detect`` over all ``texts``, after one warm-up pass."""
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    for text in texts[:3]:
        detect(text)  # lexicons are read and compiled on first use
    times = []
    for _ in range(runs):
        start = time.process_time()
        for text in texts:
            detect(text)
        times.append(time.process_time() - start)
    return size / statistics.median(times)


def run(runs: int = 5) -> list[dict]:
    """Rows of the throughput table, one per lens that has ``detect``."""
    name, texts = corpus()
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rows = []
    with one_core():
        for found in registry.with_detector():
            lens = found.module_name.rsplit(".", 1)[-1]
            module = importlib.import_module(found.module_name)
            speed = measure(module.detect, texts, runs)
            rows.append({"benchmark": "throughput", "measure": lens,
                         "MB/s": speed, "text": f"{name} ({size:.2f} MB)", "runs": runs,
                         "target": f">= {TARGET_MB_PER_S:g} MB/s",
                         "ok": "yes" if speed >= TARGET_MB_PER_S else "NO"})
    return rows
