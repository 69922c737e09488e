"""The loaded-language lens: one test per rule family, with sentences that must match
and sentences that must not. Every sentence here was written for these tests."""
from __future__ import annotations

import csv

import pytest

from helpers.bench import ptc
from helpers.lenses import loaded_language as ll
from helpers.lenses import registry
from helpers.lenses._text import LEXICON_DIR


def found(text: str) -> list[tuple[str, str, str]]:
    """(text, category, voice) of every finding."""
    table = ll.detect(text)
    return list(zip(table["text"], table["category"], table["voice"]))


def texts(text: str) -> list[str]:
    return list(ll.detect(text)["text"])


# --- the shape of the result ---------------------------------------------------------

def test_columns_offsets_and_vocabularies():
    text = "The regime slashed pensions, and critics called it a “shameful” betrayal."
    table = ll.detect(text)
    assert list(table.columns[:3]) == ["start", "end", "text"]
    assert set(ll.COLUMNS) <= set(table.columns)
    assert len(table) >= 3
    for row in table.itertuples():
        assert row.text == text[row.start:row.end]
        assert row.category in ll.CATEGORIES
        assert row.voice in ("own", "quoted")
        assert row.neutral


def test_empty_and_plain_text_give_an_empty_table_with_columns():
    for text in ("", "The council met on Tuesday and approved the budget for next year."):
        table = ll.detect(text)
        assert table.empty
        assert {"start", "end", "text", "category", "voice", "neutral"} <= set(table.columns)


# --- lexicon: words, inflections, phrases, exceptions -------------------------------

def test_regime_is_a_label_in_politics():
    assert found("The regime jailed two reporters last week.") == [("regime", "label", "own")]
    assert texts("Troops loyal to the regime's leader fired on the crowd.") == ["regime"]


@pytest.mark.parametrize("sentence", [
    "Athletes follow a strict training regime before the games.",
    "The sanctions regime was tightened after the vote.",
    "Her doctor changed the treatment regime in March.",
])
def test_regime_in_a_non_political_sense_is_not_loaded(sentence):
    assert found(sentence) == []


@pytest.mark.parametrize("form, neutral", [
    ("slash", "cut"), ("slashes", "cuts"), ("slashed", "cut"), ("slashing", "cutting")])
def test_verbs_match_in_every_inflection_and_the_neutral_verb_takes_the_same_form(form, neutral):
    table = ll.detect(f"The new government {form} the budget for schools.")
    assert list(table["text"]) == [form]
    assert list(table["term"]) == ["slash"]
    assert list(table["neutral"]) == [neutral]


@pytest.mark.parametrize("sentence", [
    "Someone slashed the tyres of three parked cars overnight.",
    "The attacker slashed his face before running off.",
])
def test_a_literal_slash_is_not_loaded(sentence):
    assert found(sentence) == []


def test_multi_word_terms_win_over_their_parts():
    # the senator's verdict, reported: "quoted", not the outlet's own voice (issue 15, S7)
    assert found("The senator called the mayor a serial liar on Sunday.") == [
        ("serial liar", "name_calling", "quoted")]
    assert texts("He dismissed the story as fake news.") == ["fake news"]


def test_verb_phrases_inflect_their_first_word():
    table = ll.detect("The bank shored up its reserves while rivals were shoring up theirs.")
    assert list(table["text"]) == ["shored up", "shoring up"]
    assert set(table["term"]) == {"shore up"}


def test_a_phrase_may_break_across_a_line_but_not_across_punctuation():
    assert texts("They want to shore\nup the old alliance.") == ["shore\nup"]
    assert texts("The sea wall stood on the shore. Up the hill, nothing moved.") == []


def test_hyphenated_compounds_and_their_parts():
    assert texts("Aid finally reached the crisis-stricken region.") == ["crisis-stricken region"]
    # a part that is a term marks the whole word, as PTC's annotators mark it (this test
    # once pinned the part alone, "orchestrated")
    table = ll.detect("He blamed the outage on US-orchestrated sabotage.")
    assert "US-orchestrated" in list(table["text"])
    assert texts("the homosexual-infested regime of novelty")[0] == "homosexual-infested"
    # a describing last part takes its noun along, like a loaded adjective
    assert texts("They praised US-orchestrated talks.") == ["US-orchestrated talks"]
    # a lexicon phrase written with hyphens is that phrase, not its first word
    found = ll.detect("a U.S. regime-change operation")
    assert list(zip(found["text"], found["term"])) == [("regime-change", "regime change")]


