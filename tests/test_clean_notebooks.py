"""Notebooks stay clean: running a lesson and saving it with outputs leaves `git status`
empty, because the Makefile installs nbstripout as the repository's git filter.

The JupyterLab version (Run All and save in a browser) is tests/browser/test_lab_save.py.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
import subprocess
import sys

import nbformat
import pytest
from nbconvert.preprocessors import ExecutePreprocessor

from clean_repo import ROOT, fresh_repo, git, porcelain
from helpers.kernels import kernel_over_files
from helpers.lab_save import strip_on_save

LESSON = "01_side_by_side.ipynb"


def test_the_repository_declares_the_filter():
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "*.ipynb filter=nbstripout" in attributes and "*.ipynb diff=ipynb" in attributes


def test_committed_notebooks_are_already_clean():
    """The filter changes nothing in a committed notebook (else every clone starts dirty)."""
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        cleaned = subprocess.run([sys.executable, "-m", "nbstripout",
                                  "--keep-id", "-t"], input=text, capture_output=True, text=True, check=True)
        assert cleaned.stdout == text, f"{path.name} is not stored as nbstripout writes it: run it through nbstripout"


JUPYTERLAB_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                      "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                      "pygments_lexer": "ipython3", "version": "3.11.7"},
}


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """A fresh repository with the filter installed, and lesson 01 run with its outputs, as
    JupyterLab holds it after "Run All" (with the kernel's metadata)."""
    tmp = tmp_path_factory.mktemp("clean")
    repo = fresh_repo(tmp / "kit", [LESSON])
    path = repo / "notebooks" / LESSON
    nb = nbformat.read(path, as_version=4)
    env = {"MEDIA_KIT_HOME": str(tmp / "home")}
    saved = {k: os.environ.get(k) for k in (*env, "MPLBACKEND")}
    os.environ.update(env)
    os.environ.pop("MPLBACKEND", None)
    try:
        with kernel_over_files() as config:
            ExecutePreprocessor(timeout=300, kernel_name="python3", store_widget_state=True,
                                config=config).preprocess(nb, {"metadata": {"path": str(path.parent)}})
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    nb.metadata.update(JUPYTERLAB_METADATA)
    assert any(c.get("outputs") for c in nb.cells), "the lesson ran and has outputs"
    return repo, path, nb


def save_as_jupyter_does(repo: Path, nb, hook) -> None:
    from jupyter_server.services.contents.filemanager import FileContentsManager

    manager = FileContentsManager(root_dir=str(repo), **({"pre_save_hook": hook} if hook else {}))
    manager.save({"type": "notebook", "format": "json", "content": json.loads(nbformat.writes(nb))},
                 f"notebooks/{LESSON}")


def test_saving_a_run_lesson_with_make_labs_hook_leaves_git_status_empty(ran):
    repo, path, nb = ran
    assert "strip_on_save" in (ROOT / "Makefile").read_text(encoding="utf-8"), "make lab uses the hook"
    save_as_jupyter_does(repo, nb, strip_on_save)
    assert porcelain(repo) == "", "git sees no change after Run All and Save"
    assert path.read_text(encoding="utf-8") == git(repo, "show", f"HEAD:notebooks/{LESSON}")
    # Without the hook, the same save writes the outputs and git sees them.
    save_as_jupyter_does(repo, nb, None)
    assert "widget-view+json" in path.read_text(encoding="utf-8")
    assert porcelain(repo).strip() == f"M notebooks/{LESSON}"
    git(repo, "checkout", "--", ".")


def test_the_hook_leaves_other_notebooks_alone(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    nb.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    model = {"type": "notebook", "content": nb}
    strip_on_save(model=model, path="my_own_work.ipynb", contents_manager=None)
    assert model["content"].cells[0].outputs, "a student's own notebook keeps its outputs"


def test_the_git_filter_keeps_outputs_out_of_commits(ran):
    repo, path, nb = ran
    nb = nbformat.from_dict(json.loads(nbformat.writes(nb)))
    # The kernel's name is as committed (make lab's hook keeps it so); the rest is a run's.
    nb.metadata.kernelspec = nbformat.reads(git(repo, "show", f"HEAD:notebooks/{LESSON}"), 4).metadata.kernelspec
    nbformat.write(nb, path)  # saved with outputs and language details, by any tool
    assert "widget-view+json" in path.read_text(encoding="utf-8")
    git(repo, "add", "-A")
    assert porcelain(repo) == "", "nothing to commit: the filter stripped the outputs"
    assert git(repo, "diff", "--cached") == "" and git(repo, "diff") == ""
    # The filter is what does it: without it, the outputs are staged.
    git(repo, "config", "--unset", "filter.nbstripout.clean")
    git(repo, "config", "--unset", "filter.nbstripout.required")
    path.touch()
    git(repo, "add", "-A")
    assert porcelain(repo).strip() == f"M  notebooks/{LESSON}"
