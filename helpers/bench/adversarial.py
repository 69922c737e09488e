"""Hostile and careless input: time and peak memory of the inputs that once hung the kit.

Each input is built at run time (none is stored) and given to the code that used to
take time or memory out of proportion to it:

- ``dollar_pair``: two 15 KB texts of ``$1 $1 $1 ...`` (one phrase repeated
  thousands of times) to the shared-passages lens;
- ``wire_300``: 300 copies of one wire story (the longest report of the case);
- ``near_2000``: 2,000 near-identical files, each a copy of a report with a few
  words changed;
- ``dots_50k``: one line of 50,000 full stops to the sentence splitter (what a
  student can paste into notebook 06's own-story box);
- ``marks_nested`` and ``marks_crossing``: 20,000 highlights on one text to the
  renderer, all nested inside each other, or each crossing the ones around it;
- ``transcript_1mb``: 1 MB of short lines and no full stop (an automatic video
  transcript) to the sentence splitter;
- ``figures_100k``: 100 KB of ``1 1 1 ...`` pasted into notebook 06's own-story box
  (every lens, then the page, which shows at most 20,000 highlights per lens).

Each input runs in a fresh Python process, three times; the table shows the median
CPU seconds of the work and the median peak memory of the whole process (resident
set, which includes Python and pandas, about 100 MB before any work). The target is
at most ``TARGET_SECONDS`` and ``TARGET_MB`` for each.
"""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from ..folders import data_dir


TARGET_SECONDS = 2.0
TARGET_MB = 300
RUNS = 3
#: A run that takes longer than this is stopped and shown as "over N s".
TIMEOUT = 60
CASE = data_dir() / "cases" / "rostec-venezuela-2019" / "reports"


def _story() -> str:
    paths = sorted(CASE.glob("*.txt"), key=lambda p: -p.stat().st_size)
    return paths[0].read_text(encoding="utf-8")


def _dollar_pair():
    text = ("$1 " * 5000)[:15000]
    return "shared passages", "two 15 KB texts of '$1 $1 ...'", \
        lambda: _shared({"a": text, "b": text})


def _wire_300():
    story = _story()
    reports = {f"r{i:03d}": story for i in range(300)}
    return "shared passages", f"300 copies of one {len(story) // 1000} KB story", \
        lambda: _shared(reports)


def _near_2000():
    import random

    story = _story()[:1500]
    words = story.split(" ")
    rng = random.Random(14)
    reports = {}
    for i in range(2000):
        copy = list(words)
        for _ in range(3):
            copy[rng.randrange(len(copy))] = f"w{rng.randrange(10**6)}"
        reports[f"r{i:04d}"] = " ".join(copy)
    return "shared passages", "2,000 near-identical 1.5 KB files", lambda: _shared(reports)


def _shared(reports):
    from helpers.lenses import shared_passages

    return len(shared_passages.detect_many(reports))


def _dots():
    from helpers.lenses._text import Sentences, sentence_spans

    text = "." * 50_000

    def work():
        spans = sentence_spans(text)
        Sentences(text).around(25_000)
        return len(spans)
    return "sentence splitter", "one line of 50,000 full stops", work


def _marks(kind: str):
    from helpers.spans import Span, render_html

    count = 20_000
    text = "word " * (2 * count)
    if kind == "nested":
        spans = [Span(i, len(text) - i, "loaded_language") for i in range(count)]
        label = f"{count:,} highlights nested inside each other"
    else:
        spans = [Span(5 * i, 5 * i + 5000, "loaded_language") for i in range(count)]
        label = f"{count:,} highlights, each crossing the next 999"
    return "highlight renderer", label, lambda: len(render_html(text, spans))


def _transcript():
    from helpers.lenses._text import sentence_spans

    line = "so the company said it had cut the number of advisers\n"
    text = line * (1_000_000 // len(line))
    return ("sentence splitter", "1 MB of short lines with no full stop (a video transcript)",
            lambda: len(sentence_spans(text)))


def _figures_page():
    from helpers.analyze import analyze_texts, render_report

    text = "1 " * 50_000

    def work():
        return len(render_report(analyze_texts({"Figures": text}, charts=False)))
    return "numbers lens and page", "100 KB of figures on one line ('1 1 1 ...'), notebook 06's way", work


def _caps_run():
    from helpers.lenses import loaded_language

    text = "REGIME SLASHES " * 5_500
    return ("loaded language", "80 KB of capitals with no ? or !",
            lambda: len(loaded_language.detect(text)))


def _said_quotes():
    from helpers.lenses import attribution

    text = '"x," said ' * 20_000
    return ("attribution", '200 KB of "x," said', lambda: len(attribution.detect(text)))


def _mr_said():
    from helpers.lenses import attribution

    text = "Mr. Smith said Mr. Jones lied and " * 6_000
    return ("attribution", '200 KB of "Mr." with no sentence end',
            lambda: len(attribution.detect(text)))


INPUTS = {
    "dollar_pair": _dollar_pair,
    "wire_300": _wire_300,
    "near_2000": _near_2000,
    "dots_50k": _dots,
    "marks_nested": lambda: _marks("nested"),
    "marks_crossing": lambda: _marks("crossing"),
    "caps_80k": _caps_run,
    "said_200k": _said_quotes,
    "mr_200k": _mr_said,
    "transcript_1mb": _transcript,
    "figures_100k": _figures_page,
}


def child(name: str) -> None:
    """Run one input in this process and print {"seconds", "peak_mb", "result"} as JSON."""
    _, _, work = INPUTS[name]()
    began = time.process_time()
    result = work()
    seconds = time.process_time() - began
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "result": result}))


def measure(name: str, runs: int = RUNS, timeout: float = TIMEOUT) -> dict:
    """One table row for one input: median seconds and peak MB over ``runs`` processes."""
    what, label, _ = INPUTS[name]()
    row = {"benchmark": "adversarial", "code": what, "input": label}
    seconds, peaks = [], []
    for _ in range(runs):
        try:
            done = subprocess.run(
                [sys.executable, "-c", f"from helpers.bench.adversarial import child; child({name!r})"],
                capture_output=True, text=True, timeout=timeout,
                cwd=Path(__file__).resolve().parents[2])
        except subprocess.TimeoutExpired:
            row.update(seconds=f"over {timeout:g} s", peak_mb=None, ok="NO")
            return row
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            row.update(seconds=f"failed: {last}", peak_mb=None, ok="NO")
            return row
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        seconds.append(figures["seconds"])
        peaks.append(figures["peak_mb"])
    row["seconds"] = round(statistics.median(seconds), 3)
    row["peak_mb"] = round(statistics.median(peaks))
    row["ok"] = "yes" if row["seconds"] <= TARGET_SECONDS and row["peak_mb"] <= TARGET_MB else "NO"
    return row


def run(runs: int = RUNS, only=None) -> list[dict]:
    """One row per input (see the module's docstring)."""
    return [measure(name, runs) for name in (only or INPUTS)]


if __name__ == "__main__":
    from .table import format_table

    names = sys.argv[1:] or None
    print(format_table(run(only=names)))
