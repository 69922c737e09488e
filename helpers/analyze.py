"""Every lens over every report of a case, as one static HTML page a teacher can share.

``python -m helpers analyze CASE --out page.html`` and notebook 06 use the same three
functions::

    from helpers.analyze import analyze_case, analyze_texts, render_report, write_report

    analysis = analyze_case("rostec-venezuela-2019")           # or a folder path
    analysis = analyze_texts({"The Guardian": "...", "BBC News": "..."})  # pasted texts
    html = render_report(analysis)                  # a whole page (str)
    write_report(analysis, "page.html")             # written atomically

Where the highlights come from, lens by lens: the case's answer key when it has one for
that lens (``source="best"``, the default), otherwise the automatic lens, so a teacher's
new case with no answer key still gets every section. The page says which it used.

The page is self-contained: no scripts, no style sheets or fonts from elsewhere, charts
embedded as PNG data. Report text is escaped everywhere (a report that contains
``<script>`` shows those characters), and links from ``case.yml`` are kept only when
they are http(s). Hidden direction and zero-width characters show as markers
(``⟨U+202E⟩``). Nothing is written until the whole page is ready, and then through a
temporary file renamed into place, so a failure never leaves half a page behind. An
existing file is replaced only if ``analyze`` wrote it (or with ``--force``), never a
link or a device, and nothing is written inside the case's ``reports/`` or
``annotations/`` or over its ``case.yml``.
"""
from __future__ import annotations

import dataclasses
import html
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import lenses
from .annotations import SCHEMAS, check_annotations, paths_to_origin
from .case import MAX_REPORT_BYTES, Case, Report, load_case, user_dir
from .invisible import show_invisible
from .outfile import out_problem, write_atomically, written_by
from .problems import CaseError, Problem, display_path
from .spans import Span, attribution_view, legend_html, render_html

#: The lenses on the page, by answer-key name, with the automatic lens that stands in.
LENSES = {
    "attributions": "attribution",
    "numbers": "numbers",
    "loaded_language": "loaded_language",
    "page_chrome": "page_chrome",
}
SOURCES = ("best", "expert", "auto")
#: Charts show one bar (or row) per report; a bigger case is charted for this many
#: reports (those with the most findings) and the tables give the rest. Beyond a few
#: dozen bars a chart is unreadable, and drawing 200 takes longer than all the lenses.
CHART_REPORTS = 15
#: A case with at least this much text runs its lenses, and draws its charts, in
#: parallel processes. Only on Linux, from a process with no other threads (the command
#: line, not a notebook's kernel): there fork() shares everything already loaded.
#: Below this, starting processes costs more than it saves.
PARALLEL_CHARS = 300_000
#: Reports open on the page when there are this many or fewer (more are folded up).
OPEN_REPORTS = 12
#: Rows shown in the long tables of a big case (the page says how many were left out).
TABLE_ROWS = 200


@dataclass
class Analysis:
    """What ``analyze_case`` and ``analyze_texts`` find: the data behind the page."""

    case: Case
    title: str
    source: str
    origin: dict[str, str]
    findings: dict[str, pd.DataFrame]
    shared: pd.DataFrame
    chain: pd.DataFrame
    chain_origin: str
    numbers_table: pd.DataFrame
    loaded_counts: pd.DataFrame
    attribution_mix: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    charts: bool = True
    _spans: dict | None = field(default=None, repr=False, compare=False)

    def spans(self, report_id: str) -> list[Span]:
        """Every highlight of one report, all lenses, ready for ``render_html``."""
        if self._spans is None:
            self._spans = self._all_spans()
        return list(self._spans.get(report_id, []))

    def _all_spans(self) -> dict[str, list[Span]]:
        # One pass over each lens's rows (not one filter per report): a 200-report case
        # has tens of thousands of highlights.
        spans: dict[str, list[Span]] = {}
        counters: dict[tuple, int] = {}

        def add(report_id, start, end, view, label):
            n = counters.get((report_id, view), 0)
            counters[(report_id, view)] = n + 1
            spans.setdefault(report_id, []).append(Span(int(start), int(end), view, label, f"{report_id}-{view}-{n}"))

        for lens, frame in self.findings.items():
            if frame.empty:
                continue
            kinds = frame["kind"] if "kind" in frame.columns else [""] * len(frame)
            for report_id, start, end, label, kind in zip(frame["report"], frame["start"], frame["end"], frame["label"], kinds):
                view = attribution_view(str(kind)) if lens == "attributions" else lens
                add(report_id, start, end, view, label)
        if not self.shared.empty:
            outlets = {rid: r.outlet for rid, r in self.case.reports.items()}
            columns = [self.shared[c] for c in ("report_a", "start_a", "end_a", "report_b", "start_b", "end_b")]
            for a, start_a, end_a, b, start_b, end_b in zip(*columns):
                add(a, start_a, end_a, "shared_passages", f"also in {outlets.get(b, b)} ({b})")
                add(b, start_b, end_b, "shared_passages", f"also in {outlets.get(a, a)} ({a})")
        return spans

    def report_html(self, report_id: str) -> str:
        """One report with every highlight, through the kit's one renderer."""
        report = self.case.reports[report_id]
        return render_html(report.text, self.spans(report_id), legend=False)


# --- analysing ------------------------------------------------------------------------

