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
