"""Start a case of your own: ``python -m helpers new-case DIR [FILE ...]``.

A teacher drops this week's articles (plain text or Markdown files) into a new case
folder in one go::

    python -m helpers new-case cases/my-story guardian.txt bbc.md "le monde.txt"

Each file becomes ``reports/<id>.txt`` (or ``.md``) with an id made from its name
(``le monde.txt`` -> ``le-monde``), and ``case.yml`` lists them with the details still to
fill in (outlet, author, date, address). The folder passes ``python -m helpers check``
as it stands, and ``python -m helpers analyze`` works on it at once (the automatic
lenses stand in for an answer key).

Files are copied byte for byte, as the kit keeps every report as captured. The one
exception is a file that is not UTF-8: a Windows-1252 or UTF-16 file (what older Word
and Notepad save) is converted to UTF-8, with a warning to check its accented letters.
Anything else that cannot be a report (missing, empty, binary, a PDF or Word document,
over 2 MB) is refused with the reason, and then nothing at all is created.
"""
from __future__ import annotations

import codecs
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .lenses import registry
from .invisible import INVISIBLE, is_blank
from .case import slug, unique_id
from .textio import MAX_REPORT_BYTES, decode_utf8, too_big, utf16_without_mark
from .problems import CaseError, Problem, display_path, printable
from . import wording

#: File endings kept as Markdown; every other text file becomes .txt.
MARKDOWN = (".md", ".markdown")
#: What new-case writes where a teacher must type the outlet; ``check`` warns while it is there.
FILL_IN_OUTLET = "(fill in the outlet)"
EXAMPLE_OUTLET = "Example (replace with the outlet)"
#: How binary documents start, and what to tell the teacher about each.
SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a Word, OpenDocument or zip file"),
    (b"\xd0\xcf\x11\xe0", "an old Word document"),
    (b"{\\rtf", "a rich-text (RTF) document"),
    (b"\x89PNG", "a picture"),
    (b"\xff\xd8\xff", "a picture"),
    (b"GIF8", "a picture"),
)

EXAMPLE_REPORT = """\
Replace this text with a news article.

Paste the article's words into this file (reports/example.txt) exactly as the page
shows them, headline, captions and all, and save it as UTF-8 text. Then fill in the
details in case.yml and run:

    python -m helpers check {folder}

To add more reports, save each article as a .txt file in reports/ and add an entry for
it in case.yml, or start again with:

    python -m helpers new-case NEW_FOLDER article1.txt article2.txt
"""


