"""Charts of a case, drawn with matplotlib: who is cited, what numbers, which words.

- ``attribution_mix``: per report, how many sources are named, anonymous, vague, ...
- ``number_ranges``: for each claim, the range each report gives, with its hedge words.
- ``loaded_terms``: per report, loaded words in the outlet's own voice vs quoted.
- ``page_chrome_share``: per report, words of the article vs words of page chrome.
- ``source_chain_graph``: who cites whom, back to the original report (drawn here,
  with no graph library).

Each chart takes a case or a :class:`ChartTables`: the report names and the tables
(pandas DataFrames) it draws. A page that charts part of a case (analyze, for a big
one) hands over the tables of those reports; nothing here needs a Case.

Every chart is a :class:`Chart` (a ``matplotlib.figure.Figure`` made without pyplot, so
it works with any backend, Agg included, and opens no window). In a notebook it shows
itself as a PNG with alt text; ``figure_html(chart)`` gives that ``<img>``. Colour is
never the only signal: bars carry hatches and counts, markers differ by report, lines
differ by style, and everything has a text label. Colours are Okabe-Ito.
"""
from __future__ import annotations

import base64
import html
import io
import math
import textwrap

import matplotlib
from matplotlib.figure import Figure
from matplotlib.text import Text

from .lenses import registry as _registry
from .lenses.registry import claim_label, is_date, reports_disagree, time_unit
from .wording import number

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]

#: Attribution kinds, from the most to the least open about the source, with their colour
#: and hatch, and what each is called on a chart: all from the lens's registry record.
KIND_STYLE = dict(_registry.get("attributions").kind_styles)
KINDS = tuple(KIND_STYLE)
KIND_LABELS = {kind: _registry.get("attributions").kind_label(kind) for kind in KINDS}
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
#: Each link's line style, what it is called on the chart in a student's words (the data
#: keeps its short name) and its legend line: from the source chain's registry record.
RELATION_STYLE = {r: style for r, (_, _, style) in _registry.CHAIN_RELATIONS.items()}
RELATION_WORDS = {r: words for r, (words, _, _) in _registry.CHAIN_RELATIONS.items()}
RELATION_LEGEND = {r: legend for r, (_, legend, _) in _registry.CHAIN_RELATIONS.items()}


class Chart(Figure):
    """A figure that shows itself in a notebook as a PNG with alt text."""

    alt: str = ""
    #: Crop to what is drawn (one extra drawing pass); a chart laid out by hand says False.
    tight: bool = True

    def draw(self, renderer):
        # Every text on a chart is plain text: a report's words such as "$2.50 to $3.25"
        # must not be read as maths (matplotlib sets text between two $ signs as TeX).
        with matplotlib.rc_context({"text.parse_math": False}):
            for text in self.findobj(Text):
                text.set_parse_math(False)
            return super().draw(renderer)

    def png(self, dpi: int = 100) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight" if self.tight else None, facecolor="white")
        return buffer.getvalue()

    def _repr_png_(self):
        return self.png()

    def _repr_html_(self):
        return figure_html(self)


def figure_html(fig: Figure, alt: str | None = None, dpi: int = 100) -> str:
    """An ``<img>`` holding the figure as PNG, with alt text for screen readers."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight" if getattr(fig, "tight", True) else None,
                facecolor="white")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    alt = alt if alt is not None else getattr(fig, "alt", "") or "chart"
    return (f'<img alt="{html.escape(alt, quote=True)}" style="max-width:100%;height:auto" '
            f'src="data:image/png;base64,{data}">')


class _Text:
    """A report's text, as ``case.reports[id].text`` gives it."""

    def __init__(self, text: str):
        self.text = text


