"""The one renderer: report text plus highlights of several lenses, as safe HTML.

Report text is untrusted: every piece of it goes through ``html.escape``, so a
report that contains ``<script>`` shows those characters and runs nothing.
Highlights may nest and overlap. Each is a ``<mark data-lens="...">`` with the lens's
colour AND a visible text tag and underline style, so it still reads in grayscale,
in print and to a screen reader. Line breaks in the source stay visible.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from .invisible import show_invisible, visible
from .lenses import registry, style_for
from .wording import cut


#: The confidence of an automatic highlight the lens is not sure of (the other is "sure").
CHECK_THIS = "check this"

#: What "check this" means on a sources mark, in a student's words. The analyze page shows
#: this sentence; the README, notebook 06 and its teacher guide say it word for word
#: (tests/test_check_this_words.py), so the four cannot drift apart.
CHECK_THIS_SOURCES = "the lens is less sure who is speaking, or whether the word is about speech at all"


def is_check_this(word) -> bool:
    """True when a confidence cell says "check this", however it is spaced or capitalised:
    the one way the kit reads that column."""
    return " ".join(str(word).split()).casefold() == CHECK_THIS


@dataclass(frozen=True)
class Span:
    """A highlight: characters ``start`` to ``end`` (end excluded) seen by ``lens``."""

    start: int
    end: int
    lens: str
    label: str = ""      # what the highlight says, e.g. "anonymous: source close to ..."
    id: str = ""         # lets a widget find the same finding again (data-span)
    emphasis: bool = False
    confidence: str = ""  # "check this" when an automatic lens is not sure (tag says "check")


def render_html(text: str, spans=(), *, legend: bool = True, title: str | None = None) -> str:
    """Return ``text`` as HTML with every span drawn as a ``<mark>``.

    Spans outside the text are clipped; empty spans are dropped. Where spans
    overlap without nesting, the inner one is closed and opened again, so the HTML
    stays well formed; every piece carries the same ``data-span``.
    """
    spans = _clean(text, spans)
    out = ['<div class="mlk-report" style="font-family:Georgia,serif;line-height:2.1;'
           'white-space:pre-wrap;max-width:46em">']
    if title:
        out.append(f'<h3 class="mlk-title">{show_invisible(html.escape(title))}</h3>')
    boundaries = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, s.lens))
    events = _events_by_stack(boundaries, ordered)
    if events is None:  # so many crossings that closing and reopening would not end
        events = _events_by_halves(boundaries, ordered)
    shown_tag: set[int] = set()
    for kind, item in events:
        if kind == "open":
            out.append(_open(item, first=id(item) not in shown_tag))
            shown_tag.add(id(item))
        elif kind == "close":
            out.append("</mark>")
        else:
            here, nxt = item
            out.append(_escape(text[here:nxt]))
    out.append("</div>")
    body = "".join(out)
    if legend:
        body = legend_html(sorted({s.lens for s in spans}, key=_lens_order)) + body
    return body


#: How many marks closing and reopening may cost, per highlight, before the renderer
#: cuts highlights into halves instead (see ``_events_by_halves``).
REOPEN_BUDGET = 8


def _events_by_stack(boundaries: list[int], spans: list[Span]):
    """What to write, in order: ("open", span), ("close", None) and ("text", (from, to)).

    Marks open in order. Where a span ends under others that go on, those are closed
    and opened again, the longest-lasting first (outermost), so that they need not
    be closed again soon. Each step looks only at the spans that end or start there,
    so nested highlights cost one step each. Returns None when the reopening grows
    past ``REOPEN_BUDGET`` per span (many highlights crossing each other).
    """
    starting: dict[int, list[Span]] = {}
    ending: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
        ending.setdefault(span.end, []).append(span)
    budget = REOPEN_BUDGET * len(spans) + 64
    events: list[tuple] = []
    stack: list[Span] = []
    depth_of: dict[int, int] = {}  # id(span) -> its place in the stack
    for here, nxt in zip(boundaries, boundaries[1:] + [None]):
        closing = ending.get(here)
        if closing:
            # Close down to the deepest span that ends here, then reopen the others.
            depth = min(depth_of[id(s)] for s in closing)
            events.extend(("close", None) for _ in range(len(stack) - depth))
            reopen = sorted((s for s in stack[depth:] if s.end != here), key=lambda s: -s.end)
            del stack[depth:]
            budget -= len(reopen)
            if budget < 0:
                return None
            for span in reopen:
                depth_of[id(span)] = len(stack)
                events.append(("open", span))
                stack.append(span)
        for span in starting.get(here, ()):
            depth_of[id(span)] = len(stack)
            events.append(("open", span))
            stack.append(span)
        if nxt is not None:
            events.append(("text", (here, nxt)))
    events.extend(("close", None) for _ in stack)
    return events


def _events_by_halves(boundaries: list[int], spans: list[Span]):
    """The same events for highlights that cross each other a great deal.

    The text between boundaries is halved, and the halves halved again, as a tree.
    Each highlight becomes the few pieces of that tree it covers whole (at most two
    per level), and pieces of a tree never cross: they nest, so no mark is ever
    reopened. Highlights * log2(boundaries) pieces at most.
    """
    count = len(boundaries) - 1
    index = {b: i for i, b in enumerate(boundaries)}
    pieces: list[tuple[int, int, int, Span]] = []
    for order, span in enumerate(spans):
        for lo, hi in _halves(index[span.start], index[span.end], 0, count):
            pieces.append((lo, -hi, order, span))
    pieces.sort(key=lambda p: p[:3])
    events: list[tuple] = []
    open_until: list[int] = []
    k = 0
    for i in range(count + 1):
        while open_until and open_until[-1] == i:
            open_until.pop()
            events.append(("close", None))
        while k < len(pieces) and pieces[k][0] == i:
            events.append(("open", pieces[k][3]))
            open_until.append(-pieces[k][1])
            k += 1
        if i < count:
            events.append(("text", (boundaries[i], boundaries[i + 1])))
    return events


def _halves(lo: int, hi: int, node_lo: int, node_hi: int):
    """The largest halves of node_lo..node_hi (halved again and again) that make up lo..hi."""
    if lo <= node_lo and node_hi <= hi:
        yield node_lo, node_hi
        return
    middle = (node_lo + node_hi) // 2
    if lo < middle:
        yield from _halves(lo, hi, node_lo, middle)
    if middle < hi:
        yield from _halves(lo, hi, middle, node_hi)


def _clean(text: str, spans) -> list[Span]:
    cleaned = []
    for span in spans:
        start, end = max(0, int(span.start)), min(len(text), int(span.end))
        if start < end:
            cleaned.append(span if (start, end) == (span.start, span.end)
                           else Span(start, end, span.lens, span.label, span.id, span.emphasis, getattr(span, "confidence", "")))
    return cleaned


def _define(term: str) -> str:
    """The glossary's definition of a label (a tooltip for students), or ""."""
    from .glossary import define

    return define(term) or ""