def read_article(path: Path) -> tuple[bytes | None, str | None, list[Problem]]:
    """Read one file a teacher gave: (bytes to write, warning or None, problems).

    The bytes are the file itself when it is UTF-8 (a byte-order mark and Windows line
    endings are fine), or the file converted to UTF-8 from UTF-16 or Windows-1252.
    """
    path = Path(path)
    if path.is_dir():
        return None, None, [Problem(path, None, "is a folder; give the article files themselves (e.g. folder/*.txt)")]
    if path.exists() and not path.is_file():
        return None, None, [Problem(path, None, "is not an ordinary file (a pipe, a device or a socket); give the article files themselves")]
    if not path.is_file():
        return None, None, [Problem(path, None, "no such file; check the name (put a name with spaces in quotes)")]
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        return None, None, [Problem(path, None, f"{too_big(size)}. Give one article per file")]
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, None, [Problem(path, None, f"cannot be read ({err.strerror or err}); check that you may read this file")]
    for boms, codec in (((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16"),):
        if raw.startswith(boms):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as err:
                return None, None, [Problem(path, None, f"looks like UTF-16 text but byte {err.start} cannot be read; save the file as UTF-8")]
            return _checked(path, text, "was saved as UTF-16 (Windows \"Unicode\"); it was converted to UTF-8")
    utf16 = utf16_without_mark(raw)
    if utf16:
        try:
            text = raw[: len(raw) // 2 * 2].decode("utf-16-le" if "little" in utf16 else "utf-16-be")
        except UnicodeDecodeError as err:
            return None, None, [Problem(path, None, f"looks like {utf16} text without a byte-order mark, but byte {err.start} cannot be read; save the file as UTF-8")]
        return _checked(path, text, f"was saved as {utf16} (Windows \"Unicode\") without a byte-order mark; it was converted to UTF-8: check its text")
    for signature, what in SIGNATURES:
        if raw.startswith(signature):
            return None, None, [Problem(path, None, f"is {what}, not plain text; open it, copy the article's text and save that as a .txt file (UTF-8)")]
    nul = raw.find(b"\x00")
    if 0 <= nul < 8192:
        return None, None, [Problem(path, None, "is a binary file, not plain text; save the article as a .txt file (UTF-8)")]
    if nul >= 0:
        return None, None, [Problem(path, raw[:nul].count(b"\n") + 1, f"contains a NUL character (an invisible zero byte, at offset {nul}), "
                                                                       "which is not text; delete it, or copy the article's text into a new file")]
    text, bad = decode_utf8(raw)
    if bad is not None:
        line, offset = bad
        try:
            text = raw.removeprefix(b"\xef\xbb\xbf").decode("cp1252")
        except UnicodeDecodeError:
            return None, None, [Problem(path, line, f"not UTF-8 text: byte 0x{raw[offset]:02x} at offset {offset} cannot be read, nor is it Windows-1252; save the file as UTF-8")]
        byte = raw[offset]
        warning = (f"was not UTF-8 (line {line}, offset {offset}: byte 0x{byte:02x}, "
                   f"\"{bytes([byte]).decode('cp1252')}\" in Windows-1252); it was read as Windows-1252 and "
                   "saved as UTF-8: check its accented letters and quotation marks")
        return _checked(path, text, warning)
    if is_blank(text):  # only spaces or invisible characters: nothing to read
        return None, None, [Problem(path, None, "is empty; paste the article's text into it first")]
    return raw, None, []


def _checked(path: Path, text: str, warning: str):
    if is_blank(text):  # only spaces or invisible characters: nothing to read
        return None, None, [Problem(path, None, "is empty; paste the article's text into it first")]
    return text.encode("utf-8"), warning, []


def plain_name(value: str) -> str:
    """A file or folder name fit for case.yml: bytes that were not UTF-8 (a zip made on
    Windows) and control characters become "\ufffd"; invisible direction and zero-width
    marks are dropped (check would flag them)."""
    return "".join(c for c in printable(value) if c not in INVISIBLE).replace("\t", " ").replace("\n", " ")


def _yaml_string(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: quotes, colons and '#' stay safe;
    # every character YAML would refuse as it stands is written as an escape.
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"
                   for c in json.dumps(plain_name(value), ensure_ascii=False))


def is_placeholder_outlet(outlet: str) -> bool:
    """True while the outlet is still what new-case wrote for the teacher to replace."""
    outlet = (outlet or "").strip()
    return outlet.endswith(FILL_IN_OUTLET) or outlet == EXAMPLE_OUTLET


def placeholder_warnings(case) -> list[Problem]:
    """A warning (case.yml:line) per report whose outlet is still new-case's placeholder.

    Only a warning: the case works as it is, but every page would name the outlet
    "bbc (fill in the outlet)".
    """
    waiting = [r for r in case.reports.values() if is_placeholder_outlet(r.outlet)]
    if not waiting:
        return []
    path = case.path / "case.yml"
    try:
        text, _ = decode_utf8(path.read_bytes())
    except OSError:
        text = None
    lines = (text or "").splitlines()
    # The line of each "outlet:" that still holds a placeholder, in file order (the same
    # order as the reports).
    found = [n for n, line in enumerate(lines, 1)
             if not line.lstrip().startswith("#") and "outlet:" in line
             and (FILL_IN_OUTLET in line or EXAMPLE_OUTLET in line)]
    out = []
    for i, report in enumerate(waiting):
        line = found[i] if i < len(found) else None
        out.append(Problem(path, line, f'warning: the outlet of report "{report.id}" is still '
                                       f'"{report.outlet}"; write who published it there (e.g. BBC News)'))
    return out


def case_yml(title: str, entries: list[dict]) -> str:
    """The text of a new case.yml, with comments saying what to fill in."""
    lines = [
        "# A case: several reports of one story. Fill in what you know; leave null what the",
        "# page does not say (the kit never guesses). Check it with: python -m helpers check FOLDER",
        f"title: {_yaml_string(title)}",
        "# summary: >-",
        "#   Two or three sentences: what happened, and who reported it first.",
        "# original:            # the report the others go back to, when there is one",
        "#   outlet: The Wall Street Journal",
        "#   aliases: [WSJ, the Journal]   # short names the reports use for it (the kit does not guess them)",
        "#   author: Thomas Grove",
        "#   date: 2019-06-02",
        "reports:",
    ]
    for entry in entries:
        lines += [
            f"  - id: {_yaml_string(entry['id'])}",
            f"    file: {_yaml_string(entry['file'])}",
            f"    outlet: {_yaml_string(entry['outlet'])}   # who published it, e.g. BBC News",
            "    # aliases: [BBC]    # short names other reports use for this outlet",
            "    author: null        # e.g. Jane Smith",
            "    date: null          # e.g. 2024-05-31",
            "    url: null           # the page's address",
            "    capture: web        # web, pdf, print, transcript or other",
            "    # relations:          # the other reports this one goes back to, for the source chain",
            "    #   - report: another-report-id",
            "    #     kind: cites     # cites, quotes, relays, captures (a copy), rebuts or same_article",
            "    #     note: Names it as its source.",
        ]
        if entry.get("note"):
            lines.append(f"    note: {_yaml_string(entry['note'])}")
    return "\n".join(lines) + "\n"


def annotations_readme() -> str:
    """What a teacher needs to start an answer key in the new case's annotations/."""
    lines = ["# Answer key (optional)", "",
             "Without files here the automatic lenses stand in. To add an answer key, make one CSV",
             "file per lens (UTF-8, header row). Every row starts with `report` (an id from case.yml),",
             "`quote` (words copied exactly from that report) and `occurrence` (1, 2 ... when the quote",
             "appears more than once; else empty). Then the lens's own columns:", ""]
    for schema in (lens.key for lens in registry.with_key()):
        columns = ", ".join(["report", "quote", "occurrence", *schema.required, *schema.optional])
        lines.append(f"- `{schema.file}`: {columns}")
    lines += ["", "`python -m helpers check FOLDER` finds every row whose quote is not in the report.", ""]
    return "\n".join(lines)


def new_case(folder, files=(), title: str | None = None) -> tuple[Path, list[str]]:
    """Make a case folder from article files; return (folder, warnings).

    Raises :class:`~helpers.CaseError` listing every problem (a file that cannot be a
    report, a folder that is already in use); nothing is created then.
    """
    folder = Path(folder).expanduser()
    problems: list[Problem] = []
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "is a file" if not folder.is_dir() else "already exists and is not empty"
        problems.append(Problem(folder, None, f"{what}; choose a new folder name (new-case never overwrites anything)"))
    elif folder.is_symlink() and not folder.exists():
        problems.append(Problem(folder, None, "is a link to a folder that does not exist; create that folder first "
                                              "or choose another name"))
    elif not folder.parent.is_dir():
        problems.append(Problem(folder.parent, None, "this folder does not exist; create it first or choose another place"))
    warnings: list[str] = []
    articles: list[tuple[Path, bytes]] = []
    seen: set[Path] = set()
    for name in files:
        path = Path(name).expanduser()
        if path.resolve() in seen:
            warnings.append(f"{display_path(path)}: given twice; copied once")
            continue
        seen.add(path.resolve())
        data, warning, file_problems = read_article(path)
        problems += file_problems
        if warning:
            warnings.append(f"{display_path(path)}: {warning}")
        if data is not None:
            articles.append((path, data))
    if problems:
        raise CaseError(problems)
    title = plain_name(title or "").strip() or plain_name(_folder_name(folder)).replace("-", " ").replace("_", " ").strip().capitalize() or "A new case"
    entries: list[dict] = []
    contents: dict[str, bytes] = {}
    for path, data in articles:
        rid = unique_id(slug(path.stem), {e["id"] for e in entries})
        ending = ".md" if path.suffix.lower() in MARKDOWN else ".txt"
        entries.append({"id": rid, "file": f"reports/{rid}{ending}", "outlet": f"{rid} {FILL_IN_OUTLET}",
                        "note": f"copied from {plain_name(path.name)}"})
        contents[f"{rid}{ending}"] = data
    if not articles:
        entries.append({"id": "example", "file": "reports/example.txt", "outlet": EXAMPLE_OUTLET})
        contents["example.txt"] = EXAMPLE_REPORT.format(folder=display_path(folder)).encode("utf-8")
    if folder.is_dir():  # an empty folder given (".", or a link to one): filled where it is
        _fill_in_place(Path(os.path.realpath(folder)), contents, title, entries)
        return folder, warnings
    # Build the case next to where it goes, then move it into place in one step, so an
    # error half-way (a full disk) never leaves half a case behind.
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".new", dir=folder.parent))
    try:
        _write_parts(staging, contents, title, entries)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp makes it private; a case is for sharing
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder, warnings


def _write_parts(staging: Path, contents: dict[str, bytes], title: str, entries: list[dict]) -> None:
    """Write a case's three parts (reports/, annotations/, case.yml) into ``staging``."""
    (staging / "reports").mkdir()
    (staging / "annotations").mkdir()
    for name, data in contents.items():
        (staging / "reports" / name).write_bytes(data)
    (staging / "case.yml").write_text(case_yml(title, entries), encoding="utf-8", newline="\n")
    (staging / "annotations" / "README.md").write_text(annotations_readme(), encoding="utf-8", newline="\n")


def _folder_name(folder: Path) -> str:
    """The folder's own name, also when it is given as "." or ".."."""
    return folder.name if folder.name not in ("", "..") else Path(os.path.realpath(folder)).name


def _fill_in_place(folder: Path, contents: dict[str, bytes], title: str, entries: list[dict]) -> None:
    """Make the case inside an existing empty folder (the current folder, or one a link
    points to), which is kept, so a terminal open in it and the link stay good. The case
    is built in a hidden folder inside, then its three parts are moved out; an error
    half-way removes what was made and leaves the folder empty again."""
    staging = Path(tempfile.mkdtemp(prefix=".new-case.", suffix=".new", dir=folder))
    moved: list[Path] = []
    try:
        _write_parts(staging, contents, title, entries)
        for part in ("reports", "annotations", "case.yml"):
            os.rename(staging / part, folder / part)
            moved.append(folder / part)
        staging.rmdir()
    except BaseException:
        for part in moved:
            shutil.rmtree(part, ignore_errors=True) if part.is_dir() else part.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        raise


def run(args) -> int:
    """``python -m helpers new-case DIR [FILE ...]``: make the folder, say what is next."""
    try:
        folder, warnings = new_case(args.folder, args.files, title=args.title)
    except CaseError as err:
        for problem in err.problems:
            print(problem)
        print(f"{wording.count(len(err.problems), 'problem')} found; nothing was created.", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{display_path(Path(err.filename or args.folder))}: cannot create the case ({err.strerror or err}); "
              "nothing was created. Choose a folder of your own.", file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    where = display_path(folder)
    count = len(args.files) - sum("given twice" in w for w in warnings)
    made = wording.count(count, "report") if args.files else "an example report to replace"
    print(f"Made the case {where} with {made}.")
    print(f"Next: fill in outlet, author, date and url in {where}/case.yml, then run")
    print(f"  python -m helpers check {where}")
    print(f"  python -m helpers analyze {where} --out {_folder_name(folder) or 'my_story'}.html")
    return 0


def add_command(subparsers) -> None:
    p = subparsers.add_parser("new-case", help="make a case folder from article files (plain text or Markdown)",
                              description="Make a new case folder. Each FILE (plain text or Markdown) is copied in as a "
                                          "report; case.yml lists them for you to fill in. Nothing is overwritten.")
    p.add_argument("folder", metavar="DIR", help="the new case folder (must not exist yet, or be empty)")
    p.add_argument("files", metavar="FILE", nargs="*", help="article files to copy in as reports")
    p.add_argument("--title", help="the case's title (default: made from the folder name)")
    p.set_defaults(run=run)