class ChartTables:
    """What the charts draw, as tables: report names and the frames of each lens.

    ``names``: report id -> the name a student reads, in the order to draw them.
    ``tables``: (source, lens) -> DataFrame, source "expert" (the answer key) or "auto"
    (the automatic lens); a frame missing from it is asked of ``fetch(source, lens)``,
    once. ``texts``: report id -> text (for the page-chrome share). ``origin``: the
    original outlet (``case.origin``). Frames are kept to the rows of these reports.
    """

    def __init__(self, names: dict, tables: dict | None = None, texts: dict | None = None,
                 origin: str | None = None, fetch=None):
        self.labels = dict(names)
        self.reports = {rid: _Text((texts or {}).get(rid, "")) for rid in self.labels}
        self.origin = origin
        self._tables = dict(tables or {})
        self._fetch = fetch

    @classmethod
    def of_case(cls, case, reports=None) -> "ChartTables":
        """The tables of ``case`` (of only the reports ``reports``, in the case's order, if given)."""
        from .case import report_labels

        keep = [rid for rid in case.reports if reports is None or rid in set(reports)]
        part = type("Part", (), {"reports": {rid: case.reports[rid] for rid in keep}})()

        def fetch(source, lens):
            if lens == "source_chain":
                return case.source_chain()
            return case.annotations(lens) if source == "expert" else case.detections(lens)

        return cls(report_labels(part), texts={rid: case.reports[rid].text for rid in keep},
                   origin=getattr(case, "origin", None), fetch=fetch)

    def table(self, lens: str, source: str = "expert"):
        key = ("expert" if lens == "source_chain" else source, lens)
        if key not in self._tables:
            if self._fetch is None:
                raise ValueError(f"no table for {lens} ({source}) was given to the chart")
            self._tables[key] = self._fetch(*key)
        frame = self._tables[key]
        if "report" in frame and not frame["report"].isin(list(self.reports)).all():
            frame = frame[frame["report"].isin(list(self.reports))].reset_index(drop=True)
            self._tables[key] = frame
        return frame.copy()

    # the names the chart code reads (the same as a Case's)
    def annotations(self, lens: str):
        return self.table(lens, "expert")

    def detections(self, lens: str):
        return self.table(lens, "auto")

    def source_chain(self):
        return self.table("source_chain", "expert")


def tables(case_or_tables) -> ChartTables:
    """The chart tables of a case (or the tables themselves)."""
    if isinstance(case_or_tables, ChartTables):
        return case_or_tables
    return ChartTables.of_case(case_or_tables)


def _labels(case) -> dict[str, str]:
    return tables(case).labels


def _frame(case, lens: str, source: str):
    if source == "expert":
        return case.annotations(lens)
    if source == "auto":
        return case.detections(lens)
    raise ValueError(f"source must be 'expert' or 'auto', not {source!r}")


def copies(case) -> dict[str, str]:
    """Reports that are a saved copy of another report of the case: copy id -> original id
    (from the source chain's "captures" links between two reports). A copy is a version of
    the same article, not a second report that agrees with it."""
    case = tables(case)
    try:
        links = case.source_chain()
    except Exception:
        return {}
    return {r["citing"]: r["cited"] for r in links.to_dict("records")
            if r["relation"] == "captures" and r["citing"] in case.reports and r["cited"] in case.reports
            and r["citing"] != r["cited"]}


def report_names(case, short: bool = False) -> dict[str, str]:
    """Report id -> the name a chart shows; a copy says that it is one (``short``), or
    what it is a copy of, on a second line."""
    case = tables(case)
    labels = dict(_labels(case))
    for copy, original in copies(case).items():
        labels[copy] = (f"{labels[copy]}, a copy" if short
                        else f"{labels[copy]}\n(a copy of {labels.get(original, original)})")
    return labels


def outside_chrome(case, frame, chrome=None):
    """The rows of ``frame`` (report, start) that are not inside the page chrome of their
    report (captions, appeals, links ...): page chrome is not the article's own voice.

    ``chrome`` is the page chrome to leave out (a table with report, start, end): give the
    one the rest of the page uses (analyze passes its own, the answer key's or the
    automatic lens's), so a chart and a table count the same. Without it, the case's
    answer key."""
    case = tables(case)
    if not len(frame) or "start" not in frame:
        return frame
    if chrome is None:
        try:
            chrome = case.annotations("page_chrome")
        except Exception:
            return frame
    spans: dict[str, list[tuple[int, int]]] = {}
    for r in chrome.to_dict("records"):
        spans.setdefault(r["report"], []).append((int(r["start"]), int(r["end"])))
    keep = [not any(a <= int(start) < b for a, b in spans.get(rid, []))
            for rid, start in zip(frame["report"], frame["start"])]
    return frame[keep]


def _source_word(source: str) -> str:
    return "answer key" if source == "expert" else "automatic lens"


def attribution_counts(case, source: str = "expert") -> dict[str, dict[str, int]]:
    """What :func:`attribution_mix` draws: report id -> attribution kind (in ``KINDS``
    order) -> how many. The teacher guide's table of the chart is filled from this."""
    case = tables(case)
    frame = _frame(case, "attributions", source)
    return {r: {kind: int(((frame["report"] == r) & (frame["kind"] == kind)).sum()) if len(frame) else 0
                for kind in KINDS} for r in case.reports}


