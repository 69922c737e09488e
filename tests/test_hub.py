"""A class on a real JupyterHub: three students pull the student branch by the class's
nbgitpuller link, run notebook 01 and answer; each journal is the student's own; a second
pull after the teacher changes the lesson keeps each student's edits.

The hub is the real thing (jupyterhub, configurable-http-proxy from npm, the simple
local-process spawner, the dummy authenticator), the kit is installed in the single-user
environment with ``pip install ".[hub]"`` (``.venv-hub``, made by ``make test``), and one
student uses Chromium through the hub's proxy; the others use the REST and kernel
websocket APIs (helpers/bench/classroom.py, which ``--only classroom`` uses for 30).
Everything started here is stopped by the fixture, also when a test fails.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from browser.browser_actions import menu, wait_kernel_idle
from helpers.bench import classroom
from helpers.questions import question_options
from helpers.bench import serve

pytestmark = pytest.mark.browser

PORT = 9600  # the hub's proxy; the hub itself 9601, the proxy's API 9602
BROWSER_STUDENT, REST_STUDENTS = "ada", ("ben", "cleo")
TEACHER_LINE = "The teacher added this line after the first class."
LONG = 300_000


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    try:
        classroom.check_installed()
    except classroom.HubError as err:
        pytest.fail(str(err), pytrace=False)
    tmp = tmp_path_factory.mktemp("hub")
    repo = classroom.student_repository(tmp / "teacher")
    with classroom.Hub(tmp / "hub", PORT, server_ports=range(9610, 9640)) as running:
        running.repo = repo
        running.add_students([BROWSER_STUDENT, *REST_STUDENTS])
        for name in (BROWSER_STUDENT, *REST_STUDENTS):
            quiet_lab(running.homes / name)
        yield running
    assert running.proc.poll() is not None, "the hub stopped"
    assert running.student_pids() == [], "no student's server or kernel is left running"


def quiet_lab(home: Path) -> None:
    """The student's JupyterLab settings: start the kernel without asking, no news pop-up."""
    settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
    (settings / "notebook-extension").mkdir(parents=True, exist_ok=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"autoStartDefaultKernel": True}))
    (settings / "apputils-extension").mkdir(parents=True, exist_ok=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"checkForUpdates": False, "fetchNews": "false", "doNotDisturbMode": True}))


@pytest.fixture(scope="module")
def lesson_questions(hub):
    nb = json.loads((hub.repo / "build" / "student" / classroom.LESSON).read_text(encoding="utf-8"))
    keys = classroom.lesson_questions(nb)[:2]
    assert len(keys) == 2, "notebook 01 has two questions to answer"
    return [(key, *question_options(key)) for key in keys]


@pytest.fixture(scope="module")
def rest_students(hub, lesson_questions):
    hub.spawn(list(REST_STUDENTS))
    students = [classroom.Student(hub, name) for name in REST_STUDENTS]
    for i, student in enumerate(students):
        student.pull(hub.repo)
        # ben answers right, cleo wrong: the journal must say which.
        answers = [(key, next(k for k, (_, correct, _) in enumerate(options) if correct == (i == 0)))
                   for key, _, options in lesson_questions]
        student.run_lesson(answers, f"Reflection by {student.name}.")
        student.answers = answers
    return students


def test_rest_students_run_the_lesson_and_keep_their_own_journal(hub, rest_students, lesson_questions):
    for student in rest_students:
        assert (student.home / classroom.REPO_NAME / "notebooks" / classroom.LESSON).exists(), "pulled into the home"
        entries = student.journal_entries()
        assert entries["01_side_by_side/reflection"]["answer"] == f"Reflection by {student.name}."
        for key, index in student.answers:
            options = dict(lesson_questions_options(lesson_questions))[key]
            text, correct, _ = options[index]
            assert entries[key]["answer"] == text and entries[key]["correct"] == correct, (student.name, key)
        assert "/.venv-hub/lib/" in student.kit_file and "site-packages" in student.kit_file, \
            f"the kernel uses the kit as installed by pip, not a checkout: {student.kit_file}"
    assert any(not s.journal_entries()[k]["correct"] for s in rest_students for k, _ in s.answers) and \
        any(s.journal_entries()[k]["correct"] for s in rest_students for k, _ in s.answers), \
        "a right answer is marked right and a wrong one wrong"


def lesson_questions_options(lesson_questions):
    return [(key, options) for key, _, options in lesson_questions]