def analyze_case(case, source: str = "best", charts: bool = True) -> Analysis:
    """Run every lens over a case (a ``Case``, a case name or a folder path).

    ``source``: ``"best"`` uses the answer key for each lens the case has one for and
    the automatic lens for the others; ``"expert"`` only the answer key; ``"auto"`` only
    the automatic lenses (the answer key is not even read). Raises
    :class:`~helpers.CaseError` for a broken case or answer key.
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")
    if not isinstance(case, Case):
        case = load_case(case)
    warnings: list[str] = []
    keys: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    if source in ("best", "expert"):
        for lens in (*LENSES, "source_chain"):
            key, key_problems = check_annotations(case, lens)
            problems += key_problems
            if len(key) or source == "expert":
                keys[lens] = key
    if problems:
        raise CaseError(problems)
    # The automatic lenses that are needed, and the shared passages: in parallel for a big case.
    work = {detector: (lambda d=detector: case.detections(d)) for lens, detector in LENSES.items() if lens not in keys}
    work["shared_passages"] = lambda: _shared_passages(case)
    done = _in_parallel(work, _is_big(case))
    findings: dict[str, pd.DataFrame] = {}
    origin: dict[str, str] = {}
    for lens, detector in LENSES.items():
        if lens in keys:
            frame, origin[lens] = keys[lens], "expert"
        else:
            ok, result = done[detector]
            if ok:
                case.use_detections(detector, result)
                frame = result
            else:
                warnings.append(f"the automatic {detector.replace('_', ' ')} lens could not run ({result}); its section is empty")
                frame = pd.DataFrame(columns=["report", "start", "end", "quote"])
            origin[lens] = "auto"
        findings[lens] = _with_labels(lens, frame)
    if "source_chain" in keys:
        chain, chain_origin = keys["source_chain"], "expert"
    else:
        chain, chain_origin = _chain_from_attributions(findings["attributions"], case), "auto"
    origin["source_chain"] = chain_origin
    ok, shared = done["shared_passages"]
    if not ok:
        warnings.append(f"the shared-passages lens could not run ({shared}); its section is empty")
        shared = pd.DataFrame(columns=SHARED_COLUMNS)
    origin["shared_passages"] = "auto"
    return Analysis(
        case=case, title=case.title, source=source, origin=origin, findings=findings,
        shared=shared, chain=chain, chain_origin=chain_origin,
        numbers_table=_numbers_table(findings["numbers"], case),
        loaded_counts=_loaded_counts(findings["loaded_language"], case),
        attribution_mix=_attribution_mix(findings["attributions"], case),
        warnings=warnings, charts=charts,
    )


class _PastedCase(Case):
    """A case that lives only in memory: texts a student pasted, with no answer key."""

    @property
    def annotations_dir(self) -> Path:
        # A path that can never hold a file, so every answer key reads as absent.
        return Path(os.devnull) / "no-answer-key"


def analyze_texts(texts: dict[str, str], title: str = "Your story", charts: bool = True) -> Analysis:
    """Run the automatic lenses over texts pasted by a student; nothing is written.

    ``texts`` maps a name (the outlet, or any label) to the article's text. Raises
    :class:`~helpers.CaseError` with a plain message for an empty or oversized text.
    """
    if isinstance(texts, str):
        texts = {"Your article": texts}
    problems: list[Problem] = []
    reports: dict[str, Report] = {}
    if not texts:
        problems.append(Problem(Path("pasted texts"), None, "there is no text to read; paste at least one article"))
    for name, text in (texts or {}).items():
        name = str(name).strip() or f"Article {len(reports) + 1}"
        where = Path(f"pasted text {name!r}".replace("/", "\u2215"))
        if not isinstance(text, str):
            problems.append(Problem(where, None, f"is a {type(text).__name__}, not text; paste the article's words"))
            continue
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_REPORT_BYTES:
            problems.append(Problem(where, None, f"is {size / 1e6:.1f} MB; the kit reads news articles up to {MAX_REPORT_BYTES / 1e6:.0f} MB. Paste one article at a time"))
            continue
        if not text.strip():
            problems.append(Problem(where, None, "is empty; paste the article's text into the box"))
            continue
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            problems.append(Problem(where, line, "contains a NUL character (an invisible zero byte), which is not text; "
                                                 "copy the article's words again"))
            continue
        rid = unique_id(slug(name), reports)
        reports[rid] = Report(id=rid, outlet=name, author=None, date=None, url=None, text=text)
    if problems:
        raise CaseError(problems)
    case = _PastedCase(Path("pasted-story"), {"title": title}, reports)
    return analyze_case(case, source="auto", charts=charts)


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


def _is_big(case: Case) -> bool:
    return sum(len(r.text) for r in case.reports.values()) >= PARALLEL_CHARS


#: What forked workers run, by name: set just before the fork, so nothing is pickled
#: on the way in (the case and its texts are already in the child's memory).
_FORKED_WORK: dict = {}


def _run(work) -> tuple[bool, object]:
    """(True, result), or (False, "Error: why") when the work raised: one broken lens
    must not take the whole page with it."""
    try:
        return True, work()
    except Exception as err:
        return False, f"{type(err).__name__}: {err}"


def _run_forked(name: str) -> tuple[bool, object]:
    return _run(_FORKED_WORK[name])


def _in_parallel(work: dict, big: bool) -> dict[str, tuple[bool, object]]:
    """Run each piece of ``work`` (name -> function); in forked processes when it pays.

    Returns name -> (ok, result or error text). The order of ``work`` is the order the
    pieces start in: put the longest first.
    """
    import threading

    workers = min(len(work), os.cpu_count() or 1)
    if big and workers > 1 and sys.platform.startswith("linux") and threading.active_count() == 1:
        import multiprocessing

        _FORKED_WORK.clear()
        _FORKED_WORK.update(work)
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                return dict(zip(work, pool.map(_run_forked, list(work), chunksize=1)))
        except OSError:
            pass  # no processes to be had (a tight container): do it here instead
        finally:
            _FORKED_WORK.clear()
    return {name: _run(function) for name, function in work.items()}


def _range(low, high, kind: str = "count") -> str:
    """A range as people write it ("$1.6 billion", "640 million", "5\u201350"), never "6.4e+08"."""
    from .lenses.numbers import say_range

    return say_range(low, high, kind)


def _kind_of_number(row) -> str:
    if _text(row, "is_date").lower() in ("true", "1", "yes"):
        return "date"
    return _text(row, "kind") or "count"


def _text(row, name) -> str:
    value = row.get(name, "")
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _label(lens: str, row: dict) -> str:
    if lens == "attributions":
        kind = _text(row, "kind").replace("_", " ")
        who = _text(row, "source")
        return f"{kind}: {who}" if kind and who else kind or who
    if lens == "numbers":
        parts = [_range(row.get("low"), row.get("high"), _kind_of_number(row)),
                 _text(row, "counted") or _text(row, "claim")]
        hedge = _text(row, "hedge")
        label = " ".join(p for p in parts if p)
        return f"{label} (hedge: {hedge})" if hedge else label
    if lens == "loaded_language":
        category = _text(row, "category").replace("_", " ")
        voice, neutral = _text(row, "voice"), _text(row, "neutral")
        label = f"{category} ({voice})" if voice else category
        return f"{label}; instead: {neutral}" if neutral else label
    return _text(row, "kind").replace("_", " ")


def _with_labels(lens: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["label"] = [_label(lens, row) for row in frame.to_dict("records")] if len(frame) else []
    return frame.reset_index(drop=True)


def _chain_from_attributions(attributions: pd.DataFrame, case: Case) -> pd.DataFrame:
    """A source chain read off the attribution lens: each report cites who it names.

    Only sources with a name (people, organisations, outlets, documents) make a link;
    "via" (the outlet that relays a source) becomes a link of its own.
    """
    rows = []
    seen = set()
    for row in attributions.to_dict("records"):
        source = _text(row, "source")
        via = _text(row, "via")
        kind = _text(row, "kind")
        if not source:
            continue
        citing = row["report"]
        if via and via.lower() != source.lower():
            links = [(citing, via, "cites"), (via, source, "cites")]
        else:
            links = [(citing, source, "cites")]
        for link in links:
            if kind in ("anonymous", "vague_collective") and link[1] == source:
                link = (link[0], f"{source} (not named)", link[2])
            if link not in seen:
                seen.add(link)
                rows.append({"citing": link[0], "cited": link[1], "relation": link[2],
                             "report": row["report"], "quote": row.get("quote", "")})
    return pd.DataFrame(rows, columns=["citing", "cited", "relation", "report", "quote"])


SHARED_COLUMNS = ["report_a", "start_a", "end_a", "report_b", "start_b", "end_b", "text", "score", "words"]


def _shared_passages(case: Case) -> pd.DataFrame:
    """Passages two reports share, one row per pair of places (report_a before report_b).

    Uses the lens's ``detect_many`` (one index for all reports), else ``detect_pair`` on
    every pair. Raises when the lens fails; the caller turns that into a warning.
    """
    if len(case.reports) < 2:
        return pd.DataFrame(columns=SHARED_COLUMNS)
    module = lenses.get("shared_passages")
    texts = {rid: r.text for rid, r in case.reports.items()}
    if hasattr(module, "detect_many"):
        found = module.detect_many(texts)
    else:
        ids = list(texts)
        parts = []
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pair = module.detect_pair(texts[a], texts[b]).copy()
                pair.insert(0, "report_a", a)
                pair.insert(1, "report_b", b)
                parts.append(pair)
        found = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=SHARED_COLUMNS)
    normal = _normalise_shared(found, list(case.reports))
    if normal is None:
        raise ValueError(f"it returned columns this page cannot read ({', '.join(map(str, found.columns))})")
    return normal.reset_index(drop=True)


def _normalise_shared(found, ids: list[str]):
    """Shape what the shared-passages lens returns into this page's columns."""
    if isinstance(found, list):
        found = pd.DataFrame(found)
    found = found.copy()
    renames = {}
    for side in ("a", "b"):
        for col in ("report", "start", "end", "id"):
            for name in (f"{col}_{side}", f"{side}_{col}"):
                if name in found.columns:
                    renames[name] = "report_" + side if col in ("report", "id") else f"{col}_{side}"
    found = found.rename(columns=renames)
    needed = ["report_a", "start_a", "end_a", "report_b", "start_b", "end_b"]
    if any(c not in found.columns for c in needed):
        return None
    for side in ("a", "b"):
        # detect_many may name the texts by their position in the list it was given.
        found[f"report_{side}"] = [ids[v] if isinstance(v, (int,)) and not isinstance(v, bool) and 0 <= v < len(ids) else v
                                   for v in found[f"report_{side}"]]
    if "text" not in found.columns:
        found["text"] = found["a_text"] if "a_text" in found.columns else ""
    extra = [c for c in ("score", "words") if c in found.columns]
    return found[needed + ["text", *extra]]