def attribution_mix(case, source: str = "expert") -> Chart:
    """One bar per report: its attributions by kind, stacked, hatched and counted."""
    case = tables(case)
    per_report = attribution_counts(case, source)
    labels = _labels(case)
    reports = list(case.reports)
    fig = Chart(figsize=(9, 0.7 * len(reports) + 1.8))
    ax = fig.subplots()
    lefts = [0] * len(reports)
    for kind in KINDS:
        counts = [per_report[r][kind] for r in reports]
        colour, hatch = KIND_STYLE[kind]
        bars = ax.barh(range(len(reports)), counts, left=lefts, color=colour, hatch=hatch, edgecolor="black",
                       label=KIND_LABELS[kind])
        for bar, n in zip(bars, counts):
            if n:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, str(n),
                        ha="center", va="center", fontsize=9, fontweight="bold",
                        bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85))
        lefts = [a + b for a, b in zip(lefts, counts)]
    for y, total in enumerate(lefts):
        ax.text(total + 0.3, y, f"{total} in all", va="center", fontsize=9)
    ax.set_yticks(range(len(reports)), [labels[r] for r in reports])
    ax.invert_yaxis()
    ax.set_xlabel("number of attributions (who is said to have said it)")
    ax.set_xlim(0, max(lefts + [1]) * 1.18)
    ax.set_title(f"Who are the sources? Attributions per report ({_source_word(source)})")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    parts = [f"{labels[r]}: {lefts[i]}" for i, r in enumerate(reports)]
    fig.alt = ("Bar chart of attributions per report by kind of source. Totals: " + "; ".join(parts) + ".")
    return fig


def _claims_to_show(frame, claims, same: dict[str, str] | None = None):
    """The claims to draw: those given, or those that two or more reports make (a copy of a
    report, in ``same``, counts as that report: it is not a second source)."""
    if claims is not None:
        return [claims] if isinstance(claims, str) else list(claims)
    usable = frame[~frame["is_date"].astype(bool)] if "is_date" in frame else frame
    if "low" in usable and "high" in usable:   # a vote ("7-2") has no range to draw
        usable = usable[usable["low"].notna() & usable["high"].notna()]
    usable = usable.assign(report=usable["report"].map(lambda r: (same or {}).get(r, r)))
    spread = usable.groupby("claim")["report"].nunique()
    return list(spread[spread >= 2].sort_values(ascending=False, kind="stable").index)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _plain_number(value: float, _pos=None) -> str:
    """1000 -> "1,000", 0.5 -> "0.5": tick labels a student can read (no 10\u00b3)."""
    return number(value)


