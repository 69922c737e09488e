"""A class on a real JupyterHub, on this machine: the hub test and ``--only classroom``.

What runs is what a school's hub runs: ``jupyterhub`` with its own proxy
(``configurable-http-proxy``, from npm, in ``node_modules/``), the simple local-process
spawner (each student a process with an own home folder, ``HOME`` and ``MEDIA_KIT_HOME``
set by the spawner), the dummy authenticator (any password), and single-user servers
from a separate environment where the kit was installed with ``pip install ".[hub]"``
(not editable), as the README's step 1 says (``make test`` makes it: ``.venv-hub``).

Students pull the ``student`` branch of a repository by nbgitpuller, exactly as the
class link does, open notebook 01, run it through the kernel (REST and the kernel
websocket; the hub test also drives one student in Chromium), answer two exercises
and write a reflection, which lands in that student's own journal.

Every process started here is stopped by its id in ``Hub.stop()`` (its process group:
the hub, its proxy and every student's server and kernel).
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HUB_VENV = Path(os.environ.get("MEDIA_KIT_HUB_VENV", ROOT / ".venv-hub"))
PROXY = Path(os.environ.get("MEDIA_KIT_PROXY", ROOT / "node_modules" / ".bin" / "configurable-http-proxy"))
LESSON = "01_side_by_side.ipynb"
#: The class size of ``--only classroom`` (``--students N`` sets it).
STUDENTS = 30
REPO_NAME = "media-literacy-kit"
#: Single-user servers get ports from this range (the hub's own ports are given to Hub).
SERVER_PORTS = range(9650, 9800)

MISSING = ("The hub test needs {what}. Run `make test` (it installs it), or: {how}")


class HubError(RuntimeError):
    pass


def check_installed() -> None:
    if not (HUB_VENV / "bin" / "jupyterhub-singleuser").exists():
        raise HubError(MISSING.format(what=f"the hub's single-user environment {HUB_VENV}",
                                      how='make .venv-hub/.kit (python3 -m venv .venv-hub; .venv-hub/bin/pip install ".[hub]")'))
    if not PROXY.exists():
        raise HubError(MISSING.format(what="configurable-http-proxy",
                                      how="npm install --no-save --prefix . configurable-http-proxy"))


def wait_for_port(port: int, proc=None, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise HubError(f"the hub stopped (exit {proc.returncode}) before it listened on {port}")
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise HubError(f"nothing listened on 127.0.0.1:{port} after {timeout:.0f} s")


# ---------------------------------------------------------------------------- the repository

def student_repository(folder: Path) -> Path:
    """A copy of the kit as a git repository whose ``student`` branch is published by
    ``helpers.publish`` from a student edition (made without running the lessons)."""
    import nbformat

    from .. import build as kit_build
    from .. import publish as kit_publish

    repo = folder / REPO_NAME
    repo.mkdir(parents=True)
    for name in ("helpers", "data", "notebooks"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    for name in ("pyproject.toml", "README.md", "environment.yml", ".gitignore"):
        shutil.copy2(ROOT / name, repo / name)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "kit")
    out = repo / "build" / "student"
    out.mkdir(parents=True)
    for path in kit_build.lesson_notebooks(repo / "notebooks"):
        nbformat.write(kit_build.student_edition(nbformat.read(path, as_version=4)), out / path.name)
    kit_publish.publish(repo)
    return repo


def teacher_changes_a_lesson(repo: Path, line: str) -> None:
    """The teacher adds ``line`` to the first cell of notebook 01 and publishes again."""
    import nbformat

    from .. import publish as kit_publish

    path = repo / "build" / "student" / LESSON
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += "\n\n" + line
    nbformat.write(nb, path)
    commit, _ = kit_publish.publish(repo)
    if not commit:
        raise HubError("the teacher's change made no new commit")


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Teacher", "GIT_AUTHOR_EMAIL": "teacher@example.invalid",
           "GIT_COMMITTER_NAME": "Teacher", "GIT_COMMITTER_EMAIL": "teacher@example.invalid"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def pull_link(repo: Path, lesson: str = LESSON) -> str:
    """The class's nbgitpuller link (the part after the hub's address)."""
    query = urllib.parse.urlencode({"repo": str(repo), "branch": "student",
                                    "urlpath": f"lab/tree/{repo.name}/notebooks/{lesson}"})
    return f"/hub/user-redirect/git-pull?{query}"


# ---------------------------------------------------------------------------- the hub

HUB_CONFIG = """
import socket
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.db_url = "sqlite:///{folder}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{folder}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 600
c.Spawner.http_timeout = 600
# Nothing of the hub's own environment leaks in (no PYTHONPATH to a checkout): the
# students' kernels import the kit as installed in the single-user environment.
c.Spawner.env_keep = ["LANG", "LC_ALL"]
c.Spawner.environment = {{
    "PATH": "{venv_bin}:/usr/local/bin:/usr/bin:/bin",
    "MEDIA_KIT_HOME": lambda spawner: "{homes}/" + spawner.user.name + "/media-kit",
    # a short folder: a local socket's path may not be longer than 107 characters
    "JUPYTER_RUNTIME_DIR": lambda spawner: "{runtime}/" + spawner.user.name,
}}
# Kernels talk to their server over local sockets (files in the student's runtime folder),
# not TCP ports: with TCP, kernels started in the same second by many students on one
# machine can pick the same free port, and one of them dies ("Address already in use").
c.Spawner.args = ["--ServerApp.allow_root=True", "--LabApp.news_url=",
                  "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                  "--KernelManager.transport=ipc"]
PORTS = list(range({first_server_port}, {last_server_port}))

def pick_port(spawner):
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        PORTS.remove(port)
        PORTS.append(port)
        spawner.port = port
        return
    raise RuntimeError("no free port for a student's server")

c.Spawner.pre_spawn_hook = pick_port
c.JupyterHub.services = [{{"name": "classroom", "api_token": "{token}"}}]
c.JupyterHub.load_roles = [{{"name": "classroom", "services": ["classroom"],
                            "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"]}}]
