"""Charts take tables (report names + DataFrames), not a Case: a page can chart part of a
case, or a table built by hand, without faking a case."""
import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import load_case  # noqa: E402
from helpers.charts import ChartTables, attribution_mix, loaded_terms, source_chain_graph  # noqa: E402


def test_a_chart_from_tables_built_by_hand():
    frame = pd.DataFrame({"report": ["a", "a", "b", "zz"], "start": [0, 5, 0, 0], "end": [3, 8, 3, 3],
                          "kind": ["anonymous", "named_person", "anonymous", "anonymous"]})
    tables = ChartTables({"a": "Paper A", "b": "Paper B"}, tables={("expert", "attributions"): frame})
    fig = attribution_mix(tables)
    # "zz" is not one of the reports: its row is left out
    assert "Paper A: 2; Paper B: 1" in fig.alt


def test_a_table_that_was_not_given_is_a_clear_error():
    with pytest.raises(ValueError, match="no table for loaded_language"):
        loaded_terms(ChartTables({"a": "Paper A"}))


def test_part_of_a_case_is_charted_with_its_own_rows_only():
    case = load_case("rostec-venezuela-2019")
    whole = attribution_mix(case)
    part = ChartTables.of_case(case, ["hannity", "breitbart"])
    assert list(part.reports) == ["breitbart", "hannity"]  # in the case's order
    fig = attribution_mix(part)
    assert "Hannity" in fig.alt and "Global Research" not in fig.alt
    shared = [s for s in fig.alt.split(": ", 1)[1].split("; ") if s.startswith("Breitbart")]
    assert shared and shared[0] in whole.alt  # the same count as in the whole case's chart
    graph = source_chain_graph(part)
    assert "back to The Wall Street Journal" in graph.alt


def test_every_arrow_of_the_source_chain_shows_its_head():
    """The notebooks say "each arrow points from the one who tells to the one they got it
    from". A box sizes its outline only when it is drawn, so an arrow drawn before the boxes
    is clipped to a wrong outline and its head ends up under the box: arrows go on top."""
    chart = source_chain_graph(load_case("rostec-venezuela-2019"), highlight="hannity")
    chart.png(dpi=50)  # draw it, as the notebook does
    ax = chart.axes[0]
    arrows = [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]
    boxes = [t for t in ax.texts if getattr(t, "arrow_patch", None) is None
             and t.get_bbox_patch() is not None and t.get_bbox_patch().get_edgecolor()[3] > 0]
    assert len(arrows) >= 15 and len(boxes) >= 15
    assert min(a.get_zorder() for a in arrows) > max(b.get_zorder() for b in boxes)
    # and the head ends outside the box it points at: the tip is not inside any box outline
    renderer = chart.canvas.get_renderer()
    outlines = [b.get_bbox_patch().get_window_extent(renderer) for b in boxes]
    for arrow in arrows:
        tip = arrow.arrow_patch.get_path().vertices[-1]   # drawn in screen pixels
        inside = [o for o in outlines if o.x0 + 3 < tip[0] < o.x1 - 3 and o.y0 + 3 < tip[1] < o.y1 - 3]
        assert not inside, tip
