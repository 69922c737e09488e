"""environment.yml (conda, Binder) and pyproject.toml must ask for the same packages."""
from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT

CONDA_NAMES = {"pyyaml": "pyyaml"}


def normalise(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    name, spec = match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")
    return CONDA_NAMES.get(name, name), spec


def pyproject_requirements() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    wanted = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    requirements: dict[str, str] = {}
    for name, spec in map(normalise, wanted):
        assert requirements.setdefault(name, spec) == spec, f"{name} has two version ranges in pyproject.toml"
    return requirements


def test_every_extra_is_in_environment_yml():
    """The hub and dev extras (nbgitpuller, jupyterhub, nbstripout) are checked too, not only test."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert {"test", "hub", "dev"} <= set(extras)
    assert {"nbgitpuller", "jupyterhub"} <= {normalise(r)[0] for r in extras["hub"]}
    assert set(conda_requirements()) >= {"nbgitpuller", "jupyterhub", "nbstripout"}


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    plain = [d for d in env["dependencies"] if isinstance(d, str)]
    return {name: spec for name, spec in map(normalise, plain) if name not in ("python", "pip")}


def test_same_packages_with_the_same_version_ranges():
    assert conda_requirements() == pyproject_requirements()


def test_environment_installs_the_helpers_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section


def test_python_versions_agree():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert conda_python.removeprefix("python") == data["project"]["requires-python"]


def test_conda_channel_is_conda_forge():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
