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

from .invisible import show_invisible
from .lenses import STYLES, style_for


@dataclass(frozen=True)
class Span:
    """A highlight: characters ``start`` to ``end`` (end excluded) seen by ``lens``."""

    start: int
    end: int
    lens: str
    label: str = ""      # what the highlight says, e.g. "anonymous: source close to ..."
    id: str = ""         # lets a widget find the same finding again (data-span)
    emphasis: bool = False


def render_html(text: str, spans=(), *, legend: bool = True, title: str | None = None) -> str:
    """Return ``text`` as HTML with every span drawn as a ``<mark>``.

    Spans outside the text are clipped; empty spans are dropped. Where spans
    overlap without nesting, the inner one is closed and opened again, so the HTML
    stays well formed; every piece carries the same ``data-span``.
    """
    spans = _clean(text, spans)
    out = [f'<div class="mlk-report" style="font-family:Georgia,serif;line-height:2.1;'
           f'white-space:pre-wrap;max-width:46em">']
    if title:
        out.append(f'<h3 class="mlk-title">{html.escape(title)}</h3>')
    boundaries = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    starting: dict[int, list[Span]] = {}
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.lens)):
        starting.setdefault(span.start, []).append(span)
    stack: list[Span] = []
    shown_tag: set[int] = set()
    for here, nxt in zip(boundaries, boundaries[1:] + [None]):
        ending = [s for s in stack if s.end == here]
        if ending:
            # Close down to the deepest span that ends here, then reopen the others.
            depth = min(stack.index(s) for s in ending)
            for _ in range(len(stack) - depth):
                out.append("</mark>")
            reopen = [s for s in stack[depth:] if s.end != here]
            del stack[depth:]
            for span in reopen:
                out.append(_open(span, first=False))
                stack.append(span)
        for span in starting.get(here, []):
            out.append(_open(span, first=id(span) not in shown_tag))
            shown_tag.add(id(span))
            stack.append(span)
        if nxt is not None:
            out.append(_escape(text[here:nxt]))
    out.extend("</mark>" for _ in stack)
    out.append("</div>")
    body = "".join(out)
    if legend:
        body = legend_html(sorted({s.lens for s in spans}, key=_lens_order)) + body
    return body


def _clean(text: str, spans) -> list[Span]:
    cleaned = []
    for span in spans:
        start, end = max(0, int(span.start)), min(len(text), int(span.end))
        if start < end:
            cleaned.append(span if (start, end) == (span.start, span.end)
                           else Span(start, end, span.lens, span.label, span.id, span.emphasis))
    return cleaned


def _escape(piece: str) -> str:
    # Hidden direction and zero-width characters are shown as markers, not obeyed.
    return show_invisible(html.escape(piece, quote=True).replace("\r\n", "<br>").replace("\n", "<br>"))


def _lens_order(lens: str) -> int:
    keys = list(STYLES)
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
    label = style.label + (f": {span.label}" if span.label else "")
    attrs = [f'data-lens="{html.escape(span.lens, quote=True)}"', f'style="{css}"',
             f'title="{html.escape(label, quote=True)}"']
    if span.id:
        attrs.insert(1, f'data-span="{html.escape(span.id, quote=True)}"')
    if span.emphasis:
        attrs.append('class="mlk-emphasis"')
    tag = ""
    if first:
        tag = (f'<span class="mlk-tag" style="font:bold 0.6em sans-serif;color:#000;'
               f'border:1px solid {style.colour};border-radius:3px;padding:0 2px;'
               f'margin-right:2px;vertical-align:super;display:inline-block;line-height:1.2">{html.escape(style.tag)}</span>')
    return f"<mark {' '.join(attrs)}>{tag}"


def legend_html(lenses) -> str:
    """A key to the highlights: the same mark and tag as in the text, with its name."""
    items = []
    for lens in lenses:
        style = style_for(lens)
        sample = _open(Span(0, 1, lens), first=True).replace("<mark ", '<mark aria-hidden="true" ', 1)
        items.append(f'<li style="display:inline-block;margin-right:1.2em">{sample}sample</mark> '
                     f'{html.escape(style.label)}</li>')
    if not items:
        return ""
    return ('<ul class="mlk-legend" aria-label="Key to the highlights" '
            'style="list-style:none;padding:0;margin:0 0 .5em 0;font-family:sans-serif">'
            + "".join(items) + "</ul>")


def attribution_view(kind: str) -> str:
    """Which view an attribution belongs to: hidden sources are 'anonymous'."""
    return "anonymous" if kind in ("anonymous", "vague_collective") else "named"


def spans_from_frame(frame: pd.DataFrame, lens: str, label_column: str | None = None,
                     id_prefix: str = "") -> list[Span]:
    """Turn answer-key or detector rows (start, end, ...) into spans of one lens.

    For the attribution lens each row goes to the anonymous or named view by its
    ``kind``. ``label_column`` names the column whose value becomes the label.
    """
    spans = []
    for index, row in enumerate(frame.itertuples(index=False)):
        record = row._asdict()
        view = lens
        if lens in ("attribution", "attributions"):
            view = attribution_view(record.get("kind", ""))
        label = str(record.get(label_column, "")) if label_column else ""
        spans.append(Span(int(record["start"]), int(record["end"]), view, label,
                          f"{id_prefix}{view}-{index}"))
    return spans
