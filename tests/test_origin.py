"""The original outlet of a case comes from its case.yml (``original: outlet:``), not from
code: another case traces its reports back to its own source, and a case that does not
name one takes the source its answer key's chains meet at."""
import matplotlib

matplotlib.use("Agg")

from helpers import load_case  # noqa: E402
from helpers.annotations import find_origin, paths_to_origin  # noqa: E402
from helpers.charts import source_chain_graph  # noqa: E402
from helpers.widgets.explorers import SourceChainModel  # noqa: E402

CHAIN = ("report,quote,occurrence,citing,cited,relation,note\n"
         "first,The Daily Planet reported,,first,The Daily Planet,cites,\n"
         "second,according to the Planet,,second,The Daily Planet,cites,\n"
         "second,a source said,,The Daily Planet,a source,cites,\n")
REPORTS = {"first.txt": "The Daily Planet reported that 12 people came.\n",
           "second.txt": "About a dozen came, according to the Planet; a source said so.\n"}
WITH_ORIGIN = """\
title: A small test story
original:
  outlet: The Daily Planet
reports:
  - id: first
    file: reports/first.txt
    outlet: First Outlet
  - id: second
    file: reports/second.txt
    outlet: Second Outlet
"""


def _case(small_case, case_yml=None):
    folder = small_case(case_yml, REPORTS) if case_yml else small_case(reports=REPORTS)
    (folder / "annotations").mkdir()
    (folder / "annotations" / "source_chain.csv").write_text(CHAIN, encoding="utf-8")
    return load_case(folder)


def test_the_shipped_case_names_its_original_in_case_yml():
    case = load_case("rostec-venezuela-2019")
    assert case.origin == "The Wall Street Journal" == case.original["outlet"]
    assert load_case("warehouse-fire-port-carrow").origin == "The Carrow Gazette"


def test_another_case_is_traced_back_to_its_own_original(small_case):
    case = _case(small_case, WITH_ORIGIN)
    assert case.origin == "The Daily Planet"
    steps = SourceChainModel(case, "second", draw=False).steps
    assert "to The Daily Planet" in steps and "Wall Street Journal" not in steps
    assert "Where The Daily Planet itself got it" in steps and "a source" in steps
    fig = source_chain_graph(case, highlight="first")
    assert "back to The Daily Planet" in fig.alt and "Wall Street Journal" not in fig.alt
    assert "Moscow" not in fig.alt and "saved copy" not in fig.alt  # this case has no copies


def test_a_case_without_an_original_takes_where_its_chains_meet(small_case):
    case = _case(small_case)
    assert not case.original
    # every report reaches the Planet; "a source" is further on, behind it
    assert case.origin == "The Daily Planet"
    assert [link["cited"] for link in paths_to_origin(case.source_chain(), "second")[0]] == ["The Daily Planet"]
    assert "to The Daily Planet" in SourceChainModel(case, "first", draw=False).steps


def test_a_case_with_no_chain_has_no_origin_and_still_draws(small_case):
    case = load_case(small_case())
    assert case.origin is None
    assert find_origin(None) is None
    steps = SourceChainModel(case, "first", draw=False).steps
    assert "no way from" in steps and "the original report" in steps