def test_a_nearby_word_can_switch_a_term_off():
    assert texts("Rain washed toxic waste into the river.") == []
    assert texts("The campaign turned into a toxic debate.") == ["toxic debate"]
    assert texts("She quietly woke up before dawn.") == []


def test_a_loaded_adjective_takes_its_noun_along():
    assert texts("Farmers struggled under crippling sanctions.") == ["crippling sanctions"]
    assert texts("The cost of the plan was crippling.") == ["crippling"]
    assert texts("It was a crippling and costly war.") == ["crippling"]


def test_doubt_casting_attribution_verbs():
    assert found("The minister claimed the figures were wrong.")[0][:2] == ("claimed", "doubt_casting")
    assert found("The rebels claimed responsibility for the blast.") == []
    assert found("Two fans were admitted to hospital after the match.") == []


# --- intensifiers -------------------------------------------------------------------

def test_strong_intensifiers_count_on_their_own_and_join_an_adjective():
    assert found("The tax was grossly unfair to small farms.") == [
        ("grossly unfair", "intensifier", "own")]
    assert texts("The officials brazenly took the money.") == ["brazenly"]


def test_weak_intensifiers_need_an_adjective_or_a_loaded_word():
    assert found("The claim is totally false.") == [("totally false", "intensifier", "own")]
    assert found("They totally agree with the plan.") == []
    assert found("The hall was very large and very quiet.") == []
    assert found("It was a very wicked plan.")[0][:2] == ("very wicked", "emotive")


# --- capitals -----------------------------------------------------------------------

def test_a_capitals_question_is_a_loaded_headline():
    table = ll.detect("LIFELINE LOST? The last advisers leave the capital\n\nThe story follows.")
    assert list(zip(table["text"], table["category"])) == [("LIFELINE LOST?", "loaded_headline")]


def test_a_lone_acronym_with_a_question_mark_is_not_a_headline():
    assert found("What next for NATO? The summit opens on Monday.") == []
    assert found("CHAOS? Not quite, say the organisers.")[0][:2] == ("CHAOS?", "loaded_headline")


def test_capitals_for_emphasis_but_not_acronyms_or_capital_lines():
    assert found("The report is NOT true, the spokesman insisted.")[0][:2] == ("NOT", "intensifier")
    assert found("NATO ministers met in Brussels on Monday.") == []
    assert found("WORLD NEWS\n\nThe talks ended on Monday.") == []
    assert found("The report is not true.") == []


# --- scare quotes -------------------------------------------------------------------

def test_scare_quotes_after_so_called_take_the_trigger_along():
    assert found('He mocked the so-called "reforms" of the council.') == [
        ('so-called "reforms"', "scare_quotes", "own")]


def test_a_short_quoted_label_is_a_scare_quote():
    assert found("The charity was branded a “foreign agent” last year.") == [
        ("“foreign agent”", "scare_quotes", "own")]


@pytest.mark.parametrize("sentence", [
    'The minister said: "We will never accept these terms."',
    "The mayor said the plan was “unworkable” and promised a review.",
    'The clip first aired on "Fox News" in May.',
    'The runner said he ran "about 200 metres" before he fell.',
])
def test_quoted_sentences_fragments_and_names_are_not_scare_quotes(sentence):
    assert "scare_quotes" not in list(ll.detect(sentence)["category"])


def test_scare_quotes_inside_a_quotation_are_the_speaker_s():
    text = "“They appoint ‘acting presidents’ from abroad,” the minister said."
    assert ("‘acting presidents’", "scare_quotes", "quoted") in found(text)


def test_scare_quotes_in_reported_speech_stay_the_writer_s():
    text = "The president blamed his rivals, saying the so-called “revolt” had failed."
    assert found(text) == [("so-called “revolt”", "scare_quotes", "own")]


# --- voice --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    '"This regime must go," the senator said.',
    "“This regime must go,” the senator said.",
    "The senator said the regime must go.",
    "The regime is finished, a diplomat was quoted as saying.",
    "According to the exiles, the regime is finished.",
])
def test_quotations_and_reported_speech_are_quoted_voice(sentence):
    assert found(sentence) == [("regime", "label", "quoted")]


def test_according_to_at_the_end_leaves_the_outlet_s_words_its_own():
    text = "Moscow cut its support for the regime, according to a newspaper report."
    assert found(text) == [("regime", "label", "own")]


def test_a_bracketed_insertion_inside_a_quotation_is_the_writer_s():
    text = "“This is one more piece of (fake) reporting,” the envoy said."
    assert ("fake", "doubt_casting", "own") in found(text)


