"""Sources lens: the false marks of the blind test and the code review (issue 15).

Each rule is checked on sentences written here by hand, not on the blind story, with a
near miss the rule must not mark. Expected values are written from the sentences.
"""
from __future__ import annotations

from helpers.lenses import attribution


def marks(text):
    found = attribution.detect(text)
    return [(row.source, row.kind, row.cue) for row in found.itertuples()]


def by_cue(text, cue):
    found = attribution.detect(text)
    return found[found["cue"] == cue]


# --- "she said" after a person the paragraph is about ----------------------------------

def test_she_said_is_the_person_a_new_paragraph_opens_with():
    text = ('Councillor Tom Baker said the bridge would close.\n'
            'Lena Ortiz, 34, drives across it every day. "It is the only road I have," she said.')
    rows = by_cue(text, "said")
    assert list(rows["source"]) == ["Councillor Tom Baker", "Lena Ortiz"]
    # a weaker reading than a speaker the grammar gives: shown as "check this"
    assert list(rows["confidence"]) == ["sure", "check this"]


def test_she_said_stays_with_a_speaker_of_the_same_paragraph():
    # near miss: the speaker is in the paragraph, a person named after is not "she"
    text = ('Mayor Ana Ruiz said the bridge would close. Lena Ortiz drives across it. '
            '"It is the only road we have," she said.')
    assert list(by_cue(text, "said")["source"]) == ["Mayor Ana Ruiz", "Mayor Ana Ruiz"]


def test_she_said_stays_with_the_speaker_when_the_new_paragraph_names_a_place():
    # near miss: "Port Wallace" is named mid-sentence, nobody opens a sentence with a name
    text = ('Mayor Ana Ruiz said the bridge would close.\n'
            'The detour runs past Port Wallace. "It is the only road we have," she said.')
    assert list(by_cue(text, "said")["source"]) == ["Mayor Ana Ruiz", "Mayor Ana Ruiz"]


def test_a_name_inside_the_quotation_is_not_who_she_is():
    text = ('Mayor Ana Ruiz said the bridge would close.\n"Jim Clark knew it," she said.')
    assert list(by_cue(text, "said")["source"]) == ["Mayor Ana Ruiz", "Mayor Ana Ruiz"]


# --- a name, a description, a "which" clause, then the verb ------------------------------

def test_the_name_before_a_title_and_a_which_clause_is_the_source():
    text = ('"We had no choice," Paul Grant, the director of Northway Transit, which runs the '
            'buses, said in a statement.')
    assert marks(text) == [("Paul Grant", "named_person", "said in a statement")]


def test_a_description_with_no_name_before_it_stays_anonymous():
    # near miss: no name before the title, so the title is all there is
    text = ('"We had no choice," the director of Northway Transit, which runs the buses, said.')
    assert list(attribution.detect(text)["source"]) == ["the director of Northway Transit"]


# --- who asked not to be named -----------------------------------------------------------

def test_a_person_who_asked_not_to_be_named_with_no_commas_is_anonymous():
    text = ('A driver who asked not to be named for fear of losing his job told the paper '
            'that the buses were unsafe.')
    assert marks(text) == [("A driver", "anonymous", "told")]


def test_who_had_asked_not_to_be_named_is_one_mark():
    text = "A council aide, who had asked not to be named, said the vote was close."
    assert marks(text) == [("A council aide", "anonymous", "said")]


def test_who_asked_that_his_name_not_be_used_is_one_mark():
    text = "A council aide, who asked that his name not be used, said the vote was close."
    assert marks(text) == [("A council aide", "anonymous", "said")]


def test_named_in_a_lawsuit_is_not_a_request_for_anonymity():
    # near miss: "named" within a "who" clause, but nobody asks not to be named
    text = "The mayor, who said he had been named in the lawsuit, told reporters he would fight."
    assert [cue for _, _, cue in marks(text)] == ["said", "told"]


# --- a source that said nothing; a verb whose object is the noun before it -------------

def test_a_spokesman_who_did_not_respond_is_not_a_source():
    assert marks("A spokesman for the mayor did not respond to a request for comment.") == []
    assert marks("The council didn't respond to questions on Monday.") == []


def test_a_spokesman_who_responded_is_a_source():
    # near miss: a reply is an answer
    assert marks("A spokesman for the mayor responded that the fines would stay.") == [
        ("A spokesman for the mayor", "anonymous", "responded")]


def test_a_thing_offered_or_rejected_in_a_relative_clause_is_not_speech():
    assert marks("The clinic will end a service it has offered since 1985.") == []
    assert marks("They had a grant of $2 million that the council rejected in a 5 to 4 vote.") == []


def test_a_board_that_rejects_something_in_its_own_clause_is_still_marked():
    # near miss: the object follows the verb, the board is its subject
    assert marks("The council rejected the grant in a 5 to 4 vote.") == [
        ("The council", "named_org", "rejected")]


