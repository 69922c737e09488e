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
from pathlib import Path

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
    if file == "helpers/nbval_kernels.py":   # a pytest plugin: only the tests load it
        return groups["core"] | groups.get("test", set())
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


def _package_of(folder: Path, package_dir: dict[str, str]) -> str:
    """The package name a folder of the repository becomes in the wheel."""
    relative = folder.relative_to(ROOT)
    for package, where in package_dir.items():
        base = Path(where)
        if relative == base or base in relative.parents:
            return ".".join([package, *relative.relative_to(base).parts])
    return ".".join(relative.parts)


def data_folders() -> list[Path]:
    """Every folder under helpers/ (and the folders mapped into it) that holds a file
    other than Python source: each one is package data that setuptools ships."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    roots = [ROOT / "helpers", *(ROOT / d for d in setuptools["package-dir"].values())]
    skip = {"__pycache__", ".ipynb_checkpoints"}
    found = set()
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and path.suffix not in (".py", ".pyc") and not skip & set(path.parts):
                found.add(path.parent)
    return sorted(found)


def unlisted_data_folders() -> list[str]:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    names = {_package_of(folder, setuptools["package-dir"]) for folder in data_folders()}
    # a folder whose own package is listed, or that lies inside a listed package's glob ("**/*")
    globbed = {p for p, globs in setuptools["package-data"].items() if "**/*" in globs}
    return sorted(n for n in names
                  if n not in listed and not any(n.startswith(g + ".") for g in globbed & listed))


def test_the_wheel_lists_every_data_folder_as_a_package():
    """setuptools warns ("Package 'helpers.templates.analyze' is absent from the packages
    configuration") about a folder of package data that is not a listed package."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    folders = {"helpers.data." + p.name for p in (ROOT / "data").iterdir() if p.is_dir() and p.name.isidentifier()}
    assert folders and folders <= listed, sorted(folders - listed)
    names = {_package_of(f, setuptools["package-dir"]) for f in data_folders()}
    assert {"helpers.templates.analyze", "helpers.widgets", "helpers.data.lexicons"} <= names, names
    assert not unlisted_data_folders(), ("add these to [tool.setuptools] packages in pyproject.toml: "
                                         f"{unlisted_data_folders()}")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert isinstance(project["license"], str), "license as an SPDX expression (a table is deprecated)"


def test_the_data_folder_walk_finds_a_missing_package(tmp_path, monkeypatch):
    """The walk above can fail: a template folder left out of packages is named."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    data["tool"]["setuptools"]["packages"] = [p for p in data["tool"]["setuptools"]["packages"]
                                              if not p.startswith("helpers.templates")]
    monkeypatch.setattr(tomllib, "loads", lambda _text: data)
    assert "helpers.templates.analyze" in unlisted_data_folders()


def test_the_makefiles_venv_can_build_the_wheel_without_isolation():
    """`pip wheel . --no-deps --no-build-isolation` in .venv needs the setuptools that
    pyproject's build-system asks for (the SPDX license string needs >= 77): the Makefile's
    install step puts it there."""
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    wanted = next(r for r in requires if r.startswith("setuptools"))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("$(VENV)/.installed:"):].split("\n\n")[0]
    assert f'"{wanted}"' in recipe and "--upgrade" in recipe, recipe
