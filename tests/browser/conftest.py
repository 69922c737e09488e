"""Browser tests: Debian's chromium driven by Playwright, against Voila and JupyterLab.

Every server runs on 127.0.0.1 on a free port, on a temporary copy of the notebooks,
with its own Jupyter folders and its own journal folder (MEDIA_KIT_HOME), and is
stopped when its tests end. The browser may not reach anything but this machine.
When /usr/bin/chromium is missing these tests FAIL and say how to install it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.bench import serve

from .browser_actions import SHORT


@pytest.fixture(scope="session")
def chromium_path():
    if not Path(serve.CHROMIUM).exists():
        pytest.fail(serve.MISSING_CHROMIUM, pytrace=False)
    return serve.CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path, playwright_driver):
    launched = serve.launch_chromium(playwright_driver)
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
