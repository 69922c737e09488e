"""``python -m helpers build``: the student, teacher and HTML editions of the lessons.

The real lessons are built once per session into a temporary folder (never into the
repository's ``build/``), then checked: the student edition has no answers and no
outputs, the teacher edition has both, the HTML edition has no script at all and shows
the widgets' static forms, and both notebook editions pass nbval. Small made-up
notebooks check that report text cannot inject a script and that a failed build
leaves the old editions untouched.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import nbformat
import pytest

from helpers import build as kit_build
from helpers.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
# In teaching order: the check before notebook 00, the lessons, the check after 06.
LESSONS = ["pre_check.ipynb", *sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")), "post_check.ipynb"]


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


#: Planted in the builder's own journal before the real build: it must reach no edition.
PLANTED = "PLANTED-BY-THE-BUILDER-7f3c"


def plant_journal(home: Path) -> None:
    from helpers.widgets.journal import Journal

    journal = Journal(home / "journal.json")
    for key in ("01_side_by_side/reflection", "06_put_it_together/reflection", "00_start_here/reflection"):
        assert journal.set(key, {"kind": "reflection", "prompt": "?", "answer": f"{PLANTED} my own answer"})


@pytest.fixture(scope="session")
def builder_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("builder-home")
    plant_journal(home)
    return home


@pytest.fixture(scope="session")
def editions(tmp_path_factory, builder_home) -> Path:
    """The real lessons built by a teacher whose own journal holds answers."""
    out = tmp_path_factory.mktemp("kit") / "build"
    saved = os.environ.get("MEDIA_KIT_HOME")
    os.environ["MEDIA_KIT_HOME"] = str(builder_home)
    try:
        kit_build.build(NOTEBOOKS, out, jobs=2, log=lambda *_: None)
    finally:
        os.environ["MEDIA_KIT_HOME"] = saved if saved is not None else ""
        if saved is None:
            del os.environ["MEDIA_KIT_HOME"]
    assert os.environ.get("MEDIA_KIT_HOME") == saved, "the build gives the environment back"
    return out


def everything_written(folder: Path) -> str:
    """Every file under ``folder`` as text, with every base64 data: link decoded too."""
    import base64
    import re

    texts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            texts.append(text)
            for payload in re.findall(r"base64,([A-Za-z0-9+/=]+)", text):
                texts.append(base64.b64decode(payload + "=" * (-len(payload) % 4)).decode("utf-8", "replace"))
    return "\n".join(texts)


def test_a_build_is_private(editions, builder_home):
    """The builder's journal answers and folder reach no edition (06 shows a journal link)."""
    assert PLANTED in (builder_home / "journal.json").read_text(encoding="utf-8"), "the planted entry is there"
    written = everything_written(editions)
    assert "my_journal.md" in written, "notebook 06's journal download is in the editions (so it was checked)"
    assert "base64," in written
    assert PLANTED not in written
    assert str(builder_home) not in written


def test_a_build_of_a_journal_page_shows_an_empty_journal(tmp_path, monkeypatch):
    """The same, on a notebook that only shows the journal: it is empty, not the builder's."""
    home = tmp_path / "builder"
    plant_journal(home)
    monkeypatch.setenv("MEDIA_KIT_HOME", str(home))
    folder = tiny_notebooks(tmp_path / "notebooks", nbformat.v4.new_markdown_cell("# Journal"),
                            nbformat.v4.new_code_cell("from helpers.widgets.journal import download_journal\n"
                                                      "download_journal()"))
    kit_build.build(folder, tmp_path / "build", jobs=1, log=lambda *_: None)
    written = everything_written(tmp_path / "build")
    assert "No answers saved yet" in written
    assert PLANTED not in written and str(home) not in written
    assert os.environ["MEDIA_KIT_HOME"] == str(home)
    assert PLANTED in (home / "journal.json").read_text(encoding="utf-8"), "the builder's journal is untouched"


def tiny_notebooks(folder: Path, *cells) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "00_tiny.ipynb")
    return folder


def test_the_cli_has_a_build_command():
    args = build_parser().parse_args(["build", "--out", "/tmp/x"])
    assert args.run is kit_build.run and args.out == Path("/tmp/x")


def test_every_lesson_has_three_editions(editions):
    for edition, suffix in (("student", ".ipynb"), ("teacher", ".ipynb"), ("html", ".html")):
        expected = sorted([name.replace(".ipynb", suffix) for name in LESSONS] +
                          (["index.html"] if edition == "html" else []) + [kit_build.MARKER])
        assert sorted(p.name for p in (editions / edition).iterdir()) == expected, edition
    index = (editions / "html" / "index.html").read_text(encoding="utf-8")
    assert [f'href="{n.replace(".ipynb", ".html")}"' in index for n in LESSONS] == [True] * len(LESSONS)
    assert not list(editions.parent.glob(".build-*")), "the staging folder is cleaned up"


