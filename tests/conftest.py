"""Shared fixtures: the shipped case, and a small case a test can break on purpose."""
from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASE_DIR = ROOT / "data" / "cases" / "rostec-venezuela-2019"
SHARED = ROOT.parent / "shared"

# Journals and other student work written during tests go to a throwaway folder.
# Always set, never inherited: on a hub MEDIA_KIT_HOME is the maintainer's own journal folder.
os.environ["MEDIA_KIT_HOME"] = str(Path(os.environ.get("TMPDIR", "/tmp")) / "media-kit-test-home")


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright (sync API) per test process: a second one while the first is open
    fails with "using Playwright Sync API inside the asyncio loop", so the browser tests
    and the hub test share this one, whichever runs first."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def case():
    from helpers import load_case

    return load_case("rostec-venezuela-2019")


GOOD_CASE_YML = """\
title: A small test story
reports:
  - id: first
    file: reports/first.txt
    outlet: First Outlet
    author: A. Writer
    date: 2020-01-02
  - id: second
    file: reports/second.txt
    outlet: Second Outlet
    author: null
    date: null
"""


@pytest.fixture
def small_case(tmp_path):
    """A valid two-report case in a temporary folder; tests then break one thing."""

    def make(case_yml: str = GOOD_CASE_YML, reports: dict | None = None) -> Path:
        folder = tmp_path / "small-case"
        (folder / "reports").mkdir(parents=True, exist_ok=True)
        (folder / "case.yml").write_text(textwrap.dedent(case_yml), encoding="utf-8")
        texts = {"first.txt": "Officials said 12 people came.\n", "second.txt": "About a dozen came, a source said.\n"}
        texts.update(reports or {})
        for name, content in texts.items():
            if content is None:
                continue
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            (folder / "reports" / name).write_bytes(data)
        return folder

    return make
