"""Start Voila or JupyterLab on a private copy of notebooks, and drive Chromium there.

Used by the browser tests (``tests/browser/``) and the browser half of the latency
benchmark (``python -m helpers.bench.reader --browser``). Everything is local: servers
listen on 127.0.0.1 on a free port, every Jupyter folder (config, data, runtime,
settings, workspaces) and the student's journal (``MEDIA_KIT_HOME``) live in a
temporary folder, and the browser is refused any request that leaves this machine.
The lab extensions installed in the environment (ipywidgets') stay visible because
Jupyter also looks in ``sys.prefix/share/jupyter``.

Debian's ``chromium`` (``/usr/bin/chromium``) is driven by Playwright's Python
package; ``playwright install`` is never needed.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

CHROMIUM = os.environ.get("MEDIA_KIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MISSING_CHROMIUM = (f"Debian's chromium is needed for the browser tests and was not found at {CHROMIUM}. "
                    "Install it with: sudo apt-get install chromium   (make test does this when run as root)")
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen | None = None, timeout: float = 60.0, log: Path | None = None) -> None:
    """Wait until something accepts TCP connections on 127.0.0.1:port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {proc.returncode}) before it listened on port {port}"
                               + (f"; its log:\n{log.read_text(errors='replace')[-3000:]}" if log and log.exists() else ""))
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} after {timeout:.0f} s"
                       + (f"; server log:\n{log.read_text(errors='replace')[-3000:]}" if log and log.exists() else ""))


def isolated_env(root: Path) -> dict[str, str]:
    """Environment for a server whose Jupyter folders and journal are all under ``root``."""
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # kernels choose their own (inline) backend
    for name, sub in (("MEDIA_KIT_HOME", "home"), ("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                      ("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                      ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("IPYTHONDIR", "ipython")):
        folder = root / sub
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    # No news, no update checks: nothing leaves the machine, no pop-ups cover the page.
    notification = root / "settings" / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True, exist_ok=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"checkForUpdates": False, "fetchNews": "false", "doNotDisturbMode": True}))
    tracker = root / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True, exist_ok=True)  # start the notebook's kernel without asking
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"autoStartDefaultKernel": True}))
    env["PYTHONUNBUFFERED"] = "1"
    return env


class Server:
    """A running Voila or JupyterLab process; ``stop()`` ends it and its kernels."""

    def __init__(self, args: list[str], port: int, env: dict, cwd: Path, log: Path, timeout: float = 90.0):
        self.port, self.log_path = port, log
        self.url = f"http://127.0.0.1:{port}"
        self._log = open(log, "wb")
        self.proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        try:
            wait_for_port(port, self.proc, timeout, log)
        except BaseException:
            self.stop()
            raise

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


#: The kit's Voila template (Voila's "lab" without the Font Awesome CDN links), found
#: through JUPYTER_PATH as Voila finds any template: see share/jupyter/voila/README.md.
VOILA_TEMPLATE = "media-kit"
SHARE_JUPYTER = Path(__file__).resolve().parents[2] / "share" / "jupyter"


def voila_env(env: dict[str, str]) -> dict[str, str]:
    """``env`` with the kit's ``share/jupyter`` first on JUPYTER_PATH."""
    env = dict(env)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE_JUPYTER), env.get("JUPYTER_PATH", "")) if p)
    return env


def start_voila(target: Path, root: Path, timeout: float = 90.0) -> Server:
    """Serve ``target`` (one notebook: shown at the root URL, as ``make reader`` does;
    or a folder) with Voila on a free port, with the kit's template."""
    port = free_port()
    args = [str(BIN / "voila"), str(target), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
            f"--template={VOILA_TEMPLATE}",
            "--ServerApp.allow_root=True", "--ServerApp.port_retries=0", "--show_tracebacks=True"]
    return Server(args, port, voila_env(isolated_env(root)), target if target.is_dir() else target.parent,
                  root / "voila.log", timeout)


def start_lab(notebooks: Path, root: Path, timeout: float = 90.0) -> Server:
    """Serve JupyterLab on ``notebooks`` (no token: it listens on 127.0.0.1 only)."""
    port = free_port()
    args = [str(BIN / "jupyter"), "lab", "--ServerApp.token=", "--ServerApp.password=",
            "--ServerApp.allow_root=True", "--ServerApp.ip=127.0.0.1", "--no-browser",
            f"--ServerApp.root_dir={notebooks}", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            "--LabApp.news_url=", "--ServerApp.open_browser=False"]
    return Server(args, port, isolated_env(root), notebooks, root / "lab.log", timeout)


def copy_notebooks(names, to: Path, source: Path | None = None) -> Path:
    """Copy the kit's notebooks (by file name) into ``to``; return ``to``."""
    source = source or Path(__file__).resolve().parents[2] / "notebooks"
    to.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy2(source / name, to / name)
    return to


def launch_chromium(playwright):
    """Debian's chromium through Playwright; a clear message when it is missing."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(MISSING_CHROMIUM)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def local_only(page) -> list[str]:
    """Refuse every request that leaves 127.0.0.1/localhost; return the refused URLs."""
    refused: list[str] = []

    def route(r):
        url = r.request.url
        host = url.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1]
        host = host.rsplit(":", 1)[0] if not host.startswith("[") else host
        if url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            refused.append(url)
            r.abort()

    page.route("**/*", route)
    return refused
