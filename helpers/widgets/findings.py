"""What the reader highlights: findings of every lens, from the answer key or the lenses.

A *finding* is one highlight in one report (an anonymous source, a number, a loaded
word, a piece of page chrome, a passage shared with another report) with a ``group``
that links it to its counterpart in another report: the same claim id for numbers, the
same source for attributions, the same word for loaded language, the same kind for
page chrome, the same passage for shared passages.

Findings come from one of two *sources*: ``"expert"`` (the answer key in
``annotations/*.csv``) or ``"auto"`` (the automatic lens in ``helpers/lenses/``).
``"both"`` matches them up: a finding both agree on is ``agree``, one only the key has
is ``missed`` (the lens missed it), one only the lens has is ``extra``.

Everything is read once per case and cached, so switching a lens on or off only
re-renders (see ``python -m helpers.widgets.bench``). A lens module that is missing or
fails is reported in ``problems`` with a message for the student, never a crash.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, replace

import pandas as pd

from ..lenses import STYLES
from ..spans import attribution_view

#: The views a student can switch on and off, in the order of the controls.
LENS_VIEWS = tuple(STYLES)  # anonymous, named, numbers, loaded_language, page_chrome, shared_passages
SOURCES = ("expert", "auto", "both")
SOURCE_LABELS = {"expert": "Answer key", "auto": "Automatic lenses", "both": "Both (compare)"}

#: Which answer-key file and which lens module each view reads.
KEY_FILE = {"anonymous": "attributions", "named": "attributions", "numbers": "numbers",
            "loaded_language": "loaded_language", "page_chrome": "page_chrome"}
LENS_MODULE = {"anonymous": "attribution", "named": "attribution", "numbers": "numbers",
               "loaded_language": "loaded_language", "page_chrome": "page_chrome",
               "shared_passages": "shared_passages"}
#: How a finding's status reads on the page (the text is shown, not only a colour).
STATUS_TEXT = {"agree": "key and lens agree", "missed": "only in the answer key: the lens missed it",
               "extra": "only the lens found it: not in the answer key"}
STATUS_SHORT = {"agree": "both", "missed": "key only", "extra": "lens only"}


@dataclass(frozen=True)
class Finding:
    """One highlight in one report, with what links it to other reports."""

    report: str
    start: int
    end: int
    view: str            # a key of LENS_VIEWS
    quote: str
    label: str           # what it is, in a few words ("anonymous: source close to ...")
    group: tuple = ()    # counterpart key, e.g. ("claim", "rostec_staff_now")
    origin: str = "expert"   # expert | auto
    status: str = ""     # "" or agree | missed | extra (only when source is "both")
    n: int = 0           # position among the report's findings of this view
    confidence: str = "sure"  # "sure" or "check this" (automatic lenses only; the key is sure)

    @property
    def id(self) -> str:
        return f"{self.report}|{self.view}|{self.status or self.origin}|{self.n}"


def _norm(text) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split()).casefold()


def _value(record, name, default=""):
    value = record.get(name, default)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return default
    return value


def _range(low, high, is_date=False) -> str:
    try:
        low, high = float(low), float(high)
    except (TypeError, ValueError):
        return ""
    if is_date and low == int(low) and high == int(high):
        return f"{int(low)}" if low == high else f"{int(low)}-{int(high)}"
    fmt = lambda x: f"{x:,.0f}" if x >= 100 or x == int(x) else f"{x:g}"  # noqa: E731
    return fmt(low) if low == high else f"{fmt(low)}-{fmt(high)}"


def _confidence(record) -> str:
    """A lens row's confidence: "check this" when it says so; a lens with no such
    column is taken as sure."""
    value = str(_value(record, "confidence", "sure")).strip().casefold()
    return "check this" if value == "check this" else "sure"


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


class FindingsIndex:
    """Every finding of a case, by source, view and report; read once, then cached."""

    def __init__(self, case):
        self.case = case
        self.problems: dict[tuple[str, str], str] = {}   # (source, view) -> message
        self._single: dict[tuple[str, str], dict[str, list[Finding]]] = {}
        self._pairs: dict[tuple[str, str], tuple[list[Finding], list[Finding]]] = {}
        self._both: dict[tuple[str, str], list[Finding]] = {}
        self._modules: dict[str, object] = {}

    # -- public ------------------------------------------------------------------

    def findings(self, report: str, view: str, source: str, other: str | None = None) -> list[Finding]:
        """Findings of one view in one report. ``other`` is the report it is compared
        with (only the shared-passages view needs it)."""
        if view == "shared_passages":
            return self._shared(report, other)
        if source == "both":
            key = (report, view)
            if key not in self._both:
                self._both[key] = self._compare(self._by_report("expert", view).get(report, []),
                                                self._by_report("auto", view).get(report, []))
            return self._both[key]
        return self._by_report(source, view).get(report, [])

    def problem(self, view: str, source: str) -> str:
        """A message for the student when a view cannot be shown from this source."""
        sources = ("expert", "auto") if source == "both" else (source,)
        if view == "shared_passages":
            sources = ("auto",)
        messages = [self.problems[(s, view)] for s in sources if (s, view) in self.problems]
        return " ".join(dict.fromkeys(messages))

    def warm(self, sources=("expert", "auto")) -> None:
        """Read every answer key and run every single-report lens now."""
        for source in sources:
            for view in LENS_VIEWS:
                if view != "shared_passages":
                    self._by_report(source, view)

    # -- loading -------------------------------------------------------------------

    def _by_report(self, source: str, view: str) -> dict[str, list[Finding]]:
        key = (source, view)
        if key not in self._single:
            try:
                frame = self._expert_frame(view) if source == "expert" else self._auto_frame(view)
                self._single[key] = self._to_findings(frame, view, source)
            except Exception as err:  # a broken key or lens must not break the reader
                self.problems[key] = self._explain(source, view, err)
                self._single[key] = {}
        return self._single[key]

    def _expert_frame(self, view: str) -> pd.DataFrame:
        if view not in KEY_FILE:
            raise LookupError("no answer key")
        frame = self.case.annotations(KEY_FILE[view])
        if frame.empty:
            path = self.case.annotations_dir / f"{KEY_FILE[view]}.csv"
            if not path.is_file():
                self.problems[("expert", view)] = (
                    f"The answer key for {STYLES[view].label.lower()} is not written yet "
                    f"({path.name}); try the automatic lenses.")
        return frame

    def _module(self, name: str):
        if name not in self._modules:
            self._modules[name] = importlib.import_module(f"helpers.lenses.{name}")
        return self._modules[name]

    def _auto_frame(self, view: str) -> pd.DataFrame:
        module = self._module(LENS_MODULE[view])
        frames = []
        for report in self.case.reports.values():
            found = module.detect(report.text)
            found = found.copy()
            found.insert(0, "report", report.id)
            frames.append(found.rename(columns={"text": "quote"}))
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def _explain(self, source: str, view: str, err: Exception) -> str:
        label = STYLES[view].label.lower()
        if source == "expert":
            if isinstance(err, LookupError):
                return f"There is no answer key for {label}."
            return f"The answer key for {label} could not be read: {err}"
        module = LENS_MODULE[view]
        if isinstance(err, ModuleNotFoundError) and err.name in (f"helpers.lenses.{module}", module):
            return (f"The automatic lens for {label} is not available yet "
                    f"(helpers/lenses/{module}.py is missing), so nothing is shown for it.")
        return f"The automatic lens for {label} stopped with an error ({type(err).__name__}: {err}), so nothing is shown for it."

    def _to_findings(self, frame: pd.DataFrame, view: str, source: str) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        if frame is None or frame.empty:
            return out
        texts = {rid: r.text for rid, r in self.case.reports.items()}
        for record in frame.to_dict("records"):
            rid = record.get("report")
            if rid not in texts:
                continue
            if view in ("anonymous", "named") and attribution_view(_value(record, "kind"), record) != view:
                continue
            start, end = int(record["start"]), int(record["end"])
            quote = _value(record, "quote") or texts[rid][start:end]
            label, group = self._describe(view, record, quote)
            items = out.setdefault(rid, [])
            items.append(Finding(rid, start, end, view, quote, label, group, source, "", 0,
                                 _confidence(record) if source == "auto" else "sure"))
        for rid, items in out.items():
            items.sort(key=lambda f: (f.start, -f.end))
            out[rid] = [replace(f, n=i) for i, f in enumerate(items)]
        if source == "auto" and view == "numbers":
            out = self._claims_from_key(out)
        return out

    def _describe(self, view: str, record: dict, quote: str) -> tuple[str, tuple]:
        if view in ("anonymous", "named"):
            who = _value(record, "source") or quote
            kind = str(_value(record, "kind")).replace("_", " ")
            extra = _value(record, "proximity")
            label = f"{kind}: {who}" + (f", {extra}" if extra else "")
            via = _value(record, "via")
            if via:
                label += f" (via {via})"
            return label, ("source", _norm(who))
        if view == "numbers":
            claim = _value(record, "claim")
            is_date = _value(record, "is_date", False) in (True, "true", "True", 1)
            span = _range(_value(record, "low", None), _value(record, "high", None), is_date)
            if is_date:
                span = f"date {span}"
            hedge = _value(record, "hedge")
            counted = _value(record, "counted")
            bits = [b for b in (span and f"{span}", hedge and f"hedge: {hedge}", counted) if b]
            label = (f"{claim}: " if claim else "") + ", ".join(bits)
            group = ("claim", claim) if claim else ("value", span)
            return label or quote, group
        if view == "loaded_language":
            category = str(_value(record, "category")).replace("_", " ")
            voice = _value(record, "voice")
            neutral = _value(record, "neutral")
            label = ", ".join(b for b in (category, voice and f"{voice} voice") if b)
            if neutral:
                label += f"; neutral: \u201c{neutral}\u201d"
            return label, ("term", _norm(quote))
        if view == "page_chrome":
            kind = str(_value(record, "kind")).replace("_", " ")
            return kind or "page chrome", ("chrome", _norm(kind))
        return "", ()

    def _claims_from_key(self, found: dict[str, list[Finding]]) -> dict[str, list[Finding]]:
        """Give an automatic number the claim id of the answer-key number it overlaps,
        so its counterpart in another report can be found."""
        key = self._by_report("expert", "numbers")
        for rid, items in found.items():
            expert = key.get(rid, [])
            updated = []
            for f in items:
                match = next((e for e in expert if e.start < f.end and f.start < e.end and e.group), None)
                if match is not None and (f.group[:1] != ("claim",) or not f.group[1]):
                    f = replace(f, group=match.group, label=f"{match.group[1]}: {f.label}")
                updated.append(f)
            found[rid] = updated
        return found

    # -- answer key and lens side by side ------------------------------------------------

    @staticmethod
    def _compare(expert: list[Finding], auto: list[Finding]) -> list[Finding]:
        out, used = [], set()
        for e in expert:
            match = next((i for i, a in enumerate(auto) if i not in used and a.start < e.end and e.start < a.end), None)
            if match is None:
                out.append(replace(e, status="missed"))
            else:
                used.add(match)
                out.append(replace(e, status="agree"))
        out += [replace(a, status="extra") for i, a in enumerate(auto) if i not in used]
        out.sort(key=lambda f: (f.start, -f.end))
        return [replace(f, n=i) for i, f in enumerate(out)]

    # -- shared passages (a pair of reports) ----------------------------------------------

    def _shared(self, report: str, other: str | None) -> list[Finding]:
        others = [other] if other else [r for r in self.case.reports if r != report]
        out = []
        for rid in others:
            if rid is None or rid == report:
                continue
            mine, _ = self._pair(report, rid)
            out += mine
        if not other:  # compact view: one highlight per passage, naming every report
            merged: dict[tuple[int, int], Finding] = {}
            for f in out:
                if (f.start, f.end) in merged:
                    old = merged[(f.start, f.end)]
                    merged[(f.start, f.end)] = replace(old, label=old.label + ", " + f.label.split("with ", 1)[-1])
                else:
                    merged[(f.start, f.end)] = f
            out = sorted(merged.values(), key=lambda f: (f.start, -f.end))
            out = [replace(f, n=i) for i, f in enumerate(out)]
        return out

    def _pair(self, a: str, b: str) -> tuple[list[Finding], list[Finding]]:
        key = (a, b)
        if key in self._pairs:
            return self._pairs[key]
        if (b, a) in self._pairs:
            right, left = self._pairs[(b, a)]
            return left, right
        left, right = [], []
        try:
            module = self._module("shared_passages")
            text_a, text_b = self.case.reports[a].text, self.case.reports[b].text
            frame = module.detect_pair(text_a, text_b)
            names = report_labels(self.case)
            outlet_a, outlet_b = names[a], names[b]
            pair_id = "~".join(sorted((a, b)))
            for i, row in enumerate(frame.to_dict("records")):
                group = ("passage", pair_id, i)
                a0, a1, b0, b1 = (int(row[c]) for c in ("a_start", "a_end", "b_start", "b_end"))
                left.append(Finding(a, a0, a1, "shared_passages", text_a[a0:a1], f"shared with {outlet_b}", group, "auto", "", i))
                right.append(Finding(b, b0, b1, "shared_passages", text_b[b0:b1], f"shared with {outlet_a}", group, "auto", "", i))
        except Exception as err:
            self.problems[("auto", "shared_passages")] = self._explain("auto", "shared_passages", err)
            return [], []
        self.problems.pop(("auto", "shared_passages"), None)
        left.sort(key=lambda f: (f.start, -f.end))
        right.sort(key=lambda f: (f.start, -f.end))
        self._pairs[key] = (left, right)
        return left, right


def context(text: str, start: int, end: int, width: int = 70) -> tuple[str, str, str]:
    """The words around a finding: (before, quote, after), cut at word boundaries."""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    if start - width > 0:
        before = "\u2026" + re.sub(r"^\S*\s", "", before)
    if end + width < len(text):
        after = re.sub(r"\s\S*$", "", after) + "\u2026"
    flat = lambda s: " ".join(s.split()) if s.strip() else ""  # noqa: E731
    return (flat(before) + (" " if before[-1:].isspace() else ""), text[start:end],
            (" " if after[:1].isspace() else "") + flat(after))


#: The columns of :func:`compare_findings`, in order.
COMPARE_COLUMNS = ("report", "quote", "status", "label", "start", "end")


def compare_findings(case, view: str = "loaded_language", index: FindingsIndex | None = None) -> pd.DataFrame:
    """The answer key and the automatic lens side by side, as a table: one row per finding.

    ``status`` is ``agree`` (both marked it), ``missed`` (only the answer key: the lens
    missed it) or ``extra`` (only the lens: not in the key), by the same matching as the
    reader's ``source="both"`` (a key finding agrees with the first unused lens finding
    that overlaps it). ``label`` is what the finding is, as the reader labels it (the key's
    words for ``agree`` and ``missed``, the lens's for ``extra``). Reports in case order,
    findings in text order. A key or lens that cannot be read gives no rows for it, and its
    message is in ``table.attrs["problems"]``.

    >>> table = compare_findings(case, view="loaded_language")
    >>> table.status.value_counts()
    """
    if view not in KEY_FILE:
        choices = ", ".join(v for v in LENS_VIEWS if v in KEY_FILE)
        raise ValueError(f"compare_findings compares an answer key with a lens: view is one of {choices}, not {view!r}")
    index = index if index is not None else FindingsIndex(case)
    rows = [{"report": f.report, "quote": f.quote, "status": f.status, "label": f.label, "start": f.start, "end": f.end}
            for rid in case.reports for f in index.findings(rid, view, "both")]
    table = pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
    table.attrs["problems"] = index.problem(view, "both")
    return table
