"""Load a case: a folder with ``case.yml``, the report texts and the answer key.

A case is what students read: several reports of one story. ``load_case`` checks
everything a teacher could get wrong and raises :class:`CaseError` listing every
problem as ``file:line: problem``. Report text is read as UTF-8 with no newline
translation, so character offsets match the file exactly (a UTF-8 byte-order mark
at the very start is accepted and not counted as text).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import wording, yaml_lines
from .lenses import registry as _registry
from .outlets import alias_list
from .folders import data_dir, user_dir  # noqa: F401  (part of this module's interface)
from .problems import CaseError, Problem, did_you_mean
from .textio import (MAX_REPORT_BYTES, decode_utf8, not_a_file, read_report_text,  # noqa: F401
                     utf16_without_mark, windows_1252_hint)

#: Keys a case.yml may hold, and which of them must be there.
TOP_KEYS = {"title", "summary", "language", "original", "reports", "notes"}
TOP_REQUIRED = ("title", "reports")
ORIGINAL_KEYS = {"outlet", "aliases", "author", "date", "title", "url", "note"}
REPORT_KEYS = {"id", "file", "outlet", "aliases", "author", "date", "date_note", "url", "capture",
               "sha256", "relations", "title", "note"}
REPORT_REQUIRED = ("id", "file", "outlet")
RELATION_KEYS = {"report", "kind", "note"}
RELATION_REQUIRED = ("report", "kind")
CAPTURE_KINDS = ("web", "pdf", "print", "transcript", "other")
#: case.yml's relations between reports: the source chain's links, or the same article.
RELATION_KINDS = ("same_article", *_registry.CHAIN_RELATIONS)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
#: Keys whose value is a piece of text (a number is taken as text; a list or a block is not).
TEXT_KEYS = {"title", "summary", "language", "notes", "outlet", "author", "url", "note", "id", "file",
             "date_note", "capture", "sha256", "report", "kind"}

#: case.yml is a short list; anything much bigger is the wrong file.
MAX_CONFIG_BYTES = 1_000_000


@dataclass
class Report:
    """One report as captured, with what is known about where it came from."""

    id: str
    outlet: str
    author: str | None
    date: dt.date | None
    url: str | None
    text: str
    capture: str = "web"
    file: Path | None = None
    date_note: str | None = None
    relations: list = field(default_factory=list)
    #: Short forms other reports use for this report's outlet ("WSJ", "the Journal"): case.yml's ``aliases:``.
    aliases: list = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def __repr__(self) -> str:
        return f"Report(id={self.id!r}, outlet={self.outlet!r}, {self.words} words)"


def report_labels(case) -> dict[str, str]:
    """A name a student recognises for each report: its outlet, plus the capture kind
    when two reports come from the same outlet."""
    outlets = [r.outlet for r in case.reports.values()]
    labels = {}
    for rid, report in case.reports.items():
        label = report.outlet
        if outlets.count(report.outlet) > 1:
            label += f" ({'PDF' if report.capture == 'pdf' else report.capture} capture)"
        labels[rid] = label
    return labels


class Case:
    """A story told by several reports, with the expert answer key when there is one."""

    def __init__(self, path: Path, config: dict, reports: dict[str, Report]):
        self.path = path
        self.config = config
        self.reports = reports
        self.title: str = str(config.get("title") or self.name)
        self.original: dict = dict(config.get("original") or {})

    @property
    def name(self) -> str:
        # "analyze ." names the case after the folder it is in, not "".
        return self.path.name or Path(os.path.abspath(self.path)).name or "case"

    def __repr__(self) -> str:
        return f"Case({self.name!r}, reports={list(self.reports)})"

    @property
    def origin(self) -> str | None:
        """The outlet every report goes back to: ``original: outlet:`` in case.yml.

        A case without it (a new case, say) takes the source its answer key's chains
        meet at (:func:`helpers.annotations.find_origin`); None when there is no chain.
        """
        outlet = self.original.get("outlet")
        if outlet not in (None, ""):
            return str(outlet)
        if "_origin" not in self.__dict__:
            from .annotations import find_origin

            try:
                links = self.source_chain()
            except CaseError:
                links = None
            self.__dict__["_origin"] = find_origin(links, list(self.reports))
        return self.__dict__["_origin"]

    @property
    def annotations_dir(self) -> Path:
        return self.path / "annotations"

    def table(self) -> pd.DataFrame:
        """One row per report, named as a student reads it (never by its id): outlet,
        author, date, words, capture kind."""
        labels = report_labels(self)
        rows = [
            {"report": labels.get(r.id, r.outlet), "outlet": r.outlet, "author": r.author or "(not given)",
             "date": wording.date(r.date) or "(not given)",
             "words": r.words, "capture": r.capture}
            for r in self.reports.values()
        ]
        return pd.DataFrame(rows).set_index("report")

    def annotations(self, lens: str) -> pd.DataFrame:
        """The expert answer key for one lens, anchored to character offsets.

        ``lens`` is a file stem in ``annotations/`` (``attributions``, ``numbers``,
        ``loaded_language``, ``source_chain``, ``page_chrome``) or a lens module name
        (``attribution``). Raises :class:`CaseError` for a broken row.
        """
        from .annotations import load_annotations

        return load_annotations(self, lens)

    def detections(self, lens: str) -> pd.DataFrame:
        """What the automatic lens finds in every report, shaped like ``annotations``.

        Worked out once per lens and kept (report texts do not change), so a page that
        draws a table and a chart from the same lens runs it once; each call returns a
        copy the caller may change.
        """
        from .annotations import detections

        lens = _lens_name(lens)
        cache = self.__dict__.setdefault("_detections", {})
        if lens not in cache:
            cache[lens] = detections(self, lens)
        return cache[lens].copy()

    def use_detections(self, lens: str, frame: pd.DataFrame) -> None:
        """Keep ``frame`` as what the automatic lens ``lens`` finds in this case.

        For work done elsewhere (``analyze`` runs the lenses of a big case in parallel
        processes), so that ``detections(lens)`` does not run the lens again.
        """
        self.__dict__.setdefault("_detections", {})[_lens_name(lens)] = frame

    def source_chain(self) -> pd.DataFrame:
        """The links of the source chain (citing, cited, relation, report, quote)."""
        from .annotations import load_annotations

        return load_annotations(self, "source_chain")


def find_case(name_or_path) -> Path:
    """Turn a case name (``rostec-venezuela-2019``) or a path into the case folder."""
    candidate = Path(name_or_path)
    if candidate.name == "case.yml":
        return candidate.parent
    if candidate.is_dir() or candidate.is_absolute() or len(candidate.parts) > 1:
        return candidate
    shipped = data_dir() / "cases" / str(name_or_path)
    if shipped.is_dir():
        return shipped
    return candidate


def load_case(name_or_path) -> Case:
    """Load and check a case; raise :class:`CaseError` listing every problem."""
    case, problems = check_case(name_or_path)
    if problems:
        raise CaseError(problems)
    return case


def _lens_name(lens: str) -> str:
    """The registry's name for a lens ("attribution" is "attributions"), so one lens is
    worked out once whatever name it is asked by."""
    from .lenses import registry

    return registry.get(lens).name if registry.known(lens) else lens


def check_case(name_or_path) -> tuple[Case | None, list[Problem]]:
    """Load a case and return it with every problem found (the case is None if any)."""
    case, problems, _ = check_case_and_reports(name_or_path)
    return case, problems


def check_case_and_reports(name_or_path) -> tuple[Case | None, list[Problem], Case | None]:
    """Like :func:`check_case`, and a third item: a case of the reports alone when case.yml
    has problems but every report's text could still be read (None otherwise), so that
    ``check`` can check the answer key against them in the same run."""
    folder = find_case(name_or_path)
    config_path = folder / "case.yml"
    if not folder.is_dir():
        known = ", ".join(list_cases()) or "none"
        return None, [Problem(folder, None, f"no such case folder (cases shipped with the kit: {known})")], None
    if os.path.lexists(config_path) and not config_path.is_file():
        return None, [Problem(config_path, None, f"case.yml {not_a_file(config_path)}; it must be a text file")], None
    if not config_path.is_file():
        return None, [Problem(config_path, None, "case.yml is missing: every case folder needs one (python -m helpers new-case makes a start)")], None
    if not Path(os.path.realpath(config_path)).is_relative_to(Path(os.path.realpath(folder))):
        return None, [Problem(config_path, None, "case.yml is a link to a file outside the case folder; copy the file itself into the folder")], None
    if config_path.stat().st_size > MAX_CONFIG_BYTES:
        return None, [Problem(config_path, None, f"case.yml is {config_path.stat().st_size / 1e6:.1f} MB; it should be a short list of reports (a few KB). Check that the right file is called case.yml")], None
    try:
        raw = config_path.read_bytes()
    except OSError as err:
        return None, [Problem(config_path, None, f"case.yml cannot be read ({err.strerror or err}); check that you may read this file")], None
    text, bad = decode_utf8(raw)
    if bad is not None:
        line, offset = bad
        return None, [Problem(config_path, line, f"case.yml is not UTF-8 text (byte 0x{raw[offset]:02x} at offset {offset}{windows_1252_hint(raw[offset])}); save it as UTF-8")], None
    config, problems = yaml_lines.load(text, config_path)
    if problems and config is None:
        return None, problems, None
    if not isinstance(config, dict):
        return None, problems + [Problem(config_path, 1, "case.yml must be a set of 'key: value' lines (title, reports, ...)")], None
    problems += _check_keys(config, config_path, TOP_KEYS, TOP_REQUIRED, "case.yml")
    original = config.get("original")
    if original is not None:
        if isinstance(original, dict):
            problems += _check_keys(original, config_path, ORIGINAL_KEYS, (), "original")
            problems += _check_date(original, config_path, "the original")
            problems += _check_aliases(original, config_path, "the original")
        else:
            problems.append(Problem(config_path, config.line_of("original"), "original must be a set of keys (outlet, author, date, title, url)"))
    reports: dict[str, Report] = {}
    entries = config.get("reports")
    if "reports" in config and (not isinstance(entries, list) or not entries):
        problems.append(Problem(config_path, config.line_of("reports"), "reports must be a list with at least one report (lines starting with '- id: ...')"))
        entries = []
    first_line_of_id: dict = {}
    for index, entry in enumerate(entries or []):
        line = entries.item_lines[index]
        if not isinstance(entry, dict):
            problems.append(Problem(config_path, line, "each report must be a set of keys (id, file, outlet, ...)"))
            continue
        rid = entry.get("id")
        duplicate = isinstance(rid, str) and rid in first_line_of_id
        if duplicate:
            problems.append(Problem(config_path, entry.line_of("id"), f'report id "{rid}" is used twice (first on line {first_line_of_id[rid]}); each report needs its own id'))
        if isinstance(rid, str):
            first_line_of_id.setdefault(rid, entry.line_of("id"))
        report, report_problems = _load_report(entry, folder, config_path)
        problems += report_problems
        if report is not None and not duplicate:
            reports[report.id] = report
    problems += _check_shared_aliases(config, entries, config_path)
    for report in reports.values():
        for rel in report.relations:
            if rel.get("report") not in reports:
                problems.append(Problem(config_path, rel.line_of("report"), f'relation of "{report.id}" names report "{rel.get("report")}", which is not in this case{did_you_mean(rel.get("report"), reports)}'))
    if problems:
        every_report = bool(entries) and len(reports) == len(entries)
        return None, problems, (Case(folder, {}, reports) if every_report else None)
    return Case(folder, config, reports), [], None


def _check_keys(mapping, path, allowed, required, where) -> list[Problem]:
    problems = []
    for key in mapping:
        if key not in allowed:
            problems.append(Problem(path, mapping.line_of(key), f'unknown key "{key}" in {where}{did_you_mean(key, allowed)}'))
    for key in required:
        if key not in mapping:
            problems.append(Problem(path, mapping.line, f'{where} is missing the required key "{key}"'))
        elif mapping[key] in (None, ""):
            problems.append(Problem(path, mapping.line_of(key), f'"{key}" in {where} is empty; give it a value'))
    for key in mapping:
        value = mapping[key]
        if key in allowed and key in TEXT_KEYS and isinstance(value, (list, dict)):
            what = "a list" if isinstance(value, list) else "a set of keys"
            problems.append(Problem(path, mapping.line_of(key), f'"{key}" in {where} must be one piece of text, not {what}'
                                    " (write it on the same line, after the colon)"))
    return problems


def _check_date(mapping, path, where) -> list[Problem]:
    date = mapping.get("date")
    line = mapping.line_of("date")
    if date is None or isinstance(date, yaml_lines.InvalidValue):
        return []  # nothing given, or already reported (not a date in the calendar)
    if isinstance(date, dt.datetime):
        return [Problem(path, line, f'date of {where} has a time ({date.isoformat(sep=" ")}); give only the day, like '
                                    f'{date.date().isoformat()} (a time can go in date_note)')]
    if not isinstance(date, dt.date):
        got = "a list" if isinstance(date, list) else "a set of keys" if isinstance(date, dict) else f'"{date}"'
        return [Problem(path, line, f'date of {where} must look like 2019-06-02, or be null when unknown (got {got})')]
    return []


def _check_aliases(mapping, path, where) -> list[Problem]:
    """``aliases:`` is a list of short names for the outlet ("WSJ", "the Journal"), each one
    a name once "the", "'s" and the like are set aside (helpers.outlets.key)."""
    from .outlets import key

    value = mapping.get("aliases")
    if value is None:
        return []
    line = mapping.line_of("aliases")
    items = value if isinstance(value, list) else [value]
    lines = getattr(value, "item_lines", None) or [line] * len(items)
    problems = []
    for item, item_line in zip(items, lines):
        if isinstance(item, (dict, list)) or isinstance(item, bool) or item is None or not str(item).strip():
            problems.append(Problem(path, item_line, f"aliases of {where} must be short names of its outlet, "
                                                     "like [WSJ, the Journal]"))
        elif key(item) in ("", "the", "a", "an"):
            problems.append(Problem(path, item_line, f'alias "{item}" of {where} is no name (nothing is left once '
                                                     '"the", "a report from" and the like are set aside)'))
    return problems


def _check_shared_aliases(config, entries, path) -> list[Problem]:
    """A short name given for two different outlets: no reader could tell which it means."""
    from .outlets import key, outlet_name

    owners: dict[str, tuple[str, str, int | None]] = {}   # alias key -> (outlet key, outlet, line)
    problems = []
    sources = [config.get("original")] + list(entries or [])
    outlets = {key(outlet_name(m.get("outlet"))): outlet_name(m.get("outlet"))
               for m in sources if isinstance(m, dict) and outlet_name(m.get("outlet"))}
    for mapping in sources:
        if not isinstance(mapping, dict) or not isinstance(mapping.get("aliases"), (list, str)):
            continue
        outlet = outlet_name(mapping.get("outlet"))
        value = mapping["aliases"]
        items = value if isinstance(value, list) else [value]
        lines = getattr(value, "item_lines", None) or [mapping.line_of("aliases")] * len(items)
        for item, line in zip(items, lines):
            if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not key(item):
                continue
            named = outlets.get(key(item))
            if named is not None and key(item) != key(outlet):
                problems.append(Problem(path, line, f'alias "{item}" is given for {outlet or "this report"}, but it is '
                                                    f'the name of another outlet of this story ({named}): the kit would '
                                                    "read it as that outlet; remove it"))
                continue
            first = owners.setdefault(key(item), (key(outlet), outlet, line))
            if first[0] != key(outlet):
                problems.append(Problem(path, line, f'alias "{item}" is given for {outlet or "this report"} and, on '
                                                    f'line {first[2]}, for {first[1] or "another report"}: a reader could '
                                                    "not tell which it means; keep it for one of them"))
    return problems


def _kind_of(value) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return "a list or a block"


def _shown_value(value, quotes: bool = True) -> str:
    text = {None: "null", True: "true", False: "false"}.get(value, None) if isinstance(value, (bool, type(None))) else None
    if text is None:
        try:
            text = str(value)
        except ValueError:  # an integer too long to print
            text = "(a very long number)"
    text = text if len(text) <= 40 else text[:37] + "..."
    return f'"{text}"' if quotes else text


def _text_or_none(value):
    return None if value is None else str(value)


def _load_report(entry, folder: Path, config_path: Path) -> tuple[Report | None, list[Problem]]:
    rid = entry.get("id")
    where = f'report {_shown_value(rid)}' if rid else "a report"
    problems = _check_keys(entry, config_path, REPORT_KEYS, REPORT_REQUIRED, where)
    if "id" in entry and not isinstance(rid, str):
        problems.append(Problem(config_path, entry.line_of("id"), f'report id {_shown_value(rid)} is read as '
                                f'{_kind_of(rid)}, not as text; write the id in quotes, e.g. id: "{_shown_value(rid, quotes=False)}"'))
    elif rid is not None and not ID_PATTERN.match(rid):
        problems.append(Problem(config_path, entry.line_of("id"), f'report id "{rid}" must be lower-case letters, digits, "-" or "_" (e.g. "moscow-times-web")'))
    capture = entry.get("capture", "web")
    if capture not in CAPTURE_KINDS:
        problems.append(Problem(config_path, entry.line_of("capture"), f'capture "{capture}" of {where} is not one of {", ".join(CAPTURE_KINDS)}{did_you_mean(capture, CAPTURE_KINDS)}'))
    date = entry.get("date")
    problems += _check_date(entry, config_path, where)
    problems += _check_aliases(entry, config_path, where)
    relations = entry.get("relations") or []
    if not isinstance(relations, list):
        problems.append(Problem(config_path, entry.line_of("relations"), f"relations of {where} must be a list"))
        relations = []
    for index, rel in enumerate(relations):
        if not isinstance(rel, dict):
            problems.append(Problem(config_path, relations.item_lines[index], f"each relation of {where} must be a set of keys (report, kind, note)"))
            continue
        problems += _check_keys(rel, config_path, RELATION_KEYS, RELATION_REQUIRED, f"a relation of {where}")
        if rel.get("kind") is not None and rel.get("kind") not in RELATION_KINDS:
            problems.append(Problem(config_path, rel.line_of("kind"), f'relation kind "{rel.get("kind")}" is not one of {", ".join(RELATION_KINDS)}{did_you_mean(rel.get("kind"), RELATION_KINDS)}'))
    file_name = entry.get("file")
    if not file_name or isinstance(file_name, (list, dict)):
        return None, problems
    report_path, where_problems = inside_case(folder, str(file_name), config_path, entry.line_of("file"))
    if where_problems:
        return None, problems + where_problems
    text, read_problems = read_report_text(report_path, config_path, entry.line_of("file"))
    problems += read_problems
    expected = entry.get("sha256")
    if expected is not None and not re.fullmatch(r"[0-9a-fA-F]{64}", str(expected)):
        problems.append(Problem(config_path, entry.line_of("sha256"), f"sha256 of {where} must be 64 hexadecimal characters in quotes"))
    elif text is not None and expected:
        actual = hashlib.sha256(report_path.read_bytes()).hexdigest()
        if actual != str(expected).lower():
            problems.append(Problem(config_path, entry.line_of("sha256"), f"{file_name} is not the text that was captured (its sha256 is {actual}); restore the original, or delete the sha256 line if you changed it on purpose"))
    if problems:
        # The text may still be read (a typo'd key, a bad date): ``check`` anchors the
        # answer key in it, so a teacher sees those problems in the same run.
        readable = text is not None and not read_problems and isinstance(rid, str) and ID_PATTERN.match(rid)
        if not readable:
            return None, problems
        return Report(id=rid, outlet=_text_or_none(entry.get("outlet")) or "", author=None, date=None,
                      url=None, text=text, capture="web", file=report_path), problems
    return Report(
        id=rid, outlet=str(entry["outlet"]), author=_text_or_none(entry.get("author")), date=date,
        url=_text_or_none(entry.get("url")), text=text, capture=capture, file=report_path,
        date_note=_text_or_none(entry.get("date_note")), relations=list(relations),
        aliases=alias_list(entry.get("aliases")),
    ), []


def inside_case(folder: Path, file_name: str, config_path: Path, line: int | None) -> tuple[Path | None, list[Problem]]:
    """The report file ``file_name`` names, if it is inside the case folder (links followed).

    A shared case folder may come from anyone: ``file: /etc/passwd``, ``../../.ssh/id_rsa``
    or a link pointing out of the folder would pull a private file into the page.
    """
    def refuse(message):
        return None, [Problem(config_path, line, f'file "{file_name}": {message}')]

    if "\x00" in file_name:
        return refuse("a file name cannot contain a NUL character")
    if os.path.isabs(file_name) or file_name.startswith("~"):
        return refuse("must be a path inside the case folder, like reports/my-article.txt, not a full path; "
                      "copy the file into the case's reports/ folder")
    if ".." in Path(file_name).parts:
        return refuse('must stay inside the case folder (".." goes out of it); copy the file into the case\'s reports/ folder')
    path = folder / file_name
    try:
        real = Path(os.path.realpath(path, strict=True)) if os.path.lexists(path) else None
        home = Path(os.path.realpath(folder))
    except (OSError, RuntimeError) as err:
        errno_loop = getattr(err, "errno", None) == 40 or isinstance(err, RuntimeError) or "loop" in str(err).lower()
        if errno_loop:
            return refuse("is a link that leads back to itself (a loop of links); replace it with the file itself")
        return refuse(f"cannot be opened ({getattr(err, 'strerror', None) or err})")
    if real is not None and not real.is_relative_to(home):
        return refuse("is a link to a file outside the case folder; copy the file itself into the case's reports/ folder")
    return path, []


def invisible_warnings(case: Case) -> list[Problem]:
    """A warning per line of case.yml, a report or an answer-key file that hides direction
    or zero-width marks (a label with U+202E would show reversed in a tooltip)."""
    from .invisible import describe, find_invisible
    from .lenses import registry

    def read(path: Path) -> str:
        try:
            found, _ = decode_utf8(path.read_bytes()) if path.is_file() else (None, None)
        except OSError:
            found = None
        return found or ""  # a file that cannot be read is check's problem, not a warning

    config_path = case.path / "case.yml"
    keys = dict.fromkeys(case.annotations_dir / lens.key.file for lens in registry.with_key())
    sources = [(config_path, read(config_path))] + [(r.file or case.path / r.id, r.text) for r in case.reports.values()]
    from .annotations import _outside_or_odd  # a link out of the case or a pipe is not read

    sources += [(path, read(path)) for path in keys if _outside_or_odd(case, path) is None]
    out = []
    for path, text in sources:
        for line, message in describe(find_invisible(text)):
            out.append(Problem(path, line, f"warning: {message}"))
    return out


def list_cases() -> list[str]:
    """Names of the cases shipped in the data folder."""
    cases = data_dir() / "cases"
    if not cases.is_dir():
        return []
    return sorted(p.name for p in cases.iterdir() if (p / "case.yml").is_file())


def slug(name: str) -> str:
    """A report id made from a name: 'Le Monde (Paris)' -> 'le-monde-paris'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")


def unique_id(wanted: str, taken) -> str:
    """``wanted`` (or 'report' if empty), with -2, -3 ... added until it is not taken."""
    wanted = wanted or "report"
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate
