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
re-renders (see ``python -m helpers.bench.reader``). A lens module that is missing or
fails is reported in ``problems`` with a message for the student, never a crash.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from ..case import report_labels  # noqa: F401  (widgets import it from here)
from ..lenses import registry
from ..spans import CHECK_THIS, is_check_this, span_id
from ..wording import plain, value as _value

SOURCES = ("expert", "auto", "both")
SOURCE_LABELS = {"expert": "Answer key", "auto": "Automatic lenses", "both": "Both (compare)"}


def __getattr__(name: str):
    # A thin read of the lens registry (``helpers.widgets.LENS_VIEWS``), read each time so
    # a lens registered later is seen.
    if name == "LENS_VIEWS":   # the views a student can switch on and off, in order
        return tuple(registry.views())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _pairwise(view: str) -> bool:
    return bool(registry.lens_of_view(view).pair_detector)
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
    label: str           # the registry's words for it ("anonymous source: a source close to ...")
    group: tuple = ()    # counterpart key, never shown, e.g. ("claim", "rostec_staff_now")
    origin: str = "expert"   # expert | auto
    status: str = ""     # "" or agree | missed | extra (only when source is "both")
    n: int = 0           # position among the report's findings of this view
    confidence: str = "sure"  # "sure" or "check this" (automatic lenses only; the key is sure)
    short: str = ""      # the label for the findings list, its useful part first ("" = label)

    @property
    def list_label(self) -> str:
        return self.short or self.label

    @property
    def id(self) -> str:
        return span_id(self.report, self.view, self.n, self.status or self.origin)


def _confidence(record) -> str:
    """A lens row's confidence: "check this" when it says so; a lens with no such
    column is taken as sure."""
    return CHECK_THIS if is_check_this(_value(record, "confidence", "sure")) else "sure"


def short_report_labels(case) -> dict[str, str]:
    """Report names short enough for the findings list, never cut mid-bracket:
    "The Moscow Times (web)"."""
    return {rid: label.replace(" capture)", ")") for rid, label in report_labels(case).items()}


def _list_label(words, record: dict) -> str:
    """The findings list's words, the useful part first: 'label · own voice · try "government"'
    (advice such as "(leave out)" is shown as advice, not as words to try)."""
    voice, neutral = str(_value(record, "voice")).strip(), str(_value(record, "neutral")).strip()
    if not (voice or neutral):
        return ""
    parts = [words.kind]
    if voice:
        parts.append(registry.LOADED_VOICES.get(voice) or plain(voice))
    if neutral:
        parts.append(registry.neutral_shown(neutral, "try"))
    return " \u00b7 ".join(parts)




