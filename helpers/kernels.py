"""Kernels that talk over files in a private folder, not over TCP ports.

jupyter_client picks a TCP port that is free, closes it, and hands it to the kernel to
bind. With several kernels, browsers and servers starting at once, another program can
take the port in between, and the kernel dies ("Kernel died before replying"); CI failed
that way once. Over files (ZeroMQ's ``ipc`` transport) there is nothing to take.

Used by the build (``helpers.build``) and by nbval, through the pytest plugin
``helpers.nbval_kernels`` that the project's pytest settings load, so that every nbval
run (``make test`` or one notebook alone) starts its kernels this way.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager

#: A socket's path must stay under 108 characters (Linux); the kernel adds "-<port>".
LONGEST_FOLDER = 80


def socket_folder(prefix: str = "kit-kernel-") -> str:
    """A new private folder for a kernel's sockets, short enough for their paths.

    A deep ``TMPDIR`` (a pytest folder, a home on a network share) would make the
    paths too long, so the folder then goes under /tmp.
    """
    base = tempfile.gettempdir()
    if len(os.path.join(base, prefix + "x" * 8, "k-00000")) > LONGEST_FOLDER:
        base = "/tmp"
    return tempfile.mkdtemp(prefix=prefix, dir=base)


@contextmanager
def kernel_over_files():
    """Settings (a traitlets ``Config``) for a kernel manager that talks over files.

    The folder is removed afterwards.
    """
    from traitlets.config import Config

    folder = socket_folder()
    try:
        yield Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(folder, "k")}})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