def test_student_edition_has_no_answers_and_no_outputs(editions):
    for name in LESSONS:
        source = nbformat.read(NOTEBOOKS / name, as_version=4)
        student = nbformat.read(editions / "student" / name, as_version=4)
        assert any("solution" in tags(c) for c in source.cells), f"{name} has answers to remove"
        assert not any(tags(c) & {"solution", "remove-cell"} for c in student.cells), name
        assert not any("**Answer" in c.source or "Worked answer" in c.source for c in student.cells), name
        kept = [c.source for c in source.cells if not tags(c) & {"solution", "remove-cell"}]
        assert [c.source for c in student.cells] == kept, f"{name}: every other cell is kept, in order"
        for cell in student.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, name
        assert "widgets" not in student.metadata


def test_teacher_edition_has_answers_and_outputs(editions):
    for name in LESSONS:
        teacher = nbformat.read(editions / "teacher" / name, as_version=4)
        code = [c for c in teacher.cells if c.cell_type == "code"]
        assert all(c.execution_count for c in code), f"{name}: every code cell ran"
        assert sum(bool(c.outputs) for c in code) >= len(code) // 2, f"{name}: outputs are stored"
        solutions = [c for c in teacher.cells if "solution" in tags(c)]
        assert solutions, f"{name}: answers are kept"
        assert all("<details open>" in c.source for c in solutions if "<details" in c.source), f"{name}: answers open"
        assert not any(o.get("output_type") == "error" for c in code for o in c.outputs), name


def test_html_edition_reads_without_jupyter(editions):
    for name in LESSONS:
        page = (editions / "html" / name.replace(".ipynb", ".html")).read_text(encoding="utf-8")
        assert "<script" not in page.lower(), f"{name}: the HTML edition runs no script"
        assert "application/vnd.jupyter.widget-view+json" not in page, f"{name}: widgets are static"
        assert "Worked answer" in page and "<details open" in page, f"{name}: answers are in the teacher's HTML, open"
        assert "data:image/png;base64," in page, f"{name}: charts are embedded"
        assert 'data-lens="' in page or "mlk-" in page, f"{name}: the kit's static widget forms are shown"


def test_report_text_cannot_add_a_script_to_the_html(tmp_path):
    planted = "<script>alert('from a report')</script>"
    folder = tiny_notebooks(
        tmp_path / "notebooks",
        nbformat.v4.new_markdown_cell("# A report with a script in it"),
        nbformat.v4.new_code_cell(textwrap.dedent(f"""\
            from IPython.display import HTML
            from helpers import render_html
            HTML(render_html({planted!r} + " Russia cut its staff.", title="A hostile report"))""")),
    )
    kit_build.build(folder, tmp_path / "build", jobs=1, log=lambda *_: None)
    page = (tmp_path / "build" / "html" / "00_tiny.html").read_text(encoding="utf-8")
    assert "Russia cut its staff." in page
    assert "&lt;script&gt;alert(" in page
    assert "<script" not in page.lower()


def test_the_builds_kernels_take_no_tcp_port(tmp_path, monkeypatch):
    """CI once failed with "Kernel died before replying": a TCP port the kernel had been
    given was taken by another program first. The build's kernels talk over files."""
    folder = tiny_notebooks(
        tmp_path / "notebooks",
        nbformat.v4.new_markdown_cell("# How the kernel is reached"),
        nbformat.v4.new_code_cell(textwrap.dedent("""\
            from ipykernel import get_connection_info
            print("transport:", get_connection_info(unpack=True)["transport"])""")),
    )
    # A short private temporary folder (a socket's path must stay under 108 characters).
    scratch = tempfile.mkdtemp(prefix="kt")
    monkeypatch.setattr(tempfile, "tempdir", scratch)
    try:
        kit_build.build(folder, tmp_path / "build", jobs=2, log=lambda *_: None)
        left = os.listdir(scratch)
    finally:
        monkeypatch.undo()
        shutil.rmtree(scratch, ignore_errors=True)
    teacher = nbformat.read(tmp_path / "build" / "teacher" / "00_tiny.ipynb", as_version=4)
    printed = "".join(out.get("text", "") for cell in teacher.cells for out in cell.get("outputs", []))
    assert "transport: ipc" in printed
    assert left == [], "the kernels' socket folders are cleaned up"


def test_a_failed_build_changes_nothing(tmp_path):
    out = tmp_path / "build"
    (out / "student").mkdir(parents=True)
    (out / "student" / "00_old.ipynb").write_text("the previous edition", encoding="utf-8")
    (out / "student" / kit_build.MARKER).write_text("made by an earlier build", encoding="utf-8")
    folder = tiny_notebooks(tmp_path / "notebooks", nbformat.v4.new_markdown_cell("# Broken"),
                            nbformat.v4.new_code_cell("1 / 0"))
    assert kit_build.run(build_parser().parse_args(["build", "--notebooks", str(folder), "--out", str(out)])) == 1
    assert (out / "student" / "00_old.ipynb").read_text(encoding="utf-8") == "the previous edition"
    assert sorted(p.name for p in out.iterdir()) == ["student"], "no new edition was half-written"
    assert not list(tmp_path.glob(".build-*")), "the staging folder is cleaned up"