class FindingsIndex:
    """Every finding of a case, by source, view and report; read once, then cached."""

    def __init__(self, case):
        self.case = case
        self.problems: dict[tuple[str, str], str] = {}   # (source, view) -> message
        self._single: dict[tuple[str, str], dict[str, list[Finding]]] = {}
        self._pairs: dict[tuple[str, str, str], tuple[list[Finding], list[Finding]]] = {}
        self._both: dict[tuple[str, str], list[Finding]] = {}

    # -- public ------------------------------------------------------------------

    def findings(self, report: str, view: str, source: str, other: str | None = None) -> list[Finding]:
        """Findings of one view in one report. ``other`` is the report it is compared
        with (only the shared-passages view needs it)."""
        if _pairwise(view):
            return self._shared(report, other, view)
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
        if _pairwise(view):
            sources = ("auto",)
        messages = [self.problems[(s, view)] for s in sources if (s, view) in self.problems]
        return " ".join(dict.fromkeys(messages))

    def warm(self, sources=("expert", "auto")) -> None:
        """Read every answer key and run every single-report lens now."""
        for source in sources:
            for view in registry.views():
                if not _pairwise(view):
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
        lens = registry.lens_of_view(view)
        if lens.key is None:
            raise LookupError("no answer key")
        frame = self.case.annotations(lens.name)
        if frame.empty:
            path = self.case.annotations_dir / lens.key.file
            if not path.is_file():
                self.problems[("expert", view)] = (
                    f"The answer key for {registry.views()[view].label.lower()} is not written yet; "
                    "try the automatic lenses.")
        return frame

    def _auto_frame(self, view: str) -> pd.DataFrame:
        detect = registry.lens_of_view(view).detect_function()
        frames = []
        for report in self.case.reports.values():
            found = detect(report.text)
            found = found.copy()
            found.insert(0, "report", report.id)
            frames.append(found.rename(columns={"text": "quote"}))
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def _explain(self, source: str, view: str, err: Exception) -> str:
        label = registry.views()[view].label.lower()
        if source == "expert":
            if isinstance(err, LookupError):
                return f"There is no answer key for {label}."
            return f"The answer key for {label} could not be read: {err}"
        return f"The automatic lens for {label} stopped with an error ({type(err).__name__}: {err}), so nothing is shown for it."

    def _to_findings(self, frame: pd.DataFrame, view: str, source: str) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        if frame is None or frame.empty:
            return out
        texts = {rid: r.text for rid, r in self.case.reports.items()}
        lens = registry.lens_of_view(view)
        for record in frame.to_dict("records"):
            rid = record.get("report")
            if rid not in texts:
                continue
            if len(lens.views) > 1 and lens.view_for(record) != view:
                continue
            start, end = int(record["start"]), int(record["end"])
            quote = _value(record, "quote") or texts[rid][start:end]
            words = lens.words(record, quote)
            items = out.setdefault(rid, [])
            items.append(Finding(rid, start, end, view, quote, words.label, words.group, source, "", 0,
                                 _confidence(record) if source == "auto" else "sure", _list_label(words, record)))
        for rid, items in out.items():
            items.sort(key=lambda f: (f.start, -f.end))
            out[rid] = [replace(f, n=i) for i, f in enumerate(items)]
        if source == "auto" and lens.key is not None and "claim" in lens.key.required:
            out = self._claims_from_key(out, view)   # a lens whose answer key names the claim
        return out

    def _claims_from_key(self, found: dict[str, list[Finding]], view: str) -> dict[str, list[Finding]]:
        """Give an automatic finding (a number) the claim of the answer-key finding it
        overlaps, so its counterpart in another report can be found (its words stay the lens's own)."""
        key = self._by_report("expert", view)
        for rid, items in found.items():
            expert = key.get(rid, [])
            updated = []
            for f in items:
                match = next((e for e in expert if e.start < f.end and f.start < e.end and e.group), None)
                if match is not None and (f.group[:1] != ("claim",) or not f.group[1]):
                    f = replace(f, group=match.group)
                updated.append(f)
            found[rid] = updated
        return found

    # -- answer key and lens side by side ------------------------------------------------

    @staticmethod
    def _compare(expert: list[Finding], auto: list[Finding]) -> list[Finding]:
        """Key findings are "agree" or "missed"; a lens finding is "extra" only when it
        overlaps no key finding of the same view (one that does is the same mark, seen twice:
        it is merged into the key's, never listed again as "lens only"). A lens mark of the
        other view of the same lens stays: "the Kremlin claimed" read as a named speaker where
        the key has an unnamed source is a disagreement the 03 guide teaches, not a duplicate."""
        out, used = [], set()
        for e in expert:
            match = next((i for i, a in enumerate(auto) if i not in used and a.start < e.end and e.start < a.end), None)
            if match is None:
                out.append(replace(e, status="missed"))
            else:
                used.add(match)
                out.append(replace(e, status="agree"))
        out += [replace(a, status="extra") for i, a in enumerate(auto) if i not in used
                and not any(e.start < a.end and a.start < e.end for e in expert)]
        out.sort(key=lambda f: (f.start, -f.end))
        return [replace(f, n=i) for i, f in enumerate(out)]

    # -- shared passages (a pair of reports) ----------------------------------------------

    def _shared(self, report: str, other: str | None, view: str) -> list[Finding]:
        others = [other] if other else [r for r in self.case.reports if r != report]
        out = []
        for rid in others:
            if rid is None or rid == report:
                continue
            mine, _ = self._pair(report, rid, view)
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

    def _pair(self, a: str, b: str, view: str) -> tuple[list[Finding], list[Finding]]:
        key = (a, b, view)   # each lens that compares two reports has its own findings
        if key in self._pairs:
            return self._pairs[key]
        if (b, a, view) in self._pairs:
            right, left = self._pairs[(b, a, view)]
            return left, right
        left, right = [], []
        try:
            detect_pair = registry.lens_of_view(view).pair_function()
            text_a, text_b = self.case.reports[a].text, self.case.reports[b].text
            frame = detect_pair(text_a, text_b)
            names = report_labels(self.case)
            outlet_a, outlet_b = names[a], names[b]
            pair_id = "~".join(sorted((a, b)))
            for i, row in enumerate(frame.to_dict("records")):
                group = ("passage", pair_id, i)
                a0, a1, b0, b1 = (int(row[c]) for c in ("a_start", "a_end", "b_start", "b_end"))
                left.append(Finding(a, a0, a1, view, text_a[a0:a1], f"shared with {outlet_b}", group, "auto", "", i))
                right.append(Finding(b, b0, b1, view, text_b[b0:b1], f"shared with {outlet_a}", group, "auto", "", i))
        except Exception as err:
            self.problems[("auto", view)] = self._explain("auto", view, err)
            return [], []
        self.problems.pop(("auto", view), None)
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
    keyed = [v.key for lens in registry.with_key() if lens.detector for v in lens.views]
    if view not in keyed:
        choices = ", ".join(keyed)
        raise ValueError(f"compare_findings compares an answer key with a lens: view is one of {choices}, not {view!r}")
    index = index if index is not None else FindingsIndex(case)
    rows = [{"report": f.report, "quote": f.quote, "status": f.status, "label": f.label, "start": f.start, "end": f.end}
            for rid in case.reports for f in index.findings(rid, view, "both")]
    table = pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
    table.attrs["problems"] = index.problem(view, "both")
    return table