"""


class Hub:
    """A running JupyterHub; ``with Hub(folder, port) as hub:`` stops it (and every
    student's server) on the way out, even after a failure."""

    def __init__(self, folder: Path, port: int, timeout: float = 120.0,
                 server_ports: range = SERVER_PORTS):
        check_installed()
        self.folder, self.port = Path(folder), port
        self.homes = self.folder / "homes"
        self.homes.mkdir(parents=True, exist_ok=True)
        self.url = f"http://127.0.0.1:{port}"
        self.token = secrets.token_hex(16)
        short = tempfile.gettempdir() if len(tempfile.gettempdir()) <= 24 else "/tmp"
        self.runtime = Path(tempfile.mkdtemp(prefix="mkrt-", dir=short))
        config = self.folder / "jupyterhub_config.py"
        config.write_text(HUB_CONFIG.format(
            port=port, hub_port=port + 1, api_port=port + 2, proxy=str(PROXY), folder=self.folder,
            homes=self.homes, singleuser=str(HUB_VENV / "bin" / "jupyterhub-singleuser"),
            venv_bin=HUB_VENV / "bin", token=self.token, runtime=self.runtime,
            first_server_port=server_ports.start, last_server_port=server_ports.stop), encoding="utf-8")
        self.log_path = self.folder / "jupyterhub.log"
        self._log = open(self.log_path, "wb")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MEDIA_KIT_HOME", "MPLBACKEND")}
        self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=self.folder,
                                     env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for_port(port, self.proc, timeout)
            wait_for_port(port + 1, self.proc, timeout)
            self._wait_api(timeout)
        except BaseException:
            self.stop()
            raise

    # -- plumbing
    def _wait_api(self, timeout: float) -> None:
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.url + "/hub/api/", timeout=5).ok:
                    return
            time.sleep(0.3)
        raise HubError("the hub's API did not answer")

    def api(self, method: str, path: str, **kw):
        import requests

        r = requests.request(method, self.url + "/hub/api" + path,
                             headers={"Authorization": f"token {self.token}"}, timeout=60, **kw)
        if r.status_code >= 400:
            raise HubError(f"{method} {path}: {r.status_code} {r.text[:300]}")
        return r.json() if r.content else None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        """Stop the hub, its proxy and every student's server and kernel (by process group)."""
        pids = self.student_pids()
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        for pid in pids:  # servers the hub did not take down with it
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        self._log.close()
        shutil.rmtree(self.runtime, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    # -- students
    def add_students(self, names: list[str]) -> None:
        self.api("POST", "/users", json={"usernames": names})

    def spawn(self, names: list[str], timeout: float = 600.0) -> float:
        """Start every student's server at once; return the seconds until all are ready."""
        started = time.monotonic()
        for name in names:
            self.api("POST", f"/users/{name}/server")
        pending = set(names)
        while pending:
            if time.monotonic() - started > timeout:
                raise HubError(f"servers not ready after {timeout:.0f} s: {sorted(pending)}")
            for name in list(pending):
                user = self.api("GET", f"/users/{name}")
                server = (user.get("servers") or {}).get("", {})
                if server.get("ready"):
                    pending.discard(name)
            time.sleep(0.5)
        return time.monotonic() - started

    def user_token(self, name: str) -> str:
        return self.api("POST", f"/users/{name}/tokens", json={"note": "classroom", "expires_in": 3600})["token"]

    def student_pids(self) -> list[int]:
        """Every process of the students' servers (the servers and their kernels)."""
        pids = []
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            with contextlib.suppress(OSError):
                env = (proc / "environ").read_bytes()
                if f"MEDIA_KIT_HOME={self.homes}/".encode() in env:
                    pids.append(int(proc.name))
        return pids

    def memory_per_student(self) -> dict[str, float]:
        """Resident memory (MB) of each student's server and kernels."""
        per: dict[str, float] = {}
        for pid in self.student_pids():
            with contextlib.suppress(OSError, ValueError):
                env = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                home = next(e for e in env if e.startswith(b"MEDIA_KIT_HOME=")).decode()
                name = Path(home.split("=", 1)[1]).parent.name
                rss = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                           if line.startswith("VmRSS:"))
                per[name] = per.get(name, 0.0) + int(rss.split()[1]) / 1024
        return per


