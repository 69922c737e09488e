"""Plain text I/O: read a report or a data file as UTF-8, and say clearly what is wrong.

Text is read as UTF-8 with no newline translation, so character offsets match the file
exactly (a UTF-8 byte-order mark at the very start is accepted and not counted as text).
Used by the case loader, the answer-key loader and new-case; it imports nothing of the
kit but :mod:`helpers.problems`.
"""
from __future__ import annotations

import os
from pathlib import Path

from .invisible import is_blank
from .problems import Problem

#: A report larger than this is refused: it is not a news article, and the lenses
#: and the browser would struggle with it.
MAX_REPORT_BYTES = 2_000_000


def too_big(size: int) -> str:
    """"is 3.4 MB; the kit reads news articles up to 2 MB", with a size that reads as
    over the limit: a file just over it is given in bytes, not as "2.0 MB"."""
    limit = MAX_REPORT_BYTES / 1e6
    if round(size / 1e6, 1) > limit:
        return f"is {size / 1e6:.1f} MB; the kit reads news articles up to {limit:g} MB"
    return f"is {size:,} bytes; the kit reads news articles up to {MAX_REPORT_BYTES:,} bytes ({limit:g} MB)"


def read_report_text(path: Path, listed_in: Path | None = None, line: int | None = None) -> tuple[str | None, list[Problem]]:
    """Read one report as UTF-8 without newline translation; explain what is wrong."""
    if os.path.lexists(path) and not path.is_file():
        where = listed_in if listed_in is not None else path
        return None, [Problem(where, line, f"report file {path.name} {not_a_file(path)}; the 'file:' line must name a text file")]
    if not path.is_file():
        where = listed_in if listed_in is not None else path
        return None, [Problem(where, line, f"report file {path.name} is missing (looked for {path}); check the 'file:' line or add the file")]
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        return None, [Problem(path, None, f"report {too_big(size)}. Split it into several reports")]
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(path, None, f"report cannot be read ({err.strerror or err}); check that you may read this file")]
    utf16 = utf16_without_mark(raw)
    if utf16:
        return None, [Problem(path, None, f"is probably {utf16} text (Windows \"Unicode\") without a byte-order mark, not UTF-8; "
                                          "save it as UTF-8 (python -m helpers new-case converts it when it copies it in)")]
    nul = raw.find(b"\x00")
    if 0 <= nul < 8192:
        return None, [Problem(path, None, "this is a binary file, not plain text; save the article as a .txt file (UTF-8)")]
    if nul >= 0:
        return None, [Problem(path, raw[:nul].count(b"\n") + 1, f"contains a NUL character (an invisible zero byte, at offset {nul}), "
                                                                 "which is not text; delete it, or copy the article's text into a new file")]
    text, bad = decode_utf8(raw)
    if bad is not None:
        bad_line, offset = bad
        return None, [Problem(path, bad_line, f"not UTF-8 text: byte 0x{raw[offset]:02x} at offset {offset} cannot be read{windows_1252_hint(raw[offset])}; save the file as UTF-8 (python -m helpers new-case converts Windows-1252 files when it copies them in)")]
    if is_blank(text):  # only spaces or invisible characters: nothing to read
        return None, [Problem(path, None, "report is empty; paste the article's text into it")]
    return text, []


def utf16_without_mark(raw: bytes) -> str | None:
    """'UTF-16 little-endian' (or big-endian) when ``raw`` reads as UTF-16 text with no mark.

    Windows "Unicode" text without its byte-order mark has a zero byte beside every
    ASCII letter: at odd offsets (little-endian) or even ones (big-endian).
    """
    sample = raw[:8192]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    for name, codec, high, low in (("UTF-16 little-endian", "utf-16-le", sample[1::2], sample[0::2]),
                                   ("UTF-16 big-endian", "utf-16-be", sample[0::2], sample[1::2])):
        if high.count(0) < 0.5 * len(high) or low.count(0) > 0.05 * len(low):
            continue  # text in a Latin script has a zero beside nearly every letter, and only there
        try:
            text = sample[: len(sample) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if text and sum(c.isprintable() or c in "\r\n\t" for c in text) > 0.95 * len(text):
            return name
    return None


def not_a_file(path: Path) -> str:
    """What ``path`` is, when it exists but is not a file that can be read."""
    if path.is_dir():
        return "is a folder, not a file"
    try:
        path.stat()
    except (OSError, RuntimeError) as err:
        if getattr(err, "errno", None) == 40:
            return "is a link that leads back to itself (a loop of links)"
        return f"is a link to nothing that can be opened ({getattr(err, 'strerror', None) or err})"
    return "is not an ordinary file (a pipe, a device or a socket)"


#: The old private name, kept for callers outside the kit.
_not_a_file = not_a_file


def decode_utf8(raw: bytes) -> tuple[str | None, tuple[int, int] | None]:
    """(text, None), or (None, (line, offset)) of the first byte that is not UTF-8.

    A UTF-8 byte-order mark at the start is accepted and not part of the text. The
    offset counts from the start of the file, mark included, as a hex editor shows it
    (Python's "utf-8-sig" codec would count from after the mark).
    """
    skip = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        return raw[skip:].decode("utf-8"), None
    except UnicodeDecodeError as err:
        offset = skip + err.start
        return None, (raw[:offset].count(b"\n") + 1, offset)


def windows_1252_hint(byte: int) -> str:
    """' (in Windows-1252 it is "é")': what the byte means in the usual Windows encoding."""
    try:
        char = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f' (in Windows-1252 it is "{char}")' if char.isprintable() else ""
