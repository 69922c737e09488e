"""Two explorers: the source chain, and the numbers each report gives.

- ``SourceChainExplorer(case, report="hannity")``: the chain drawn with matplotlib;
  pick a report and its way back to The Wall Street Journal is drawn thick, with the
  words of each report that show each link.
- ``NumbersExplorer(case, claim="rostec_staff_now")``: pick a claim; a table and a
  range chart show what each report says, with its hedge words, and which ranges do
  not overlap (they cannot all be right, if they count the same thing).

Models (``SourceChainModel``, ``NumbersModel``) hold the logic and produce HTML; the
views wire a labelled dropdown to them.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
from traitlets import HasTraits, Unicode, observe, validate, TraitError

from .. import charts
from ..annotations import paths_to_origin
from .reader import report_labels
from .static import STATIC_NOTE, STYLE, StaticFallback, frame
from ..lenses import registry
from ..wording import count, likely, number, number_range


def _flat(text) -> str:
    return " ".join(str(text).split())


class SourceChainModel(HasTraits):
    """Which report is followed back to the origin, and the way it takes."""

    report = Unicode()
    scope = Unicode("chain")
    chart = Unicode()     # <img> of the graph
    steps = Unicode()     # the way back, link by link, with quotes

    def __init__(self, case, report: str | None = None, scope: str = "chain", draw: bool = True):
        super().__init__()
        self.case = case
        self.draw = draw  # False: text only (tests of the logic; no matplotlib)
        self.labels = report_labels(case)
        self.links = case.source_chain()
        self.origin = case.origin  # the original outlet, from case.yml
        self._charts: dict[tuple, str] = {}
        self._ready = False
        self.scope = scope
        self.report = report or next(iter(case.reports))
        self._ready = True
        self.refresh()

    @validate("report")
    def _check(self, proposal):
        if proposal["value"] not in self.case.reports:
            raise TraitError(f"no report {proposal['value']!r}; the reports are: {', '.join(self.case.reports)}")
        return proposal["value"]

    @validate("scope")
    def _check_scope(self, proposal):
        if proposal["value"] not in ("chain", "all"):
            raise TraitError("scope is 'chain' or 'all'")
        return proposal["value"]

    @observe("report", "scope")
    def _changed(self, change):
        if self._ready:
            self.refresh()

    def name(self, node: str) -> str:
        return self.labels.get(node, node)

    def paths(self) -> list[list[dict]]:
        """The shortest ways from the report back to the origin, one per sequence of
        sources (two links between the same pair, e.g. "cites" and "quotes", are one step)."""
        found, seen = [], set()
        for path in paths_to_origin(self.links, self.report, self.origin) if self.origin else []:
            nodes = tuple((l["citing"], l["cited"]) for l in path)
            if nodes not in seen:
                seen.add(nodes)
                found.append(path)
        return found

    def refresh(self) -> None:
        key = (self.report, self.scope)
        paths = self.paths()
        if self.draw and key not in self._charts:
            fig = charts.source_chain_graph(self.case, highlight=self.report, scope=self.scope, paths=paths)
            self._charts[key] = charts.figure_html(fig)
        self.chart = self._charts.get(key, "")
        self.steps = self._steps_html(paths)

    def _quotes(self, citing, cited) -> list[tuple[str, str, str]]:
        rows = self.links[(self.links["citing"] == citing) & (self.links["cited"] == cited)
                          & (self.links["relation"] != "rebuts")]
        return [(r["relation"], r["report"], _flat(r["quote"])) for r in rows.to_dict("records")]

    def _steps_html(self, paths) -> str:
        name = html.escape(self.name(self.report))
        if not paths:
            body = (f"<p>The answer key shows no way from {name} back to {html.escape(self.origin or 'the original report')}: "
                    "it does not say where its story comes from.</p>")
        else:
            body = ""
            for n, path in enumerate(paths, 1):
                items = []
                for link in path:
                    quotes = self._quotes(link["citing"], link["cited"])
                    relations = " and ".join(dict.fromkeys(rel for rel, _, _ in quotes)) or link["relation"]
                    if likely(link["cited"], [(rel, q) for rel, _, q in quotes]):
                        relations = "very likely " + relations  # the words never name it: the key's reading
                    shown = "".join(f"<li>\u201c{html.escape(q)}\u201d <em>({html.escape(rel)}; in "
                                    f"{html.escape(self.name(r))})</em></li>" for rel, r, q in quotes[:4])
                    items.append(f"<li><strong>{html.escape(self.name(link['citing']))}</strong> "
                                 f"{html.escape(relations)} <strong>{html.escape(self.name(link['cited']))}</strong>"
                                 f"<ul>{shown}</ul></li>")
                title = f"Way {n}" if len(paths) > 1 else "The way back"
                body += (f"<p><strong>{title}: {count(len(path), 'step')} from {name} "
                         f"to {html.escape(self.origin)}</strong></p><ol>{''.join(items)}</ol>")
        rebuttals = self.links[(self.links["citing"] == self.report) & (self.links["relation"] == "rebuts")]
        if len(rebuttals):
            items = "".join(f"<li>rebuts <strong>{html.escape(self.name(r['cited']))}</strong>: "
                            f"\u201c{html.escape(_flat(r['quote']))}\u201d</li>"
                            for r in rebuttals.drop_duplicates("cited").to_dict("records"))
            body += f"<p>{name} also argues against its sources:</p><ul>{items}</ul>"
        sources = self.links[(self.links["citing"] == self.origin)].drop_duplicates("cited")
        if len(sources) and paths:
            who = ", ".join(html.escape(s) for s in sources["cited"])
            body += (f"<p>Where {html.escape(self.origin)} itself got it, as the reports tell it: {who}.</p>")
        return f'<div class="mlk-feedback" role="status" aria-live="polite">{body}</div>'

    def static_html(self) -> str:
        return frame(self.chart + self.steps, STATIC_NOTE)


class SourceChainExplorer(StaticFallback, widgets.VBox):
    """Pick a report; its way back to The Wall Street Journal is drawn and listed."""

    def __init__(self, case, report: str | None = None, scope: str = "chain", **kwargs):
        self.model = SourceChainModel(case, report, scope)
        m = self.model
        self.report_choice = widgets.Dropdown(options=[(label, rid) for rid, label in m.labels.items()],
                                              value=m.report, description="Follow the report",
                                              style={"description_width": "initial"},
                                              layout=widgets.Layout(width="auto", min_width="26em", margin="0 2em 0 0"))
        self.scope_choice = widgets.ToggleButtons(options=[("The chain", "chain"), ("Every link", "all")],
                                                  value=m.scope, description="Show",
                                                  tooltips=["Reports, the outlets between them and the origin",
                                                            "Everyone any report cites or quotes"],
                                                  style={"description_width": "initial", "button_width": "auto"})
        widgets.link((self.report_choice, "value"), (m, "report"))
        widgets.link((self.scope_choice, "value"), (m, "scope"))
        self.chart, self.steps = widgets.HTML(m.chart), widgets.HTML(m.steps)
        m.observe(lambda c: setattr(self.chart, "value", c["new"]), names="chart")
        m.observe(lambda c: setattr(self.steps, "value", c["new"]), names="steps")
        super().__init__([widgets.HTML(STYLE), widgets.HBox([self.report_choice, self.scope_choice],
                                                            layout=widgets.Layout(flex_flow="row wrap")),
                          self.chart, self.steps], **kwargs)
        self.add_class("mlk-kit")

    def static_html(self) -> str:
        return self.model.static_html()


#: What ranges that do not overlap mean, said under the pairs: a clash only when both
#: reports count the same thing (the same people, the same flights, the same time).
NO_OVERLAP_MEANS = ("<p>If both reports count the same people at the same time, they cannot both be right. "
                    "If they count different things, both can be. Read the words first. Do they say it is the same "
                    "group, or the same event? If the texts do not say, neither report has to be wrong. The gap can "
                    "also come from the kit's own reading of a vague word (it reads “dozens” as 24 to 99).</p>")


def _range(row: dict) -> str:
    """The range a figure's words allow, written by the kit's one formatter (wording)."""
    return (number_range(row.get("low"), row.get("high"), registry.unit_of(row), registry.is_date(row),
                         kind=registry.kind_of(row))
            or "(the words give no number)")


class NumbersModel(HasTraits):
    """One claim: what each report says, the range its words allow, and overlaps."""

    claim = Unicode()
    table = Unicode()
    chart = Unicode()
    verdict = Unicode()

    def __init__(self, case, claim: str | None = None, include_dates: bool = False, draw: bool = True):
        super().__init__()
        self.case = case
        self.draw = draw  # False: text only (tests of the logic; no matplotlib)
        self.labels = report_labels(case)
        self.frame = case.annotations("numbers")
        usable = self.frame if include_dates else self.frame[~self.frame["is_date"].astype(bool)]
        spread = usable.groupby("claim")["report"].nunique().sort_values(ascending=False, kind="stable")
        self.claims = list(spread.index)
        self.spread = spread.to_dict()
        self._charts: dict[str, str] = {}
        self._ready = False
        if not self.claims:
            raise ValueError("the answer key has no numbers to explore (annotations/numbers.csv)")
        self.claim = claim or self.claims[0]
        self._ready = True
        self.refresh()

    @validate("claim")
    def _check(self, proposal):
        if proposal["value"] not in set(self.frame["claim"]):
            raise TraitError(f"no claim {proposal['value']!r} in the answer key; some claims: {', '.join(self.claims[:8])}")
        return proposal["value"]

    @observe("claim")
    def _changed(self, change):
        if self._ready:
            self.refresh()

    def option_label(self, claim: str) -> str:
        """What the claim counts, in words, and how many reports give it (a copy of a report,
        such as a saved PDF of a web page, is not counted twice); never the claim's id."""
        from ..charts import copies

        same = copies(self.case)
        n = len({same.get(r, r) for r in self.frame[self.frame["claim"] == claim]["report"]})
        from ..lenses.registry import claim_label

        rows = self.frame[self.frame["claim"] == claim].to_dict("records")
        counted = next((claim_label(r) for r in rows if claim_label(r)), "")
        name = (counted[:1].upper() + counted[1:]) if counted else "A number"
        return f"{name} ({count(n, 'report')})"

    def rows(self) -> list[dict]:
        order = {rid: i for i, rid in enumerate(self.case.reports)}
        part = self.frame[self.frame["claim"] == self.claim].to_dict("records")
        return sorted(part, key=lambda r: (order.get(r["report"], 99), r["start"]))

    def gaps(self) -> list[tuple[dict, dict]]:
        """Pairs of rows (from different reports) whose ranges have no value in common."""
        rows, out = self.rows(), []
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if a["report"] != b["report"] and (a["high"] < b["low"] or b["high"] < a["low"]):
                    out.append((a, b))
        return out

    def refresh(self) -> None:
        rows = self.rows()
        body = "".join(
            f"<tr><td>{html.escape(self.labels[r['report']])}</td><td>\u201c{html.escape(_flat(r['quote']))}\u201d</td>"
            f"<td>{html.escape(r.get('hedge') or '(none)')}</td><td>{html.escape(_range(r))}</td>"
            f"<td>{html.escape(r.get('attributed_to') or 'the outlet itself')}</td>"
            f"<td>{'yes' if r.get('in_chrome') else 'no'}</td></tr>" for r in rows)
        missing = [self.labels[rid] for rid in self.case.reports if rid not in {r["report"] for r in rows}]
        self.table = (
            '<table class="mlk-numbers" style="border-collapse:collapse;font-family:sans-serif;font-size:.9em" border="1" cellpadding="4">'
            "<caption style=\"text-align:left;font-weight:bold\">" + html.escape(self.option_label(self.claim)) + "</caption>"
            "<thead><tr><th scope=\"col\">Report</th><th scope=\"col\">Words as written</th><th scope=\"col\">Hedge or minimiser</th>"
            "<th scope=\"col\">Range the words allow</th><th scope=\"col\">Said by</th><th scope=\"col\">In page chrome?</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
            + (f"<p class=\"mlk-counts\">Not mentioned in: {html.escape(', '.join(missing))}.</p>" if missing else ""))
        gaps = self.gaps()
        if gaps:
            items = "".join(f"<li>{html.escape(self.labels[a['report']])} ({html.escape(_range(a))}) and "
                            f"{html.escape(self.labels[b['report']])} ({html.escape(_range(b))})</li>" for a, b in gaps)
            self.verdict = (f'<div class="mlk-notice" role="status">\u2717 These ranges do NOT overlap.<ul>{items}</ul>'
                            f"{NO_OVERLAP_MEANS}</div>")
        elif len({r['report'] for r in rows}) > 1:
            common = max(r["low"] for r in rows)
            self.verdict = (f'<div class="mlk-feedback" role="status">\u2714 The ranges overlap: one number '
                            f"(for example {html.escape(number(common, registry.unit_of(rows[0])))}) fits every report's words. Look at the hedges: "
                            "do they make the same impression?</div>")
        else:
            self.verdict = '<div class="mlk-feedback" role="status">Only one report gives this number.</div>'
        if self.draw and self.claim not in self._charts:
            fig = charts.number_ranges(self.case, claims=[self.claim])
            self._charts[self.claim] = charts.figure_html(fig)
        self.chart = self._charts.get(self.claim, "")

    def static_html(self) -> str:
        return frame(self.table + self.verdict + self.chart, STATIC_NOTE)


class NumbersExplorer(StaticFallback, widgets.VBox):
    """Pick a claim; see each report's words, the range they allow, and where they clash."""

    def __init__(self, case, claim: str | None = None, include_dates: bool = False, **kwargs):
        self.model = NumbersModel(case, claim, include_dates)
        m = self.model
        self.claim_choice = widgets.Dropdown(options=[(m.option_label(c), c) for c in m.claims], value=m.claim,
                                             description="Claim", style={"description_width": "initial"},
                                             layout=widgets.Layout(width="auto", max_width="95%"))
        widgets.link((self.claim_choice, "value"), (m, "claim"))
        self.table, self.verdict, self.chart = widgets.HTML(m.table), widgets.HTML(m.verdict), widgets.HTML(m.chart)
        for name in ("table", "verdict", "chart"):
            m.observe(lambda c, w=getattr(self, name): setattr(w, "value", c["new"]), names=name)
        super().__init__([widgets.HTML(STYLE), self.claim_choice, self.table, self.verdict, self.chart], **kwargs)
        self.add_class("mlk-kit")

    def static_html(self) -> str:
        return self.model.static_html()
