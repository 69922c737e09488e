"""``make publish``: the student edition on the ``student`` branch, by git plumbing.

A throw-away copy of the repository gets a student edition (the real lessons through
build.student_edition, without running them) and is published: the branch holds the
lessons without answers and what ``pip install .`` needs, not the teacher guides; the
working tree, index and current branch are untouched; a second publish of the same
edition adds nothing; a changed lesson adds a commit on top of the last one.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from helpers import build as kit_build
from helpers import publish as kit_publish
from helpers.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHECKS = ["pre_check.ipynb", "post_check.ipynb"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


def write_student_edition(repo: Path) -> None:
    out = repo / "build" / "student"
    out.mkdir(parents=True, exist_ok=True)
    for path in kit_build.lesson_notebooks(repo / "notebooks"):
        nbformat.write(kit_build.student_edition(nbformat.read(path, as_version=4)), out / path.name)


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "media-literacy-kit"
    repo.mkdir()
    for name in ("helpers", "data", "notebooks", "lessons", "tests"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    for name in ("pyproject.toml", "README.md", "environment.yml", ".gitignore", "Makefile"):
        shutil.copy2(ROOT / name, repo / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "kit")
    write_student_edition(repo)
    (repo / "notes.txt").write_text("a teacher's uncommitted work", encoding="utf-8")
    return repo


def test_publish_commits_the_student_edition_and_touches_nothing_else(repo):
    before = (git(repo, "rev-parse", "HEAD"), git(repo, "symbolic-ref", "HEAD"), git(repo, "status", "--porcelain"))
    commit, files = kit_publish.publish(repo)
    assert commit and git(repo, "rev-parse", "student") == commit
    assert (git(repo, "rev-parse", "HEAD"), git(repo, "symbolic-ref", "HEAD"), git(repo, "status", "--porcelain")) == before
    assert (repo / "notes.txt").read_text(encoding="utf-8") == "a teacher's uncommitted work"
    shipped = git(repo, "ls-tree", "-r", "--name-only", "student").splitlines()
    assert shipped == files
    for name in LESSONS + CHECKS:
        assert f"notebooks/{name}" in shipped
        nb = nbformat.reads(git(repo, "show", f"student:notebooks/{name}"), as_version=4)
        assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells), f"{name}: no answers"
        assert "Worked answer" not in json.dumps(nb), name
        folded = [c for c in nb.cells if c.metadata.get("jupyter", {}).get("source_hidden")]
        assert folded, f"{name}: set-up code is folded"
    assert "notebooks/reader.ipynb" in shipped
    assert "README.md" in shipped
    assert not any(f.startswith(("lessons/", "tests/", "build/", "data/", "helpers/")) for f in shipped), \
        "no teacher guides, no tests, no answer keys: the hub has the kit installed"
    assert "notes.txt" not in shipped


def test_the_student_branch_holds_no_answer_key(repo):
    """Nothing on the branch gives the answers away: no answer key (``correct: true``),
    no case notes, no annotations, no teacher guides, and its README points at nothing
    that is not there."""
    kit_publish.publish(repo)
    shipped = git(repo, "ls-tree", "-r", "--name-only", "student").splitlines()
    for name in shipped:
        assert not name.endswith("NOTES.md") and "annotations" not in name and not name.startswith("lessons/"), name
        text = git(repo, "show", f"student:{name}")
        assert "correct: true" not in text, name
        assert "lessons/" not in text, f"{name} points at the teacher guides"
    readme = git(repo, "show", "student:README.md")
    assert "00_start_here.ipynb" in readme and "pre_check.ipynb" in readme


def test_publishing_again_adds_nothing_and_a_change_adds_one_commit(repo):
    first, _ = kit_publish.publish(repo)
    assert kit_publish.publish(repo)[0] is None, "the same edition twice: no new commit"
    lesson = repo / "build" / "student" / LESSONS[1]
    nb = nbformat.read(lesson, as_version=4)
    nb.cells[0].source += "\n\nA line the teacher added."
    nbformat.write(nb, lesson)
    second, _ = kit_publish.publish(repo)
    assert second and git(repo, "rev-parse", "student^") == first, "on top of the last publish"
    assert "A line the teacher added." in git(repo, "show", f"student:notebooks/{LESSONS[1]}")


def test_publish_without_a_build_says_what_to_do(repo, capsys):
    shutil.rmtree(repo / "build")
    args = build_parser().parse_args(["publish", "--repo", str(repo)])
    assert kit_publish.run(args) == 1
    err = capsys.readouterr().err
    assert "make build" in err and "Traceback" not in err
    assert subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", "student"],
                          capture_output=True).returncode != 0, "no branch was made"


def test_the_readme_link_is_the_one_the_hub_test_follows():
    """README's filled-in link pulls the student branch and opens the first lesson, in
    the form the hub test uses (helpers.bench.classroom.pull_link)."""
    import re
    import urllib.parse

    from helpers.bench.classroom import pull_link

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    link = re.search(r"https://hub\.example\.edu(/hub/user-redirect/git-pull\?\S+)", readme).group(1)
    path, query = link.split("?", 1)
    fields = dict(urllib.parse.parse_qsl(query))
    assert fields["branch"] == "student"
    assert fields["urlpath"] == "lab/tree/media-literacy-kit/notebooks/00_start_here.ipynb"
    assert fields["repo"].endswith("/media-literacy-kit")
    ours = pull_link(Path("/srv/media-literacy-kit"), "00_start_here.ipynb")
    assert ours.split("?")[0] == path
    assert {k: v for k, v in urllib.parse.parse_qsl(ours.split("?", 1)[1]) if k != "repo"} == \
        {k: v for k, v in fields.items() if k != "repo"}
    assert "make publish" in readme and "branch=student" in readme


def test_no_teacher_doc_links_students_to_main():
    """Every student link in a teacher-facing document (an nbgitpuller link, a Binder
    link) pulls the answer-free ``student`` branch, never ``main`` (worked answers,
    guides). A Binder link may build from ``main`` only to pull ``student`` through it."""
    import re
    import urllib.parse

    docs = [ROOT / "README.md", *sorted((ROOT / "lessons").glob("*.md"))]
    links = 0
    for doc in docs:
        for n, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            for link in re.findall(r"https?://\S*(?:git-pull|mybinder\.org).*", line):  # placeholders hold spaces
                plain = urllib.parse.unquote(urllib.parse.unquote(link))
                links += 1
                assert "branch=main" not in plain, f"{doc.name}:{n}: a student link to main: {link}"
                assert "git-pull" in plain and "branch=student" in plain, \
                    f"{doc.name}:{n}: a student link that does not pull the student branch: {link}"
    assert links >= 3
