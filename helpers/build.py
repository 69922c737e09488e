"""``python -m helpers build``: the student, teacher and HTML editions of the lessons.

``make build`` runs this. From every numbered lesson in ``notebooks/`` (``00_*.ipynb``
to ``99_*.ipynb``) it writes:

- ``build/student/``: cells tagged ``solution`` removed, every output cleared, and the
  code of cells tagged ``hide-input``, ``remove-input`` or ``setup`` folded (``metadata.jupyter.source_hidden``,
  which JupyterLab honours: the student sees the output and a "..." to unfold the code).
  This is what students open; ``make publish`` commits it to the ``student`` branch.
- ``build/teacher/``: every cell, run from top to bottom, outputs and answers in place
  (the worked answers, folded in a closed ``<details>`` box in ``notebooks/``, are open).
- ``build/html/``: the teacher edition as static web pages that read (and print)
  without Jupyter and without the network: no script at all, code of cells tagged
  ``hide-input`` folded behind a "Show the code" toggle (a closed ``<details>``, no script), and each widget shown in its static form (the ``text/html``
  the widget put in its output) instead of the live control; ``index.html`` lists them.

Cells tagged ``remove-cell`` (maintainer notes) are left out of all three; the code of
cells tagged ``remove-input`` is left out of all three (the output stays in the teacher
and HTML editions), as jupyter-book does. The tag vocabulary is in the README.

A build is private: its kernels write to a fresh, empty journal folder
(``MEDIA_KIT_HOME`` pointed at a temporary folder for the build), so the builder's own
answers never reach the editions. The work is done with nbconvert's and nbformat's own
preprocessors and exporter, not by editing notebook JSON.

Nothing is half-written: the editions are built in a temporary folder next to the
output folder and moved into place only when every notebook has been converted, so a
failed build leaves the previous editions as they were.
"""
from __future__ import annotations

import argparse
import copy
import html
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter
from nbconvert.preprocessors import (
    CellExecutionError,
    ClearOutputPreprocessor,
    ExecutePreprocessor,
    Preprocessor,
    TagRemovePreprocessor,
)

from .kernels import kernel_over_files

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ("student", "teacher", "html")
#: Written into every edition folder the build makes: only a folder holding it is replaced.
MARKER = ".made-by-kit-build"


class NotOurFolder(OSError):
    """An edition folder in ``--out`` that the build did not make: never replaced."""


def _check_editions_are_ours(out: Path) -> None:
    for edition in EDITIONS:
        target = out / edition
        if (target.exists() or target.is_symlink()) and (
                target.is_symlink() or not target.is_dir() or not (target / MARKER).is_file()):
            raise NotOurFolder(
                f"{target} already exists and was not made by the build; it was left as it is. "
                f"Move it away or choose another --out folder")
#: Tags whose code a student need not read: folded in the student edition.
FOLDED_TAGS = {"hide-input", "setup", "remove-input"}
#: A lesson notebook's file name starts with two digits: 00_start_here.ipynb.
LESSON_PATTERN = "[0-9][0-9]_*.ipynb"
#: The short checks taken before notebook 00 and after notebook 06 (lessons/checks.md).
CHECK_NOTEBOOKS = ("pre_check.ipynb", "post_check.ipynb")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