def number_ranges(case, claims=None, source: str = "expert", log: bool | None = None) -> Chart:
    """For each claim, the range each report gives: a line from low to high, a marker
    per report, the words as written beside it, and whether the ranges overlap.

    ``claims=None`` shows the claims that two or more reports make (dates left out).
    Each claim is headed by what it counts (its own unit: people, months ...), never by
    its id. A wide spread of values is drawn on a log scale whose ticks are plain
    numbers (1, 10, 100, 1,000), and the axis says what that means.
    """
    case = tables(case)
    from matplotlib.ticker import FuncFormatter, LogLocator

    frame = case.annotations("numbers") if source == "expert" else _frame(case, "numbers", source)
    if "claim" not in frame:
        raise ValueError("the automatic numbers lens does not link claims; use source='expert'")
    chosen = _claims_to_show(frame, claims, copies(case))
    rows = frame[frame["claim"].isin(chosen)]
    labels = report_names(case, short=True)
    legend_names = report_names(case)
    reports = list(case.reports)
    lines = []  # (y, claim, report, low, high, quote, hedge)
    y = 0
    heads = []
    for claim in chosen:
        part = rows[rows["claim"] == claim]
        # spans of time in different units ("19 years", "nearly two decades") in the first one's unit
        records = part.to_dict("records")
        measured = _registry.same_measure((r["low"], r["high"], "" if is_date(r) else time_unit(r)) for r in records)
        part = part.assign(low=[lo for lo, _ in measured], high=[hi for _, hi in measured])
        mixed = len({_registry.singular_unit(time_unit(r)) for r in records if not is_date(r)}) > 1
        heads.append((y, claim, part, mixed))
        y += 1
        for rid in reports:
            for row in part[part["report"] == rid].to_dict("records"):
                lines.append((y, claim, rid, row["low"], row["high"], " ".join(str(row["quote"]).split()),
                              row.get("hedge") or ""))
                y += 1
        y += 0.5
    fig = Chart(figsize=(10, 0.38 * max(y, 3) + 1.8))
    ax = fig.subplots()
    values = [v for _, _, _, lo, hi, _, _ in lines for v in (lo, hi) if v and v > 0]
    if log is None:
        log = bool(values) and max(values) / max(min(values), 1e-9) > 30
    if log:
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(LogLocator(base=10))
        ax.xaxis.set_major_formatter(FuncFormatter(_plain_number))
        ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, p: ""))
    else:
        ax.xaxis.set_major_formatter(FuncFormatter(_plain_number))
    x_right = max(values) if values else 1
    fig.headings = []
    for y0, claim, part, mixed in heads:
        known = [r for r in part.to_dict("records") if not (_missing(r["low"]) or _missing(r["high"]))]  # a vote has no range
        ok = not reports_disagree([(r["low"], r["high"]) for r in known], [r["report"] for r in known])
        counted = next((claim_label(r) for r in part.to_dict("records") if claim_label(r)), "") or "a number"
        unit = next((u for r in part.to_dict("records") if not is_date(r) for u in [time_unit(r)] if u), "")
        if unit and (mixed or unit not in counted.lower().split()):
            counted += f" (in {unit})"  # the axis says "in the unit each heading names"
        heading = counted[:1].upper() + counted[1:] + (":   the ranges overlap" if ok else ":   the ranges do NOT overlap")
        fig.headings.append(heading)
        ax.text(0.0, y0, heading, transform=ax.get_yaxis_transform(), fontsize=9, fontweight="bold", va="center")
    for y0, claim, rid, lo, hi, quote, hedge in lines:
        i = reports.index(rid)
        colour, marker = OKABE_ITO[i % len(OKABE_ITO)], MARKERS[i % len(MARKERS)]
        ax.plot([lo, hi], [y0, y0], color=colour, linewidth=3, solid_capstyle="butt")
        ax.plot([lo, hi] if lo != hi else [lo], [y0, y0] if lo != hi else [y0], linestyle="none",
                marker=marker, markersize=8, color=colour, markeredgecolor="black")
        text = f"{labels[rid]}: \u201c{textwrap.shorten(quote, 45)}\u201d"
        ax.text(hi * (1.15 if log else 1) + (0 if log else x_right * 0.02), y0, text, va="center", fontsize=8)
    ax.set_ylim(y + 0.2, -0.8)
    ax.set_yticks([])
    if values:
        low = min(values)
        ax.set_xlim(low / 2 if log else 0, x_right * (30 if log else 2.2))
    ax.set_xlabel("How many (in the unit each heading names). A line runs from the lowest to the highest number the words allow."
                  + ("\nLog scale: each mark is 10 times the one before (1, 10, 100, 1,000), so small and big numbers fit." if log else ""))
    ax.set_title(f"What each report says: the numbers its words allow ({_source_word(source)})")
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], color=OKABE_ITO[i % len(OKABE_ITO)], marker=MARKERS[i % len(MARKERS)],
                      markeredgecolor="black", linewidth=3, label=legend_names[r]) for i, r in enumerate(reports)]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16 if log else -0.12), ncol=2,
              fontsize=8, frameon=False)
    ax.spines[["top", "right", "left"]].set_visible(False)
    fig.alt = "Ranges by claim and report. " + " ".join(
        f"{labels[rid]} ({h.split(':')[0]}): {number(lo)} to {number(hi)}, written \u201c{quote}\u201d."
        for (_, claim, rid, lo, hi, quote, _) in lines
        for h in [fig.headings[[c for _, c, _, _ in heads].index(claim)]])
    return fig


def loaded_counts(case, source: str = "expert", chrome=None) -> dict[str, dict[str, int]]:
    """What :func:`loaded_terms` draws: report id -> {"own": n, "quoted": n}, loaded words in
    the article only (page chrome left out; ``chrome`` as in ``outside_chrome``). The teacher
    guide's table is filled from this."""
    case = tables(case)
    frame = outside_chrome(case, _frame(case, "loaded_language", source), chrome)
    return {r: {voice: int(((frame["report"] == r) & (frame["voice"] == voice)).sum()) if len(frame) else 0
                for voice in ("own", "quoted")} for r in case.reports}


