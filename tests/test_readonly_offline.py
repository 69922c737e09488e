"""Running for a class: a read-only kit folder, and no network.

On a JupyterHub the kit is installed into the image, where students cannot write. These
tests copy the kit to a temporary folder, take away write permission (chmod), and run
it from there with the user's folder (MEDIA_KIT_HOME, and HOME) somewhere else. We run
as root in CI, and root may write anyway, so the tests also compare a snapshot of every
file and folder in the kit before and after: nothing may appear or change in it. All
that the kit writes must land in the user's folder or the --out path.

Offline: the network is taken away in the subprocess by a ``sitecustomize`` that
refuses (and logs) every connection or name look-up that is not this machine, and,
where ``unshare`` can make a network namespace (root on Linux), by running in one
with only the loopback interface up. ``analyze`` and notebook 00 must still work, and
nothing may even try to reach the network.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

KIT_PARTS = ("helpers", "data", "notebooks", "pyproject.toml", "README.md")
IGNORE = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.pyc")

NETWORK_GUARD = '''\
"""Test helper: this process (and its kernels) may not use the network."""
import os
import socket

LOG = os.environ.get("MLK_NETWORK_LOG", os.devnull)
LOCAL_NAMES = {None, "", "localhost", "ip6-localhost", "0.0.0.0", "::", "::1"}


def _local(host):
    host = host.decode() if isinstance(host, bytes) else host
    return host in LOCAL_NAMES or str(host).startswith(("127.", "::ffff:127."))


def _refuse(what):
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}: {what}\\n")
    raise OSError(101, f"the network is off in this test ({what})")


def _guard(method):
    def guarded(self, address, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
            _refuse(f"{method.__name__} {address!r}")
        return method(self, address, *args)
    return guarded


socket.socket.connect = _guard(socket.socket.connect)
socket.socket.connect_ex = _guard(socket.socket.connect_ex)
_getaddrinfo = socket.getaddrinfo


def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        _refuse(f"look up {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = getaddrinfo
'''


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every file and folder under ``folder`` with its size, time and mode."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns, info.st_mode)
    return found


def set_writable(folder: Path, writable: bool):
    for path in [folder, *folder.rglob("*")]:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            continue
        if writable:
            path.chmod(mode | stat.S_IWUSR)
        else:
            path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.fixture
def readonly_kit(tmp_path):
    """A copy of the kit with no write permission, plus the user's own folders."""
    kit = tmp_path / "kit"
    kit.mkdir()
    for part in KIT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, kit / part, ignore=IGNORE)
        else:
            shutil.copy2(source, kit / part)
    set_writable(kit, False)
    user = {"home": tmp_path / "home", "kit_home": tmp_path / "kit-home", "work": tmp_path / "work"}
    for folder in user.values():
        folder.mkdir()
    yield kit, user
    set_writable(kit, True)  # so pytest can clean up when not run as root


def environment(kit: Path, user: dict, extra_path=()) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("MPLBACKEND", "MEDIA_KIT_DATA", "PYTHONPATH", "JUPYTER_PATH", "IPYTHONDIR")
           and not k.startswith(("XDG_", "JUPYTER_"))}
    env.update({
        "PYTHONPATH": os.pathsep.join([*map(str, extra_path), str(kit)]),
        "PYTHONDONTWRITEBYTECODE": "1",  # Python's own caches are not the kit's doing
        "HOME": str(user["home"]),
        "MEDIA_KIT_HOME": str(user["kit_home"]),
    })
    return env