def _escape(piece: str) -> str:
    # Hidden direction and zero-width characters are shown as markers, not obeyed.
    return show_invisible(html.escape(piece, quote=True).replace("\r\n", "<br>").replace("\n", "<br>"))


def _lens_order(lens: str) -> int:
    keys = list(registry.views())
    return keys.index(lens) if lens in keys else len(keys)


def _open(span: Span, first: bool) -> str:
    style = style_for(span.lens)
    offset = 3 + 2 * min(_lens_order(span.lens), 6)
    css = (f"background:{style.background};color:#000;padding:0 1px;"
           f"text-decoration:underline {style.underline} {style.colour};"
           f"text-decoration-thickness:2px;text-underline-offset:{offset}px;"
           f"text-decoration-skip-ink:none")
    if span.emphasis:
        css += f";outline:3px solid {style.colour};outline-offset:1px"
    # A teacher's label may be a paragraph or hold a direction mark: cut it, show the mark.
    label = style.label + (f": {cut(visible(span.label.replace('_', ' ')))}" if span.label else "")
    meaning = _define(span.label) if span.label else ""
    if meaning:
        label += f" ({meaning})"
    unsure = getattr(span, "confidence", "") == CHECK_THIS  # any span-like object will do
    if unsure:
        label += f"; {CHECK_THIS}"
    attrs = [f'data-lens="{html.escape(span.lens, quote=True)}"', f'style="{html.escape(css, quote=True)}"',
             f'title="{html.escape(label, quote=True)}"']
    if span.id:
        attrs.insert(1, f'data-span="{html.escape(span.id, quote=True)}"')
    if span.emphasis:
        attrs.append('class="mlk-emphasis"')
    if unsure:
        attrs.append(f'data-confidence="{CHECK_THIS}"')
    tag = ""
    if first:
        # 11 px at least, whatever the text's size: a tag must stay readable (compact view, print).
        tag = (f'<span class="mlk-tag" style="font:bold max(11px, 0.6em) sans-serif;color:#000;'
               f'border:1px solid {html.escape(style.colour, quote=True)};border-radius:3px;padding:0 2px;'
               f'margin-right:2px;vertical-align:super;display:inline-block;line-height:1.2">{html.escape(style.tag)}'
               + (" \u00b7 check" if unsure else "") + "</span>")
    return f"<mark {' '.join(attrs)}>{tag}"


