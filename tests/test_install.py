"""`pip install .` (not editable), as in a JupyterHub image: the data must travel with it.

The slow test copies the kit's source to a temporary folder (a build writes build/ and
*.egg-info next to the source, which must not happen in the repository), makes a fresh
virtual environment, and runs ``pip install --no-deps <copy>`` in it: a real,
non-editable install. The kit's dependencies are not installed again: a ``.pth`` file
added afterwards lets the fresh environment see the packages of the running one, so
no download is needed for them. The build backend (setuptools, as
pyproject.toml asks) comes from the package registry through pip's build isolation,
unless the running environment already has a new enough setuptools, in which
case nothing is downloaded at all. Then ``analyze`` runs on the shipped case from
another folder: it must find the case inside the installed package.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT

IGNORE = shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "__pycache__", ".pytest_cache",
                                ".ipynb_checkpoints", "*.pyc", "node_modules")


# Run from the repository only (`make bench`): not shipped in the wheel.
MAINTAINERS_ONLY = ("helpers", "bench")


def is_maintainers_only(path: Path) -> bool:
    return path.relative_to(ROOT).parts[:2] == MAINTAINERS_ONLY


def listed_packages() -> list[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["tool"]["setuptools"]["packages"]


def test_every_package_folder_is_listed_in_pyproject():
    on_disk = sorted(".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "helpers").rglob("__init__.py")
                     if "__pycache__" not in p.parts and not is_maintainers_only(p))
    listed = listed_packages()
    missing = [name for name in on_disk if name not in listed]
    assert not missing, (f"add {missing} to [tool.setuptools] packages in pyproject.toml, or "
                         "`pip install .` (a JupyterHub image) will leave them out")
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "helpers.data" in listed and data["package-dir"]["helpers.data"] == "data"
    assert data["package-data"]["helpers.data"] == ["**/*"]
    # The class report's exercise list on a hub comes from the notebooks inside the package.
    assert "helpers.notebooks" in listed and data["package-dir"]["helpers.notebooks"] == "notebooks"
    assert data["package-data"]["helpers.notebooks"] == ["*.ipynb"]


def can_build_offline() -> bool:
    """True when setuptools >= 77 is here (it builds wheels itself and reads the SPDX
    license string pyproject.toml uses; pyproject's build-system asks for it)."""
    setuptools = importlib.util.find_spec("setuptools")
    if setuptools is None:
        return False
    from importlib.metadata import version

    major, minor = (int(x) for x in version("setuptools").split(".")[:2])
    return (major, minor) >= (77, 0)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with the kit installed from a copy of its source (not editable)."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=IGNORE)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # not --quiet: the build's warnings (a folder of package data missing from packages) must show
    command = [str(python), "-m", "pip", "install", "--no-deps", "--disable-pip-version-check", "-v"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    site = sysconfig.get_paths()["purelib"]
    if can_build_offline():
        # the running environment's setuptools builds the wheel: no download at all
        command += ["--no-build-isolation", "--no-index"]
        env["PYTHONPATH"] = site
    result = subprocess.run([*command, str(source)], env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"pip install . failed:\n{result.stdout}\n{result.stderr}"
    warnings = [line for line in (result.stdout + result.stderr).splitlines()
                if "warning" in line.lower() and "pip version" not in line.lower()]
    assert not warnings, "building the wheel warns:\n" + "\n".join(warnings)
    fresh_site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                     capture_output=True, text=True, check=True).stdout.strip())
    # The kit's dependencies, from the running environment, after the kit's own copy.
    (fresh_site / "zz_kit_dependencies.pth").write_text(site + "\n", encoding="utf-8")
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return {"python": python, "site": fresh_site, "elsewhere": elsewhere, "home": tmp / "home",
            "bin": python.parent}


def test_the_wheel_leaves_out_the_benchmarks(installed):
    """helpers/bench (a hub, a browser, the test extra's packages) is for maintainers."""
    package = installed["site"] / "helpers"
    assert (package / "lenses" / "registry.py").is_file()
    assert (package / "templates" / "analyze" / "page.html.j2").is_file()
    assert not (package / "bench").exists(), sorted(p.name for p in (package / "bench").iterdir())
    assert "helpers.bench" not in listed_packages()


def run(installed, *args):
    env = {k: v for k, v in os.environ.items()
           if k not in ("MPLBACKEND", "MEDIA_KIT_DATA") and not k.startswith("PYTHON")}
    env["MEDIA_KIT_HOME"] = str(installed["home"])
    return subprocess.run([str(installed["python"]), *args], cwd=installed["elsewhere"], env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_installed_package_carries_its_data(installed):
    result = run(installed, "-c", "import helpers; print(helpers.__file__); print(helpers.data_dir()); "
                                  "print(helpers.list_cases())")
    assert result.returncode == 0, result.stderr
    module, data, cases = result.stdout.splitlines()
    assert Path(module).resolve().is_relative_to(installed["site"].resolve()), "imported the repository, not the install"
    assert Path(data) == Path(module).parent / "data"
    assert "rostec-venezuela-2019" in cases
    for path in (ROOT / "data").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and ".ipynb_checkpoints" not in path.parts:
            assert (Path(data) / path.relative_to(ROOT / "data")).is_file(), f"{path} is not in the wheel"


def test_the_installed_package_carries_the_notebooks_for_the_class_report(installed):
    """After ``pip install .`` there is no notebooks/ beside the package: the class report
    reads the exercise list from the copy inside it, so every lesson and check is there."""
    result = run(installed, "-c", "from helpers.class_report import notebooks_dir, scan_notebooks; "
                                  "d = notebooks_dir(); print(d); print(sorted(scan_notebooks(d)))")
    assert result.returncode == 0, result.stderr
    folder, names = result.stdout.splitlines()
    assert Path(folder).resolve().is_relative_to(installed["site"].resolve()), folder
    expected = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb") if p.stem != "reader")
    assert eval(names) == [n for n in expected if n in eval(names)] and \
        {"pre_check", "post_check", "00_start_here", "01_side_by_side"} <= set(eval(names))


def test_analyze_the_shipped_case_from_another_folder(installed):
    result = run(installed, "-m", "helpers", "analyze", "rostec-venezuela-2019", "--out", "rostec.html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    page = (installed["elsewhere"] / "rostec.html").read_text(encoding="utf-8")
    assert page.count('<details id="report-') == 5
    assert sorted(p.name for p in installed["elsewhere"].iterdir()) == ["rostec.html"]


def test_the_automatic_lenses_find_their_lexicons_when_installed(installed):
    result = run(installed, "-m", "helpers", "analyze", "rostec-venezuela-2019", "--source", "auto", "--no-charts")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stderr.lower(), (
        "an automatic lens looks for its lexicon next to the repository, not in the installed package: "
        "build the path from helpers.case.data_dir() (see /work/scratch/lenses_requests.md)\n" + result.stderr)
    assert (installed["home"] / "analysis" / "rostec-venezuela-2019.html").is_file()


def test_the_command_line_script_checks_the_case(installed):
    script = installed["bin"] / ("media-kit.exe" if os.name == "nt" else "media-kit")
    result = subprocess.run([str(script), "check", "rostec-venezuela-2019"], cwd=installed["elsewhere"],
                            capture_output=True, text=True, timeout=300,
                            env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("rostec-venezuela-2019: OK: 5 reports")


def test_the_installed_package_carries_the_readers_browser_script(installed):
    """The reader's helper widget reads behaviour.js beside its module: it must be in the wheel."""
    result = run(installed, "-c", "from importlib.resources import files; "
                                  "print(files('helpers.widgets').joinpath('behaviour.js').read_text()[:200])")
    assert result.returncode == 0, result.stderr
    assert "export default" in (ROOT / "helpers" / "widgets" / "behaviour.js").read_text() and result.stdout.strip()
