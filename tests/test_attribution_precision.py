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


# --- 2. a plural common noun with no name is a vague group ----------------------------

def test_plural_group_word_without_a_name_is_a_vague_group():
    row = only("Parent groups said the new timetable was unfair.")
    assert (row["kind"], row["named"]) == ("vague_collective", False)


def test_near_miss_a_named_group_stays_a_named_organisation():
    row = only("The Riverside Parents Group said the new timetable was unfair.")
    assert (row["kind"], row["named"]) == ("named_org", True)


def test_a_helper_verb_inside_what_was_said_is_not_a_second_attribution():
    found = rows("Parent groups said they were upset and would ask the board to think again.")
    assert [r["cue"] for r in found] == ["said"]


def test_near_miss_the_same_speaker_speaking_again_keeps_its_mark():
    found = rows("Parent groups said the plan was unfair and urged the board to think again.")
    assert [r["cue"] for r in found] == ["said", "urged"]


# --- 3. a shouted headline word before a colon is not a source ------------------------

def test_a_shouted_word_before_a_colon_is_not_a_source():
    assert rows("OUTRAGEOUS: The mayor doubled the parking fines.\nThe new fines start in May.") == []


def test_near_miss_a_transcript_speaker_in_capitals_is_a_source():
    text = ("HARLOW: Welcome back to the show.\nGUEST: Thank you.\n"
            "HARLOW: Let us start with the fines.\n")
    found = rows(text)
    assert [r["source"] for r in found if r["cue"] == ":"] == ["HARLOW", "GUEST", "HARLOW"]


# --- 4. a "who" clause that describes the source is not a second mark -----------------

def test_who_asked_not_to_be_named_is_one_source_one_mark():
    found = rows("A driver close to the depot, who asked not to be named, said the buses were old.")
    assert [(r["cue"], r["kind"]) for r in found] == [("said", "anonymous")]


def test_near_miss_a_who_clause_alone_keeps_its_mark():
    found = rows("It was the driver who told reporters the buses were old.")
    assert [r["cue"] for r in found] == ["told"]


def test_near_miss_a_who_clause_that_speaks_keeps_its_mark():
    found = rows("A driver, who told reporters the buses were old, said the depot was unsafe.")
    assert [r["cue"] for r in found] == ["told", "said"]


# --- 5. knowing "who" or "why" is not saying ------------------------------------------

def test_knows_with_a_question_word_is_not_a_source():
    assert rows("Give what you can this winter. Everybody knows who pays for cuts: children.") == []


def test_near_miss_knows_with_that_keeps_its_mark():
    found = rows("Everybody knows that the cuts will hurt children.")
    assert [r["cue"] for r in found] == ["knows"]


# --- 6. "was quoted as saying" without "by" does not say who quoted ------------------

def test_quoted_as_saying_without_by_carries_no_outlet():
    text = ("The Financial Times reported the depot would close. "
            "\u201cWe were not consulted,\u201d union leader Ana Ruiz was quoted as saying.")
    found = [r for r in rows(text) if r["source"].endswith("Ana Ruiz")]
    assert len(found) == 1 and found[0]["via"] == "", found


def test_near_miss_quoted_by_an_outlet_names_it():
    text = "\u201cWe were not consulted,\u201d union leader Ana Ruiz was quoted by the Financial Times as saying."
    found = [r for r in rows(text) if r["source"].endswith("Ana Ruiz")]
    assert len(found) == 1 and found[0]["via"] == "Financial Times", found


# --- 7. a line break inside a wrapped sentence reads as a space -----------------------

def test_a_wrapped_line_keeps_the_source_whole():
    text = ("The depot will close in March and drivers will move to the northern garage. A source close to the Transport\n"
            "Ministry said the buses were too old to repair.\n")
    found = [r for r in rows(text) if r["cue"] == "said"]
    assert len(found) == 1
    assert (found[0]["kind"], found[0]["source"]) == ("anonymous", "A source close to the Transport Ministry")


def test_near_miss_a_short_heading_line_is_not_part_of_the_source():
    text = "Counting the buses\nThe Transport Ministry said the buses were too old to repair.\n"
    found = [r for r in rows(text) if r["cue"] == "said"]
    assert [r["source"] for r in found] == ["The Transport Ministry"]


def test_near_miss_a_hidden_source_quoted_stays_with_the_relaying_outlet():
    text = ("The Financial Times reported the depot would close. "
            "\u201cIt is finished,\u201d a person close to the union was quoted as saying.")
    found = [r for r in rows(text) if r["kind"] == "anonymous"]
    assert len(found) == 1 and found[0]["via"].endswith("Financial Times"), found


def test_widely_believed_hides_its_source_like_believed():
    # a student found "It is widely believed that the cuts were planned" unmarked,
    # although "It is believed" is marked: "widely" broke the match
    for text, words in (("It is widely believed that the cuts were planned.", "It is widely believed"),
                        ("The cuts are widely expected to pass.", "are widely expected to")):
        found = at.detect(text)
        assert found["text"].tolist() == [words]
        assert found["kind"].tolist() == ["anonymous"]


def test_a_document_whose_owner_is_said_without_a_capital_is_named():
    # a student found "according to a council statement" (notebook 06's own sample story)
    # tagged as an anonymous source, while "The mayor's office said" was named
    from helpers.lenses import registry
    for text in ("The library will close, according to a council statement.",
                 "Profits rose, according to the company's own filings.",
                 "Calloway grew fast, according to its annual report."):
        row = only(text)
        assert (row["kind"], row["named"], registry.attribution_view(row)) == ("document", True, "named"), text
    # a document with no owner is still hidden
    for text in ("The plan was secret, according to leaked documents.", "Costs rose, according to a report."):
        row = only(text)
        assert (row["kind"], registry.attribution_view(row)) == ("document", "anonymous"), text


def test_a_she_the_lens_cannot_be_sure_of_is_check_this():
    # "She said" with nobody named before it was a sure "named person: She"
    row = only("She said the plan would fail.")
    assert row["confidence"] == "check this" and 'nobody is named before "She"' in row["rule"]
    # another person named since the last speaker: "she" may be her, so the mark is a guess
    found = rows("Tom Reed said the fund was empty. Maria Lopez is a nurse. She said the ward would close.")
    assert [(r["source"], r["confidence"]) for r in found] == [("Tom Reed", "sure"), ("Tom Reed", "check this")]
    # nobody named in between: still sure
    found = rows('Tom Reed said the fund was empty. "We will fight," he said.')
    assert [(r["source"], r["confidence"]) for r in found] == [("Tom Reed", "sure"), ("Tom Reed", "sure")]
