"""How fast the reader answers when a lens is switched: ``python -m helpers.bench.reader``.

Two figures, each the median of several runs, on the longest pair of reports in the
case (the pair with the most characters together):

1. **Python**: the time to re-render both panes (findings, counts, list and HTML)
   after a lens checkbox changes, in the kernel. Target: median <= 30 ms.
2. **Browser** (``--browser``): from the click on a lens checkbox in Chromium, through
   the kernel and back, to the next painted frame with the marks changed, in the Voila
   reader. Target: median <= 150 ms (100 ms is where people stop feeling a delay).

The answer keys and lenses are read once, before timing (the reader caches them);
the first, cold render is printed separately.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ..lenses import registry
from ..widgets.findings import LENS_VIEWS

PYTHON_TARGET_MS = 30.0
BROWSER_TARGET_MS = 150.0

#: JavaScript: click a lens checkbox, resolve with the time until the marks of that lens
#: changed in the left pane and the next frame was painted.
CLICK_JS = """
async ([label, lens, timeout]) => {
  const inputs = [...document.querySelectorAll('.widget-checkbox input[type=checkbox]')];
  const input = inputs.find(el => (el.closest('label') || {}).textContent.trim() === label);
  if (!input) throw new Error('no checkbox labelled ' + label);
  const count = () => document.querySelectorAll(`[data-side="left"] mark[data-lens="${lens}"]`).length;
  const before = count();
  return await new Promise((resolve, reject) => {
    const t0 = performance.now();
    const timer = setTimeout(() => { obs.disconnect(); reject(new Error('no change after ' + timeout + ' ms')); }, timeout);
    const obs = new MutationObserver(() => {
      if (count() !== before) {
        obs.disconnect(); clearTimeout(timer);
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }
    });
    obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
    input.click();
  });
}
"""


def longest_pair(case) -> tuple[str, str]:
    ids = list(case.reports)
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    return max(pairs, key=lambda p: len(case.reports[p[0]].text) + len(case.reports[p[1]].text))


def python_latency(case, runs: int = 7, sources=("expert", "auto", "both")) -> dict:
    """Median milliseconds to re-render after a lens checkbox changes, per source and lens."""
    from ..widgets.reader import SideBySideReader

    left, right = longest_pair(case)
    started = time.perf_counter()
    reader = SideBySideReader(case, left=left, right=right, lenses=(), source="expert")
    reader.model.index.warm()
    for view in LENS_VIEWS:
        reader.model.index.findings(left, view, "both", other=right)
    cold_ms = (time.perf_counter() - started) * 1000
    results = {"pair": [left, right], "chars": len(case.reports[left].text) + len(case.reports[right].text),
               "cold_ms": cold_ms, "runs": runs, "by_source": {}}
    all_times = []
    for source in sources:
        reader.source_choice.value = source
        per_lens = {}
        for view in LENS_VIEWS:
            box = reader.lens_boxes[view]
            times = []
            for _ in range(runs):
                for value in (True, False):
                    t0 = time.perf_counter()
                    box.value = value
                    times.append((time.perf_counter() - t0) * 1000)
            per_lens[view] = statistics.median(times)
            all_times += times
        # everything on at once: the heaviest page
        for view in LENS_VIEWS[:-1]:
            reader.lens_boxes[view].value = True
        box = reader.lens_boxes[LENS_VIEWS[-1]]
        times = []
        for _ in range(runs):
            for value in (True, False):
                t0 = time.perf_counter()
                box.value = value
                times.append((time.perf_counter() - t0) * 1000)
        per_lens["all lenses on"] = statistics.median(times)
        all_times += times
        for view in LENS_VIEWS:
            reader.lens_boxes[view].value = False
        results["by_source"][source] = per_lens
    results["median_ms"] = statistics.median(all_times)
    results["worst_median_ms"] = max(v for s in results["by_source"].values() for v in s.values())
    return results


def _reader_notebook(left: str, right: str, case_name: str) -> dict:
    source = ("from helpers import load_case\nfrom helpers.widgets import SideBySideReader\n\n"
              f"SideBySideReader(load_case({case_name!r}), left={left!r}, right={right!r}, lenses=('anonymous',))")
    return {"cells": [{"cell_type": "code", "execution_count": None, "id": "bench", "metadata": {},
                       "outputs": [], "source": source}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def browser_latency(case, runs: int = 9, lenses=("numbers", "loaded_language", "anonymous")) -> dict:
    """Median milliseconds from a click on a lens checkbox to the repainted marks, in Voila."""
    from playwright.sync_api import sync_playwright

    from . import serve

    left, right = longest_pair(case)
    with tempfile.TemporaryDirectory(prefix="mlk-bench-") as tmp:
        root = Path(tmp)
        notebook = root / "nb" / "bench_reader.ipynb"
        notebook.parent.mkdir()
        notebook.write_text(json.dumps(_reader_notebook(left, right, case.path.as_posix())))
        with serve.start_voila(notebook, root) as server, sync_playwright() as p:
            browser = serve.launch_chromium(p)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                serve.local_only(page)
                page.goto(server.url + "/", timeout=90_000)
                page.wait_for_selector('[data-side="left"] mark', timeout=90_000)
                per_lens, all_times = {}, []
                for view in lenses:
                    label = registry.views()[view].label
                    page.evaluate(CLICK_JS, [label, view, 10_000])  # warm-up: on
                    page.evaluate(CLICK_JS, [label, view, 10_000])  # off
                    times = [page.evaluate(CLICK_JS, [label, view, 10_000]) for _ in range(runs)]
                    per_lens[view] = statistics.median(times)
                    all_times += times
                    if len(times) % 2:  # leave the lens as it was
                        page.evaluate(CLICK_JS, [label, view, 10_000])
            finally:
                browser.close()
    return {"pair": [left, right], "runs": runs, "by_lens": per_lens, "median_ms": statistics.median(all_times),
            "worst_median_ms": max(per_lens.values())}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.bench.reader", description=__doc__.splitlines()[0])
    parser.add_argument("--case", default="rostec-venezuela-2019")
    parser.add_argument("--runs", type=int, default=7, help="runs per lens (each run switches on and off)")
    parser.add_argument("--browser", action="store_true", help="also measure click-to-repaint in Chromium (Voila)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from ..case import load_case

    case = load_case(args.case)
    result = {"python": python_latency(case, args.runs)}
    if args.browser:
        result["browser"] = browser_latency(case, max(args.runs, 5))
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    py = result["python"]
    print(f"Reader latency, longest pair: {py['pair'][0]} + {py['pair'][1]} ({py['chars']:,} characters)")
    print(f"Python, first render with every answer key and lens read: {py['cold_ms']:.0f} ms (once per kernel)")
    print(f"Python, re-render after a lens checkbox changes (median of {args.runs} on/off runs):")
    print("  " + "source".ljust(9) + "".join(v[:10].rjust(11) for v in list(LENS_VIEWS) + ["all on"]))
    for source, per_lens in py["by_source"].items():
        print("  " + source.ljust(9) + "".join(f"{ms:9.1f}ms" for ms in per_lens.values()))
    verdict = "OK" if py["median_ms"] <= PYTHON_TARGET_MS else "OVER TARGET"
    print(f"  median {py['median_ms']:.1f} ms, worst lens median {py['worst_median_ms']:.1f} ms "
          f"(target median <= {PYTHON_TARGET_MS:.0f} ms): {verdict}")
    if "browser" in result:
        br = result["browser"]
        print(f"Browser (Chromium, Voila), click on a lens to repainted marks (median of {br['runs']}):")
        for view, ms in br["by_lens"].items():
            print(f"  {view:<16} {ms:7.1f} ms")
        verdict = "OK" if br["median_ms"] <= BROWSER_TARGET_MS else "OVER TARGET"
        print(f"  median {br['median_ms']:.1f} ms (target <= {BROWSER_TARGET_MS:.0f} ms): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
