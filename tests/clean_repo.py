"""A throw-away git repository holding the kit's Makefile and some notebooks, with the
nbstripout filter installed by the Makefile's own `nbstripout` target (as `make lab` and
`make test` do in a fresh clone). Shared by the fast test and the JupyterLab test."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).parent.parent


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def fresh_repo(folder: Path, notebooks: list[str]) -> Path:
    """A new repository with the kit's Makefile, .gitattributes and ``notebooks``, committed,
    then `make nbstripout` run in it; returns its folder."""
    folder.mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", ".gitattributes", ".gitignore"):
        shutil.copy2(ROOT / name, folder / name)
    (folder / "notebooks").mkdir()
    for name in notebooks:
        shutil.copy2(ROOT / "notebooks" / name, folder / "notebooks" / name)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A")
    git(folder, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "kit")
    # The venv running the tests is the repository's .venv: `-o` tells make it is up to date.
    installed = VENV / ".installed"
    made = subprocess.run(["make", "-C", str(folder), f"VENV={VENV}", "-o", str(installed), "nbstripout"],
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stdout + made.stderr
    return folder


def porcelain(repo: Path) -> str:
    return git(repo, "status", "--porcelain")