DRIVER = """\
import contextlib, io, json, sys
from pathlib import Path

import helpers
from helpers import check_case, load_case
from helpers.cli import main

kit, kit_home, work = map(Path, sys.argv[1:4])
assert Path(helpers.__file__).resolve().is_relative_to(kit.resolve()), helpers.__file__
case, problems = check_case("rostec-venezuela-2019")
assert not problems, problems
for lens in ("attribution", "numbers", "loaded_language", "page_chrome"):
    assert len(case.detections(lens)), lens
for lens in ("attributions", "numbers", "loaded_language", "page_chrome", "source_chain"):
    assert len(case.annotations(lens)), lens
codes = {}
out = io.StringIO()
with contextlib.redirect_stdout(out):
    codes["check"] = main(["check", "rostec-venezuela-2019"])
    codes["analyze"] = main(["analyze", "rostec-venezuela-2019"])
    codes["analyze-auto"] = main(["analyze", "rostec-venezuela-2019", "--source", "auto", "--out", str(work / "auto.html")])
    (work / "article.txt").write_text("Officials said about 300 soldiers arrived, a source said.", encoding="utf-8")
    codes["new-case"] = main(["new-case", str(work / "my-case"), str(work / "article.txt")])
    codes["analyze-new"] = main(["analyze", str(work / "my-case"), "--no-charts"])
from helpers.widgets import default_journal

journal = default_journal()
journal.set("tests/readonly", {"kind": "reflection", "prompt": "p", "answer": "saved", "correct": None})
journal_path = str(journal.path)
print(json.dumps({"codes": codes, "journal": journal_path, "stdout": out.getvalue()}))
"""


def run_driver(kit, user, extra_path=(), prefix=()):
    env = environment(kit, user, extra_path)
    return subprocess.run([*prefix, sys.executable, "-c", DRIVER, str(kit), str(user["kit_home"]), str(user["work"])],
                          cwd=user["work"], env=env, capture_output=True, text=True, timeout=600)


def test_a_read_only_kit_works_and_writes_only_to_the_users_folder(readonly_kit):
    import json

    kit, user = readonly_kit
    before = snapshot(kit)
    assert all(not mode & 0o222 for _, _, _, mode in before.values()), "the copy is read-only"
    result = run_driver(kit, user)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(report["codes"].values()) == {0}, report
    assert snapshot(kit) == before, "the kit wrote inside its own folder"
    assert (user["kit_home"] / "analysis" / "rostec-venezuela-2019.html").is_file()
    assert (user["kit_home"] / "analysis" / "my-case.html").is_file()
    assert (user["work"] / "auto.html").is_file() and (user["work"] / "my-case" / "case.yml").is_file()
    if report["journal"] is not None:
        assert Path(report["journal"]).resolve().is_relative_to(user["kit_home"].resolve())
    assert "warning" not in result.stderr.lower(), result.stderr