def test_a_student_in_chromium_follows_the_link_runs_the_lesson_and_answers(hub, lesson_questions,
                                                                          playwright_driver):
    if not Path(serve.CHROMIUM).exists():
        pytest.fail(serve.MISSING_CHROMIUM, pytrace=False)

    name = BROWSER_STUDENT
    # the process's one Playwright (tests/conftest.py): a second one would fail
    browser = serve.launch_chromium(playwright_driver)
    try:
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(60_000)
        refused = serve.local_only(page)
        page.on("dialog", lambda d: d.accept())
        page.goto(hub.url + classroom.pull_link(hub.repo), timeout=LONG)
        page.fill("#username_input", name)
        page.fill("#password_input", "any password")
        page.click("#login_submit")
        page.wait_for_selector(".jp-NotebookPanel", timeout=LONG)  # spawned, pulled, opened
        assert f"/user/{name}/lab/tree/{classroom.REPO_NAME}/notebooks/{classroom.LESSON}" in page.url
        wait_kernel_idle(page, LONG / 1000, step=60_000)
        menu(page, "Run", "runmenu:run-all")
        wait_kernel_idle(page, LONG / 1000, step=60_000)
        for key, prompt, options in lesson_questions:
            right = next(text for text, correct, _ in options if correct)
            box = page.locator(".mlk-kit", has_text=prompt.split("\n")[0][:60]).first
            box.get_by_label(right, exact=True).check(timeout=LONG)
        page.locator(".mlk-kit textarea").last.fill(f"Reflection by {name}.")
        journal = hub.homes / name / "media-kit" / "journal.json"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and f"Reflection by {name}." not in (
                journal.read_text(encoding="utf-8") if journal.exists() else ""):
            time.sleep(0.5)
        assert refused == [], f"the page tried to leave this machine: {refused}"
    finally:
        browser.close()
    entries = json.loads(journal.read_text(encoding="utf-8"))["entries"]
    assert entries["01_side_by_side/reflection"]["answer"] == f"Reflection by {name}."
    for key, _, options in lesson_questions:
        assert entries[key]["correct"] is True, key


def test_no_student_folder_holds_another_students_work(hub, rest_students):
    names = [BROWSER_STUDENT, *REST_STUDENTS]
    for name in names:
        own = hub.homes / name
        everything = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                               for p in own.rglob("*.json") if p.is_file())
        assert f"Reflection by {name}." in everything, name
        for other in names:
            if other != name:
                assert f"Reflection by {other}." not in everything, f"{other}'s work is in {name}'s folder"


def test_the_teacher_sees_the_class_in_one_page(hub, rest_students, lesson_questions, tmp_path):
    """The teacher's one command over the hub's home folders (README, "Teaching a class")."""
    import subprocess

    from bs4 import BeautifulSoup

    page = tmp_path / "class.html"
    # The teacher runs it on the hub machine, with the kit as pip installed it there (no
    # repository beside it): the hub's single-user environment, from a neutral folder.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([str(classroom.HUB_VENV / "bin" / "python"), "-m", "helpers", "class-report",
                           str(hub.homes), "--out", str(page)],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    journals = {name: json.loads(p.read_text(encoding="utf-8"))["entries"]
                for name in (BROWSER_STUDENT, *REST_STUDENTS)
                if (p := hub.homes / name / "media-kit" / "journal.json").exists()}
    assert set(REST_STUDENTS) <= set(journals), "ben's and cleo's servers wrote their journals"
    for key, _, _ in lesson_questions:
        row = soup.select_one(f'tr[data-key="{key}"]')
        assert row is not None, key
        answered = sum(key in entries for entries in journals.values())
        right = sum(bool(entries.get(key, {}).get("correct")) for entries in journals.values())
        assert (int(row.select_one(".answered").get_text()), int(row.select_one(".right").get_text())) == \
            (answered, right), key
    assert "Reflection by ben." in soup.get_text() and "Reflection by cleo." in soup.get_text()
    # Progress counts every exercise of notebook 01, not only the ones students answered.
    from helpers.class_report import notebooks_dir, scan_notebooks
    in_01 = len(scan_notebooks(notebooks_dir())["01_side_by_side"])
    cell = soup.select_one('#progress-table tr[data-student="ben"] td[data-notebook="01_side_by_side"]')
    assert cell is not None and cell.get_text().split("/")[1] == str(in_01), cell


def test_a_second_pull_keeps_each_students_edits(hub, rest_students):
    names = [BROWSER_STUDENT, *REST_STUDENTS]
    students = {s.name: s for s in rest_students}
    students[BROWSER_STUDENT] = classroom.Student(hub, BROWSER_STUDENT)
    for name, student in students.items():
        nb = student.read_notebook()
        nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": f"My own note, by {name}.",
                            "id": f"note-{name}"})
        student.save_notebook(nb)
    classroom.teacher_changes_a_lesson(hub.repo, TEACHER_LINE)
    for name, student in students.items():
        student.pull(hub.repo)
        text = (student.home / classroom.REPO_NAME / "notebooks" / classroom.LESSON).read_text(encoding="utf-8")
        assert TEACHER_LINE in text, f"{name} got the teacher's change"
        assert f"My own note, by {name}." in text, f"{name}'s own edit is kept"
        assert not any(f"My own note, by {o}." in text for o in names if o != name)
