"""Where a command may write its page: the ``--out`` check shared by ``analyze`` and ``class-report``.

A page is written only as an ordinary file: never over a device (``/dev/null``), a pipe,
a socket or a link, never over a folder, and over an existing file only when the kit
wrote it (its mark is in the file's first 64 KB), unless the user adds ``--force``. The
check is made again just before the finished page is renamed into place.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def written_by(path: Path, marks: tuple[bytes, ...]) -> bool:
    """True if ``path`` starts (first 64 KB) with one of ``marks``: a page the kit wrote."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return False
            head = stream.read(65536)
    except OSError:
        return False
    return any(mark in head for mark in marks)


def out_problem(out: Path, tool: str, marks: tuple[bytes, ...], force: bool = False,
                example: str = "--out page.html", inside: str | None = None) -> tuple[Path, str] | None:
    """Why ``tool`` must not write its page to ``out``: (the path to name, a sentence for the user), or None.

    ``inside``: a reason ``out`` is in a place ``tool`` never writes (checked after the
    folder checks and before the existing file's checks, as ``analyze`` always did).
    """
    try:
        info = os.lstat(out)
    except FileNotFoundError:
        info = None
    except OSError as err:
        return out, f"cannot be checked ({err.strerror or err}); choose another --out"
    if info is not None and stat.S_ISDIR(info.st_mode):
        return out, f"is a folder; give a file name for the page, e.g. {example}"
    if not (out.parent if str(out.parent) else Path(".")).is_dir():
        return out.parent, "this folder does not exist; create it first or choose another --out"
    if inside:
        return out, f"{inside}; {tool} never writes there. Choose another --out, e.g. {example}"
    if info is None:
        return None
    if not stat.S_ISREG(info.st_mode):
        what = "a link" if stat.S_ISLNK(info.st_mode) else "not an ordinary file (a device, a pipe or a socket)"
        return out, f"is {what}; {tool} writes only ordinary files, so it leaves this alone. Choose another --out"
    if not force and not written_by(out, marks):
        return out, (f"already exists and is not a page {tool} wrote; it was left as it is. "
                "Choose another --out, or add --force to replace it")
    return None


def replace_if_still_ordinary(temp, out: Path) -> None:
    """Rename ``temp`` over ``out``, unless ``out`` became something else than an ordinary file meanwhile."""
    if os.path.lexists(out) and not os.path.isfile(out) or os.path.islink(out):
        raise OSError(17, "it became something other than an ordinary file while the page was made", str(out))
    os.replace(temp, out)


def write_atomically(data: bytes, out: Path) -> None:
    """Write ``data`` to ``out`` through a temporary file beside it, renamed into place only
    when complete (so a killed run never leaves half a page); an error names ``out``, never
    the temporary file."""
    folder = out.parent if str(out.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=".part")
    except OSError as err:
        raise OSError(err.errno, err.strerror or str(err), str(out)) from err
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes it private; a page is for sharing
        replace_if_still_ordinary(temp, out)
    except BaseException as err:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        if isinstance(err, OSError) and err.filename != str(out):
            raise OSError(err.errno, err.strerror or str(err), str(out)) from err
        raise
