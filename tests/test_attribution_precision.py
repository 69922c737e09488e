"""What the sources lens highlights must be right: a student trusts a mark. Each test
holds an invented sentence the lens must mark right and a near miss. None is copied
from a report or a benchmark."""
from __future__ import annotations

from helpers.lenses import attribution as at


def rows(text: str) -> list[dict]:
    return at.detect(text).to_dict("records")


def only(text: str) -> dict:
    found = rows(text)
    assert len(found) == 1, found
    return found[0]


# --- 1. a document seen by someone is a document, not the someone ---------------------

def test_document_seen_by_an_outlet_is_a_document():
    row = only("Rents will rise by a fifth, according to housing documents seen by the Herald.")
    assert row["kind"] == "document"
    # "housing documents" has no owner with a name: the reader cannot tell whose they are
    assert row["named"] is False


def test_document_obtained_by_an_outlet_with_a_named_owner():
    row = only("Rents will rise, according to a Treasury report obtained by the Herald.")
    assert (row["kind"], row["named"]) == ("document", True)
    row = only("Rents will rise, according to budget papers obtained by the Herald.")
    assert (row["kind"], row["named"]) == ("document", False)


def test_near_miss_a_person_after_according_to_stays_a_person():
    row = only("Rents will rise, according to housing minister Lena Park.")
    assert (row["kind"], row["named"]) == ("named_person", True)