def _outlet_names(case: Case) -> dict[str, str]:
    """A name per report for tables: the outlet, with the id when two share an outlet."""
    counts: dict[str, int] = {}
    for r in case.reports.values():
        counts[r.outlet] = counts.get(r.outlet, 0) + 1
    return {rid: (r.outlet if counts[r.outlet] == 1 else f"{r.outlet} ({rid})") for rid, r in case.reports.items()}


def _numbers_table(numbers: pd.DataFrame, case: Case) -> pd.DataFrame:
    """One row per figure, grouped by claim (answer key) or by what is counted."""
    columns = ["group", "report", "outlet", "quote", "low", "high", "hedge", "attributed_to"]
    if numbers.empty:
        return pd.DataFrame(columns=columns)
    names = _outlet_names(case)
    rows = []
    for row in numbers.to_dict("records"):
        if str(row.get("is_date", "")).lower() in ("true", "1", "yes"):
            continue
        group = _text(row, "claim") or _text(row, "counted") or "(the text does not say what this number counts)"
        rows.append({"group": group, "report": row["report"], "outlet": names.get(row["report"], row["report"]),
                     "quote": row.get("quote", ""), "low": row.get("low"), "high": row.get("high"),
                     "hedge": _text(row, "hedge"), "attributed_to": _text(row, "attributed_to")})
    table = pd.DataFrame(rows, columns=columns)
    if table.empty:
        return table
    spread = table.groupby("group")["report"].nunique().rename("reports")
    table = table.join(spread, on="group")
    order = list(case.reports)
    table["_order"] = table["report"].map({rid: i for i, rid in enumerate(order)})
    table = table.sort_values(["reports", "group", "_order"], ascending=[False, True, True], kind="stable")
    return table.drop(columns=["_order"]).reset_index(drop=True)


