"""The side-by-side reader: two reports next to each other, seen through lenses.

``ReaderModel`` holds the logic (which reports, which lenses, which source, which
finding is selected) and produces HTML strings; ``SideBySideReader`` is the view that
wires controls to it. Tests drive the model by setting its traits or the controls'
``value`` and read the HTML it produced, with no browser.

``CompactModel`` / ``CompactReader`` show every report of the case at once, small.

The panes are drawn by the kit's one renderer (``helpers.spans.render_html``): every
highlight is a ``<mark data-lens="...">`` with colour AND a text tag; report text is
escaped. When the source is "both", a tag also says whether the answer key and the
lens agree ("both"), only the key has it ("key only") or only the lens ("lens only").

An automatic highlight carries the lens's ``confidence``: "sure" or "check this" (a lens
with no such column is taken as sure; the answer key is always sure). A "check this"
mark's tag ends in "check", the legend says what that means, and the switch "Show only
the marks the computer is sure of" (``only_sure``) hides them; it is greyed out, with the
reason beside it, when the highlights come from the answer key.

The panes scroll on their own and sit side by side when there is room, one above the
other when there is not (a phone). An invisible helper (``behaviour.Behaviour``) scrolls
a picked finding's ▶ mark into view in its pane, keeps ``aria-pressed`` on the toggle
buttons and keeps the list's arrow keys away from JupyterLab's "next cell".
"""
from __future__ import annotations

import html
import time

import ipywidgets as widgets
import traitlets
from traitlets import Bool, Enum, HasTraits, List, Tuple, Unicode, observe, validate

from .. import wording
from ..lenses import registry
from ..spans import CHECK_THIS, Span, legend_html, render_html
from .behaviour import Behaviour
from .findings import (SOURCE_LABELS, SOURCES, STATUS_SHORT, STATUS_TEXT, FindingsIndex,
                       context, report_labels, short_report_labels)
from .static import STATIC_NOTE, STYLE, StaticFallback, frame

SIDES = ("left", "right")
NO_SELECTION = ""
NO_SELECTION_LABEL = "(pick a finding to compare it with the other report)"
#: What "check this" means, for a 15-year-old (the legend, and the switch's tooltip).
CHECK_MEANING = ("A tag that ends in \u201c\u00b7 check\u201d means \u201ccheck this\u201d: the computer is not "
                 "sure about that mark, so read the sentence yourself and decide. Sure does not mean right: "
                 "hiding the \u201ccheck\u201d marks also hides true ones, and a sure mark can be wrong.")
ONLY_SURE_LABEL = "Show only the marks the computer is sure of"
#: Said next to the switch while the highlights come from the answer key (it is off then).
ONLY_SURE_OFF_REASON = ("(This works only with the automatic lenses. Every mark in the answer key was "
                        "checked by a person, so there is nothing to hide.)")


def _indexes() -> dict:
    if not hasattr(_indexes, "cache"):
        _indexes.cache = {}
    return _indexes.cache


def findings_index(case) -> FindingsIndex:
    """One FindingsIndex per case object, shared by every widget in the kernel."""
    cache = _indexes()
    if id(case) not in cache or cache[id(case)][0] is not case:
        cache[id(case)] = (case, FindingsIndex(case))
    return cache[id(case)][1]


