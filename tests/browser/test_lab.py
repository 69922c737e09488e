"""The widgets in JupyterLab: open a notebook, run it, use the reader and an exercise,
then reload the page, restart the kernel, run again and find the answer still there."""
from __future__ import annotations


import pytest

from helpers.bench import serve

from .browser_actions import (LONG, MC_RIGHT, SHORT, answer_choice, menu, wait_kernel_idle, choose_report, lens_on_and_off, textarea_for,
                              tour_notebook, wait_for_file_text, wait_reader, write_notebook)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory, chromium_path):
    root = tmp_path_factory.mktemp("lab")
    write_notebook(root / "notebooks" / "tour.ipynb", tour_notebook())
    server = serve.start_lab(root / "notebooks", root)
    server.journal = root / "home" / "journal.json"
    yield server
    server.stop()


def open_and_run(page, url: str) -> None:
    page.goto(url, timeout=LONG)
    page.wait_for_selector(".jp-NotebookPanel", timeout=LONG)
    wait_kernel_idle(page)
    menu(page, "Run", "runmenu:run-all")
    wait_reader(page)


def test_reader_and_exercise_in_jupyterlab_survive_reload_and_restart(lab, page):
    open_and_run(page, lab.url + "/lab/tree/tour.ipynb")
    choose_report(page, "left", "Global Research", "global-research")
    choose_report(page, "right", "The Moscow Times (PDF capture)", "moscow-times-pdf")
    left, right = lens_on_and_off(page, "Anonymous sources", "anonymous")
    assert left > 0 and right > 0

    answer_choice(page, MC_RIGHT)
    textarea_for(page, "What did you notice first?").fill("Global Research disputes the story.")
    journal = wait_for_file_text(lab.journal, "Global Research disputes the story.")
    assert '"answer": "The Wall Street Journal"' in journal

    page.reload(timeout=LONG)
    page.wait_for_selector(".jp-NotebookPanel", timeout=LONG)
    wait_kernel_idle(page)
    menu(page, "Kernel", "runmenu:restart-and-run-all")
    page.locator(".jp-Dialog-button.jp-mod-accept").click(timeout=SHORT)  # "Restart"
    page.wait_for_function("() => !document.querySelector('.mlk-pane')", timeout=LONG)  # old outputs cleared
    wait_reader(page)
    page.get_by_label(MC_RIGHT, exact=True).wait_for(timeout=LONG)
    assert page.get_by_label(MC_RIGHT, exact=True).is_checked()
    assert textarea_for(page, "What did you notice first?").input_value() == "Global Research disputes the story."
    assert page.refused == [], f"the page tried to leave this machine: {page.refused}"