def _loaded_counts(loaded: pd.DataFrame, case: Case) -> pd.DataFrame:
    """Loaded terms per report: own voice, quoted, total, and per 1,000 words."""
    names = _outlet_names(case)
    voices = loaded["voice"] if "voice" in loaded.columns else pd.Series([""] * len(loaded), dtype=object)
    counts = pd.crosstab(loaded["report"], voices.to_numpy()) if len(loaded) else pd.DataFrame()
    rows = []
    for rid, report in case.reports.items():
        row = counts.loc[rid] if rid in counts.index else {}
        own, quoted = int(row.get("own", 0)), int(row.get("quoted", 0))
        total = int(sum(row.values)) if len(row) else 0
        rows.append({"report": rid, "name": names[rid], "own": own, "quoted": quoted, "total": total,
                     "per_1000_words": round(1000 * total / max(report.words, 1), 1)})
    return pd.DataFrame(rows, columns=["report", "name", "own", "quoted", "total", "per_1000_words"]).set_index("report")


def _attribution_mix(attributions: pd.DataFrame, case: Case) -> pd.DataFrame:
    """Attributions per report by kind of source (counts)."""
    kinds = list(SCHEMAS["attributions"].vocab[0][1])
    names = _outlet_names(case)
    has_kind = len(attributions) and "kind" in attributions.columns
    counts = pd.crosstab(attributions["report"], attributions["kind"]) if has_kind else pd.DataFrame()
    totals = attributions["report"].value_counts() if len(attributions) else pd.Series(dtype=int)
    rows = []
    for rid in case.reports:
        found = counts.loc[rid] if rid in counts.index else {}
        row = {"report": rid, "name": names[rid]}
        row.update({k: int(found.get(k, 0)) for k in kinds})
        row["total"] = int(totals.get(rid, 0))
        rows.append(row)
    return pd.DataFrame(rows, columns=["report", "name", *kinds, "total"]).set_index("report")