def loaded_terms(case, source: str = "expert", chrome=None) -> Chart:
    """Per report: loaded words in its own voice and in quotations (hatched), in the article
    only: loaded words inside page chrome (a fundraising appeal, a reused caption) are not
    the article's voice and are left out (``chrome``: the page chrome to leave out, see
    ``outside_chrome``). A copy of another report is named as such."""
    case = tables(case)
    per_report = loaded_counts(case, source, chrome)
    labels = report_names(case)
    reports = list(case.reports)
    fig = Chart(figsize=(9, 0.8 * len(reports) + 1.6))
    ax = fig.subplots()
    height = 0.38
    styles = {"own": ("#CC79A7", "", "own voice (the outlet's words)"),
              "quoted": ("#FFFFFF", "//", "quoted (someone else's words)")}
    totals = []
    for k, voice in enumerate(("own", "quoted")):
        counts = [per_report[r][voice] for r in reports]
        totals.append(counts)
        colour, hatch, label = styles[voice]
        ys = [i + (k - 0.5) * height for i in range(len(reports))]
        ax.barh(ys, counts, height=height, color=colour, hatch=hatch, edgecolor="black", label=label)
        for yy, n in zip(ys, counts):
            ax.text(n + 0.3, yy, f"{n} {voice}", va="center", fontsize=8)
    ax.set_yticks(range(len(reports)), [labels[r] for r in reports])
    ax.invert_yaxis()
    ax.set_xlim(0, max(max(t) for t in totals) * 1.25 + 1)
    ax.set_xlabel("number of loaded words and phrases")
    ax.set_title(f"Loaded words in each article: the outlet's own words vs quotations ({_source_word(source)})\n"
                 "page chrome (appeals, captions, links) is not counted")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.counts = {r: {"own": totals[0][i], "quoted": totals[1][i]} for i, r in enumerate(reports)}
    fig.alt = "Loaded words per article, page chrome left out. " + " ".join(
        f"{labels[r]}: {totals[0][i]} own, {totals[1][i]} quoted." for i, r in enumerate(reports))
    return fig



def chrome_words(text: str, spans) -> tuple[int, int]:
    """(words of the article, words inside page chrome) of one text.

    A word is what ``str.split`` gives (as ``Report.words`` counts); it is chrome when it
    starts inside one of the ``(start, end)`` spans. Overlapping spans count once.
    """
    import re

    merged: list[list[int]] = []
    for a, b in sorted((int(a), int(b)) for a, b in spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    chrome = total = k = 0
    for match in re.finditer(r"\S+", text):
        total += 1
        while k < len(merged) and merged[k][1] <= match.start():
            k += 1
        if k < len(merged) and merged[k][0] <= match.start():
            chrome += 1
    return total - chrome, chrome


def page_chrome_share(case, source: str = "expert") -> Chart:
    """One bar per report: words of the article vs words of page chrome (captions,
    appeals, links, bylines ...), stacked, hatched, with the counts written on the bars."""
    case = tables(case)
    frame = _frame(case, "page_chrome", source)
    labels = _labels(case)
    reports = list(case.reports)
    counts = {}
    for rid in reports:
        rows = frame[frame["report"] == rid] if len(frame) else frame
        spans = list(zip(rows["start"], rows["end"])) if len(rows) else []
        counts[rid] = chrome_words(case.reports[rid].text, spans)
    styles = (("article", "#0072B2", "", "the article (the story itself)"),
              ("chrome", "#E69F00", "xx", "page chrome (captions, appeals, links, bylines ...)"))
    fig = Chart(figsize=(9, 0.7 * len(reports) + 1.8))
    ax = fig.subplots()
    lefts = [0] * len(reports)
    for k, (name, colour, hatch, label) in enumerate(styles):
        values = [counts[r][k] for r in reports]
        bars = ax.barh(range(len(reports)), values, left=lefts, color=colour, hatch=hatch, edgecolor="black",
                       label=label)
        widest = max(sum(counts[r]) for r in reports) or 1
        for bar, n in zip(bars, values):
            if n >= 0.15 * widest:  # a narrow bar has its count in the text beside it
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, f"{n} {name}",
                        ha="center", va="center", fontsize=8, fontweight="bold",
                        bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85))
        lefts = [a + b for a, b in zip(lefts, values)]
    for y, rid in enumerate(reports):
        article, chrome = counts[rid]
        share = 100 * chrome / max(article + chrome, 1)
        ax.text(lefts[y] + max(lefts) * 0.015, y, f"{chrome} of {article + chrome} words are chrome ({share:.0f}%)",
                va="center", fontsize=9)
    ax.set_yticks(range(len(reports)), [labels[r] for r in reports])
    ax.invert_yaxis()
    ax.set_xlabel("number of words")
    ax.set_xlim(0, max(lefts + [1]) * 1.5)
    ax.set_title(f"News or page? Words of the article vs page chrome ({_source_word(source)})")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=1, fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.alt = ("Bar chart of words per report: the article and the page chrome around it. " + " ".join(
        f"{labels[r]}: {counts[r][0]} words of article, {counts[r][1]} of page chrome." for r in reports))
    return fig

