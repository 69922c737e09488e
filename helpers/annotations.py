"""The expert answer key: quote-anchored CSV files, turned into character offsets.

Each row names a ``report``, an exact ``quote`` from it and, when the quote appears
more than once, its ``occurrence`` (1-based), like W3C Web Annotation's
TextQuoteSelector. Anchoring by quote keeps the key readable and makes a wrong row
easy to spot: a quote that is missing or ambiguous is refused with file, line and
reason. The columns each lens needs are in its record in :mod:`helpers.lenses.registry`.

Two free-text columns are for two readers: ``note`` is for teachers and maintainers (how
a row was decided; it may name files and ids) and is never shown to students;
``explain`` is what a student reads in an exercise's feedback, in plain words, or empty.
"""
from __future__ import annotations

import csv
import difflib
import importlib
import io
import math
import os
import re
from pathlib import Path

import pandas as pd

from .lenses import registry
from .lenses.registry import Schema
from .problems import CaseError, Problem, did_you_mean
from .textio import decode_utf8, not_a_file, windows_1252_hint
from .wording import count



ANCHOR = ("report", "quote", "occurrence")


def schema_for(lens: str) -> Schema:
    """The answer-key schema of a lens (by its name or an alias), from the registry."""
    if not registry.known(lens) or registry.get(lens).key is None:
        keys = ", ".join(found.name for found in registry.with_key())
        raise CaseError([Problem(Path("annotations"), None,
                                 f"no answer key called \"{lens}\"; the keys are: {keys}")])
    return registry.get(lens).key


def load_annotations(case, lens: str) -> pd.DataFrame:
    """Read one answer-key file of ``case``; raise CaseError listing every bad row."""
    frame, problems = check_annotations(case, lens)
    if problems:
        raise CaseError(problems)
    return frame