def legend_html(lenses) -> str:
    """A key to the highlights: the same mark and tag as in the text, with its name."""
    items = []
    for lens in lenses:
        style = style_for(lens)
        sample = _open(Span(0, 1, lens), first=True).replace("<mark ", '<mark aria-hidden="true" ', 1)
        meaning = _define(style.label)
        title = f' title="{html.escape(meaning, quote=True)}"' if meaning else ""
        items.append(f'<li style="display:inline-block;margin-right:1.2em"{title}>{sample}sample</mark> '
                     f'{html.escape(style.label)}</li>')
    if not items:
        return ""
    return ('<ul class="mlk-legend" aria-label="Key to the highlights" '
            'style="list-style:none;padding:0;margin:0 0 .5em 0;font-family:sans-serif">'
            + "".join(items) + "</ul>")


def span_id(report: str, view: str, n: int, origin: str = "") -> str:
    """The one id of a highlight: ``report|view|origin|n``, where ``origin`` is expert,
    auto, or (answer key and lens compared) agree, missed or extra. The reader's style
    sheet reads the origin part (``mark[data-span*="|missed|"]``)."""
    return f"{report}|{view}|{origin}|{n}"


def spans_from_frame(frame: pd.DataFrame, lens: str, label_column: str | None = None,
                     id_prefix: str = "", origin: str = "") -> list[Span]:
    """Turn answer-key or detector rows (start, end, ...) into spans of one lens.

    Each row goes to its view by the registry (the attribution lens has two, anonymous
    and named, chosen by ``kind``). ``label_column`` names the column whose value becomes
    the label; without one, the label is the registry's words for the row.
    """
    found = registry.get(lens) if registry.known(lens) else None
    spans = []
    counts: dict[tuple, int] = {}
    for row in frame.itertuples(index=False):
        record = row._asdict()
        view = found.view_for(record) if found is not None else lens
        if label_column:
            label = str(record.get(label_column, ""))
        else:
            label = found.words(record, str(record.get("quote", record.get("text", "")))).label if found else ""
        report = str(record.get("report", ""))
        n = counts.get((report, view), 0)
        counts[(report, view)] = n + 1
        spans.append(Span(int(record["start"]), int(record["end"]), view, label,
                          id_prefix + span_id(report, view, n, origin)))
    return spans