class Student:
    """One student, through the hub's proxy, with the hub's REST and websocket APIs."""

    def __init__(self, hub: Hub, name: str):
        self.hub, self.name = hub, name
        self.token = hub.user_token(name)
        self.base = f"{hub.url}/user/{name}"
        self.home = hub.homes / name
        self.journal = self.home / "media-kit" / "journal.json"
        self.cell_seconds: list[float] = []

    def _get(self, path: str, **kw):
        import requests

        return requests.get(self.base + path, headers={"Authorization": f"token {self.token}"}, timeout=120, **kw)

    def _send(self, method: str, path: str, **kw):
        import requests

        r = requests.request(method, self.base + path, headers={"Authorization": f"token {self.token}"},
                             timeout=120, **kw)
        if r.status_code >= 400:
            raise HubError(f"{self.name}: {method} {path}: {r.status_code} {r.text[:300]}")
        return r.json() if r.content else None

    def pull(self, repo: Path) -> float:
        """What the link does: nbgitpuller's pull (its event stream, read to the end)."""
        started = time.monotonic()
        query = urllib.parse.urlencode({"repo": str(repo), "branch": "student", "targetpath": repo.name})
        r = self._get(f"/git-pull/api?{query}", stream=True)
        if r.status_code != 200:
            raise HubError(f"{self.name}: git-pull answered {r.status_code}")
        events = []
        for line in r.iter_lines(decode_unicode=True):
            if line and line.startswith("data:"):
                event = json.loads(line[5:])
                events.append(event)
                if event.get("phase") in ("finished", "error"):
                    break
        if not events or events[-1].get("phase") != "finished":
            raise HubError(f"{self.name}: the pull did not finish: {events[-3:]}")
        return time.monotonic() - started

    def notebook_path(self, lesson: str = LESSON) -> str:
        return f"{REPO_NAME}/notebooks/{lesson}"

    def read_notebook(self, lesson: str = LESSON) -> dict:
        return self._send("GET", f"/api/contents/{self.notebook_path(lesson)}")["content"]

    def save_notebook(self, content: dict, lesson: str = LESSON) -> None:
        self._send("PUT", f"/api/contents/{self.notebook_path(lesson)}",
                   json={"type": "notebook", "format": "json", "content": content})

    def run_lesson(self, answers: list[tuple[str, int]], reflection: str, lesson: str = LESSON) -> None:
        """Run every code cell of the lesson in a kernel, then answer: pick option
        ``index`` of each question ``key`` (as a click on the radio button does) and type
        the reflection."""
        nb = self.read_notebook(lesson)
        session = self._send("POST", "/api/sessions", json={"path": self.notebook_path(lesson), "type": "notebook",
                                                             "name": lesson, "kernel": {"name": "python3"}})
        kernel = Kernel(self, session["kernel"]["id"])
        try:
            for cell in nb["cells"]:
                if cell["cell_type"] == "code":
                    started = time.monotonic()
                    kernel.execute("".join(cell["source"]))
                    self.cell_seconds.append(time.monotonic() - started)
            for key, index in answers:
                kernel.execute(f"_answer = question({key!r})\n_answer.choice.value = {index}")
            kernel.execute("from helpers.widgets import Reflection\n"
                           f"_r = Reflection('What did you notice first?', key='01_side_by_side/reflection')\n"
                           f"_r.model.value = {reflection!r}")
            self.kit_file = kernel.execute("import helpers; print(helpers.__file__)").strip()
        finally:
            kernel.close()  # the kernel goes on running, as a student's does in class

    def journal_entries(self) -> dict:
        if not self.journal.exists():
            return {}
        return json.loads(self.journal.read_text(encoding="utf-8")).get("entries", {})


