"""What a student does in the reader and the exercises, as Playwright steps (shared by
the Voila and JupyterLab tests). Every wait has a timeout."""
from __future__ import annotations

import json
import time
from pathlib import Path


LONG = 120_000  # ms: starting a kernel and running a notebook on a busy 2-core machine
SHORT = 30_000  # ms: one round trip through the kernel


def wait_kernel_idle(page, timeout: float = LONG / 1000, step: int = SHORT) -> None:
    """Wait until JupyterLab's status bar says the notebook's kernel is connected and idle."""
    deadline = time.monotonic() + timeout
    status = ""
    while time.monotonic() < deadline:
        status = page.locator("#jp-main-statusbar").inner_text(timeout=step)
        if "| Idle" in status and "No Kernel" not in status:
            return
        time.sleep(0.3)
    raise AssertionError(f"the kernel was not idle after {timeout:.0f} s; status bar: {status!r}")


def menu(page, top: str, command: str) -> None:
    """Click a command of JupyterLab's menu bar, e.g. menu(page, "Run", "runmenu:run-all")."""
    page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
    page.locator(f'.lm-Menu-item[data-command="{command}"]').click()


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


def answer_choice(page, option: str) -> None:
    page.get_by_label(option, exact=True).check()
    page.wait_for_selector(".mlk-feedback >> text=Right.", timeout=SHORT)


def textarea_for(page, prompt: str):
    return page.locator(".mlk-kit", has_text=prompt).locator("textarea").last


def wait_for_file_text(path: Path, text: str, timeout: float = 30.0) -> str:
    """Wait until ``path`` exists and contains ``text`` (the journal, saved by the kernel)."""
    deadline = time.monotonic() + timeout
    content = ""
    while time.monotonic() < deadline:
        if path.exists():
            content = path.read_text(encoding="utf-8", errors="replace")
            if text in content:
                return content
        time.sleep(0.2)
    raise AssertionError(f"{path} does not contain {text!r} after {timeout:.0f} s; it holds: {content[:500]!r}")


MC_QUESTION = "Which newspaper's article do all five reports go back to?"
MC_RIGHT = "The Wall Street Journal"


def tour_notebook() -> dict:
    """A notebook with the reader and two exercises, as a lesson would use them."""
    cells = [
        ("markdown", "# Widgets tour (browser test)"),
        ("code", "from helpers import load_case\nfrom helpers.widgets import MultipleChoice, Reflection, SideBySideReader\n"
                 "case = load_case('rostec-venezuela-2019')"),
        ("code", "SideBySideReader(case, left='breitbart', right='moscow-times-web', lenses=('numbers',))"),
        ("code", "MultipleChoice(" + repr(MC_QUESTION) + ", options=[\n"
                 f"    ({MC_RIGHT!r}, True, 'Every report names it, directly or through Fox News.'),\n"
                 "    ('Fox News', False, 'Fox News relays the Journal; it is one step in the chain.'),\n"
                 "    ('The Moscow Times', False, 'It retells the Journal and cites it.'),\n"
                 "], key='tour/origin')"),
        ("code", "Reflection('What did you notice first?', key='tour/first')"),
    ]
    return _notebook(cells)


def xss_notebook(case_dir: Path) -> dict:
    cells = [
        ("markdown", "# A report that tries to run code"),
        ("code", "from helpers import load_case\nfrom helpers.widgets import SideBySideReader\n"
                 f"SideBySideReader(load_case({str(case_dir)!r}), lenses=('anonymous', 'named'), source='auto')"),
    ]
    return _notebook(cells)


def _notebook(cells) -> dict:
    out = []
    for i, (kind, source) in enumerate(cells):
        cell = {"cell_type": kind, "id": f"cell-{i}", "metadata": {}, "source": source}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        out.append(cell)
    return {"cells": out, "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
                         "language_info": {"name": "python"}}}


SCRIPT = '<script>window.__pwned = "script";</script>'
IMG = '<img src=x onerror="window.__pwned = \'img\'; alert(1)">'


def make_xss_case(folder: Path) -> Path:
    """A two-report case whose text, title and outlet carry HTML that would run code."""
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    (folder / "case.yml").write_text(
        "title: <img src=x onerror=alert(3)> hostile title\n"
        "reports:\n"
        "  - id: hostile\n    file: reports/hostile.txt\n    outlet: \"<img src=x onerror=alert(2)>\"\n"
        "  - id: plain\n    file: reports/plain.txt\n    outlet: Plain News\n", encoding="utf-8")
    (folder / "reports" / "hostile.txt").write_text(
        f"Officials said {SCRIPT} that it was fine.\n\nAn analyst said {IMG} nothing happened.\n", encoding="utf-8")
    (folder / "reports" / "plain.txt").write_text("A source close to the ministry said 12 people came.\n",
                                                  encoding="utf-8")
    return folder


def write_notebook(path: Path, notebook: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return path