# --- organisations and newspapers are not people -----------------------------------------

def test_a_company_and_an_association_are_organisations():
    assert marks("Brightwater Energy Partners, which owns the plant, says the cuts are needed.") == [
        ("Brightwater Energy Partners", "named_org", "says")]
    assert marks("The Riverside Teachers Association said it would appeal.") == [
        ("The Riverside Teachers Association", "named_org", "said")]


def test_a_name_after_a_capital_the_is_not_a_person():
    text = "The story was first reported by The Harbor Gazette."
    assert marks(text) == [("The Harbor Gazette", "outlet", "reported")]
    text = "The plan was first reported by The Elm Street Project."
    assert [kind for _, kind, _ in marks(text)] == ["named_org"]


def test_a_person_with_a_first_and_last_name_is_still_a_person():
    # near miss: an ordinary name stays a person
    assert marks("The story was first reported by Dana Whitfield.") == [
        ("Dana Whitfield", "named_person", "reported")]


# --- a document and the name after "by" (attribution_verbs.csv) ---------------------------

def test_a_report_released_by_an_agency_is_the_agencys_document():
    found = attribution.detect("According to a report released by the Treasury, debt rose.")
    assert list(found["kind"]) == ["document"] and list(found["named"]) == [True]
    assert list(found["via"]) == [""]


def test_documents_seen_by_a_newspaper_are_relayed_by_it():
    found = attribution.detect("According to documents seen by the Herald, debt rose.")
    assert list(found["kind"]) == ["document"] and list(found["named"]) == [False]
    assert list(found["via"]) == ["Herald"]
    found = attribution.detect("According to records first obtained by The Harbor Gazette, debt rose.")
    assert list(found["kind"]) == ["document"] and list(found["via"]) == ["The Harbor Gazette"]


def test_figures_a_body_released_are_a_document_with_the_verb_kept():
    found = attribution.detect("The unit lost money, according to figures the clinic released.")
    assert list(found["source"]) == ["figures the clinic released"]
    assert list(found["kind"]) == ["document"]


def test_figures_from_a_group_are_still_the_groups():
    # near miss: no document word, the officials are the source
    found = attribution.detect("The unit lost money, according to officials the clinic hired.")
    assert "document" not in list(found["kind"])


# --- shouted labels: a transcript ----------------------------------------------------------

def test_a_transcript_guest_who_talks_once_is_a_speaker_but_a_shouted_headline_is_not():
    text = ("HARLOW: Welcome back.\nGUEST: Thank you.\nHARLOW: Let us start.\n")
    assert [source for source, _, cue in marks(text) if cue == ":"] == ["HARLOW", "GUEST", "HARLOW"]
    # near miss: one shouted word and no label that comes back is a headline
    assert marks("OUTRAGEOUS: The mayor doubled the fines.\nThey start in May.\n") == []


def test_shouted_labels_are_counted_once_and_names_read_once(monkeypatch):
    """16,000 transcript lines: the label check reads the text's names once, not once
    per label (it once counted the labels and searched the whole text per label)."""
    calls = []
    real = attribution._title_case_names
    monkeypatch.setattr(attribution, "_title_case_names", lambda text: calls.append(1) or real(text))
    lines = []
    for n in range(8_000):
        lines.append(f"HARLOW: Question number {n}.")
        lines.append(f"GUESTS: Answer number {n}." if n else "SOMEONE: Just once.")
    found = attribution.detect("\n".join(lines) + "\n")
    colons = found[found["cue"] == ":"]
    assert len(colons) == 16_000
    assert len(calls) <= 1
    # 8,000 different shouted words, each once: each is looked up, the names read once
    calls.clear()
    shouts = ["".join("ABCDEFGHIJ"[int(d)] for d in f"{n:06d}") for n in range(8_000)]
    found = attribution.detect("\n".join(f"{word}: The fines went up." for word in shouts) + "\n")
    assert found.empty
    assert len(calls) == 1


# --- verbs of knowing and thought (attribution_verbs.csv) -------------------------------

def test_knowing_with_a_question_word_reports_no_words():
    assert marks("Nobody on the council knew why the fines went up.") == []


def test_a_thought_whose_object_stands_before_it_is_still_someones():
    # near miss of the object-gap rule: a wish, unlike "a service it has offered since"
    text = "Mayor Lena Ortiz signed a deal that she does not want to break."
    assert ("she", "want") in [(source, cue) for source, _, cue in marks(text)]


# --- plural groups (singular() beside plural()) -------------------------------------------

def test_singular_reverses_plural():
    from helpers.lenses._text import plural, singular
    for word in ("agency", "union", "box", "church", "fare", "study", "dress"):
        assert singular(plural(word)) == word
    # near misses: words that end in -s and are not plurals
    for word in ("press", "status", "analysis", "series", "species"):
        assert singular(word) == word


