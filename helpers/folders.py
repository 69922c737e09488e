"""Where the kit's files are: its data (cases, lexicons) and the user's own folder.

The lowest layer of the package: it imports nothing of the kit, so any module may use it.
"""
from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The folder holding ``cases/`` and ``lexicons/``.

    ``MEDIA_KIT_DATA`` overrides it. Installed from a wheel (``pip install .``, as in a
    JupyterHub image) the data travels inside the package as ``helpers/data/``; in the
    repository (and an editable install) it is the ``data/`` folder next to ``helpers/``.
    """
    override = os.environ.get("MEDIA_KIT_DATA")
    if override:
        return Path(override)
    package = Path(__file__).resolve().parent
    if (package / "data").is_dir():
        return package / "data"
    return package.parent / "data"


def user_dir() -> Path:
    """The user's own folder: where the kit writes anything (journal, analysis pages).

    ``MEDIA_KIT_HOME``, else ``$XDG_DATA_HOME/media-literacy-kit``, else
    ``~/.local/share/media-literacy-kit``. Never inside the kit's folder, which may be
    read-only (a JupyterHub image). The folder is not created here; writers create it.
    """
    override = os.environ.get("MEDIA_KIT_HOME")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "media-literacy-kit"
