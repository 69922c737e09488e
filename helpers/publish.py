"""``python -m helpers publish``: commit the student edition to the ``student`` branch.

``make publish`` runs ``make build`` and then this. The ``student`` branch is what the
class's nbgitpuller link pulls (``...&branch=student&urlpath=lab/tree/<repository>/notebooks/
00_start_here.ipynb``): every notebook of the student edition in ``build/student/`` (the
before-check, the lessons 00 to 06, the after-check: no answers, no outputs, set-up code
folded) in ``notebooks/``, ``notebooks/reader.ipynb`` and a short README for students
(``STUDENT_README``). ``environment.yml`` is left out too: it installs the kit from its
own folder (``-e .``), which is not on this branch; Binder builds from ``main`` and pulls
this branch (README, "On Binder"). On the hub the kit itself comes from the
single-user image (``pip install ".[hub]"``), so nothing else is needed: ``data/`` (the
answer keys, the case notes, the annotations), ``helpers/``, the teacher guides
(``lessons/``) and the tests are left out.

The commit is made with git's own plumbing on a temporary index (``git add`` into a
throw-away index, ``write-tree``, ``commit-tree``, ``update-ref``): the working tree,
the index and the current branch are not touched. Each publish is a new commit on top
of the previous one, so students' copies update by an ordinary pull (nbgitpuller merges
it with their own edits). Publishing the same edition twice makes no new commit.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .wording import count

ROOT = Path(__file__).resolve().parent.parent
BRANCH = "student"
#: What the student branch holds besides the lessons (tracked files only). Nothing with
#: answers: no data/ (answer keys, case notes), no helpers/, no lessons/.
SHIPPED = (".gitignore", "notebooks/reader.ipynb")
#: The README of the student branch (students see it on the hub and on Binder).
STUDENT_README = """\
# Media literacy: five reports of one story

Your teacher's lessons. Open `notebooks/00_start_here.ipynb` first (or
`notebooks/pre_check.ipynb` if your teacher asks for the check before you start),
then work through the notebooks in number order; `notebooks/post_check.ipynb` comes
at the end.

Your answers are saved in your own journal as you go; `00_start_here` shows where
it is. When your teacher updates the lessons, opening the class link again brings the
changes and keeps your own work.

These notebooks need the kit installed: your class's JupyterHub has it, and your
teacher's Binder link builds it. To run them on your own computer, ask your teacher
for the full kit: its README says how to install it.
"""


class PublishError(Exception):
    """Something a teacher can fix (no build yet, not a git repository)."""


def _git(repo: Path, *args: str, env: dict | None = None, input: str | None = None) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, input=input)
    if done.returncode != 0:
        raise PublishError(f"git {' '.join(args[:2])} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def student_tree(repo: Path, student: Path, into: Path) -> list[str]:
    """Lay out the student branch's files in ``into``; return their paths."""
    from helpers.build import lesson_notebooks

    lessons = lesson_notebooks(student)
    if not lessons:
        raise PublishError(f"no student edition in {student}: run `make build` first")
    tracked = _git(repo, "ls-files", "-z", "--", *SHIPPED).split("\0")
    files = []
    for name in filter(None, tracked):
        source = repo / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
            files.append(name)
    (into / "notebooks").mkdir(exist_ok=True)
    for lesson in lessons:
        shutil.copy2(lesson, into / "notebooks" / lesson.name)
        files.append(f"notebooks/{lesson.name}")
    (into / "README.md").write_text(STUDENT_README, encoding="utf-8")
    files.append("README.md")
    return sorted(files)


def publish(repo: Path | str = ROOT, student: Path | str | None = None, branch: str = BRANCH,
            message: str | None = None) -> tuple[str | None, list[str]]:
    """Commit the student edition to ``branch``; return (new commit or None if unchanged, files)."""
    repo = Path(repo)
    student = Path(student) if student else repo / "build" / "student"
    _git(repo, "rev-parse", "--git-dir")
    parent = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
                            capture_output=True, text=True).stdout.strip() or None
    source = _git(repo, "rev-parse", "--short", "HEAD")
    with tempfile.TemporaryDirectory(prefix="media-kit-publish-") as tmp:
        tree_dir = Path(tmp) / "tree"
        tree_dir.mkdir()
        files = student_tree(repo, student, tree_dir)
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index"),
               "GIT_DIR": _git(repo, "rev-parse", "--absolute-git-dir"), "GIT_WORK_TREE": str(tree_dir)}
        _git(tree_dir, "add", "--force", "--", *files, env=env)
        tree = _git(tree_dir, "write-tree", env=env)
    if parent and _git(repo, "rev-parse", f"{parent}^{{tree}}") == tree:
        return None, files
    message = message or f"Student edition of {source}: lessons without answers, set-up code folded"
    args = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
    # The branch is made by a command: when git has no name for the teacher, it signs as the kit.
    known = subprocess.run(["git", "-C", str(repo), "var", "GIT_COMMITTER_IDENT"], capture_output=True).returncode == 0
    ident = {} if known else {"GIT_AUTHOR_NAME": "Media literacy kit", "GIT_AUTHOR_EMAIL": "publish@localhost",
                              "GIT_COMMITTER_NAME": "Media literacy kit", "GIT_COMMITTER_EMAIL": "publish@localhost"}
    commit = _git(repo, *args, env={**os.environ, **ident})
    _git(repo, "update-ref", f"refs/heads/{branch}", commit, *([parent] if parent else []))
    return commit, files


def run(args) -> int:
    try:
        commit, files = publish(args.repo, args.student, args.branch)
    except PublishError as err:
        print(f"publish failed: {err}", file=sys.stderr)
        return 1
    if commit is None:
        print(f"The {args.branch} branch already holds this student edition ({count(len(files), 'file')}); nothing to do.")
    else:
        print(f"Committed the student edition ({count(len(files), 'file')}) to branch {args.branch!r}: {commit[:10]}.")
        print(f"Push it (git push origin {args.branch}) and use branch={args.branch} in the nbgitpuller link.")
    return 0


def add_command(subparsers) -> None:
    """Register ``python -m helpers publish``."""
    p = subparsers.add_parser("publish", help="commit the student edition (build/student) to the student branch",
                              description=__doc__.split("\n\n")[0],
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repo", type=Path, default=ROOT, help="the repository (default: this kit's)")
    p.add_argument("--student", type=Path, default=None, help="the student edition (default: build/student)")
    p.add_argument("--branch", default=BRANCH, help=f"the branch to commit to (default: {BRANCH})")
    p.set_defaults(run=run)