def _short(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters at most, never leaving a bracket open."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if cut.count("(") > cut.count(")"):   # "(Russia's ambassador in Venez…": leave the bracket out
        cut = cut[: cut.rindex("(")]
    return cut.rstrip(" ,;:\u00b7") + "\u2026"


def _family(view: str) -> str:
    """The lens a view belongs to (both source views are the one sources lens)."""
    return registry.lens_of_view(view).name if view in registry.views() else view


def _source_note(source: str) -> str:
    return {"expert": "from the answer key", "auto": "from the automatic lenses",
            "both": "from the answer key and the automatic lenses, compared"}[source]


def counts_html(found: list, lenses, source: str, problems: dict) -> str:
    """One line per lens: its tag, its name and how many findings are in view."""
    items = []
    for view in lenses:
        style = registry.views()[view]
        mine = [f for f in found if f.view == view]
        text = f"{len(mine)}"
        if source == "both" and view not in registry.pair_views():
            parts = [f"{sum(f.status == s for f in mine)} {STATUS_SHORT[s]}" for s in ("agree", "missed", "extra")]
            text += f" ({', '.join(parts)})"
        if problems.get(view):
            text += " (not available)"
        items.append(f'<li style="display:inline-block;margin-right:1em">'
                     f'<span style="font-weight:bold;border:1px solid {html.escape(style.colour, quote=True)};border-radius:3px;'
                     f'padding:0 2px;background:{html.escape(style.background, quote=True)};color:#000">{html.escape(style.tag)}</span> '
                     f'{html.escape(style.label)}: <strong>{text}</strong></li>')
    if not items:
        return '<p class="mlk-counts">No lens is switched on: tick one above to see highlights.</p>'
    return ('<ul class="mlk-counts" aria-label="How many findings of each lens" '
            'style="list-style:none;padding:0;margin:.2em 0">' + "".join(items) + "</ul>")


class ReaderModel(HasTraits):
    """What the side-by-side reader shows; every output is an HTML string trait."""

    left = Unicode()
    right = Unicode()
    lenses = Tuple()
    source = Enum(SOURCES, default_value="expert")
    selected = Unicode(NO_SELECTION)
    only_sure = Bool(False)  # hide automatic marks whose confidence is "check this"

    left_html = Unicode()
    right_html = Unicode()
    left_counts = Unicode()
    right_counts = Unicode()
    left_title = Unicode()
    right_title = Unicode()
    legend = Unicode()
    findings = List()      # [(label, id)], the first is "no selection"
    detail = Unicode()     # what the selected finding is, and its counterpart
    notices = Unicode()    # lenses that cannot be shown, and why
    rendered = traitlets.Integer(0)  # goes up after every render: views redraw on it

    def __init__(self, case, left=None, right=None, lenses=("anonymous",), source="expert", index=None,
                 only_sure: bool = False):
        self.case = case
        self.index = index or findings_index(case)
        self.labels = report_labels(case)
        self.short_labels = short_report_labels(case)
        ids = list(case.reports)
        super().__init__()
        self._ready = False
        self.left = left or ids[0]
        self.right = right or (ids[1] if len(ids) > 1 else ids[0])
        self.lenses = tuple(lenses)
        self.source = source
        self.only_sure = bool(only_sure)
        self._in_view: dict[str, list] = {"left": [], "right": []}
        self._hidden = 0
        self._problems: dict[str, str] = {}
        self.last_render_ms = 0.0
        self._ready = True
        self.refresh()

    # -- checking what is set ----------------------------------------------------

    @validate("left", "right")
    def _check_report(self, proposal):
        value = proposal["value"]
        if value not in self.case.reports:
            raise traitlets.TraitError(f"no report {value!r} in this case; the reports are: {', '.join(self.case.reports)}")
        return value

    @validate("lenses")
    def _check_lenses(self, proposal):
        wanted = tuple(proposal["value"])
        unknown = [v for v in wanted if v not in tuple(registry.views())]
        if unknown:
            raise traitlets.TraitError(f"unknown lens {unknown[0]!r}; the lenses are: {', '.join(tuple(registry.views()))}")
        return tuple(v for v in tuple(registry.views()) if v in wanted)  # the order of the controls

    # -- reacting ------------------------------------------------------------------

    @observe("left", "right", "lenses", "source", "only_sure")
    def _changed(self, change):
        if self._ready:
            self.refresh()

    @observe("selected")
    def _selected(self, change):
        if self._ready:
            self.render()

    def set_lens(self, view: str, on: bool = True) -> None:
        """Switch one lens on or off."""
        current = set(self.lenses)
        current = current | {view} if on else current - {view}
        self.lenses = tuple(current)

    def refresh(self) -> None:
        """Collect the findings in view, then render; keep the selection if it is still there."""
        started = time.perf_counter()
        self._problems = {}
        self._hidden = 0
        for side, rid, other in (("left", self.left, self.right), ("right", self.right, self.left)):
            found = []
            for view in self.lenses:
                found += self.index.findings(rid, view, self.source, other=other)
            if self.only_sure:  # the answer key's findings are always "sure", so they stay
                kept = [f for f in found if f.confidence != CHECK_THIS]
                self._hidden += len(found) - len(kept)
                found = kept
            self._in_view[side] = found
        for view in self.lenses:
            message = self.index.problem(view, self.source)
            if message:
                self._problems[view] = message
        options = [(NO_SELECTION_LABEL, NO_SELECTION)]
        for side in SIDES:
            name = self.short_labels[getattr(self, side)]  # short, never cut inside its brackets
            for f in self._in_view[side]:
                status = f" [{STATUS_SHORT[f.status]}]" if f.status else ""
                unsure = " \u00b7 check" if f.confidence == CHECK_THIS else ""
                options.append((f"{side.title()} ({name}) \u00b7 {registry.views()[f.view].tag}{unsure}{status} \u00b7 "
                                f"\u201c{_short(f.quote, 40)}\u201d \u00b7 {_short(f.list_label, 60)}", f"{side}/{f.id}"))
        self.findings = options
        ids = {value for _, value in options}
        self._ready = False
        if self.selected not in ids:
            self.selected = NO_SELECTION
        self._ready = True
        self.render(started)

    def _find(self, selected: str):
        side, _, fid = selected.partition("/")
        for f in self._in_view.get(side, []):
            if f.id == fid:
                return side, f
        return None, None

    def counterparts(self, selected: str | None = None) -> list:
        """Findings in the other report that match the selected one (same group)."""
        side, f = self._find(selected if selected is not None else self.selected)
        if f is None or not f.group:
            return []
        other = "right" if side == "left" else "left"
        return [g for g in self._in_view[other] if g.group == f.group and _family(g.view) == _family(f.view)]

    def render(self, started: float | None = None) -> None:
        started = started or time.perf_counter()
        side_sel, chosen = self._find(self.selected)
        emphasised = set()
        if chosen is not None:
            emphasised.add(f"{side_sel}/{chosen.id}")
            other = "right" if side_sel == "left" else "left"
            emphasised |= {f"{other}/{g.id}" for g in self.counterparts()}
        for side in SIDES:
            rid = getattr(self, side)
            text = self.case.reports[rid].text
            spans = []
            for f in self._in_view[side]:
                label = f.label + (f" ({STATUS_TEXT[f.status]})" if f.status else "")
                spans.append(Span(f.start, f.end, f.view, label, f"{side}/{f.id}", f"{side}/{f.id}" in emphasised,
                                  f.confidence if f.confidence == CHECK_THIS else ""))
            body = render_html(text, spans, legend=False)
            setattr(self, f"{side}_html", f'<div class="mlk-pane" data-report="{html.escape(rid)}" data-side="{side}">{body}</div>')
            setattr(self, f"{side}_counts", counts_html(self._in_view[side], self.lenses, self.source, self._problems))
            report = self.case.reports[rid]
            meta = ", ".join(x for x in (report.author or "author not given",
                                         wording.date(report.date) or "date not given",
                                         wording.count(report.words, "word")) if x)
            setattr(self, f"{side}_title", f'<h3 style="margin:.2em 0">{side.title()}: {html.escape(self.labels[rid])}</h3>'
                                           f'<p class="mlk-counts" style="margin:0">{html.escape(meta)}</p>')
        self.legend = self._legend()
        self.detail = self._detail(side_sel, chosen)
        notices = [f"{registry.views()[v].label}: {m}" for v, m in self._problems.items()]
        if self.left == self.right:
            notices.insert(0, "The same report is on both sides: pick another report for one side to compare.")
        self.notices = "".join(f'<p class="mlk-notice" role="status">\u26a0 {html.escape(n)}</p>' for n in notices)
        self.last_render_ms = (time.perf_counter() - started) * 1000
        self.rendered += 1

    def _legend(self) -> str:
        key = legend_html(self.lenses)
        note = f"Highlights {_source_note(self.source)}."
        if self.source == "both":
            note += (" The tag after each highlight says \u201c\u2713 both\u201d (key and lens agree), "
                     "\u201c\u2717 key only\u201d (the lens missed it, dashed box) or \u201c? lens only\u201d "
                     "(not in the answer key).")
        for view in (v for v in registry.pair_views() if v in self.lenses and self.source != "auto"):
            note += f" {registry.views()[view].label} always come from the automatic comparison of the two texts."
        if self.source != "expert":
            note += " " + CHECK_MEANING
            if self.only_sure:
                note += (f" Now showing only the marks it is sure of (hidden: {self._hidden} to check)."
                         if self._hidden else " Now showing only the marks it is sure of.")
        return key + f'<p class="mlk-counts">{html.escape(note)}</p>'

    def _detail(self, side, chosen) -> str:
        if chosen is None:
            return ('<p class="mlk-feedback">Pick a finding in the list to see it marked with \u25b6 '
                    "in its report, and what the other report says instead.</p>")
        other = "right" if side == "left" else "left"
        rid, other_rid = getattr(self, side), getattr(self, other)
        parts = [f"<p><strong>{html.escape(self.labels[rid])}</strong> ({side}): "
                 f"{self._quote_html(rid, chosen)}<br>{registry.views()[chosen.view].label}: {html.escape(chosen.label)}"
                 + (f" ({html.escape(STATUS_TEXT[chosen.status])})" if chosen.status else "")
                 + (". The computer is not sure about this one: read the sentence and decide."
                    if chosen.confidence == CHECK_THIS else "") + "</p>"]
        matches = self.counterparts()
        what = registry.same_as(chosen.group)
        if matches:
            for g in matches[:5]:
                parts.append(f"<p><strong>{html.escape(self.labels[other_rid])}</strong> ({other}), {what}: "
                             f"{self._quote_html(other_rid, g)}<br>{html.escape(g.label)}</p>")
            if len(matches) > 5:
                parts.append(f"<p>\u2026 and {len(matches) - 5} more, marked \u25b6 in the {other} report.</p>")
        else:
            parts.append(f"<p><strong>{html.escape(self.labels[other_rid])}</strong> ({other}) has no finding with "
                         f"{what} as \u201c{html.escape(_short(chosen.quote, 60))}\u201d among the highlights in view.</p>")
        return '<div class="mlk-feedback" role="status" aria-live="polite">' + "".join(parts) + "</div>"

    def _quote_html(self, rid: str, f) -> str:
        before, quote, after = context(self.case.reports[rid].text, f.start, f.end)
        return (f"{html.escape(before)}<mark style=\"background:{html.escape(registry.views()[f.view].background, quote=True)};color:#000;"
                f"font-weight:bold\">{html.escape(' '.join(quote.split()))}</mark>{html.escape(after)}")

    def static_html(self) -> str:
        panes = "".join(
            f'<div style="flex:1 1 18em;min-width:0">{getattr(self, s + "_title")}{getattr(self, s + "_counts")}'
            f'{getattr(self, s + "_html")}</div>' for s in SIDES)
        body = (self.legend + self.notices + self.detail
                + f'<div style="display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start">{panes}</div>')
        return frame(body, STATIC_NOTE)


def lens_checkboxes(lenses) -> dict[str, widgets.Checkbox]:
    """One labelled checkbox per lens, named as students read it."""
    return {v: widgets.Checkbox(value=v in lenses, description=registry.views()[v].label, indent=False,
                                layout=widgets.Layout(width="auto", margin="0 1em 0 0"),
                                tooltip=f"Show {registry.views()[v].label.lower()} (tag {registry.views()[v].tag})")
            for v in tuple(registry.views())}


def source_buttons(value: str) -> widgets.ToggleButtons:
    buttons = widgets.ToggleButtons(
        options=[(SOURCE_LABELS[s], s) for s in SOURCES], value=value, description="Highlights from",
        tooltips=["The expert answer key", "The automatic lenses (rules anyone can read)",
                  "Both: where they agree, and what each misses"],
        style={"description_width": "initial", "button_width": "auto"})
    buttons.add_class("mlk-wrap")
    return buttons


def only_sure_box(value: bool, source: str) -> widgets.Checkbox:
    """The switch that hides the automatic marks the computer is not sure of. With the
    answer key it is greyed out (every mark of the key is sure): see :func:`only_sure_reason`."""
    box = widgets.Checkbox(value=value, description=ONLY_SURE_LABEL, indent=False, tooltip=CHECK_MEANING,
                           layout=widgets.Layout(width="auto"))
    box.disabled = source == "expert"
    return box


def only_sure_reason(source: str) -> str:
    """What is said next to the switch: why it is off while the answer key is shown, else nothing."""
    return (f'<span class="mlk-counts" role="note">{html.escape(ONLY_SURE_OFF_REASON)}</span>'
            if source == "expert" else "")


class SideBySideReader(StaticFallback, widgets.VBox):
    """Two reports side by side; lenses on and off; findings linked across the two.

    ``SideBySideReader(case, left="breitbart", right="moscow-times-web",
    lenses=("anonymous",), source="expert", notes_key=None)``. ``.model`` holds the
    state; the controls are ``.left_choice``, ``.right_choice``, ``.lens_boxes[view]``,
    ``.source_choice`` and ``.finding_choice``.
    """

    def __init__(self, case, left=None, right=None, lenses=("anonymous",), source="expert",
                 notes_key: str | None = None, journal=None, only_sure: bool = False, **kwargs):
        self.model = ReaderModel(case, left, right, lenses, source, only_sure=only_sure)
        options = [(label, rid) for rid, label in self.model.labels.items()]
        wide = widgets.Layout(width="auto", min_width="min(24em, 100%)", margin="0 2em 0 0")
        self.left_choice = widgets.Dropdown(options=options, value=self.model.left, description="Left report",
                                            style={"description_width": "initial"}, layout=wide)
        self.right_choice = widgets.Dropdown(options=options, value=self.model.right, description="Right report",
                                             style={"description_width": "initial"}, layout=wide)
        self.lens_boxes = lens_checkboxes(self.model.lenses)
        self.source_choice = source_buttons(self.model.source)
        self.only_sure_choice = only_sure_box(self.model.only_sure, self.model.source)
        self.only_sure_note = widgets.HTML(only_sure_reason(self.model.source))
        self._syncing = False
        self.finding_choice = widgets.Select(options=self.model.findings, value=NO_SELECTION, rows=6,
                                             description="Findings", style={"description_width": "initial"},
                                             layout=widgets.Layout(width="98%"))
        self.finding_choice.add_class("mlk-findings")
        self.legend = widgets.HTML()
        self.notices = widgets.HTML()
        self.detail = widgets.HTML()
        self.panes = {}
        columns = []
        for side in SIDES:
            title, counts, text = widgets.HTML(), widgets.HTML(), widgets.HTML()
            text.add_class(f"mlk-pane-{side}")
            text.add_class("mlk-scroll")  # the pane scrolls; a picked finding is scrolled into view in it
            self.panes[side] = (title, counts, text)
            column = widgets.VBox([title, counts, text])
            column.add_class("mlk-column")
            columns.append(column)
        lens_row = widgets.HBox([widgets.Label("Lenses:")] + list(self.lens_boxes.values()),
                                layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        lens_row.add_class("mlk-wrap")
        panes = widgets.HBox(columns, layout=widgets.Layout(align_items="flex-start", width="100%"))
        panes.add_class("mlk-panes")  # side by side when there is room, one above the other when not
        children = [
            widgets.HTML(STYLE + f'<p style="margin:0"><strong>The story:</strong> {html.escape(case.title)}</p>'),
            widgets.HBox([self.left_choice, self.right_choice], layout=widgets.Layout(flex_flow="row wrap")),
            lens_row, self.source_choice,
            widgets.HBox([self.only_sure_choice, self.only_sure_note],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="center")),
            self.legend, self.notices, self.finding_choice,
            self.detail, panes, Behaviour(),
        ]
        self.notes = None
        if notes_key:
            from .exercises import Reflection
            self.notes = Reflection("Your notes on these reports: what does one say that the other does not?",
                                    key=notes_key, journal=journal, kind="notes")
            children.append(self.notes)
        super().__init__(children, **kwargs)
        self.add_class("mlk-kit")
        self.add_class("mlk-reader")
        self._wire()
        self._show()

    def _wire(self) -> None:
        widgets.link((self.left_choice, "value"), (self.model, "left"))
        widgets.link((self.right_choice, "value"), (self.model, "right"))
        widgets.link((self.source_choice, "value"), (self.model, "source"))
        widgets.link((self.only_sure_choice, "value"), (self.model, "only_sure"))
        self.model.observe(self._source_changed, names="source")
        for view, box in self.lens_boxes.items():
            box.observe(lambda change, v=view: self.model.set_lens(v, change["new"]), names="value")
        self.model.observe(self._lenses_changed, names="lenses")
        self.finding_choice.observe(self._pick, names="value")
        self.model.observe(self._show, names="rendered")

    def _source_changed(self, change) -> None:
        self.only_sure_choice.disabled = change["new"] == "expert"  # the answer key is always sure
        self.only_sure_note.value = only_sure_reason(change["new"])

    def _lenses_changed(self, change) -> None:
        for view, box in self.lens_boxes.items():
            if box.value != (view in change["new"]):
                box.value = view in change["new"]

    def _pick(self, change) -> None:
        if self._syncing:  # new options reset the list's value; the model keeps the selection
            return
        value = change["new"] if change["new"] is not None else NO_SELECTION
        if value != self.model.selected:
            self.model.selected = value

    def _show(self, change=None) -> None:
        m = self.model
        with self.hold_sync():
            self._syncing = True
            try:
                if list(self.finding_choice.options) != list(m.findings):
                    self.finding_choice.options = m.findings
                if self.finding_choice.value != m.selected:
                    self.finding_choice.value = m.selected
            finally:
                self._syncing = False
            for side in SIDES:
                title, counts, text = self.panes[side]
                for widget, value in ((title, getattr(m, side + "_title")), (counts, getattr(m, side + "_counts")),
                                      (text, getattr(m, side + "_html"))):
                    if widget.value != value:
                        widget.value = value
            for widget, value in ((self.legend, m.legend), (self.detail, m.detail), (self.notices, m.notices)):
                if widget.value != value:
                    widget.value = value

    def static_html(self) -> str:
        return self.model.static_html()


class CompactModel(HasTraits):
    """Every report of the case at once, through the same lenses."""

    lenses = Tuple()
    source = Enum(SOURCES, default_value="expert")
    panes = List()        # [(report id, title html, counts html, text html)]
    legend = Unicode()
    notices = Unicode()
    rendered = traitlets.Integer(0)

    def __init__(self, case, lenses=("numbers",), source="expert", index=None):
        self.case = case
        self.index = index or findings_index(case)
        self.labels = report_labels(case)
        super().__init__()
        self._ready = False
        self.lenses = tuple(lenses)
        self.source = source
        self._ready = True
        self.refresh()

    @validate("lenses")
    def _check_lenses(self, proposal):
        return ReaderModel._check_lenses(self, proposal)

    def set_lens(self, view: str, on: bool = True) -> None:
        current = set(self.lenses)
        self.lenses = tuple(current | {view} if on else current - {view})

    @observe("lenses", "source")
    def _changed(self, change):
        if self._ready:
            self.refresh()

    def refresh(self) -> None:
        panes, problems = [], {}
        for rid, report in self.case.reports.items():
            found = []
            for view in self.lenses:
                found += self.index.findings(rid, view, self.source, other=None)
            for view in self.lenses:
                message = self.index.problem(view, self.source)
                if message:
                    problems[view] = message
            spans = [Span(f.start, f.end, f.view, f.label + (f" ({STATUS_TEXT[f.status]})" if f.status else ""),
                          f"{rid}/{f.id}", confidence=f.confidence if f.confidence == CHECK_THIS else "")
                     for f in found]
            text = (f'<div class="mlk-pane mlk-compact" data-report="{html.escape(rid)}" '
                    f'style="max-height:28em;overflow-y:auto">{render_html(report.text, spans, legend=False)}</div>')
            title = f'<h4 style="margin:.2em 0">{html.escape(self.labels[rid])}</h4>'
            panes.append((rid, title, counts_html(found, self.lenses, self.source, problems), text))
        self.panes = panes
        note = f"Highlights {_source_note(self.source)}." + (" " + CHECK_MEANING if self.source != "expert" else "")
        self.legend = legend_html(self.lenses) + f'<p class="mlk-counts">{html.escape(note)}</p>'
        self.notices = "".join(f'<p class="mlk-notice" role="status">\u26a0 {html.escape(registry.views()[v].label)}: '
                               f"{html.escape(m)}</p>" for v, m in problems.items())
        self.rendered += 1

    def static_html(self) -> str:
        cells = "".join(f'<div style="min-width:14em">{t}{c}{x}</div>' for _, t, c, x in self.panes)
        return frame(self.legend + self.notices
                     + f'<div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(16em,1fr));gap:.8em">{cells}</div>',
                     STATIC_NOTE)


class CompactReader(StaticFallback, widgets.VBox):
    """All the reports of a case at once, small, with the same lens controls."""

    def __init__(self, case, lenses=("numbers",), source="expert", columns: int = 3, **kwargs):
        self.model = CompactModel(case, lenses, source)
        self.lens_boxes = lens_checkboxes(self.model.lenses)
        self.source_choice = source_buttons(self.model.source)
        self.legend = widgets.HTML()
        self.notices = widgets.HTML()
        self.cells = {rid: (widgets.HTML(), widgets.HTML(), widgets.HTML()) for rid in case.reports}
        grid = widgets.GridBox([widgets.VBox(list(parts)) for parts in self.cells.values()],
                               layout=widgets.Layout(grid_template_columns=f"repeat({columns}, minmax(0, 1fr))",
                                                     grid_gap="0.8em", width="100%"))
        lens_row = widgets.HBox([widgets.Label("Lenses:")] + list(self.lens_boxes.values()),
                                layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        lens_row.add_class("mlk-wrap")
        super().__init__([widgets.HTML(STYLE), lens_row, self.source_choice, self.legend, self.notices, grid,
                          Behaviour()], **kwargs)
        self.add_class("mlk-kit")
        widgets.link((self.source_choice, "value"), (self.model, "source"))
        for view, box in self.lens_boxes.items():
            box.observe(lambda change, v=view: self.model.set_lens(v, change["new"]), names="value")
        self.model.observe(self._show, names="rendered")
        self._show()

    def _show(self, change=None) -> None:
        with self.hold_sync():
            for rid, title, counts, text in self.model.panes:
                for widget, value in zip(self.cells[rid], (title, counts, text)):
                    if widget.value != value:
                        widget.value = value
            self.legend.value = self.model.legend
            self.notices.value = self.model.notices

    def static_html(self) -> str:
        return self.model.static_html()