# -- the source chain -------------------------------------------------------------------

def chain_nodes(case, links, scope: str = "chain"):
    """Which nodes and links to draw, and in which column.

    Reports are in the left column, the origin to the right of the outlets that relay
    it, the origin's own sources and the rebuttals in the far right column. In the
    "chain" scope only links that lead back to the origin, the origin's own sources
    and rebuttals of the origin are drawn; "all" draws every link.
    """
    case = tables(case)
    reports = list(case.reports)
    usable = links[links["relation"] != "rebuts"]
    edges = {(r["citing"], r["cited"]) for r in usable.to_dict("records")}
    origin = case.origin
    hops = {origin: 0} if origin else {}  # steps from each node to the origin, following citing -> cited
    changed = True
    while changed:
        changed = False
        for a, b in edges:
            if b in hops and (a not in hops or hops[a] > hops[b] + 1):
                hops[a] = hops[b] + 1
                changed = True
    depth = max([hops.get(r, 1) for r in reports] + [1])
    keep = set(reports) | ({origin} if origin else set())
    frontier = [r for r in reports if r in hops]
    while frontier:  # nodes on a shortest way from a report to the origin
        nxt = []
        for a in frontier:
            for x, b in edges:
                if x == a and b in hops and hops[b] == hops[a] - 1 and b not in keep:
                    keep.add(b)
                    nxt.append(b)
        frontier = nxt
    chain = set(keep)
    if scope == "all":
        keep |= set(links["citing"]) | set(links["cited"])
        shown = links
    else:
        sources = {b for a, b in edges if origin and a == origin}
        rebutters = {r["citing"] for r in links.to_dict("records")
                     if r["relation"] == "rebuts" and origin and r["cited"] == origin and r["citing"] not in chain}
        keep |= sources | rebutters
        rows = []
        for r in links.to_dict("records"):
            a, b, rel = r["citing"], r["cited"], r["relation"]
            if rel == "rebuts":
                ok = bool(origin) and b == origin
            else:
                ok = (a in chain and b in chain and hops.get(b, 99) < hops.get(a, 99)) or (bool(origin) and a == origin and b in sources) \
                    or (a in case.reports and b in case.reports)
            if ok:
                rows.append(r)
        shown = links.iloc[0:0] if not rows else links.__class__(rows)
    column = {}
    for node in keep:
        if node in case.reports:
            column[node] = 0
        elif origin and node == origin:
            column[node] = depth
        elif node in hops and 0 < hops[node] < depth:
            column[node] = depth - hops[node]
        else:
            column[node] = depth + 1
    return column, shown, depth


def _copies_said(case) -> str:
    """' X (PDF capture) is a saved copy of X (web capture).': the case's copies, in words."""
    names = _labels(case)
    said = [f"{names.get(copy, copy)} is a saved copy of {names.get(original, original)}"
            for copy, original in copies(case).items()]
    return "".join(f" {sentence}." for sentence in said)


def _is_anonymous(node: str) -> bool:
    return _registry.names_no_one(node)


def likely_links(case, links=None) -> set[tuple[str, str]]:
    """The links on a way back to the origin whose words never name the source they point
    to (Hannity's "reports Fox News" passage never names the Journal): the answer key's
    reading, which the pages call "very likely" (the same rule as the chain explorer's)."""
    from .annotations import paths_to_origin
    from .wording import likely

    links = case.source_chain() if links is None else links
    if not case.origin or links is None or not len(links):
        return set()
    on_a_way = {(l["citing"], l["cited"]) for rid in case.reports
                for p in paths_to_origin(links, rid, case.origin) for l in p}
    found = set()
    for a, b in on_a_way:
        rows = links[(links["citing"] == a) & (links["cited"] == b)]
        if likely(b, zip(rows["relation"], rows["quote"])):
            found.add((a, b))
    return found


#: The word put before a link the texts never state in so many words (see likely_links).
LIKELY = "very likely"


