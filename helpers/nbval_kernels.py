"""A pytest plugin: nbval's kernels talk over files, not TCP ports (see ``helpers.kernels``).

The project's pytest settings load it (``-p helpers.nbval_kernels`` in pyproject.toml),
so it works for ``make test`` and for one notebook alone. Only pytest imports it, so it
may use the test extra (nbval).
"""
from __future__ import annotations

import atexit
import os
import shutil

from .kernels import socket_folder


def pytest_configure(config) -> None:
    """nbval has no setting for the transport, so its kernel manager is replaced for
    this test process: each kernel gets its own folder, removed when the process ends."""
    try:
        import nbval.kernel
    except ImportError:  # pytest without nbval: nothing to do
        return
    from jupyter_client.manager import KernelManager

    class KernelOverFiles(KernelManager):
        def __init__(self, **kwargs):
            folder = socket_folder("kit-nbval-kernel-")
            atexit.register(shutil.rmtree, folder, True)
            super().__init__(transport="ipc", ip=os.path.join(folder, "k"), **kwargs)

    nbval.kernel.KernelManager = KernelOverFiles