class Kernel:
    """A kernel's websocket through the hub's proxy: execute code, collect its output."""

    def __init__(self, student: Student, kernel_id: str):
        import websocket

        url = student.base.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {student.token}"], timeout=180)
        self.session = uuid.uuid4().hex
        self.name = student.name

    def execute(self, code: str, timeout: float = 300.0) -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": self.name, "session": self.session,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        out, replied, idle = [], False, False
        deadline = time.monotonic() + timeout
        while not (replied and idle):
            if time.monotonic() > deadline:
                raise HubError(f"{self.name}: a cell ran longer than {timeout:.0f} s")
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream":
                out.append(msg["content"]["text"])
            elif kind == "error":
                raise HubError(f"{self.name}: {msg['content']['ename']}: {msg['content']['evalue']}\n{code[:200]}")
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        return "".join(out)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()


# ---------------------------------------------------------------------------- the lesson

def lesson_questions(nb: dict) -> list[str]:
    """The keys of the multiple-choice questions in a lesson, in order (from the catalogue)."""
    from ..catalogue import exercises_in

    return [e.key for e in exercises_in(nb["cells"], "lesson") if e.call == "question"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def classroom(students: int = 30, port: int = 9620, log=print) -> list[dict]:
    """``--only classroom``: a class of ``students`` on one hub; the figures as table rows."""
    from ..questions import question_options

    names = [f"student{i:02d}" for i in range(1, students + 1)]
    with tempfile.TemporaryDirectory(prefix="media-kit-classroom-") as tmp:
        repo = student_repository(Path(tmp) / "teacher")
        with Hub(Path(tmp) / "hub", port) as hub:
            hub.add_students(names)
            log(f"spawning {students} servers ...")
            spawn_seconds = hub.spawn(names)
            class_ = [Student(hub, n) for n in names]
            log("pulling ...")
            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=students) as pool:
                list(pool.map(lambda s: s.pull(repo), class_))
            pull_seconds = time.monotonic() - started
            keys = lesson_questions(class_[0].read_notebook())[:2]
            options = [len(question_options(k)[1]) for k in keys]
            log("running notebook 01 ...")
            started = time.monotonic()

            def work(i_s):
                i, s = i_s
                try:
                    s.run_lesson([(k, i % n) for k, n in zip(keys, options)], f"Reflection by {s.name}.")
                    return None
                except Exception as err:  # one student's failure is counted, not fatal
                    return f"{s.name}: {err}"

            with ThreadPoolExecutor(max_workers=students) as pool:
                failures = [f for f in pool.map(work, enumerate(class_)) if f]
            run_seconds = time.monotonic() - started
            memory = hub.memory_per_student()
            intact = sum(1 for i, s in enumerate(class_) if journal_is_own(s, class_, keys, i, options))
    cells = [t for s in class_ for t in s.cell_seconds]
    mem = list(memory.values())
    p95 = percentile(cells, 95)
    rows = [
        {"measure": "students", "value": students, "target": f"{students} run", "ok": "yes" if not failures else "NO"},
        {"measure": "seconds to spawn all", "value": round(spawn_seconds, 1), "target": None, "ok": None},
        {"measure": "seconds to pull all", "value": round(pull_seconds, 1), "target": None, "ok": None},
        {"measure": "seconds to run notebook 01, all", "value": round(run_seconds, 1), "target": None, "ok": None},
        {"measure": "p50 seconds per cell", "value": round(percentile(cells, 50), 2), "target": None, "ok": None},
        {"measure": "p95 seconds per cell", "value": round(p95, 2), "target": "<= 2",
         "ok": "yes" if p95 <= 2 else "NO"},
        {"measure": "MB resident per student (server + kernel), median",
         "value": round(statistics.median(mem), 0) if mem else None, "target": None, "ok": None},
        {"measure": "journals intact", "value": f"{intact}/{students}", "target": f"{students}/{students}",
         "ok": "yes" if intact == students else "NO"},
        {"measure": "cores on this machine", "value": os.cpu_count(), "target": None, "ok": None},
    ]
    for f in failures[:5]:
        log("failed: " + f)
    return [{"benchmark": "classroom", **r} for r in rows]


def journal_is_own(student: Student, class_: list[Student], keys: list[str], i: int, options: list[int]) -> bool:
    """The student's journal holds their own answers and reflection, and nobody else's."""
    entries = student.journal_entries()
    if entries.get("01_side_by_side/reflection", {}).get("answer") != f"Reflection by {student.name}.":
        return False
    if any(k not in entries for k in keys):
        return False
    text = student.journal.read_text(encoding="utf-8")
    return not any(other.name in text for other in class_ if other is not student)