def check_annotations(case, lens: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Anchor every row of one answer-key file; return the rows and the problems."""
    schema = schema_for(lens)
    path = case.annotations_dir / schema.file
    columns = ["report", "start", "end", "quote", *schema.required, *schema.optional]
    problem = _outside_or_odd(case, path)
    if problem is not None:
        return pd.DataFrame(columns=columns), [problem]
    if not path.is_file():
        return pd.DataFrame(columns=columns), []
    rows, problems = _read_rows(path, schema, case.reports)
    frame = pd.DataFrame(rows, columns=["line", *columns])
    if not frame.empty:
        frame = frame.sort_values(["report", "start", "end"], kind="stable")
    return frame.drop(columns="line").reset_index(drop=True), problems


def label_warnings(case) -> list[Problem]:
    """A warning for each answer-key row that gives a claim another label than its first
    row did: the page and the reader name a claim by one label, so the other is lost."""
    from .invisible import visible
    from .wording import cut

    def shown(label: str) -> str:
        return cut(visible(label), 80)

    out = []
    for lens in registry.with_key():
        schema = lens.key
        if not {"claim", "label"} <= {*schema.required, *schema.optional}:
            continue
        path = case.annotations_dir / schema.file
        if _outside_or_odd(case, path) is not None or not path.is_file():
            continue
        try:
            text, bad = decode_utf8(path.read_bytes())
        except OSError:
            continue
        if bad is not None:
            continue  # check_annotations reports it
        first: dict[str, tuple[str, int]] = {}
        reader = csv.DictReader(io.StringIO(text, newline=""))
        for row in reader:
            claim, label = (row.get("claim") or "").strip(), (row.get("label") or "").strip()
            if not claim or not label:
                continue
            if claim not in first:
                first[claim] = (label, reader.line_num)
            elif label != first[claim][0]:
                was, line = first[claim]
                out.append(Problem(path, reader.line_num,
                                   f'warning: claim "{shown(claim)}" is labelled "{shown(label)}" here but '
                                   f'"{shown(was)}" on line {line}; give every row of one claim the same label'))
    return out


def _outside_or_odd(case, path: Path) -> Problem | None:
    """Why the answer-key file ``path`` must not be read, or None. A shared case folder may
    come from anyone: a link out of the case (to /etc/passwd, say) would print a private
    file in check's errors; a pipe would make check wait forever."""
    home = getattr(case, "path", None)
    if home is None or path.parent != Path(home) / "annotations":
        return None  # a pasted text's case: it has no answer key
    if not os.path.lexists(path) and not os.path.lexists(path.parent):
        return None
    try:
        home = Path(os.path.realpath(home))
        for candidate, what in ((path.parent, "the answer-key folder"), (path, "this answer-key file")):
            if os.path.lexists(candidate):
                real = Path(os.path.realpath(candidate, strict=True))
                if not real.is_relative_to(home):
                    return Problem(candidate, 1, f"{what} is a link to somewhere outside the case folder; "
                                                 "it was not read. Put the file itself in the case's annotations/ folder")
    except (OSError, RuntimeError) as err:
        return Problem(path, 1, f"cannot be opened ({getattr(err, 'strerror', None) or err}); "
                                "replace it with the file itself")
    if os.path.lexists(path.parent) and not path.parent.is_dir():
        return Problem(path.parent, 1, "the answer-key folder annotations/ is not a folder; "
                                       "remove it or make it a folder of CSV files")
    if os.path.lexists(path) and not path.is_file():
        return Problem(path, 1, f"answer-key file {path.name} {not_a_file(path)}; it must be a CSV text file")
    return None


def _read_rows(path: Path, schema: Schema, reports) -> tuple[list[dict], list[Problem]]:
    problems: list[Problem] = []
    rows: list[dict] = []
    try:
        raw = path.read_bytes()
    except OSError as err:
        return [], [Problem(path, None, f"cannot be read ({err.strerror or err}); check that you may read this file")]
    text, bad = decode_utf8(raw)
    if bad is not None:
        line, offset = bad
        return [], [Problem(path, line, f"not UTF-8 text: byte 0x{raw[offset]:02x} at offset {offset} cannot be read"
                                        f"{windows_1252_hint(raw[offset])}; save the file as UTF-8")]
    handle = io.StringIO(text, newline="")
    reader = csv.reader(handle)
    header = next(reader, None)
    with handle:
        if header is None:
            return [], [Problem(path, 1, "the file is empty; it needs a header line")]
        header = [h.strip() for h in header]
        known = set(ANCHOR) | set(schema.required) | set(schema.optional)
        for name in header:
            if name not in known:
                problems.append(Problem(path, 1, f'unknown column "{name}"{did_you_mean(name, known)}'))
        for name in ("report", "quote", *schema.required):
            if name not in header:
                problems.append(Problem(path, 1, f'missing column "{name}"'))
        if problems:
            return [], problems
        seen: dict[tuple, int] = {}
        line = 2
        try:
            for values in reader:
                row_line, line = line, reader.line_num + 1
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(header):
                    problems.append(Problem(path, row_line, f"row has {count(len(values), 'value')} but the header has {count(len(header), 'column')} (a comma inside a quote needs the field in double quotes)"))
                    continue
                record = dict(zip(header, values))
                row, row_problems = _anchor_row(record, schema, reports, path, row_line)
                problems += row_problems
                if row is None:
                    continue
                key = tuple(row.get(c) for c in ("report", "start", "end", *schema.required))
                if key in seen:
                    problems.append(Problem(path, row_line, f"the same annotation as on line {seen[key]}; delete one"))
                    continue
                seen[key] = row_line
                rows.append({"line": row_line, **row})
        except csv.Error as err:
            problems.append(Problem(path, reader.line_num, f"CSV error: {err}"))
    return rows, problems


def _anchor_row(record: dict, schema: Schema, reports, path: Path, line: int):
    problems = []
    report_id = record["report"].strip()
    quote = record["quote"]
    if report_id not in reports:
        return None, [Problem(path, line, f'unknown report "{report_id}"{did_you_mean(report_id, reports)}')]
    if not quote:
        return None, [Problem(path, line, "quote is empty")]
    for name in schema.required:
        if not record.get(name, "").strip():
            problems.append(Problem(path, line, f'"{name}" is empty'))
    for name, allowed in schema.vocab:
        value = record.get(name, "").strip()
        if value and value not in allowed:
            problems.append(Problem(path, line, f'{name} "{value}" is not one of {", ".join(allowed)}{did_you_mean(value, allowed)}'))
    out = {"report": report_id, "quote": quote}
    for name in (*schema.required, *schema.optional):
        value = record.get(name, "")
        out[name] = value.strip() if name != "note" else value
    for name in schema.numeric:
        try:
            number = float(out[name].replace(",", "")) if out[name] else None
        except ValueError:
            problems.append(Problem(path, line, f'{name} "{out[name]}" is not a number'))
            continue
        if number is not None and not math.isfinite(number):
            problems.append(Problem(path, line, f'{name} "{out[name]}" is not a number a report could give '
                                                "(infinite or not a number); write the number itself, e.g. 1000"))
            out[name] = None
            continue
        out[name] = number
    for name in schema.boolean:
        value = out.get(name, "").lower()
        if value not in ("", "true", "false", "yes", "no", "1", "0"):
            problems.append(Problem(path, line, f'{name} "{out[name]}" must be true or false'))
        out[name] = value in ("true", "yes", "1")
    if not problems and "low" in schema.numeric and out["low"] is not None and out["high"] is not None and out["low"] > out["high"]:
        problems.append(Problem(path, line, f"low ({out['low']:g}) is greater than high ({out['high']:g}); swap them"))
    start, anchor_problem = anchor(reports[report_id].text, quote, record.get("occurrence", ""))
    if anchor_problem:
        problems.append(Problem(path, line, f'report "{report_id}": {anchor_problem}'))
    if problems:
        return None, problems
    out["start"], out["end"] = start, start + len(quote)
    return out, []


def anchor(text: str, quote: str, occurrence: str | int = "") -> tuple[int | None, str | None]:
    """Find ``quote`` in ``text``: return (start, None) or (None, why not)."""
    places = []
    at = text.find(quote)
    while at != -1:
        places.append(at)
        at = text.find(quote, at + 1)
    occurrence = str(occurrence).strip()
    if occurrence:
        try:
            n = int(occurrence)
        except ValueError:
            return None, f'occurrence "{occurrence}" must be a whole number (1 for the first place)'
        if not 1 <= n <= len(places):
            return None, f"occurrence {n} asked for, but the quote appears {len(places)} time(s)"
        return places[n - 1], None
    if not places:
        return None, f"quote not found: {short(quote)}{nearest_hint(text, quote)}"
    if len(places) > 1:
        return None, f"quote appears {len(places)} times: {short(quote)}; add an occurrence (1 to {len(places)}) or quote more words"
    return places[0], None


def short(quote: str, limit: int = 60) -> str:
    flat = quote.replace("\n", "\\n")
    return '"' + (flat if len(flat) <= limit else flat[: limit - 1] + "…") + '"'


#: Up to this size a report is searched whole for the nearest passage; a longer one only
#: around the quote's rarest word (searching all of it is quadratic: 15 s for one long
#: mistyped quote in a 400 KB report).
HINT_WHOLE_TEXT = 20_000
HINT_WINDOWS = 5


def _hint_windows(text: str, quote: str):
    """(offset, piece of ``text``) to search for ``quote``: the whole text when short, else
    a few pieces around the places where the quote's rarest word appears."""
    if len(text) <= HINT_WHOLE_TEXT:
        yield 0, text
        return
    wanted = {w.casefold() for w in re.findall(r"\w{4,}", quote)}
    places: dict[str, list[int]] = {}
    for found in re.finditer(r"\w{4,}", text):
        word = found.group().casefold()
        if word in wanted:
            places.setdefault(word, []).append(found.start())
    if not places:
        return
    rarest = min(places.values(), key=len)
    for at in rarest[:HINT_WINDOWS]:
        start = max(0, at - 2 * len(quote))
        yield start, text[start:at + 2 * len(quote)]


def nearest_hint(text: str, quote: str) -> str:
    """'; nearest in the report: "..."' naming the closest passage, when there is one."""
    if not text or len(quote) > 2000:
        return ""
    best = None
    for offset, window in _hint_windows(text, quote):
        matcher = difflib.SequenceMatcher(None, window, quote, autojunk=False)
        found = matcher.find_longest_match(0, len(window), 0, len(quote))
        if best is None or found.size > best[2]:
            best = (offset + found.a, found.b, found.size)
    if best is None or best[2] < 4:
        return ""
    match = difflib.Match(*best)
    start = max(0, match.a - match.b)
    end = min(len(text), start + len(quote))
    # Widen to whole words, so the hint reads as words a teacher can search for.
    while start > 0 and not text[start - 1].isspace() and match.a - start < 20:
        start -= 1
    while end < len(text) and not text[end].isspace() and end - start < len(quote) + 20:
        end += 1
    return f"; nearest in the report: {short(text[start:end])}"


def detections(case, lens: str) -> pd.DataFrame:
    """Run one automatic lens over every report; shaped like the answer key."""
    found_lens = registry.get(lens)
    detect = found_lens.detect_function()
    module = importlib.import_module(found_lens.module_name)
    frames = []
    for report in case.reports.values():
        found = detect(report.text).copy()
        found.insert(0, "report", report.id)
        found = found.rename(columns={"text": "quote"})
        frames.append(found)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if frames and hasattr(module, "claims"):  # issue 15: the same quantity across reports
        frame = module.claims(frame, {rid: report.text for rid, report in case.reports.items()})
    first = ["report", "start", "end", "quote"]
    return frame[first + [c for c in frame.columns if c not in first]]


def find_origin(links: pd.DataFrame, reports=None) -> str | None:
    """The source the reports' chains go back to, for a case whose case.yml does not name
    it (``original: outlet:``, which :attr:`helpers.case.Case.origin` reads first).

    Following citing -> cited links (a rebuttal is not a way back), it is the source
    that most reports reach; of those, the nearest (where their chains meet, not the
    origin's own sources further on); then the first named in the answer key. ``reports``
    defaults to the reports the links are quoted from. None when there are no links.
    """
    if links is None or links.empty:
        return None
    usable = links[links["relation"] != "rebuts"]
    reports = list(dict.fromkeys(reports if reports is not None else links["report"]))
    cited_by: dict[str, list[str]] = {}
    order: dict[str, int] = {}
    for citing, cited in zip(usable["citing"], usable["cited"]):
        cited_by.setdefault(citing, []).append(cited)
        order.setdefault(cited, len(order))
    reached: dict[str, list[int]] = {}  # source -> distance from each report that reaches it
    for report in reports:
        seen, frontier, steps = {report}, [report], 0
        while frontier:
            steps += 1
            nxt = []
            for node in frontier:
                for cited in cited_by.get(node, ()):
                    if cited not in seen:
                        seen.add(cited)
                        nxt.append(cited)
                        reached.setdefault(cited, []).append(steps)
            frontier = nxt
    candidates = [node for node in reached if node not in set(reports)]
    if not candidates:
        return None
    return min(candidates, key=lambda n: (-len(reached[n]), sum(reached[n]) / len(reached[n]), order.get(n, 0)))


#: At most this many ways back are given for one report: two rows that show the same
#: step, or outlets that all cite each other, must not make thousands of ways.
MAX_WAYS = 12


def paths_to_origin(links: pd.DataFrame, start: str, origin: str | None = None,
                    limit: int = MAX_WAYS) -> list[list[dict]]:
    """Every shortest chain of links from ``start`` back to ``origin`` (at most ``limit``).

    A chain follows citing -> cited links (cites, quotes, relays, captures); a
    rebuttal is not a way back to the origin. Each chain is a list of link rows; several
    rows for one step (the same outlet quoted twice) count as one step, shown by the
    first. ``origin`` is the case's original outlet (``case.origin``); without it, the
    source the chains meet at (:func:`find_origin`). Time is linear in the links.
    """
    if origin is None:
        origin = find_origin(links)
        if origin is None:
            return []
    if links.empty or start == origin:
        return []
    steps: dict[str, dict[str, dict]] = {}   # citing -> cited -> the first row of that step
    for row in links[links["relation"] != "rebuts"].to_dict("records"):
        steps.setdefault(row["citing"], {}).setdefault(row["cited"], row)
    # breadth first, keeping every shortest way into each outlet reached
    before: dict[str, list[tuple[str, dict]]] = {}
    level, seen = [start], {start}
    while level and origin not in before:
        reached: dict[str, list[tuple[str, dict]]] = {}
        for here in level:
            for cited, row in steps.get(here, {}).items():
                if cited not in seen:
                    reached.setdefault(cited, []).append((here, row))
        before.update(reached)
        seen |= set(reached)
        level = list(reached)
    if origin not in before:
        return []
    ways: list[list[dict]] = []
    stack = [(origin, [])]   # walked back from the origin, without recursion (long chains)
    while stack and len(ways) < limit:
        node, tail = stack.pop()
        if node == start:
            ways.append(tail)
            continue
        for previous, row in reversed(before[node]):
            stack.append((previous, [row] + tail))
    return ways
