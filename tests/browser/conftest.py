"""Browser tests: Debian's chromium driven by Playwright, against Voila and JupyterLab.

Every server runs on 127.0.0.1 on a free port, on a temporary copy of the notebooks,
with its own Jupyter folders and its own journal folder (MEDIA_KIT_HOME), and is
stopped when its tests end. The browser may not reach anything but this machine.
When /usr/bin/chromium is missing these tests FAIL and say how to install it.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from helpers.widgets import serve

ROOT = Path(__file__).resolve().parents[2]
LONG = 120_000  # ms: starting a kernel and running a notebook on a busy 2-core machine
SHORT = 30_000  # ms: one round trip through the kernel


@pytest.fixture(scope="session")
def chromium_path():
    if not Path(serve.CHROMIUM).exists():
        pytest.fail(serve.MISSING_CHROMIUM, pytrace=False)
    return serve.CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = serve.launch_chromium(p)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(SHORT)
    page.refused = serve.local_only(page)
    page.dialogs = []

    def on_dialog(dialog):
        if dialog.type == "beforeunload":  # JupyterLab asks before leaving an unsaved notebook
            dialog.accept()
            return
        page.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield page
    finally:
        context.close()


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