def test_a_doubled_quotation_mark_from_ocr_still_opens_a_quotation():
    text = 'The embassy called the story ""absolutely false."'
    assert found(text) == [("absolutely false", "intensifier", "quoted")]


# --- the lexicon file ---------------------------------------------------------------

def test_lexicon_rows_are_complete_and_unique():
    with open(LEXICON_DIR / "loaded_terms.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 400
    seen = set()
    for line, row in enumerate(rows, start=2):
        where = f"loaded_terms.csv:{line}"
        assert row["term"].strip() == row["term"] and row["term"], where
        assert row["category"] in ll.CATEGORIES, where
        assert row["neutral"], where
        assert row["inflect"] in ("yes", "no"), where
        assert row["pos"] in dict(registry.lexicons()["loaded_terms"].allowed)["pos"], where
        # "noun" (issue 15): "a host of" counts only before a plain noun, not "the show"
        assert row["needs_next"] in ("", "adjective", "term", "noun"), where
        key = (row["term"].lower(), row["pos"] == "caps")
        assert key not in seen, f"{where}: {row['term']} twice"
        seen.add(key)


def test_an_edited_lexicon_is_read_again(tmp_path, monkeypatch):
    from helpers.lenses import _text

    with open(LEXICON_DIR / "loaded_terms.csv", encoding="utf-8", newline="") as handle:
        original = handle.read()
    (tmp_path / "loaded_terms.csv").write_text(
        original + "gloomster,name_calling,pessimist,noun,yes,,,,,a made-up word\n",
        encoding="utf-8")
    # the lens also reads its confidence table (issue 15) from the same folder
    (tmp_path / "loaded_confidence.csv").write_bytes(
        (LEXICON_DIR / "loaded_confidence.csv").read_bytes())
    monkeypatch.setattr(_text, "LEXICON_DIR", tmp_path)
    sentence = "Two gloomsters on the panel disagreed."
    try:
        ll.reload_lexicons()
        assert texts(sentence) == ["gloomsters"]
    finally:
        monkeypatch.undo()
        ll.reload_lexicons()
    assert texts(sentence) == []


def test_inflection_rules():
    assert ll.verb_forms("slam") == ["slam", "slams", "slammed", "slamming"]
    assert ll.verb_forms("decry") == ["decry", "decries", "decried", "decrying"]
    assert ll.verb_forms("devastate") == ["devastate", "devastates", "devastated", "devastating"]
    assert ll.verb_forms("smear") == ["smear", "smears", "smeared", "smearing"]


# --- against the answer key and the benchmark ---------------------------------------

def _own_voice_scores():
    from helpers import load_case
    from helpers.bench.scoring import span_scores

    case = load_case("rostec-venezuela-2019")
    if not (case.annotations_dir / "loaded_language.csv").exists():
        pytest.skip("no loaded-language answer key yet")
    key = case.annotations("loaded_language")
    found_ = case.detections("loaded_language")
    key, found_ = key[key["voice"] == "own"], found_[found_["voice"] == "own"]
    return span_scores(list(zip(found_["report"], found_["start"], found_["end"])),
                       list(zip(key["report"], key["start"], key["end"])))


def test_own_voice_agrees_with_the_answer_key():
    scores = _own_voice_scores()
    assert scores["recall"] >= 0.70, scores
    assert scores["precision"] >= 0.70, scores


def test_ptc_scoring_gives_partial_credit():
    # found 0..10 against reference 5..15: half of each is shared
    assert ptc.partial_credit([(0, 10)], [(5, 15)]) == (0.5, 0.5)
    assert ptc.merge([(0, 5), (3, 8), (10, 12)]) == [(0, 8), (10, 12)]


def test_ptc_benchmark_says_skipped_without_the_corpus(tmp_path):
    rows = ptc.run(tmp_path / "nowhere")
    assert rows == [{"benchmark": "ptc", "lens": "loaded_language",
                     "result": "skipped: benchmarks not found"}]


# --- issue 15: confidence tiers and the "a host of" false positive ---------------------

def test_a_host_of_is_not_loaded_language():
    # issue 15: a real same-event triple had "a host of" marked as loaded and as a number.
    # It is a vague amount (the numbers lens marks it), not a judgement, in any sense.
    text = ("Hannity, a host of the network, spoke. Ross, a host of Fox News, agreed. "
            "Russia withdrew a host of key defense advisors. A host of Republican senators left. "
            "A host of utterly wicked ideas.")
    table = ll.detect(text)
    assert not table["text"].str.lower().str.contains("host").any(), table
    # the words after it are still read: "utterly wicked" is loaded
    assert "utterly wicked" in set(table["text"])


def test_a_noun_only_intensifier_row_still_needs_a_plain_noun(tmp_path, monkeypatch):
    # the ``needs_next`` = noun rule (it once served "a host of") for a row a teacher adds
    from helpers.lenses import _text

    with open(LEXICON_DIR / "loaded_terms.csv", encoding="utf-8", newline="") as handle:
        original = handle.read()
    (tmp_path / "loaded_terms.csv").write_text(
        original + "heaps of,intensifier,many,phrase,no,,,,noun,test row\n", encoding="utf-8")
    (tmp_path / "loaded_confidence.csv").write_bytes(
        (LEXICON_DIR / "loaded_confidence.csv").read_bytes())
    monkeypatch.setattr(_text, "LEXICON_DIR", tmp_path)
    ll.reload_lexicons()
    try:
        text = "She had heaps of questions. He was one of the heaps of the show."
        table = ll.detect(text)
        heaps = table[table["term"] == "heaps of"]
        assert list(heaps["start"]) == [text.index("heaps of questions")]
        assert set(heaps["confidence"]) == {"check this"}
    finally:
        monkeypatch.undo()
        ll.reload_lexicons()


def test_every_finding_has_a_confidence_and_a_reason():
    text = ("The regime slashed wages. It was a truly disgraceful, diabolical plot by thugs, "
            "the so-called \u201cexperts\u201d said.")
    table = ll.detect(text)
    assert set(table["confidence"]) <= {"sure", "check this"}
    assert all(table["why"].str.len() > 10)
    tier = dict(zip(table["text"], table["confidence"]))
    assert tier["regime"] == "check this"       # a label: ordinary wording in some outlets
    assert tier["slashed"] == "check this"      # a verb with a literal sense
    assert tier["truly disgraceful"] == "sure"  # an intensified judging word
    assert tier["thugs"] == "sure"              # name-calling


def test_a_bad_confidence_value_is_a_clear_error(monkeypatch):
    from helpers.lenses import _text

    real = _text.load_lexicon

    def fake(name):
        if name == "loaded_confidence":
            return [{"rule": "*", "category": "*", "pos": "*", "confidence": "maybe", "why": ""}]
        return real(name)

    monkeypatch.setattr(ll, "load_lexicon", fake)
    ll.reload_lexicons()
    try:
        with pytest.raises(ValueError, match="loaded_confidence.csv.*maybe"):
            ll.detect("a disgraceful plot")
    finally:
        monkeypatch.undo()
        ll.reload_lexicons()


def test_a_loaded_word_inside_a_name_is_not_the_writers_verdict():
    # PTC false positive: "Foreign Corrupt Practices Act" is the name of a law
    text = ("He admitted violating the Foreign Corrupt Practices Act. "
            "Corrupt officials took bribes. The Deep State struck again.")
    found = texts(text)
    assert "Corrupt Practices" not in " ".join(found) and "Corrupt" not in found
    assert "Corrupt officials" in found          # a capital at the start of a sentence
    assert any(t.startswith("Deep State") for t in found)  # a loaded name is still loaded
    # a headline in title case is the writer's words, capitals and all
    assert "Corrupt Media" in texts("Trump Slams Corrupt Media Over Leaks\nHe spoke today.")


# --- a speaker's verdict is the speaker's voice (issue 15: S7, T3) ---------------------

def _one(sentence, words):
    found = ll.detect(sentence)
    start = sentence.index(words)
    hits = found[(found["start"] < start + len(words)) & (found["end"] > start)]
    assert len(hits) == 1, hits[["text", "voice", "neutral"]].values.tolist()
    return hits.iloc[0]


@pytest.mark.parametrize("sentence, words", [
    ("The opposition called it a disgraceful assault on culture.", "disgraceful"),
    ("Critics called the plan a disgraceful assault on towns, and the mayor agreed.",
     "disgraceful"),
])
def test_what_someone_called_it_is_their_verdict_not_the_outlets(sentence, words):
    assert _one(sentence, words)["voice"] == "quoted"


@pytest.mark.parametrize("sentence, words, neutral", [
    ('The chairman dismissed the protesters as a "mob" on Tuesday.', "mob", "crowd"),
    ('Senator Okafor blasted the decision as "reckless" and vowed to fight.', "reckless",
     "risky"),
    ('Critics branded the plan "reckless".', "reckless", "risky"),
])
def test_a_listed_word_quoted_from_a_speaker_is_theirs_with_the_lists_neutral_word(
        sentence, words, neutral):
    hit = _one(sentence, words)
    assert hit["voice"] == "quoted"
    assert hit["category"] != "scare_quotes"
    assert hit["neutral"] == neutral  # never the loaded word itself


def test_the_speakers_verb_stays_the_outlets_own_word():
    # "blasted" is the outlet's choice of verb; only "reckless" is the senator's
    assert _one('Okafor blasted the decision as "reckless".', "blasted")["voice"] == "own"


@pytest.mark.parametrize("sentence, words", [
    ('The group has been unjustly branded a "foreign agent".', "foreign agent"),  # passive
    ('Protesters met the so-called "mob" at noon.', "mob"),
    ('He was under heavy attack as a "hater" for his views.', "hater"),  # a noun, not a verb
])
def test_scare_quotes_with_no_speaker_stay_the_writers(sentence, words):
    hit = _one(sentence, words)
    assert hit["category"] == "scare_quotes" and hit["voice"] == "own"


def test_scare_quotes_around_a_listed_word_suggest_the_lists_neutral_word():
    assert _one('Protesters met the so-called "mob" at noon.', "mob")["neutral"] == "crowd"


def test_a_call_for_something_is_not_a_verdict():
    assert _one("He called for an end to the brutal crackdown.", "brutal")["voice"] == "own"


def test_leaker_is_not_replaced_by_source():
    neutral = _one("Fugitive US intelligence leaker Edward Snowden said it.", "leaker")["neutral"]
    assert "source" not in neutral and "leaker" not in neutral


@pytest.mark.parametrize("sentence", [
    'Robert "LaVoy" Finicum was shot at a roadblock.',
    "Pope \u201cEmeritus\u201d Benedict lives in the Vatican gardens.",
])
def test_a_nickname_inside_a_name_is_not_a_scare_quote(sentence):
    assert ll.detect(sentence).empty


@pytest.mark.parametrize("sentence, marked", [
    ('The so-called "Reform" passed the senate.', 'so-called "Reform"'),
    ('Officials praised the "Reform" today.', '"Reform"'),
    ('The "reform" Plan passed.', '"reform"'),
])
def test_a_quoted_word_not_between_two_names_is_still_a_scare_quote(sentence, marked):
    found = ll.detect(sentence)
    assert list(found["text"]) == [marked]
    assert list(found["rule"]) == ["scare quotes"]


@pytest.mark.parametrize("sentence, marked", [
    ("Aid reached cash-strapped Venezuela at last.", "cash-strapped"),
    ("Agents found a massive Russian network of shell firms.", "massive"),
    ("Aid reached the cash-strapped country at last.", "cash-strapped country"),
])
def test_a_loaded_adjective_takes_a_common_noun_along_but_not_a_name(sentence, marked):
    found = ll.detect(sentence)
    assert list(found["text"]) == [marked]


def test_on_a_title_case_headline_the_capitalised_noun_still_comes_along():
    assert "Corrupt Media" in list(ll.detect("Trump Slams Corrupt Media")["text"])


@pytest.mark.parametrize("sentence, marked", [
    # an adjective before a loaded noun is part of the verdict
    ("They denounced the endless charade at the council.", "endless charade"),
    # an adverb in -ly before a loaded adjective strengthens it
    ("The plan was overly aggressive for a small town.", "overly aggressive"),
    # a loaded adjective paired with another by "and" / "or"
    ("The reply was shocking and surreal to most readers.", "shocking and surreal"),
])
def test_the_words_around_a_loaded_term_that_belong_to_the_verdict_come_along(sentence, marked):
    assert list(ll.detect(sentence)["text"]) == [marked]


@pytest.mark.parametrize("sentence, marked", [
    ("The Iranian regime fell.", "regime"),             # a name, not an adjective
    ("A family aggressive dog barked.", "aggressive dog"),  # "family" is not an adverb
    ("The reply was shocking and the readers left.", "shocking"),  # "and" joins a clause
    ("They denounced the charade.", "charade"),         # a function word is not taken
])
def test_words_that_are_not_part_of_the_verdict_are_left_out(sentence, marked):
    assert list(ll.detect(sentence)["text"]) == [marked]


# --- the neutral word fits the sentence in the loaded word's place (issue 15) -------------

def _neutral(sentence, words):
    return _one(sentence, words)["neutral"]


@pytest.mark.parametrize("sentence, words, neutral", [
    # before a noun, after a possessive or a determiner or a verb: an adjective, "heavy"
    ("Rural clinics close as the state's crushing rules bite.", "crushing", "heavy"),
    ("Families across the county face crushing debt this winter.", "crushing", "heavy"),
    ("The new tax is crushing.", "crushing", "heavy"),  # alone after "is"
    # with an object, after "by" or "is", or opening a clause after a comma: a verb
    ("The army is crushing the protest in the capital.", "crushing", "defeating"),
    ("He kept power by crushing dissent in the provinces.", "crushing", "defeating"),
    ("The troops moved in at dawn, crushing the uprising.", "crushing", "defeating"),
    ("The army crushed the protest in a week.", "crushed", "defeated"),
    ("The protest was crushed within a week.", "crushed", "defeated"),
])
def test_crushing_is_heavy_as_an_adjective_and_defeating_as_a_verb(sentence, words, neutral):
    assert _neutral(sentence, words) == neutral


@pytest.mark.parametrize("sentence, words, neutral", [
    ("Parents want a clear answer about the slashing cuts to bus routes.", "slashing", "sharp"),
    ("The company is slashing jobs across the region.", "slashing", "cutting"),
    ("The chain shut two wards, slashing care in the valley.", "slashing", "cutting"),
    ("The board slashed its budget.", "slashed", "cut"),
    ("The board slashes its budget every spring.", "slashes", "cuts"),
])
def test_slashing_is_sharp_as_an_adjective_and_cutting_as_a_verb(sentence, words, neutral):
    assert _neutral(sentence, words) == neutral


def test_a_headline_keeps_its_capital_letter():
    assert _neutral("Hospital Chain Abandons Rural Moms, Slashing Maternity Care", "Slashing") == "Cutting"
    assert _neutral("Ward Shuts Down as State's Crushing Medicaid Rules Bite", "Crushing") == "Heavy"


@pytest.mark.parametrize("sentence, words, neutral", [
    # no honest neutral word: the plain sentence drops the verdict and keeps the noun;
    # alone, the student is told what the word does instead of getting a synonym
    ("The callous decision closed the ward.", "callous decision", "decision"),
    ("The decision was callous.", "callous", "(leave out: the word judges, it does not describe)"),
    ("The disastrous plan starts April 1.", "disastrous plan", "plan"),
    ("Critics said the result was disastrous.", "disastrous", "(leave out, or say what went wrong)"),
])
def test_callous_and_disastrous_get_no_synonym_as_loaded_as_themselves(sentence, words, neutral):
    offered = _neutral(sentence, words)
    assert offered == neutral
    assert offered not in ("uncaring", "very bad")


@pytest.mark.parametrize("sentence, words, neutral", [
    ("Critics slammed the plan on Monday.", "slammed", "criticised"),
    ("Two thugs blocked the road.", "thugs", "people"),
    ("The serial liars on the panel were named.", "serial liars", "people who said false things"),
    ("Troops plundered the town.", "plundered", "took"),
    ("The town had been plundered twice.", "plundered", "taken"),
    ("Sanctions had a crippling effect on trade.", "crippling effect", "effect"),
    ("The so-called experts met on Friday.", "so-called experts", "experts"),
    ("Soldiers slaughtered the villagers.", "slaughtered", "killed"),
    ("Prices skyrocketed in May.", "skyrocketed", "rose sharply"),
    ("Two hucksters sold tonics at the fair.", "hucksters", "salesmen"),
    ("The minister misspoke at the briefing.", "misspoke", "said something wrong"),
    ("Gangs preyed on the poor.", "preyed on", "targeted"),
])
def test_the_neutral_word_takes_the_loaded_words_form_and_place(sentence, words, neutral):
    assert _neutral(sentence, words) == neutral


def test_no_neutral_word_is_itself_a_loaded_word_of_the_list():
    import csv

    with open(LEXICON_DIR / "loaded_terms.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    bad = []
    for row in rows:
        for column in ("neutral", "neutral_adj", "neutral_verb"):
            words = (row.get(column) or "").strip()
            if not words or words.startswith("(") or row["pos"] == "caps":
                continue
            found = ll.detect(words)
            if (found["rule"] == "lexicon").any():
                bad.append((row["term"], column, words))
    assert bad == []


def test_every_irregular_neutral_verb_is_known():
    # a neutral verb is inflected by rule; one that the rule would get wrong must be listed
    import csv

    from helpers.lenses._neutral import IRREGULAR_VERBS
    irregular = {"bring", "buy", "catch", "come", "cut", "do", "fall", "get", "give", "go", "grow",
                 "hold", "keep", "know", "lead", "let", "make", "mislead", "put", "rise", "say",
                 "see", "send", "set", "speak", "stand", "take", "teach", "tell", "think", "win"}
    with open(LEXICON_DIR / "loaded_terms.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    verbs = {(row["neutral"] if row["pos"] == "verb" else row.get("neutral_verb") or "").split(" ")[0]
             for row in rows}
    assert (verbs & irregular) <= set(IRREGULAR_VERBS)


# --- a student reviewer's findings on the neutral words (issue 15) -----------------------

@pytest.mark.parametrize("sentence, words, neutral", [
    # "so-called" before a quoted word: only "so-called" goes; the quote marks stay, or the
    # word would become the outlet's own, stated as fact
    ("Maduro said the so-called \u201ccoup\u201d was directed from abroad.", "so-called \u201ccoup\u201d",
     "\u201ccoup\u201d"),
    ('He mocked the so-called "reforms" of the council.', 'so-called "reforms"', '"reforms"'),
    # a listed word in the quote marks still gets the list's plain word
    ('Protesters met the so-called "mob" at noon.', 'so-called "mob"', "crowd"),
])
def test_so_called_before_a_quoted_word_drops_only_so_called(sentence, words, neutral):
    assert _neutral(sentence, words) == neutral


def test_hannitys_so_called_coup_keeps_its_quote_marks():
    from helpers import load_case
    case = load_case("rostec-venezuela-2019")
    rows = case.detections("loaded_language")
    rows = rows[(rows["report"] == "hannity") & rows["quote"].str.startswith("so-called")]
    assert list(rows["neutral"]) == ["\u201ccoup\u201d"]


@pytest.mark.parametrize("sentence, words, neutral", [
    # a past form before a noun is the verb's participle, not the -ing adjective's word
    ("The slashed budget hurt schools.", "slashed", "cut"),
    ("The state's crushed rebellion was forgotten.", "crushed", "defeated"),
    # "crippling" with "is"/"are" and an object after it is a verb
    ("Sanctions are crippling Venezuela.", "crippling", "damaging"),
    ("He is crippling the economy.", "crippling", "damaging"),
    ("Sanctions had a crippling effect on trade.", "crippling effect", "effect"),
    ("Life went on despite crippling US sanctions.", "crippling", "(leave out, or say what it did)"),
    ("The debt is crippling.", "crippling", "(leave out, or say what it did)"),
])
def test_past_and_ing_forms_get_the_word_their_grammar_needs(sentence, words, neutral):
    assert _neutral(sentence, words) == neutral


@pytest.mark.parametrize("sentence, words", [
    ("It was a crushing blow for the party.", "crushing"),
    ("The crushing burden fell on the poor.", "crushing"),
    ("Their crushing debt grew every year.", "crushing"),
])
def test_crushing_after_a_determiner_is_marked(sentence, words):
    # the crush row's unless_before (a|the|their...) is there for "a crush on", not the adjective
    assert _neutral(sentence, words) == "heavy"


@pytest.mark.parametrize("sentence", ["She has a crush on him.", "The crushes of youth fade."])
def test_a_crush_on_someone_is_still_skipped(sentence):
    assert ll.detect(sentence).empty


@pytest.mark.parametrize("sentence, words, neutral", [
    # a capital is kept only where the sentence or a headline needs it
    ("Trump is Exhibit A in the case against him.", "Exhibit A", "an example"),
    ("Exhibit A is the letter.", "Exhibit A", "An example"),
    # and the placed words fit: "an example proof" does not
    ("Trump is Exhibit A proof that all politicians lie.", "Exhibit A proof", "evidence"),
])
def test_a_capital_only_at_the_start_and_the_words_fit(sentence, words, neutral):
    assert _neutral(sentence, words) == neutral


def _global_research_neutral(quote):
    from helpers import load_case
    rows = load_case("rostec-venezuela-2019").detections("loaded_language")
    rows = rows[(rows["report"] == "global-research") & (rows["quote"] == quote)]
    assert len(rows) == 1, rows
    return rows["neutral"].iloc[0]


@pytest.mark.parametrize("quote, neutral", [
    # the report means US outlets: "foreign press" was untrue
    ("imperial press", "(say whose policy they back, or leave it out)"),
    # the answer key counts "illegally" loaded: it goes with the word it strengthens
    ("illegally self-declared himself", "declared himself"),
    # "plot" still charges scheming; the key says "plan"
    ("diabolical plot", "plan"),
])
def test_global_research_neutral_words_are_true_and_plain(quote, neutral):
    assert _global_research_neutral(quote) == neutral


# --- advice is advice, and the hover texts are true (issue 15, student review) -----------

def _key_neutral(report, quote, occurrence=None):
    from helpers import load_case
    rows = load_case("rostec-venezuela-2019").annotations("loaded_language")
    rows = rows[(rows["report"] == report) & (rows["quote"] == quote)]
    return list(rows["neutral"])


def test_the_answer_key_keeps_moscows_quote_and_does_not_repeat_the_sentence():
    # "challenge" rewrote words inside Moscow's direct quotation
    [shameless] = _key_neutral("breitbart", "shameless, open attack")
    assert shameless.startswith("(") and "quot" in shameless and "Moscow" in shameless
    # "president recognised by those governments" repeated the sentence it stands in
    assert _key_neutral("breitbart", "rightful president") == ["president"]


def test_the_hannity_headline_is_not_rewritten_as_a_fact():
    # "Russia cuts advisers in Venezuela" stated the Journal's unnamed-source report as fact
    offered = _key_neutral("hannity", "LIFELINE LOST?")
    assert offered and all(n.startswith("(") and "cuts" not in n for n in offered)


def _advice_texts():
    """Every neutral text the lens, the lexicon and the answer key can offer."""
    from helpers import load_case
    case = load_case("rostec-venezuela-2019")
    texts = set(case.annotations("loaded_language")["neutral"]) | set(case.detections("loaded_language")["neutral"])
    texts |= set(ll.detect("LIFELINE LOST? The advisers leave")["neutral"])
    with open(LEXICON_DIR / "loaded_terms.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            texts |= {row.get(c) or "" for c in ("neutral", "neutral_adj", "neutral_verb")}
    return {str(t) for t in texts if str(t)}


def test_every_advice_text_is_in_brackets():
    # "a plain statement, no capitals or question" was shown as 'try the words "a plain ..."'
    advice_signs = ("(", ")", "leave out", "plain statement", " say ", "no capitals")
    unbracketed = [t for t in _advice_texts() if any(s in t for s in advice_signs)
                   and not (t.startswith("(") and t.endswith(")"))]
    assert unbracketed == []


def test_bracketed_advice_is_shown_without_quote_marks_or_try():
    from helpers.lenses.registry import _describe_loaded
    detail = _describe_loaded({"category": "emotive", "voice": "own",
                               "neutral": "(leave out: the word judges, it does not describe)"}, "callous").detail
    assert "\u201c(" not in detail and "neutral choice" not in detail and "leave out" in detail
    words = _describe_loaded({"category": "emotive", "voice": "own", "neutral": "cut"}, "slashed").detail
    assert "\u201ccut\u201d" in words


def test_the_rewrite_box_shows_advice_as_advice(tmp_path):
    from helpers.widgets.exercises import RewriteModel
    from helpers.widgets.journal import Journal
    model = RewriteModel("CHAOS AHEAD? Russia withdrew advisers.", key="t/headline", case=None,
                         journal=Journal(tmp_path / "j.json"), keep=[["Russia"]])
    model.value = "CHAOS AHEAD? Russia withdrew its advisers."
    assert "CHAOS AHEAD?" in model.feedback
    assert "try the words \u201c(" not in model.feedback and "try the words \u201ca plain" not in model.feedback
    assert "a plain statement, no capitals or question" in model.feedback


@pytest.mark.parametrize("sentence, words, wrong", [
    # an adjective is not a verb
    ("Crushing Defeat for the Party", "Crushing", "such verbs"),
    # "so-called" is not a careful reporter's word
    ("So-called experts met on Friday.", "So-called experts", "'claimed', 'alleged' are also"),
    # a word in a quotation is the speaker's, not the writer's
    ('He said "those thugs are liars".', "thugs", "writer's own voice"),
])
def test_the_why_text_is_true_of_the_finding(sentence, words, wrong):
    assert wrong not in _one(sentence, words)["why"]


@pytest.mark.parametrize("sentence, words, neutral", [
    # "attackers" claims an attack the text may not report
    ("Two thugs stood at the gate.", "thugs", "people"),
    ("A thug stood at the gate.", "thug", "person"),
])
def test_thug_claims_no_attack(sentence, words, neutral):
    assert _neutral(sentence, words) == neutral
