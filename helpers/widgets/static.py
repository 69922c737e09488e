"""The static HTML form of every widget, for when widgets are not live.

Exported HTML, printed handouts and GitHub's notebook viewer cannot run a kernel, so
each widget also offers a still picture of itself: the same highlighted text, counts
and questions, without controls. Widgets put it in their display data as
``text/html`` beside the live widget; front ends that can show the live widget (JupyterLab,
Voila) show that instead. ``static_html(widget)`` returns it for any kit widget, and
``save_handout(path, *widgets)`` writes several to one printable HTML page.

All report text goes through the one renderer (``helpers.spans.render_html``) or
``html.escape``: report text is untrusted.
"""
from __future__ import annotations

import html
from pathlib import Path

#: Styles the reader adds to the renderer's marks: the status of a finding when the
#: answer key and the lens are compared, and the selected finding, as visible text.
STYLE = """<style>
.mlk-kit mark[data-span*="|agree|"] > .mlk-tag::after {content:" \\2713 both"}
.mlk-kit mark[data-span*="|missed|"] > .mlk-tag::after {content:" \\2717 key only"}
.mlk-kit mark[data-span*="|extra|"] > .mlk-tag::after {content:" ? lens only"}
.mlk-kit mark[data-span*="|missed|"] {outline:1px dashed #000}
.mlk-kit mark.mlk-emphasis > .mlk-tag::before {content:"\\25B6 "}
.mlk-kit mark.mlk-emphasis {box-shadow:0 0 0 2px #000}
.mlk-kit .mlk-report {max-width:none !important}
.mlk-kit .mlk-pane {border:1px solid #888;border-radius:4px;padding:.2em .8em;background:#fff;color:#000;overflow-wrap:anywhere}
.mlk-kit .mlk-compact .mlk-report {font-size:.8em;line-height:1.9 !important}
.mlk-kit .mlk-counts {font-family:sans-serif;font-size:.9em;margin:.2em 0}
.mlk-kit .mlk-notice {font-family:sans-serif;border-left:4px solid #D55E00;padding:.3em .6em;background:#FFF4EC;color:#000}
.mlk-kit .mlk-feedback {font-family:sans-serif;border-left:4px solid #0072B2;padding:.3em .6em;background:#EEF6FB;color:#000}
.mlk-wrap label, .mlk-wrap .widget-label-basic, .mlk-wrap .widget-label-basic span {white-space:normal !important;overflow:visible !important;text-overflow:clip !important}
.mlk-wrap .widget-checkbox {height:auto !important;min-height:var(--jp-widgets-inline-height,28px);flex-shrink:0 !important}
.mlk-sentences .widget-label-basic {line-height:1.45 !important;padding:3px 0;display:flex !important;align-items:flex-start;gap:.4em}
.mlk-sentences .widget-label-basic input {margin-top:.25em;flex-shrink:0}
.mlk-wrap .widget-radio-box label {white-space:normal !important;height:auto !important;line-height:1.4 !important;margin:.2em 0}
.mlk-kit .mlk-tag {font-size:max(11px, .6em) !important}
.mlk-kit .mlk-scroll {max-height:min(70vh, 44em);overflow-y:auto;overflow-x:hidden}
.mlk-kit .mlk-panes {flex-wrap:wrap !important;gap:1em}
.mlk-kit .mlk-panes > .mlk-column {flex:1 1 22em !important;min-width:0 !important;max-width:100%}
.mlk-kit .mlk-findings select {max-width:100%;overflow-x:hidden}
.mlk-kit .mlk-findings option {white-space:normal;overflow-wrap:break-word;word-break:normal}
.mlk-kit h3, .mlk-kit .mlk-counts {overflow-wrap:anywhere}
.mlk-wrap.widget-toggle-buttons, .mlk-wrap .btn-group {flex-wrap:wrap;height:auto !important}
.mlk-wrap.widget-toggle-buttons .widget-toggle-button {margin-bottom:2px}
.mlk-kit :is(button, select, input, textarea, summary, a, [tabindex], .mlk-scroll):focus-visible {outline:3px solid #0072B2 !important;outline-offset:2px !important;box-shadow:0 0 0 5px #fff !important}
</style>"""


def static_html(widget) -> str:
    """The still picture of a kit widget (any object with a ``static_html()`` method)."""
    maker = getattr(widget, "static_html", None)
    if maker is None:
        return f"<pre>{html.escape(repr(widget))}</pre>"
    return maker()


def frame(body: str, note: str = "") -> str:
    """Wrap a widget's still picture with the kit's styles and a short note."""
    note_html = (f'<p class="mlk-counts"><em>{html.escape(note)}</em></p>' if note else "")
    return f'{STYLE}<div class="mlk-kit mlk-static">{body}{note_html}</div>'


STATIC_NOTE = "A still picture of this widget: run the notebook to use it."


def save_handout(path, *widgets, title: str = "Media literacy kit: handout") -> Path:
    """Write the still pictures of ``widgets`` to one printable HTML page."""
    parts = [static_html(w) for w in widgets]
    page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title></head><body style=\"font-family:sans-serif;max-width:70em;margin:auto\">"
            f"<h1>{html.escape(title)}</h1>" + "<hr>".join(parts) + "</body></html>")
    target = Path(path)
    target.write_text(page, encoding="utf-8")
    return target


class StaticFallback:
    """Mix-in: put the widget's still picture in its display data as ``text/html``."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):
            data, metadata = bundle
        else:
            data, metadata = bundle, None
        if data is not None:
            try:
                data["text/html"] = self.static_html()
            except Exception as err:  # the live widget must still show
                data["text/html"] = f"<p>(no still picture: {html.escape(str(err))})</p>"
        return (data, metadata) if metadata is not None else data