def test_student_edition_folds_the_code_a_student_need_not_read(editions):
    for name in LESSONS:
        source = nbformat.read(NOTEBOOKS / name, as_version=4)
        student = nbformat.read(editions / "student" / name, as_version=4)
        kept = [c for c in source.cells if not tags(c) & {"solution", "remove-cell"}]
        folded = [c.get("metadata", {}).get("jupyter", {}).get("source_hidden", False) for c in student.cells]
        wanted = [c.cell_type == "code" and bool(tags(c) & {"hide-input", "setup", "remove-input"}) for c in kept]
        assert any(wanted), f"{name} has code to fold"
        assert folded == wanted, f"{name}: exactly the hide-input and setup code is folded"


def test_remove_input_drops_the_code_but_keeps_the_output(tmp_path):
    cell = nbformat.v4.new_code_cell("print('SECRET' + '-CODE-RAN')")
    cell.metadata["tags"] = ["remove-input"]
    folder = tiny_notebooks(tmp_path / "notebooks", nbformat.v4.new_markdown_cell("# Remove input"), cell)
    kit_build.build(folder, tmp_path / "build", jobs=1, log=lambda *_: None)
    teacher = nbformat.read(tmp_path / "build" / "teacher" / "00_tiny.ipynb", as_version=4)
    assert teacher.cells[1].source == "" and "SECRET-CODE-RAN" in teacher.cells[1].outputs[0]["text"]
    page = (tmp_path / "build" / "html" / "00_tiny.html").read_text(encoding="utf-8")
    assert "SECRET-CODE-RAN" in page and "&#39;SECRET&#39;" not in page and "'SECRET'" not in page
    student = nbformat.read(tmp_path / "build" / "student" / "00_tiny.ipynb", as_version=4)
    assert student.cells[1].metadata["jupyter"]["source_hidden"] is True, "folded, and still runs for the student"


def test_remove_cell_and_hide_input_tags(tmp_path):
    note = nbformat.v4.new_markdown_cell("Maintainer note: do not ship.")
    note.metadata["tags"] = ["remove-cell"]
    hidden = nbformat.v4.new_code_cell("print('SHOWN' + '-OUTPUT')")
    hidden.metadata["tags"] = ["hide-input"]
    folder = tiny_notebooks(tmp_path / "notebooks", nbformat.v4.new_markdown_cell("# Tags"), note, hidden)
    kit_build.build(folder, tmp_path / "build", jobs=1, log=lambda *_: None)
    for edition in ("student", "teacher"):
        nb = nbformat.read(tmp_path / "build" / edition / "00_tiny.ipynb", as_version=4)
        assert not any("Maintainer note" in c.source for c in nb.cells), edition
    page = (tmp_path / "build" / "html" / "00_tiny.html").read_text(encoding="utf-8")
    assert "SHOWN-OUTPUT" in page
    # The code is behind a closed "Show the code" toggle, as jupyter-book shows hide-input.
    toggle = page.index('<details class="mlk-code-toggle"><summary>Show the code</summary>')
    closes = page.index("</details>", toggle)
    code = max(page.find("'SHOWN'"), page.find("&#39;SHOWN&#39;"))
    assert toggle < code < closes, "the code is inside the closed toggle"
    assert page.count("mlk-code-toggle") == 1 and "<details open" not in page[toggle:closes]


def test_both_editions_pass_nbval(editions):
    """Run nbval on build/student and build/teacher, as `make test` does on notebooks/."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "-p", "helpers.nbval_kernels",
               "--rootdir", str(editions), "-n", "2", "--dist", "loadfile",
               "--nbval-lax", "--nbval-current-env",
               "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
               str(editions / "student"), str(editions / "teacher")]
    result = subprocess.run(command, cwd=editions, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_nbvals_kernels_take_no_tcp_port(tmp_path):
    """nbval starts its kernels over files too, whenever the project's pytest settings
    are used: also for one notebook alone, where tests/conftest.py is never read."""
    notebook = tmp_path / "transport.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from ipykernel import get_connection_info\n"
        "assert get_connection_info(unpack=True)['transport'] == 'ipc'")]), notebook)
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}

    def nbval(*settings):
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(ROOT / "pyproject.toml"),
                   "--rootdir", str(tmp_path), *settings, "--nbval-lax", "--nbval-current-env", str(notebook)]
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)

    with_the_kits_settings = nbval()
    assert with_the_kits_settings.returncode == 0, with_the_kits_settings.stdout[-3000:]
    without_the_plugin = nbval("-o", "addopts=")
    assert without_the_plugin.returncode != 0, "the cell's check can fail: TCP is jupyter_client's default"