# --- the page -------------------------------------------------------------------------

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:62em;padding:1em 1.5em;color:#111;background:#fff}
h1{font-size:1.7em;margin-bottom:.2em} h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0 1em 0;font-size:.92em} th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f2f2f2} td.n{text-align:right;font-variant-numeric:tabular-nums}
.mlk-note{background:#f6f6f6;border-left:4px solid #888;padding:.5em .8em;margin:.8em 0}
.mlk-warn{background:#fff4e0;border-left:4px solid #D55E00;padding:.5em .8em;margin:.8em 0}
.mlk-disagree{font-weight:bold}
details{margin:.6em 0} summary{cursor:pointer;font-weight:bold;font-size:1.05em}
figure{margin:1em 0} figure img{max-width:100%;height:auto} figcaption{font-size:.9em;color:#333}
nav ol{columns:2} q{quotes:"\\201C" "\\201D"}
@media print{details{display:block} summary{list-style:none} nav{display:none}}
"""


def _e(value) -> str:
    # Escaped, and hidden direction or zero-width characters shown as markers.
    return show_invisible(html.escape("" if value is None else str(value), quote=True))


def _link(url) -> str:
    if isinstance(url, str) and re.match(r"^https?://", url.strip(), re.I):
        return f'<a href="{html.escape(url.strip(), quote=True)}">{_e(url.strip())}</a>'
    return _e(url) if url else "(not given)"


def _where_from(origin: str) -> str:
    return "the case's answer key" if origin == "expert" else "the automatic lens (a rule of thumb: check by hand)"


def _table(headers, rows, numeric=()) -> str:
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in headers), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>")
        for h, cell in zip(headers, row):
            css = ' class="n"' if h in numeric else ""
            out.append(f"<td{css}>{cell}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _cut(text, limit: int = 160) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


class _ChartCase(Case):
    """Some reports of a case, for a chart: findings come from the whole case, filtered."""

    def __init__(self, whole: Case, report_ids):
        super().__init__(whole.path, whole.config, {rid: whole.reports[rid] for rid in report_ids})
        self.whole = whole

    def _only_these(self, frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["report"].isin(list(self.reports))].reset_index(drop=True)

    def annotations(self, lens: str) -> pd.DataFrame:
        return self._only_these(self.whole.annotations(lens))

    def detections(self, lens: str) -> pd.DataFrame:
        return self._only_these(self.whole.detections(lens))

    def source_chain(self) -> pd.DataFrame:
        return self._only_these(self.whole.source_chain())


def _chart_case(analysis: Analysis, lens: str) -> tuple[Case, str]:
    """The case to chart and a note: all of it, or its reports with the most findings."""
    case = analysis.case
    if len(case.reports) <= CHART_REPORTS:
        return case, ""
    frame = analysis.chain if lens == "source_chain" else analysis.findings[lens]
    counts = frame["report"].value_counts() if len(frame) else pd.Series(dtype=int)
    ranked = sorted(case.reports, key=lambda rid: -int(counts.get(rid, 0)))[:CHART_REPORTS]
    keep = [rid for rid in case.reports if rid in set(ranked)]
    return _ChartCase(case, keep), f" (the {len(keep)} reports with the most findings, of {len(case.reports)})"


#: The charts on the page: the lens each one draws, and its alternative text.
CHARTS = {
    "attribution_mix": ("attributions", "Attributions per report, by kind of source"),
    "loaded_terms": ("loaded_language", "Loaded terms per report, own voice and quoted"),
    "number_ranges": ("numbers", "Number ranges by claim and report"),
    "source_chain_graph": ("source_chain", "The source chain: who cites whom"),
}


def _chart_work(analysis: Analysis) -> dict:
    """The charts this analysis can draw, as name -> function returning an <img>."""
    try:
        from . import charts
    except ImportError:
        return {}
    work = {}
    for name, (lens, alt) in CHARTS.items():
        if analysis.origin[lens] != "expert" and name in ("number_ranges", "source_chain_graph"):
            # These line up one claim (or one chain) across reports; only an answer key
            # names claims, and the automatic chain is a table, not a story.
            continue
        case, note = _chart_case(analysis, lens)

        def draw(name=name, case=case, alt=alt + note, source=analysis.origin[lens]):
            import matplotlib.pyplot as plt

            fig = getattr(charts, name)(case) if name == "source_chain_graph" else getattr(charts, name)(case, source=source)
            try:
                return f"<figure>{charts.figure_html(fig, alt=alt)}<figcaption>{_e(alt)}</figcaption></figure>"
            finally:
                plt.close(fig)

        work[name] = draw
    return work


def _draw_charts(analysis: Analysis, warnings: list[str]) -> dict[str, str]:
    """Every chart as HTML (in parallel for a big case); a chart that fails is a warning."""
    if not analysis.charts:
        return {}
    drawn = {}
    for name, (ok, result) in _in_parallel(_chart_work(analysis), _is_big(analysis.case)).items():
        if ok:
            drawn[name] = result
        else:
            warnings.append(f"the chart {name} could not be drawn ({result})")
    return drawn


def render_report(analysis: Analysis, standalone: bool = True, charts: bool | None = None,
                  warnings_out: list | None = None) -> str:
    """The analysis as HTML: a whole page, or (``standalone=False``) a fragment for a notebook.

    ``charts``: draw the charts (None: as ``analysis.charts`` says). ``warnings_out``: a
    list that receives the warnings found while drawing (a chart that failed), which the
    page shows too.
    """
    if charts is not None:
        analysis = dataclasses.replace(analysis, charts=charts)
    case = analysis.case
    warnings = list(analysis.warnings)
    charts = _draw_charts(analysis, warnings)
    if warnings_out is not None:
        warnings_out.extend(warnings[len(analysis.warnings):])
    names = _outlet_names(case)
    body: list[str] = []
    body.append(f"<h1>{_e(analysis.title)}</h1>")
    n = len(case.reports)
    body.append(f'<p>{n} report{"" if n == 1 else "s"}, {sum(r.words for r in case.reports.values()):,} words. '
                "Made with the media-literacy kit.</p>")
    if case.original:
        o = case.original
        body.append(f"<p>The original report: {_e(o.get('outlet', ''))}"
                    + (f", {_e(o.get('author'))}" if o.get("author") else "")
                    + (f", {_e(o.get('date'))}" if o.get("date") else "")
                    + (f": <q>{_e(o.get('title'))}</q>" if o.get("title") else "") + ".</p>")
    sections = [("reports", "The reports"), ("highlights", "Every report, highlighted"),
                ("source-chain", "The source chain"), ("attributions", "Who is said to have said it"),
                ("numbers", "The numbers"), ("loaded-language", "Loaded language"),
                ("shared-passages", "Shared passages"), ("about", "How this page was made")]
    parts = [
        _section_reports(analysis, names),
        _section_highlights(analysis),
        _section_chain(analysis, names, charts),
        _section_attributions(analysis, charts),
        _section_numbers(analysis, charts),
        _section_loaded(analysis, charts),
        _section_shared(analysis, names),
        _section_about(analysis),
    ]
    if warnings:
        body.append('<div class="mlk-warn" role="note"><strong>Warnings</strong><ul>'
                    + "".join(f"<li>{_e(w)}</li>" for w in warnings) + "</ul></div>")
    body.append('<nav aria-label="Contents"><ol>' + "".join(f'<li><a href="#{a}">{_e(t)}</a></li>' for a, t in sections) + "</ol></nav>")
    for (anchor, title), part in zip(sections, parts):
        body.append(f'<section id="{anchor}"><h2>{_e(title)}</h2>{part}</section>')
    content = "\n".join(body)
    if not standalone:
        return f'<div class="mlk-analysis"><style>{_scoped(STYLE)}</style>{content}</div>'
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"{GENERATOR}\n"
            f"<title>{_e(analysis.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"{content}\n</body>\n</html>\n")


def _scoped(css: str) -> str:
    """The page's style limited to the analysis block, so a notebook keeps its own look."""
    css = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)  # print rules: pages only
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        scoped = ",".join(".mlk-analysis" if s.strip() == "body" else f".mlk-analysis {s.strip()}"
                          for s in selectors.split(","))
        rules.append(f"{scoped}{{{body}}}")
    return "\n".join(rules)


def _section_reports(analysis: Analysis, names) -> str:
    rows = []
    for rid, r in analysis.case.reports.items():
        rows.append([f'<a href="#report-{_e(rid)}">{_e(names.get(rid, r.outlet))}</a>', _e(r.author or "(not given)"),
                     _e(r.date.isoformat() if r.date else "(not given)"), f"{r.words:,}", _e(r.capture), _link(r.url)])
    shown, more = rows[:TABLE_ROWS], len(rows) - TABLE_ROWS
    note = (f"<p>{more} more report{'' if more == 1 else 's'} {'is' if more == 1 else 'are'} listed under the "
            "highlights below.</p>" if more > 0 else "")
    return _table(["report", "author", "date", "words", "saved as", "web address"], shown, numeric=("words",)) + note


def _section_highlights(analysis: Analysis) -> str:
    origin = analysis.origin
    names = _outlet_names(analysis.case)
    lines = [f"<li>{_e(label)}: {_e(_where_from(origin[lens]))}</li>" for lens, label in (
        ("attributions", "Sources (anonymous and named)"), ("numbers", "Numbers"),
        ("loaded_language", "Loaded language"), ("page_chrome", "Page chrome"),
        ("shared_passages", "Shared passages"))]
    out = ['<p>Where the highlights come from:</p><ul>', *lines, "</ul>",
           "<p>Every highlight has a colour, a line style and a text tag at its start; "
           "hover over it (or read its title) for what it is.</p>",
           legend_html([s for s in lenses.STYLES])]
    fold = len(analysis.case.reports) > OPEN_REPORTS
    for rid, r in analysis.case.reports.items():
        count = len(analysis.spans(rid))  # worked out once for all reports, then looked up
        head = (f"{_e(names.get(rid, r.outlet))} <small>({r.words:,} words, {count} "
                f"highlight{'' if count == 1 else 's'})</small>")
        out.append(f'<details id="report-{_e(rid)}"{"" if fold else " open"}><summary>{head}</summary>'
                   f"{analysis.report_html(rid)}</details>")
    return "".join(out)


def _section_chain(analysis: Analysis, names, charts: dict) -> str:
    chain = analysis.chain
    out = [f"<p>Who cites whom, from {_e(_where_from(analysis.chain_origin))}."]
    if analysis.chain_origin == "auto":
        out.append(" Built from the attribution lens: each report is linked to every source it names "
                   "(and to the outlet that relays it).")
    out.append("</p>")
    out.append(charts.get("source_chain_graph", ""))
    if chain.empty:
        return "".join(out) + "<p>No links found.</p>"
    original = analysis.case.original.get("outlet") if analysis.case.original else None
    if original and analysis.chain_origin == "expert":
        paths = []
        for rid in analysis.case.reports:
            found = paths_to_origin(chain, rid, original)
            if found:
                steps = " \u2192 ".join([_e(names.get(rid, rid))] + [f"{_e(link['cited'])} <small>({_e(link['relation'])})</small>" for link in found[0]])
                paths.append(f"<li>{steps} ({len(found[0])} step(s))</li>")
            else:
                paths.append(f"<li>{_e(names.get(rid, rid))}: no chain back to {_e(original)} in the answer key</li>")
        out.append(f"<h3>Back to the original ({_e(original)})</h3><ul>{''.join(paths)}</ul>")
    rows = [[_e(names.get(row["citing"], row["citing"])), _e(row["relation"]), _e(names.get(row["cited"], row["cited"])),
             _e(row["report"]), f"<q>{_e(_cut(row.get('quote', '')))}</q>"] for row in chain.head(TABLE_ROWS).to_dict("records")]
    more = f"<p>{len(chain) - TABLE_ROWS} more link(s) not shown.</p>" if len(chain) > TABLE_ROWS else ""
    out.append(f"<details><summary>Every link ({len(chain)}), with the words that show it</summary>"
               f"{_table(['who', 'how', 'whom', 'shown in', 'the words that show it'], rows)}{more}</details>")
    return "".join(out)


def _section_attributions(analysis: Analysis, charts: dict) -> str:
    mix = analysis.attribution_mix
    kinds = [c for c in mix.columns if c not in ("name", "total")]
    out = [f"<p>Attributions per report by kind of source, from {_e(_where_from(analysis.origin['attributions']))}. "
           "Anonymous and vague sources ask the reader to trust the outlet.</p>",
           charts.get("attribution_mix", "")]
    rows = [[_e(row["name"]), *(str(row[k]) for k in kinds), str(row["total"])]
            for row in mix.head(TABLE_ROWS).to_dict("records")]
    out.append(_table(["report", *(k.replace("_", " ") for k in kinds), "total"], rows,
                      numeric=(*(k.replace("_", " ") for k in kinds), "total")))
    return "".join(out)


def _section_numbers(analysis: Analysis, charts: dict) -> str:
    table = analysis.numbers_table
    by = "claim (one name for the same quantity in every report)" if analysis.origin["numbers"] == "expert" else "what is counted"
    out = [f"<p>Every figure, grouped by {_e(by)}, from {_e(_where_from(analysis.origin['numbers']))}. "
           "Dates are left out. A group whose ranges do not overlap is in <strong>bold</strong>: "
           "the reports disagree.</p>",
           charts.get("number_ranges", "")
           if analysis.origin["numbers"] == "expert" else
           "<p>(A chart that lines up the same number across reports is drawn only when an expert has marked "
           "which numbers count the same thing.)</p>"]
    if table.empty:
        return "".join(out) + "<p>No figures found.</p>"
    disagree = set()
    for group, rows in table.groupby("group"):
        lows, highs = pd.to_numeric(rows["low"], errors="coerce"), pd.to_numeric(rows["high"], errors="coerce")
        if rows["report"].nunique() > 1 and lows.notna().all() and highs.notna().all() and lows.max() > highs.min():
            disagree.add(group)
    rows = []
    for row in table.head(TABLE_ROWS).to_dict("records"):
        group = f'<span class="mlk-disagree">{_e(row["group"])} (ranges disagree)</span>' if row["group"] in disagree else _e(row["group"])
        rows.append([group, _e(row["outlet"]), f"<q>{_e(_cut(row['quote'], 100))}</q>",
                     _e(_range(row["low"], row["high"])), _e(row["hedge"]), _e(row["attributed_to"])])
    out.append(_table(["what the number counts", "report", "as written", "range", "hedge", "said by"], rows,
                      numeric=("range",)))
    if len(table) > TABLE_ROWS:
        out.append(f"<p>{len(table) - TABLE_ROWS} more figure(s) not shown.</p>")
    return "".join(out)


def _section_loaded(analysis: Analysis, charts: dict) -> str:
    counts = analysis.loaded_counts
    loaded = analysis.findings["loaded_language"]
    out = [f"<p>Words that judge instead of describe, per report, from {_e(_where_from(analysis.origin['loaded_language']))}. "
           "<em>Own voice</em> is the outlet's own words; <em>quoted</em> is someone else's words it reports.</p>",
           charts.get("loaded_terms", "")]
    own_terms: dict[str, dict] = {}
    if len(loaded):
        voices = loaded["voice"] if "voice" in loaded.columns else ["own"] * len(loaded)
        for rid, quote, voice in zip(loaded["report"], loaded["quote"], voices):
            if voice == "own":
                own_terms.setdefault(rid, {})[" ".join(str(quote).split())] = True
    rows = []
    for rid, row in counts.head(TABLE_ROWS).iterrows():
        terms = ", ".join(own_terms.get(rid, {}))
        rows.append([_e(row["name"]), str(row["own"]), str(row["quoted"]), str(row["total"]),
                     f"{row['per_1000_words']:g}", _e(_cut(terms, 200))])
    out.append(_table(["report", "own voice", "quoted", "total", "per 1,000 words", "own-voice terms"], rows,
                      numeric=("own voice", "quoted", "total", "per 1,000 words")))
    return "".join(out)


def _section_shared(analysis: Analysis, names) -> str:
    shared = analysis.shared
    if len(analysis.case.reports) < 2:
        return "<p>There is only one report here, so there is no second report to compare it with.</p>"
    out = ["<p>Passages that two reports share word for word (or nearly): one copied the other, "
           "or both copied a third. Highlighted in the reports above as <em>Shared passages</em>.</p>"]
    if shared.empty:
        return "".join(out) + "<p>No shared passages found.</p>"
    frame = shared.assign(chars=shared["end_a"] - shared["start_a"])
    pairs = (frame.groupby(["report_a", "report_b"])
             .agg(passages=("chars", "size"), chars=("chars", "sum"), longest=("chars", "max"))
             .sort_values("chars", ascending=False).reset_index())
    rows = []
    for pair in pairs.head(TABLE_ROWS).to_dict("records"):
        texts = frame[(frame.report_a == pair["report_a"]) & (frame.report_b == pair["report_b"])]
        longest = texts.loc[texts["chars"].idxmax()]
        text_a = analysis.case.reports[pair["report_a"]].text
        example = longest["text"] or text_a[int(longest["start_a"]):int(longest["end_a"])]
        rows.append([_e(names.get(pair["report_a"], pair["report_a"])), _e(names.get(pair["report_b"], pair["report_b"])),
                     str(pair["passages"]), f"{pair['chars']:,}", f"<q>{_e(_cut(example, 160))}</q>"])
    out.append(_table(["report", "and report", "passages", "characters shared", "longest passage"], rows,
                      numeric=("passages", "characters shared")))
    if len(pairs) > TABLE_ROWS:
        out.append(f"<p>{len(pairs) - TABLE_ROWS} more pair(s) not shown.</p>")
    return "".join(out)


def _section_about(analysis: Analysis) -> str:
    return ('<div class="mlk-note"><p>The automatic lenses are transparent rules and word lists '
            "that come with the kit, as plain files a teacher or student can read and change. "
            "They miss things and sometimes mark the wrong words: treat every automatic highlight "
            "as a question, not an answer. Report texts are shown exactly as captured, "
            "page chrome and all.</p></div>")


# --- writing --------------------------------------------------------------------------

#: The mark in every page ``analyze`` writes: a file that has it may be replaced.
GENERATOR = '<meta name="generator" content="media-literacy-kit analyze">'
#: What pages written before the mark existed say near their top.
OLD_MARK = "Made with the media-literacy kit (<code>python -m helpers analyze</code>)"


def written_by_analyze(path: Path) -> bool:
    """True if ``path`` is a page ``analyze`` wrote (so writing it again loses nothing)."""
    return written_by(path, (GENERATOR.encode(), OLD_MARK.encode()))


def check_out(out: Path, case: Case | None = None, force: bool = False) -> list[Problem]:
    """Why the page must not be written to ``out`` (an empty list when it may be).

    Never over anything that is not a regular file (a device such as /dev/null, a link,
    a pipe), never inside the case's own folders, and over an existing file only when
    ``analyze`` wrote it, unless ``force`` (see :func:`helpers.outfile.out_problem`).
    """
    inside = None
    if case is not None and case.path.is_dir() and (out.parent if str(out.parent) else Path(".")).is_dir():
        target = Path(os.path.realpath(out))
        home = Path(os.path.realpath(case.path))
        for protected in (home / "reports", home / "annotations", home / "case.yml", home):
            if target == protected or target.is_relative_to(protected):
                inside = ("is the case's own case.yml" if protected.suffix else
                          "is inside the case folder (the case's files, like the teacher's notes, stay as they are)"
                          if protected == home else f"is inside the case's own {protected.name}/ folder")
                break
    problem = out_problem(out, "analyze", (GENERATOR.encode(), OLD_MARK.encode()), force,
                          example="--out my_story.html", inside=inside)
    return [Problem(problem[0], None, problem[1])] if problem else []


def write_report(analysis: Analysis, out, standalone: bool = True, force: bool = False,
                 warnings_out: list | None = None) -> Path:
    """Render and write the page atomically: all of it, or nothing at all.

    The page is rendered in memory first, written to a temporary file in the same
    folder, flushed to disk, then renamed over ``out`` (``os.replace``), so a failure at
    any point leaves an older page (or no page) but never half of one.

    An existing file is replaced only if ``analyze`` wrote it (or with ``force``), and
    only if it is an ordinary file; nothing is ever written inside the case's
    ``reports/`` or ``annotations/`` or over its ``case.yml`` (see :func:`check_out`).
    Raises :class:`~helpers.CaseError` for a refused ``out``, and an ``OSError`` that
    names ``out`` (not the temporary file) when writing fails.
    """
    out = Path(out).expanduser()
    problems = check_out(out, analysis.case, force)
    if problems:
        raise CaseError(problems)
    page = render_report(analysis, standalone=standalone, warnings_out=warnings_out).encode("utf-8")
    write_atomically(page, out)
    return out


def default_out(case_name: str) -> Path:
    """Where ``analyze`` writes when no ``--out`` is given: the user's own folder."""
    return user_dir() / "analysis" / f"{case_name}.html"


# --- the command ----------------------------------------------------------------------

def run(args) -> int:
    """``python -m helpers analyze CASE [--out FILE.html]``: write the page, say where."""
    import matplotlib

    if not os.environ.get("MPLBACKEND"):
        matplotlib.use("Agg")
    out = Path(args.out) if args.out else None
    drawing: list[str] = []
    try:
        analysis = analyze_case(args.case, source=args.source, charts=not args.no_charts)
        if out is None:
            out = default_out(analysis.case.name)
            out.parent.mkdir(parents=True, exist_ok=True)
        write_report(analysis, out, force=args.force, warnings_out=drawing)
    except CaseError as err:
        return _refuse(err.problems, args)
    except MemoryError:
        print("analyze ran out of memory; no page was written. Try a case with fewer or shorter reports.", file=sys.stderr)
        return 1
    except OSError as err:
        if out is not None and Path(err.filename or "").expanduser() == out.expanduser():
            # Name the page asked for, not the temporary file the error is about.
            print(f"{display_path(out)}: cannot write the page ({err.strerror or err}); no page was written. "
                  "Choose another --out (a folder of your own).", file=sys.stderr)
        else:
            where = display_path(Path(err.filename)) if err.filename else "analyze"
            hint = "" if args.out else " Set MEDIA_KIT_HOME to a folder of your own, or give --out FILE.html."
            print(f"{where}: {err.strerror or err}; no page was written.{hint}", file=sys.stderr)
        return 1
    for warning in analysis.warnings + drawing:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Wrote {display_path(out)} ({len(analysis.case.reports)} reports). Open it in a web browser.")
    return 0


def _refuse(problems: list[Problem], args) -> int:
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) found; no page was written.", file=sys.stderr)
    if any(p.file.parent.name == "annotations" and p.file.suffix == ".csv" for p in problems) \
            and args.source != "auto":
        print("Fix the answer key (python -m helpers check CASE lists every problem), "
              "or add --source auto to use only the automatic lenses.", file=sys.stderr)
    return 1


def add_command(subparsers) -> None:
    p = subparsers.add_parser("analyze", help="every lens over every report, as one static HTML page",
                              description="Write one self-contained HTML page with every report highlighted by every "
                                          "lens, the source chain, the numbers, loaded language and shared passages.")
    p.add_argument("case", help="a case name (rostec-venezuela-2019) or a path to a case folder")
    p.add_argument("--out", metavar="FILE.html",
                   help="where to write the page (default: analysis/<case>.html in your own folder, $MEDIA_KIT_HOME)")
    p.add_argument("--source", choices=SOURCES, default="best",
                   help="best: the answer key where there is one, the automatic lenses otherwise (default); "
                        "expert: the answer key only; auto: the automatic lenses only")
    p.add_argument("--no-charts", action="store_true", help="leave the charts out (faster)")
    p.add_argument("--force", action="store_true",
                   help="replace --out even if it is a file analyze did not write (never a folder, a link or a device)")
    p.set_defaults(run=run)

