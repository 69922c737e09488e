"""pyproject.toml declares every third-party package that helpers/ imports.

The imports are read with ``ast`` from every module (function-level ones too); the
distribution that provides each top-level module is asked of the installed environment
(``importlib.metadata.packages_distributions``), so the test does not keep its own list.
The shipped modules may use only the core dependencies; the bench (dev tooling) may also
use the test and dev extras, and the JupyterLab save hook the dev extra.
"""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import ROOT

PACKAGE = ROOT / "helpers"


def _name(requirement: str) -> str:
    return re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0).lower().replace("_", "-").replace(".", "-")


def declared() -> dict[str, set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    out = {"core": {_name(r) for r in project["dependencies"]}}
    for extra, requirements in project["optional-dependencies"].items():
        out[extra] = {_name(r) for r in requirements}
    return out


def third_party_imports() -> dict[str, set[str]]:
    """Top-level module -> the helpers files that import it (not the standard library)."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "helpers" and top != "__future__":
                    found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def allowed_for(file: str, groups: dict[str, set[str]]) -> set[str]:
    if file.startswith("helpers/bench/"):
        return groups["core"] | groups.get("test", set()) | groups.get("dev", set())
    if file == "helpers/lab_save.py":
        return groups["core"] | groups.get("dev", set())
    return groups["core"]


def test_the_walk_finds_the_kits_third_party_imports():
    found = third_party_imports()
    assert {"pandas", "matplotlib", "ipywidgets", "yaml", "nbformat"} <= set(found)
    assert "os" not in found and "helpers" not in found


def test_every_third_party_import_in_helpers_is_declared():
    groups = declared()
    providers = packages_distributions()
    missing = []
    for module, files in sorted(third_party_imports().items()):
        dists = {_name(d) for d in providers.get(module, [])}
        assert dists, f"{module} (imported by {sorted(files)}) is not installed in this environment"
        for file in sorted(files):
            if not dists & allowed_for(file, groups):
                missing.append(f"{file} imports {module} (from {' or '.join(sorted(dists))}), "
                               "which pyproject.toml does not declare for it")
    assert not missing, "\n".join(missing)


def test_the_wheel_lists_every_data_folder_as_a_package():
    """setuptools warns about a folder of package data that is not a listed package."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    folders = {"helpers.data." + p.name for p in (ROOT / "data").iterdir() if p.is_dir() and p.name.isidentifier()}
    assert folders and folders <= listed, sorted(folders - listed)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert isinstance(project["license"], str), "license as an SPDX expression (a table is deprecated)"