def test_a_plural_organisation_word_is_a_group_with_or_without_the():
    assert marks("Unions said the plan was unfair.") == [("Unions", "vague_collective", "said")]
    assert marks("The unions said the plan was unfair.") == [("The unions", "vague_collective", "said")]
    assert marks("Aid agencies called the plan unfair.") == [("Aid agencies", "vague_collective", "called")]


def test_a_named_union_is_an_organisation():
    # near miss: a name with the organisation word is the organisation
    assert marks("The Transit Workers Union said the plan was unfair.") == [
        ("The Transit Workers Union", "named_org", "said")]


def test_a_counterfactual_had_is_not_an_attribution():
    assert marks("Had the authorities found the posts, they might have acted.") == []
    # near miss: the same words as a statement
    assert marks("The authorities found that the posts were public.") == [
        ("The authorities", "vague_collective", "found")]


# --- a line break is a wrap only when it looks like one -------------------------------------

def test_a_long_headline_is_not_joined_to_the_next_sentences_speaker():
    text = ("City doubles parking fines in the old town after a year of complaints from residents\n"
            "Officials said the fines were too low.")
    assert marks(text) == [("Officials", "anonymous", "said")]


def test_a_wrapped_line_still_joins_a_source():
    # near misses: a lower-case word after the break, and a name split across it
    text = "A source close to the long-running talks at the office of the defense\nministry said it was over."
    assert marks(text)[0][0] == "A source close to the long-running talks at the office of the defense ministry"
    text = "A source close to the long-running talks at the Russian Defense\nMinistry said it was over."
    assert marks(text)[0][0] == "A source close to the long-running talks at the Russian Defense Ministry"


def test_lines_of_a_pdf_are_wrapped_even_before_a_capital():
    lines = ["The ministry has cut the number of its staff in the capital by a third this",
             "year, and the cuts will go on into the spring, when the new budget starts to",
             "bite. Nobody at the ministry would say how many more jobs will go, and the",
             "unions have asked for a meeting. A person close to the long-running talks in",
             "Officials' Hall said the cuts were over. The talks will resume on Monday and",
             "the unions expect to hear more about the plan for the regional offices then."]
    found = attribution.detect("\n".join(lines))
    said = found[found["cue"] == "said"]
    assert list(said["source"]) == ["A person close to the long-running talks in Officials' Hall"]


# --- from the last developer: a "who" clause before the verb; "was told" -------------------

def test_the_subject_is_the_antecedent_of_a_who_clause_before_the_verb():
    text = "Many riders who came to the meeting over this week's cuts say the service is worse."
    assert marks(text) == [("Many riders", "vague_collective", "say")]
    assert marks("Officials who met the mayor said the plan was dead.") == [
        ("Officials", "anonymous", "said")]


def test_a_short_who_clause_stays_in_the_source():
    # near miss: the clause reaches back to its noun without a break, as before
    assert marks("Analysts who study Russia say the plan is dead.") == [
        ("Analysts who study Russia", "vague_collective", "say")]


def test_someone_who_was_told_is_not_the_speaker():
    assert marks("Mayor Dana Reyes was told the plan had failed.") == []
    # near miss: the one who told is the speaker
    assert marks("Mayor Dana Reyes told aides the plan had failed.") == [
        ("Mayor Dana Reyes", "named_person", "told")]


def test_quoted_by_an_outlet_is_relayed_by_it():
    found = attribution.detect("Mayor Dana Reyes was quoted by Reuters as saying the plan had failed.")
    assert ("Mayor Dana Reyes", "Reuters") in list(zip(found["source"], found["via"]))
    # near miss: quoted by someone the lexicons do not know as an outlet: no outlet is made up
    found = attribution.detect("Mayor Dana Reyes was quoted by a neighbour as saying the plan had failed.")
    assert set(found["via"]) == {""}


# --- via: the outlet a hidden source is relayed by -----------------------------------------

FAR = " ".join(["The town council met on Monday and talked about the roads for an hour."] * 10)


def test_an_outlet_named_paragraphs_earlier_relays_no_later_hidden_source():
    text = ("The closure was first reported by Reuters.\n\n" + FAR + "\n\n"
            "One insider, who asked not to be named, said the plan was old.")
    found = attribution.detect(text)
    assert list(found[found["cue"] == "said"]["via"]) == [""]


def test_a_hidden_source_who_told_this_outlet_is_not_relayed_by_another():
    text = ("The closure was first reported by Reuters. "
            '"We did what we could," a company spokeswoman told Valley Radio.')
    found = attribution.detect(text)
    assert list(found[found["cue"] == "told"]["via"]) == [""]


def test_a_hidden_source_just_after_an_outlets_report_is_relayed_by_it():
    # near miss: the outlet's report and the hidden source side by side
    text = "The Wall Street Journal reported the cuts on Sunday. A source close to the ministry said they were real."
    found = attribution.detect(text)
    assert list(found[found["cue"] == "said"]["via"]) == ["The Wall Street Journal"]
