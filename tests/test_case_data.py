"""The shipped case: five reports, byte for byte as captured, with their metadata."""
from __future__ import annotations

import hashlib

import pytest

from conftest import CASE_DIR, SHARED

SEEDS = {
    "breitbart": "000_2aa9a3c4a5ab10a3.txt",
    "moscow-times-web": "001_eadb3f187ec62b38.txt",
    "moscow-times-pdf": "002_bf4cf72adff6f181.txt",
    "hannity": "003_8394c518063b806e.txt",
    "global-research": "004_aa1f9bfbfdf39aeb.txt",
}


def test_the_five_reports_in_teaching_order(case):
    assert list(case.reports) == list(SEEDS)


@pytest.mark.parametrize("report_id", SEEDS)
def test_report_file_matches_the_sha256_in_case_yml(case, report_id):
    report = case.reports[report_id]
    recorded = case.config["reports"][list(SEEDS).index(report_id)]["sha256"]
    assert hashlib.sha256(report.file.read_bytes()).hexdigest() == recorded


@pytest.mark.parametrize("report_id", SEEDS)
def test_report_file_is_byte_identical_to_its_seed(report_id):
    seed = SHARED / "seeds" / SEEDS[report_id]
    if not seed.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert (CASE_DIR / "reports" / f"{report_id}.txt").read_bytes() == seed.read_bytes()


@pytest.mark.parametrize("report_id", SEEDS)
def test_text_is_read_without_newline_translation(case, report_id):
    raw = (CASE_DIR / "reports" / f"{report_id}.txt").read_bytes().decode("utf-8")
    assert case.reports[report_id].text == raw


def test_metadata_of_the_reports(case):
    r = case.reports
    assert r["breitbart"].outlet == "Breitbart News" and r["breitbart"].author == "Ben Kew"
    assert r["global-research"].author == "Stephen Lendman"
    assert r["global-research"].date.isoformat() == "2019-06-04"
    assert r["hannity"].date is None  # unknown dates stay unknown, never guessed
    assert {r[i].outlet for i in ("moscow-times-web", "moscow-times-pdf")} == {"The Moscow Times"}
    assert r["moscow-times-pdf"].capture == "pdf" and r["moscow-times-web"].capture == "web"


def test_the_pdf_is_recorded_as_a_capture_of_the_web_page(case):
    relations = case.reports["moscow-times-pdf"].relations
    assert {"report": "moscow-times-web", "kind": "captures"}.items() <= dict(relations[0]).items()


def test_the_original_report_is_the_journal_by_thomas_grove(case):
    original = case.original
    assert original["outlet"] == "The Wall Street Journal"
    assert original["author"] == "Thomas Grove"
    assert original["date"].isoformat() == "2019-06-02"


def test_the_chain_draws_a_denial_only_where_the_text_says_one():
    """Student review: Global Research quotes Rosoboronexport on cooperation, and "the text
    does not say Rosoboronexport was answering" the Journal, so the chart draws no denial
    from it; the denials are Rostec's, the ambassador's and Global Research's own."""
    from helpers import load_case

    chain = load_case("rostec-venezuela-2019").annotations("source_chain")
    rebutting = set(chain[chain["relation"] == "rebuts"]["citing"])
    assert rebutting == {"Rostec", "Vladimir Zayemsky", "global-research"}