def source_chain_graph(case, highlight: str | None = None, scope: str = "chain", paths=None) -> Chart:
    """The source chain: who cites whom. ``highlight`` (a report id) draws its way back
    to the original report (``case.origin``) in thick black; other links are thin and grey.

    ``scope="chain"`` draws the reports, the outlets between them and the origin, the
    origin's own sources and the rebuttals; ``scope="all"`` draws every link. Links
    between the same two sources are one arrow labelled with every relation.
    """
    case = tables(case)
    from matplotlib.lines import Line2D

    from .annotations import paths_to_origin

    links = case.source_chain()
    labels = _labels(case)
    likely = likely_links(case, links)
    column, shown, depth = chain_nodes(case, links, scope)
    if paths is None and highlight:
        paths = paths_to_origin(links, highlight, case.origin) if case.origin else []
    on_path = {(l["citing"], l["cited"]) for p in (paths or []) for l in p}
    path_nodes = {n for pair in on_path for n in pair} | ({highlight} if highlight else set())
    reports = list(case.reports)
    rebutters = {r["citing"] for r in shown.to_dict("records") if r["relation"] == "rebuts"}

    by_column: dict[int, list[str]] = {}
    for node, col in column.items():
        by_column.setdefault(col, []).append(node)
    max_rows = max([len(reports), *(len(v) for c, v in by_column.items() if c > depth)])
    position = {}
    step = max(max_rows - 1, 1) / max(len(reports) - 1, 1)
    for i, rid in enumerate(reports):
        position[rid] = (0.0, i * step)
    middle = (max_rows - 1) / 2
    if case.origin:
        position[case.origin] = (depth * 3.2, middle)
    pairs = list(zip(shown["citing"], shown["cited"]))
    for col in range(1, depth):  # outlets between the reports and the origin
        nodes = by_column.get(col, [])
        for node in sorted(nodes):
            ys = [position[a][1] for a, b in pairs if b == node and a in position]
            y = (sum(ys) / len(ys) if ys else middle) + 0.5 * step  # off the straight report-origin lines
            position[node] = (col * 3.2, y)
    far = sorted(by_column.get(depth + 1, []), key=lambda n: (n in rebutters, not _is_anonymous(n), n))
    for i, node in enumerate(far):
        position[node] = ((depth + 1) * 3.2, i * max(max_rows - 1, 1) / max(len(far) - 1, 1))

    fig = Chart(figsize=(min(4.0 + 2.6 * (depth + 2), 16), 0.62 * max_rows + 2.4))
    fig.tight = False
    ax = fig.add_axes((0.01, 0.1, 0.98, 0.8))
    ax.set_xlim(-1.6, (depth + 1) * 3.2 + 1.6)
    ax.set_ylim(max_rows - 0.4, -0.6)
    ax.axis("off")
    boxes = {}
    for node, (x, y) in position.items():
        text, line = labels.get(node, node), "-"
        if node in case.reports:
            face, style, weight = "#C7E0F0", "round,pad=0.35", "bold"
        elif case.origin and node == case.origin:
            face, style, weight = "#FBE8BF", "square,pad=0.45", "bold"
            text = "ORIGIN: " + text
        elif _is_anonymous(node):
            face, style, weight, line = "#F7D5BF", "round,pad=0.3", "normal", "--"
            text = "ANONYMOUS: " + text
        else:
            face, style, weight = "#EEEEEE", "round,pad=0.3", "normal"
        on = node in path_nodes
        boxes[node] = ax.text(x, y, textwrap.fill(text, 24), ha="center", va="center", fontsize=8.5,
                              fontweight="bold" if on else weight, zorder=3,
                              bbox=dict(boxstyle=style, facecolor=face, edgecolor="black",
                                        linewidth=2.6 if on else 0.8, linestyle=line))
    merged: dict[tuple, list[str]] = {}
    for a, b, rel in shown[["citing", "cited", "relation"]].itertuples(index=False):
        if a in position and b in position and a != b:
            key = (a, b, rel == "rebuts")
            if rel not in merged.setdefault(key, []):
                merged[key].append(rel)
    order = list(_registry.CHAIN_DRAW_ORDER)
    arrows = []  # (a, b, rels, on, rad)
    for (a, b, rebut), rels in merged.items():
        rels = sorted(rels, key=order.index)
        on = (a, b) in on_path and not rebut
        rad = 0.0
        if rebut and (b, a, False) in merged or rebut and (a, b, False) in merged:
            rad = -0.3
        if column.get(a) == column.get(b):
            rad = 0.35
        arrows.append((a, b, rels, on, rad))
        # above the boxes: a box sizes its outline only when it is drawn, so an arrow drawn
        # before it is clipped to the wrong outline and its head ends up hidden under the box
        ax.annotate("", xy=position[b], xytext=position[a], zorder=5 if on else 4,
                    arrowprops=dict(arrowstyle="-|>", color="black" if on else "#8a8a8a",
                                    linewidth=2.8 if on else 1.0, linestyle=RELATION_STYLE.get(rels[0], "-"),
                                    shrinkA=2, shrinkB=2, patchA=boxes[a].get_bbox_patch(),
                                    patchB=boxes[b].get_bbox_patch(), connectionstyle=f"arc3,rad={rad}",
                                    mutation_scale=14))
    # Each label sits ON its own arrow: the arc is computed as matplotlib draws it (a
    # quadratic curve in screen space), and the spot along it is the one furthest from
    # every other arrow and every box, so no label sits on, or beside, the wrong arrow.
    to_screen, to_data = ax.transData.transform, ax.transData.inverted().transform
    curves = {}  # arrow number -> points along it, in screen pixels
    for n, (a, b, rels, on, rad) in enumerate(arrows):
        p0, p2 = to_screen(position[a]), to_screen(position[b])
        (x1, y1), (x2, y2) = p0, p2
        control = ((x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1))
        curves[n] = [tuple((1 - t) ** 2 * p0[k] + 2 * (1 - t) * t * control[k] + t ** 2 * p2[k] for k in (0, 1))
                          for t in [i / 40 for i in range(41)]]
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    renderer = (fig.canvas if hasattr(fig.canvas, "get_renderer") else FigureCanvasAgg(fig)).get_renderer()
    rects = {n: t.get_window_extent(renderer).padded(8) for n, t in boxes.items()}

    def to_rect(x, y, r):
        return math.hypot(max(r.x0 - x, 0, x - r.x1), max(r.y0 - y, 0, y - r.y1))

    placed: list[tuple[float, float]] = []
    fig.edge_labels = []
    for n, (a, b, rels, on, rad) in enumerate(arrows):
        own = curves[n]
        others = [pt for key, pts in curves.items() if key != n for pt in pts]
        best, best_score = own[20], -1e9
        for i in range(6, 35):
            x, y = own[i]
            near_arrow = min((math.hypot(x - u, y - v) for u, v in others), default=1e9)
            near_box = min(to_rect(x, y, r) for r in rects.values())
            near_label = min((math.hypot(x - u, (y - v) * 3) for u, v in placed), default=1e9)
            score = min(near_arrow, near_box - 20, near_label - 60) - 0.05 * abs(i - 20)
            if score > best_score:
                best, best_score = own[i], score
        placed.append(best)
        mx, my = to_data(best)
        text = ", ".join(RELATION_WORDS.get(r, r) for r in rels)
        if (a, b) in likely and not {"rebuts", "captures"} & set(rels):
            text = f"{LIKELY} {text}"  # the words never name it: the key's reading, not a fact
        ax.text(mx, my, text, fontsize=7, ha="center", va="center", zorder=5,
                fontweight="bold" if on else "normal", color="black",
                bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.9))
        fig.edge_labels.append({"citing": a, "cited": b, "text": text, "at": (float(mx), float(my)),
                                "screen": (float(best[0]), float(best[1])), "arrow": n})
    fig.edge_curves = curves
    handles = [Line2D([], [], color="black", linestyle=s, label=RELATION_LEGEND.get(r, r))
               for r, s in RELATION_STYLE.items()]
    if highlight:
        handles.append(Line2D([], [], color="black", linewidth=3,
                              label=f"the way back from {labels.get(highlight, highlight)}"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, fontsize=8, frameon=False)
    title = "Who cites whom: the source chain" + (f" back to {case.origin}" if case.origin else "")
    ax.set_title(title + (f"\n(highlighted: {labels.get(highlight, highlight)})" if highlight else ""), fontsize=11)
    steps = []
    for p in paths or []:
        steps.append(" \u2192 ".join([labels.get(p[0]["citing"], p[0]["citing"])] +
                                     [f"{LIKELY + ' ' if (l['citing'], l['cited']) in likely else ''}{l['relation']} "
                                      f"{labels.get(l['cited'], l['cited'])}" for l in p]))
    fig.alt = (f"{title}. {len(position)} sources drawn as boxes, links as arrows labelled cites, quotes, relays, "
               "is a copy of, or rebuts." + _copies_said(case) + (" Highlighted way: " + "; ".join(dict.fromkeys(steps)) + "." if steps else ""))
    return fig
