"""Grammar rules added for news nobody here has read (issue 15, studied on training folds).

Each rule is tried on a sentence written for this test (not taken from any benchmark),
with a sentence it must NOT mark beside it, and its reason for a student in plain words.
"""
from __future__ import annotations

import re

from helpers.lenses import attribution as at


def _found(text):
    table = at.detect(text)
    return [(text[s:e].lower(), text[a:b], rule, tier) for s, e, a, b, rule, tier in zip(
        table["cue_start"], table["cue_end"], table["source_start"], table["source_end"],
        table["rule"], table["confidence"])]


def _plain(rule: str) -> bool:
    """A reason a 15-year-old can read: no file names, underscores or grammar jargon."""
    return not re.search(r"_|\.csv|\bnp\b|\bvp\b|infinitive|gerund|participle|nominal|lexicon", rule)


# --- a poll, study or report "shows" / "finds" ------------------------------------------

def test_a_poll_or_study_that_shows_or_finds_is_the_source_of_what_it_found():
    found = _found("Two surveys from Harbor College and the Tidewater Institute respectively "
                   "show a drop in bus riders.")
    assert [(cue, source) for cue, source, _, _ in found] == [
        ("show", "Two surveys from Harbor College and the Tidewater Institute")]
    cue, source, rule, tier = found[0]
    assert tier == at.CHECK and _plain(rule) and "poll, study or report" in rule
    # a question puts the helper first: "Did the audit find ..."
    assert [(c, s) for c, s, _, _ in _found("Did the audit find any waste in the depot budget?")] == [
        ("find", "the audit")]
    # a study written about by a named group: the whole phrase is the source
    assert _found("Research carried out for the Riders Union showed that fares rose.")[0][:2] == (
        "showed", "Research carried out for the Riders Union")


def test_what_is_not_a_text_finding_something_is_not_marked():
    # "to find": nobody has found anything yet
    assert "find" not in [c for c, _, _, _ in _found("The council wants a study to find out why riders left.")]
    # a verb between the report and "shows": the report is not the one showing
    assert _found("The report was late and the old bus shows its age.") == []
    # a comma between them: the survey is where, not who
    assert _found("After the long survey, the volunteers found a lost dog.") == []


# --- a name and "to endorse" / "to oppose" / "to back" ------------------------------------

def test_a_name_before_to_endorse_or_to_back_takes_that_stand():
    assert [(c, s) for c, s, _, _ in _found("Transit Workers Union to endorse Ortiz.")] == [
        ("to endorse", "Transit Workers Union")]
    found = _found("It was a good week for Ortiz to back the fare freeze.")
    assert [(c, s) for c, s, _, _ in found] == [("to back", "Ortiz")]
    assert found[0][3] == at.CHECK and _plain(found[0][2])
    found = _found("Ortiz was the first council member in the city to oppose the fare rise.")
    assert [(c, s) for c, s, _, _ in found] == [("to oppose", "Ortiz")]


def test_a_name_asked_to_take_a_stand_has_not_taken_it():
    # "urged the Council to reject": the council is asked, its stand is not given
    found = _found("Mayor Reyes urged the Harbor Council to reject the fare rise.")
    assert ("to reject", "Harbor Council") not in [(c, s) for c, s, _, _ in found]
    assert [c for c, _, _, _ in found] == ["urged"]
    # a place or a thing takes no stand
    assert _found("Buses from Harbor Street to support the night routes.") == []


# --- a share of a group speaks with the group's verb -------------------------------------

def test_a_majority_of_riders_say_is_a_group_speaking():
    found = _found("A majority of the riders say the new fare is too high.")
    assert [(c, s) for c, s, _, _ in found] == [("say", "A majority of the riders")]
    assert _found("A third of the drivers say they will strike.")[0][:2] == (
        "say", "A third of the drivers")


def test_a_share_that_is_not_people_speaking_is_not_marked():
    # "the majority of the question": no plural speaker, "say" as a noun
    assert _found("The majority say in the matter went to the board.") == []
    assert _found("A third of the budget goes to buses.") == []