def network_off_prefix() -> tuple[str, ...]:
    """A command prefix that runs in a network namespace with only loopback, if possible."""
    unshare, ip = shutil.which("unshare"), shutil.which("ip") or "/usr/sbin/ip"
    if not unshare or not Path(ip).exists() or sys.platform != "linux":
        return ()
    probe = subprocess.run([unshare, "-n", "--", ip, "link", "set", "lo", "up"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        return ()
    return (unshare, "-n", "--", "sh", "-c", f'{ip} link set lo up && exec "$@"', "sh")


NOTEBOOK_DRIVER = """\
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

notebook = Path(sys.argv[1])
nb = nbformat.read(notebook, as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3",
               resources={"metadata": {"path": str(notebook.parent)}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
assert not errors, errors
print("notebook ran:", sum(c.cell_type == "code" for c in nb.cells), "code cells")
"""


def test_offline_analyze_and_the_first_notebook(readonly_kit, tmp_path):
    kit, user = readonly_kit
    guard = tmp_path / "network-guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NETWORK_GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    env = environment(kit, user, extra_path=[guard])
    env["MLK_NETWORK_LOG"] = str(log)
    prefix = network_off_prefix()

    probe = subprocess.run([*prefix, sys.executable, "-c", textwrap.dedent("""\
        import socket
        try:
            socket.create_connection(("example.org", 80), timeout=5)
        except OSError as err:
            print("refused:", err)
        else:
            raise SystemExit("the network is still on")
        """)], env={**env, "MLK_NETWORK_LOG": str(tmp_path / "probe.log")}, capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0 and probe.stdout.startswith("refused:"), probe.stdout + probe.stderr

    before = snapshot(kit)
    analyzed = subprocess.run([*prefix, sys.executable, "-m", "helpers", "analyze", "rostec-venezuela-2019",
                               "--out", str(user["work"] / "offline.html")],
                              cwd=user["work"], env=env, capture_output=True, text=True, timeout=600)
    assert analyzed.returncode == 0, analyzed.stdout + analyzed.stderr
    page = (user["work"] / "offline.html").read_text(encoding="utf-8")
    assert page.count('<details id="report-') == 5 and "data:image/png;base64," in page

    notebook = subprocess.run([*prefix, sys.executable, "-c", NOTEBOOK_DRIVER, str(kit / "notebooks" / "00_start_here.ipynb")],
                              cwd=user["work"], env=env, capture_output=True, text=True, timeout=600)
    assert notebook.returncode == 0, notebook.stdout + notebook.stderr
    assert notebook.stdout.startswith("notebook ran:")
    assert not log.exists(), "something tried the network:\n" + log.read_text(encoding="utf-8")
    assert snapshot(kit) == before, "the kit wrote inside its own folder"


JOURNAL_KILLED_WHILE_SAVING = """\
import os, signal, sys
from helpers.widgets.journal import Journal

journal = Journal()
journal.set("00/first", {"kind": "reflection", "prompt": "p", "answer": "saved before", "correct": None})
real_fsync = os.fsync
def power_cut(fd):
    os.kill(os.getpid(), signal.SIGKILL)  # the new journal is written, not yet renamed into place
os.fsync = power_cut
journal.set("00/second", {"kind": "reflection", "prompt": "p", "answer": "never saved", "correct": None})
"""

JOURNAL_SAVING_IN_A_LOOP = """\
import sys
from helpers.widgets.journal import Journal

journal = Journal()
print("ready", flush=True)
n = 0
while True:
    n += 1
    journal.set(f"loop/{n % 50}", {"kind": "notes", "prompt": "p", "answer": "x" * 2000 + str(n), "correct": None})
"""


def test_a_process_killed_while_saving_leaves_the_previous_journal_intact(tmp_path):
    """Journal crash safety: kill -9 in the middle of a save, then read the journal back."""
    import json
    import signal
    import time

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update({"PYTHONPATH": str(ROOT), "MEDIA_KIT_HOME": str(tmp_path / "home")})
    killed = subprocess.run([sys.executable, "-c", JOURNAL_KILLED_WHILE_SAVING], env=env, capture_output=True,
                            text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    journal_file = tmp_path / "home" / "journal.json"
    entries = json.loads(journal_file.read_text(encoding="utf-8"))["entries"]
    assert set(entries) == {"00/first"} and entries["00/first"]["answer"] == "saved before"

    # And at any moment of a stream of saves: the journal always reads back whole.
    for attempt in range(3):
        saver = subprocess.Popen([sys.executable, "-c", JOURNAL_SAVING_IN_A_LOOP], env=env,
                                 stdout=subprocess.PIPE, text=True)
        assert saver.stdout.readline().strip() == "ready"
        time.sleep(0.05 + 0.1 * attempt)
        saver.send_signal(signal.SIGKILL)
        saver.wait(timeout=60)
        saver.stdout.close()
        data = json.loads(journal_file.read_text(encoding="utf-8"))
        assert data["entries"]["00/first"]["answer"] == "saved before"
    reader = subprocess.run([sys.executable, "-c", "from helpers.widgets.journal import Journal; j = Journal(); "
                             "print(j.get('00/first')['answer'], len(j.entries()) > 1, j.warnings)"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert reader.stdout.strip() == "saved before True []", reader.stdout + reader.stderr
