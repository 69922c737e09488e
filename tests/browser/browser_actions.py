"""What a student does in the reader and the exercises, as Playwright steps (shared by
the Voila and JupyterLab tests). Every wait has a timeout."""
from __future__ import annotations

import statistics

from helpers.widgets.bench import CLICK_JS

LONG = 120_000
SHORT = 30_000


def pane(side: str) -> str:
    return f'.mlk-pane[data-side="{side}"]'


def count(page, selector: str) -> int:
    return page.evaluate("(sel) => document.querySelectorAll(sel).length", selector)


def wait_count(page, selector: str, test: str, timeout: int = SHORT) -> None:
    """Wait until the number of elements matching ``selector`` passes ``test`` (a JS
    expression of ``n``, e.g. ``"n > 0"``)."""
    page.wait_for_function(f"(sel) => {{ const n = document.querySelectorAll(sel).length; return {test}; }}",
                           arg=selector, timeout=timeout)


def wait_reader(page, timeout: int = LONG) -> None:
    page.wait_for_selector(f"{pane('left')} mark", timeout=timeout)
    page.wait_for_selector(pane("right"), timeout=timeout)


def choose_report(page, side: str, label: str, report_id: str) -> None:
    page.get_by_label(f"{side.title()} report", exact=True).select_option(value=label)
    page.wait_for_selector(f'{pane(side)}[data-report="{report_id}"]', timeout=SHORT)


def lens_on_and_off(page, label: str, lens: str) -> tuple[int, int]:
    """Switch a lens on, see its marks in both panes; switch it off, see them go."""
    box = page.get_by_label(label, exact=True)
    marks_left, marks_right = f'{pane("left")} mark[data-lens="{lens}"]', f'{pane("right")} mark[data-lens="{lens}"]'
    assert count(page, marks_left) == 0
    box.check()
    wait_count(page, marks_left, "n > 0")
    wait_count(page, marks_right, "n > 0")
    shown = (count(page, marks_left), count(page, marks_right))
    box.uncheck()
    wait_count(page, marks_left, "n === 0")
    wait_count(page, marks_right, "n === 0")
    return shown


def pick_finding(page, containing: str) -> str:
    options = page.evaluate("() => [...document.querySelectorAll('.widget-select select option')].map(o => o.value)")
    chosen = next(o for o in options if containing in o)
    page.get_by_label("Findings", exact=True).select_option(value=chosen)
    return chosen


def click_latency(page, label: str, lens: str, runs: int = 6) -> float:
    """Median ms from a click on a lens checkbox to the repainted marks."""
    times = [page.evaluate(CLICK_JS, [label, lens, 15_000]) for _ in range(runs)]
    return statistics.median(times)


def answer_choice(page, option: str) -> None:
    page.get_by_label(option, exact=True).check()
    page.wait_for_selector(".mlk-feedback >> text=Right.", timeout=SHORT)


def textarea_for(page, prompt: str):
    return page.locator(".mlk-kit", has_text=prompt).locator("textarea").last