# --- "upon saying": the speaker is the subject of the sentence ---------------------------

def test_upon_saying_shares_the_sentences_speaker():
    found = _found('Councillor Ortiz, a bus rider herself, drew applause upon saying, '
                   '"Fares must fall."')
    assert [(c, s) for c, s, _, _ in found] == [("saying", "Councillor Ortiz")]
    assert found[0][3] == at.CHECK and _plain(found[0][2])


def test_upon_a_word_that_is_not_speech_is_not_marked():
    assert _found("The mayor was cheered upon arriving at the new depot.") == []
    # "upon" never joins a speaker's name: it is not read as part of the source
    assert all("upon" not in source for _, source, _, _ in _found(
        "Reyes drew boos upon saying the fare would rise."))


# --- the speaker's name stands before "twice", "didn't", and is never "by" ---------------

def test_the_speaker_is_read_over_twice_and_a_contracted_not():
    assert [(c, s) for c, s, _, _ in _found("The Riders Union has twice complained to the council.")] == [
        ("complained", "The Riders Union")]
    assert [(c, s) for c, s, _, _ in _found("Councillor Ortiz didn't express any regret.")] == [
        ("express", "Councillor Ortiz")]
    assert [(c, s) for c, s, _, _ in _found("Mayor Reyes isn\u2019t saying what the fare will be.")] == [
        ("saying", "Mayor Reyes")]


def test_by_before_a_speech_word_is_a_means_not_a_speaker():
    found = _found("The mayor could end the strike by telling drivers the truth.")
    assert [s for _, s, _, _ in found] == ["The mayor"]
    # a contracted "not" before a passive is still a passive: nobody is named as speaker
    assert _found("The fare plan wasn't approved.") == []
    assert _found("The fare plan wasn\u2019t announced until May.") == []


def test_by_and_an_ing_word_after_an_active_speech_word_is_how_not_who():
    found = _found("Councillor Ortiz interjected by asking the mayor about the fare.")
    assert ("interjected", "Councillor Ortiz") in [(c, s) for c, s, _, _ in found]
    assert {s for _, s, _, _ in found} == {"Councillor Ortiz"}  # never "asking the mayor"
    # after a passive, "by" names who did it, even before an -ing word
    found = _found("The fare rise was criticised by leading riders.")
    assert [(c, s) for c, s, _, _ in found] == [("criticised", "leading riders")]


def test_a_plural_possessive_stays_in_the_speakers_phrase():
    found = _found("The bus drivers' association said the new rota was unsafe.")
    assert [(c, s) for c, s, _, _ in found] == [("said", "The bus drivers' association")]
    assert _found("The Riders\u2019 Alliance said no.")[0][:2] == ("said", "The Riders\u2019 Alliance")
    # a quotation's closing mark is not a possessive: the speaker is after it
    assert [(c, s) for c, s, _, _ in _found("'Fares will rise,' said the union.")] == [("said", "the union")]


def test_a_share_of_a_group_is_the_group_never_a_person():
    # "Half" opening a sentence has a capital, but it names nobody
    table = at.detect("Half of the riders said they now walk to work.")
    assert table[["source", "kind", "named"]].values.tolist() == [["Half of the riders", "vague_collective", False]]
    table = at.detect("Most of Riverton's drivers said they would strike.")
    assert table[["kind", "named"]].values.tolist() == [["vague_collective", False]]
    # a share of hidden people stays hidden; a named person is still a person
    assert at.detect("Some of the officials said no.")["kind"].tolist() == ["anonymous"]
    assert at.detect("Halford said no.")["kind"].tolist() == ["named_person"]


def test_the_quick_word_search_keeps_whole_words_only():
    text = "The roadshows showed little; the bus-finds and findings found more."
    assert [text[a:b] for a, b in at._finding_verbs(text)] == ["showed", "found"]
    assert _found("Ortiz went back into endorse-mode.") == []