#: The HTML edition's template: JupyterLab's look, minus every <script> (require.js,
#: MathJax, Mermaid and the widget manager would all load from the network); the code
#: of a ``hide-input`` cell folded in a closed <details> box (jupyter-book's toggle).
HTML_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block footer_js -%}{%- endblock footer_js -%}
{%- block input_group -%}
{%- if 'hide-input' in cell.metadata.get('tags', []) -%}
<details class="mlk-code-toggle"><summary>Show the code</summary>
{{ super() }}
</details>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock input_group -%}
"""

#: What the HTML edition shows for a widget that left no static form.
NO_STATIC_FORM = ('<p class="mlk-widget-placeholder" style="border:1px dashed #7F7F7F;'
                  'padding:.5em;font-family:sans-serif">An interactive control is here. '
                  'Open the notebook in Jupyter to use it.</p>')


class StaticWidgets(Preprocessor):
    """Replace live widget outputs by their static form, and drop saved widget state.

    A widget output carries ``application/vnd.jupyter.widget-view+json`` (which only a
    running Jupyter can draw) and may carry ``text/html`` (the kit's widgets put a static
    rendering there). Only the static form is kept; without one, a short note says
    where the control was. The ``text/plain`` repr of a widget ("VBox(children=...)") is
    not for readers, so it goes too.
    """

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data or (WIDGET_VIEW not in data and WIDGET_STATE not in data):
                continue
            static = data.get("text/html")
            output["data"] = nbformat.from_dict({"text/html": static or NO_STATIC_FORM})
            output.get("metadata", {}).pop(WIDGET_VIEW, None)
        return cell, resources


class OpenSolutions(Preprocessor):
    """Unfold the worked answers for the teacher.

    In ``notebooks/`` a worked answer sits in a ``<details>`` box, closed, so a
    self-learner opens it on purpose. The teacher edition (and so the HTML, which is
    printed) shows every one open.
    """

    def preprocess_cell(self, cell, resources, index):
        if "solution" in cell.get("metadata", {}).get("tags", []) and cell.cell_type == "markdown":
            cell.source = cell.source.replace("<details>", "<details open>")
        return cell, resources


class FoldCode(Preprocessor):
    """Fold the code of cells a student need not read (JupyterLab's own cell metadata)."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and FOLDED_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        return cell, resources


class RemoveInput(Preprocessor):
    """Drop the code of cells tagged ``remove-input`` (jupyter-book's meaning), keep the output.

    Run after execution: the code has to run for its output to exist. A notebook cell
    cannot be without source, so the source becomes empty and the cell is folded.
    """

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and "remove-input" in cell.get("metadata", {}).get("tags", []):
            cell.source = ""
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        return cell, resources


def lesson_notebooks(folder: Path) -> list[Path]:
    """The lesson notebooks in ``folder``, in teaching order: the before-check, 00 to 06,
    the after-check (the checks are in every edition, so the student branch has them)."""
    before, after = (folder / name for name in CHECK_NOTEBOOKS)
    return [p for p in (before,) if p.exists()] + sorted(folder.glob(LESSON_PATTERN)) + \
        [p for p in (after,) if p.exists()]


def student_edition(nb):
    """Answers and maintainer notes removed, outputs cleared, set-up code folded.

    A ``remove-input`` cell keeps its code here (folded): the student's kernel must run
    it to show its output.
    """
    nb = _copy(nb)
    nb, _ = TagRemovePreprocessor(remove_cell_tags={"solution", "remove-cell"}).preprocess(nb, {})
    nb, _ = ClearOutputPreprocessor().preprocess(nb, {})
    nb, _ = FoldCode().preprocess(nb, {})
    nb.metadata.pop("widgets", None)
    return nb


def teacher_edition(nb, path: Path, timeout: int = 180):
    """Every cell but maintainer notes, run from top to bottom in the notebook's folder."""
    nb = _copy(nb)
    nb, _ = TagRemovePreprocessor(remove_cell_tags={"remove-cell"}).preprocess(nb, {})
    nb, _ = OpenSolutions().preprocess(nb, {})
    with kernel_over_files() as config:
        executor = ExecutePreprocessor(timeout=timeout, kernel_name="python3",
                                       store_widget_state=True, config=config)
        executor.preprocess(nb, {"metadata": {"path": str(path.parent)}})
    nb, _ = RemoveInput().preprocess(nb, {})
    return nb


def html_edition(teacher_nb, title: str) -> str:
    """The executed teacher edition as one static HTML page with no scripts."""
    nb = _copy(teacher_nb)
    nb.metadata["title"] = title
    nb, _ = TagRemovePreprocessor(remove_input_tags={"remove-input"}).preprocess(nb, {})
    nb, _ = StaticWidgets().preprocess(nb, {})
    exporter = HTMLExporter(template_file="media_kit.html.j2",
                            extra_loaders=[DictLoader({"media_kit.html.j2": HTML_TEMPLATE})])
    body, _ = exporter.from_notebook_node(nb)
    return body


def _copy(nb):
    return copy.deepcopy(nb)


def _notebook_title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _build_one(path: str, staging: str, timeout: int) -> tuple[str, float]:
    """Write the three editions of one notebook into ``staging``; return (name, seconds)."""
    started = time.monotonic()
    source = Path(path)
    staging = Path(staging)
    nb = nbformat.read(source, as_version=4)
    nbformat.write(student_edition(nb), staging / "student" / source.name)
    teacher = teacher_edition(nb, source, timeout)
    nbformat.write(teacher, staging / "teacher" / source.name)
    html = html_edition(teacher, _notebook_title(nb, source.stem))
    (staging / "html" / source.with_suffix(".html").name).write_text(html, encoding="utf-8")
    return source.name, time.monotonic() - started


def build(notebooks: Path | str = ROOT / "notebooks", out: Path | str = ROOT / "build", *,
          timeout: int = 180, jobs: int | None = None, log=print) -> list[Path]:
    """Write the three editions of every lesson in ``notebooks`` to ``out``.

    Returns the files written. Raises ``CellExecutionError`` (or any other error) with
    nothing changed in ``out`` when a notebook fails.
    """
    notebooks, out = Path(notebooks), Path(out)
    paths = lesson_notebooks(notebooks)
    if not paths:
        raise FileNotFoundError(f"no lesson notebooks (like 00_start_here.ipynb) in {notebooks}")
    _check_editions_are_ours(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    # Kernels inherit this process's environment; a batch MPLBACKEND (e.g. Agg) would
    # stop charts from showing in the teacher and HTML editions.
    os.environ.pop("MPLBACKEND", None)
    # The build's kernels get a fresh, empty journal folder: the builder's own answers
    # (their journal in MEDIA_KIT_HOME or ~/.local/share) must not reach the editions.
    private_home = tempfile.mkdtemp(prefix="media-kit-build-home-")
    saved_home = os.environ.get("MEDIA_KIT_HOME")
    os.environ["MEDIA_KIT_HOME"] = private_home
    try:
        for edition in EDITIONS:
            (staging / edition).mkdir()
            (staging / edition / MARKER).write_text(
                "Made by the kit's build command: the next build replaces this folder.\n", encoding="utf-8")
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
        if jobs == 1:
            results = [_build_one(str(p), str(staging), timeout) for p in paths]
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = [pool.submit(_build_one, str(p), str(staging), timeout) for p in paths]
                results = [f.result() for f in futures]
        for name, seconds in results:
            log(f"  {name}: {seconds:.1f} s")
        (staging / "html" / "index.html").write_text(html_index(paths), encoding="utf-8")
        _swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(private_home, ignore_errors=True)
        if saved_home is None:
            os.environ.pop("MEDIA_KIT_HOME", None)
        else:
            os.environ["MEDIA_KIT_HOME"] = saved_home
    return sorted(p for edition in EDITIONS for p in (out / edition).iterdir() if p.name != MARKER)


def html_index(paths) -> str:
    """A contents page for the HTML edition: one link per lesson, in teaching order."""
    items = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        title = html.escape(_notebook_title(nb, path.stem))
        time_needed = ""
        for cell in nb.cells:
            found = re.search(r"\*\*Time needed:\*\*\s*([^\n]+)", cell.source) if cell.cell_type == "markdown" else None
            if found:
                time_needed = f' <span style="color:#555">({html.escape(found.group(1).rstrip("."))})</span>'
                break
        href = html.escape(path.with_suffix(".html").name, quote=True)
        items.append(f'<li><a href="{href}">{html.escape(path.stem[:2])}. {title}</a>{time_needed}</li>')
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
            "<title>Reading the news critically: lessons (teacher edition)</title></head>"
            "<body style=\"font-family:sans-serif;max-width:44em;margin:2em auto;line-height:1.6\">"
            "<h1>Reading the news critically</h1><p>The lessons as static pages, with the worked answers "
            "(teacher edition). They read and print without Jupyter. To use the exercises, open the "
            "notebooks in Jupyter.</p><ol style=\"list-style:none;padding:0\">" + "".join(items) +
            "</ol></body></html>\n")


def _swap_in(staging: Path, out: Path) -> None:
    """Move the new editions into ``out``, replacing the old ones (renames only)."""
    out.mkdir(exist_ok=True)
    _check_editions_are_ours(out)  # again: the build takes minutes
    for edition in EDITIONS:
        target = out / edition
        if target.exists():
            target.rename(staging / f"old-{edition}")
        (staging / edition).rename(target)


def run(args) -> int:
    started = time.monotonic()
    print(f"Building the lesson editions from {args.notebooks} into {args.out} ...")
    try:
        files = build(args.notebooks, args.out, timeout=args.timeout, jobs=args.jobs)
    except CellExecutionError as err:
        print(f"build failed: a cell raised an error; nothing was written.\n{err}", file=sys.stderr)
        return 1
    except (FileNotFoundError, OSError) as err:
        print(f"build failed: {err}; nothing was written.", file=sys.stderr)
        return 1
    out = Path(args.out)
    for edition in EDITIONS:
        count = sum(1 for f in files if f.parent == out / edition)
        print(f"{out / edition}: {count} file(s)")
    print(f"Done in {time.monotonic() - started:.0f} s.")
    return 0


def add_command(subparsers) -> None:
    """Register ``python -m helpers build``."""
    p = subparsers.add_parser("build", help="write the student, teacher and HTML editions of the lessons",
                              description=__doc__.split("\n\n")[0],
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--notebooks", type=Path, default=ROOT / "notebooks",
                   help="folder of the lesson notebooks (default: notebooks/)")
    p.add_argument("--out", type=Path, default=ROOT / "build",
                   help="where to write student/, teacher/ and html/ (default: build/)")
    p.add_argument("--timeout", type=int, default=180, help="seconds a cell may run (default: 180)")
    p.add_argument("--jobs", type=int, default=None,
                   help="notebooks run at once (default: one per CPU)")
    p.set_defaults(run=run)
