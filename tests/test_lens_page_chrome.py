"""The page-chrome lens: one test per rule family, with pages that must match and text
that must not. Every line here was written for these tests."""
from __future__ import annotations

import csv


from helpers.lenses import page_chrome as pc
from helpers.lenses._text import LEXICON_DIR

STORY = ("Floodwater reached the old town on Tuesday, and the council closed two bridges.\n\n"
         "The mayor said repairs would take weeks.")


def found(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every finding."""
    table = pc.detect(text)
    return list(zip(table["kind"], table["text"]))


def kinds(text: str) -> list[str]:
    return list(pc.detect(text)["kind"])


# --- the shape of the result ---------------------------------------------------------

def test_columns_offsets_and_vocabulary():
    text = f"By Jane Roe\n\n{STORY}\n\nRead more"
    table = pc.detect(text)
    assert list(table.columns[:3]) == ["start", "end", "text"]
    assert set(pc.COLUMNS) <= set(table.columns)
    for row in table.itertuples():
        assert row.text == text[row.start:row.end]
        assert row.kind in pc.KINDS
        assert row.rule
    assert found(text) == [("byline", "By Jane Roe"), ("navigation", "Read more")]


def test_empty_text_and_a_plain_story():
    for text in ("", STORY):
        table = pc.detect(text)
        assert len(table) == 0
        assert list(table.columns) == ["start", "end", "text", *pc.COLUMNS]


def test_every_pattern_row_is_well_formed():
    with open(LEXICON_DIR / "page_chrome_patterns.csv", encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            assert row["kind"] in pc.KINDS, line
            assert row["match"] in ("starts", "contains", "line", "regex"), line
            assert row["extent"] in ("line", "paragraph", "match"), line


# --- one test per kind ---------------------------------------------------------------

def test_photo_caption_with_positions_in_the_present_tense():
    caption = ("President Ana Ruiz (R) and Prime Minister Omar Said shake hands during a "
               "ceremony in Lisbon on May 2, 2015. The two leaders met again last year …")
    assert found(f"{caption}\n\n{STORY}") == [("caption", caption)]


def test_a_party_label_is_not_a_caption():
    assert found("Senator Jo Diaz (R) said the bill would pass next week.") == []


def test_photo_credits():
    assert found(f"Jane Roe / AP / Reuters\n\n{STORY}") == [("photo_credit", "Jane Roe / AP / Reuters")]
    assert kinds(f"{STORY}\n\n*Featured image is from Example News*") == ["photo_credit"]


def test_donation_appeal_is_the_whole_paragraph():
    appeal = ("… we have a small favor to ask. Independent reporting costs money, and your "
              "support, no matter how small, keeps us going.")
    assert found(f"{STORY}\n\n{appeal}") == [("appeal", appeal)]
    assert kinds("Support The Valley Ledger!\n\n" + STORY) == ["appeal"]


def test_news_about_donations_is_not_an_appeal():
    assert found("The candidate asked wealthy supporters to donate to his campaign.") == []


def test_related_links_and_bare_addresses():
    text = (f"{STORY}\n\nRelated article: Floods Hit the North Again\n\n"
            "https://www.example.com/2019/04/04/floods-hit-the-north-again-a123\n"
            "https://www.example.com/2019/05/01/bridges-reopen")
    assert kinds(text) == ["related_links"] * 3


def test_an_address_inside_a_sentence_is_not_a_link_block():
    assert found("The council posted its plan at https://example.com/plan on Monday.") == []


def test_bylines():
    assert kinds(f"By [Jane Roe](#)\n\n{STORY}") == ["byline"]
    assert kinds(f"{STORY}\n\nFollow Jane Roe on Twitter @janeroe.") == ["byline"]
    assert kinds(f"{STORY}\n\n### About the author:\n\nJane Roe can be reached at jane@example.org.") \
        == ["byline", "byline"]


def test_a_sentence_starting_with_by_is_not_a_byline():
    assert found("By Tuesday, the water had receded from most streets.") == []


def test_datelines():
    assert found(f"Example News, June 4, 2019\n\n{STORY}")[0] == ("dateline", "Example News, June 4, 2019")
    text = "LONDON (Reuters) — Prices rose for a third month in a row."
    assert found(text) == [("dateline", "LONDON (Reuters) —")]


def test_share_and_comment_prompts():
    assert kinds(f"{STORY}\n\n*Note to readers: please click the share buttons below.*") == ["share_prompt"]
    assert kinds(f"{STORY}\n\nPlease let us know if you're having issues with commenting.") == ["comment_prompt"]
    assert kinds(f"{STORY}\n\n**[Comment on this story on our Facebook page](#)**") == ["comment_prompt"]


def test_source_lines_and_navigation():
    text = (f"Originally published at: Floods Close Bridges | The Valley Ledger\n\n{STORY}\n\n"
            "Read the full report at Example News.\n\nRead more")
    assert kinds(text) == ["source_line", "source_line", "navigation"]
    assert kinds(f"Source: [The Valley Ledger](#)\n\n{STORY}") == ["source_line"]


def test_boilerplate_and_tags():
    text = (f"Tags: floods, bridges\n\n{STORY}\n\n"
            "Copyright © 2019 Example Media. All rights reserved.")
    assert kinds(text) == ["tags", "boilerplate"]


def test_masthead_only_at_the_top_and_section_labels():
    assert found(f"INDEPENDENT NEWS FROM THE VALLEY\n\n{STORY}")[0] == (
        "masthead", "INDEPENDENT NEWS FROM THE VALLEY")
    late = f"{STORY}\n\nThe river.\n\nMore rain.\n\nBREAKING NEWS TODAY\n\nThe end."
    assert found(late) == []
    assert found(f"{STORY}\n\nWORLD\n\nA second story.") == [("navigation", "WORLD")]


def test_offsets_with_non_breaking_spaces_and_curly_quotes():
    text = f"“{STORY}”\r\n\nFollow Ben Kew on Facebook,\u00a0Twitter at\u00a0@ben_kew."
    table = pc.detect(text)
    assert list(table["kind"]) == ["byline"]
    for row in table.itertuples():
        assert row.text == text[row.start:row.end]
        assert row.text.startswith("Follow Ben Kew")


def test_reload_lexicons_reads_the_file_again():
    pc.reload_lexicons()
    assert kinds("Read more") == ["navigation"]


# --- a paragraph never swallows the story ------------------------------------------------

# One paragraph a line and no blank line between them, as a teacher pastes a story.
PASTED = ("Council Cuts Bus Routes\n\n"
          "The city council voted on Tuesday to cut 12 of its 38 bus routes, a move critics called a betrayal.\n"
          "Fares will rise from $2.50 to $3.25 in March, the council leader said at a press conference.\n"
          "Photo: the bus depot, 2016 (file). Share this article on Facebook.\n"
          "Everyone knows who pays: you. Donate now to keep the Voice independent.")


def test_a_story_pasted_one_paragraph_a_line_keeps_its_story():
    table = pc.detect(PASTED)
    marked = "".join(table["text"])
    assert "council voted" not in marked and "Fares will rise" not in marked
    assert list(table["text"]) == ["Photo: the bus depot, 2016 (file). Share this article on Facebook.",
                                   "Everyone knows who pays: you. Donate now to keep the Voice independent."]


def test_a_hard_wrapped_appeal_is_marked_whole_and_the_story_above_it_is_not():
    text = ("The council met on Tuesday and voted to cut twelve of its bus\n"
            "routes, a move that critics called a betrayal of working\n"
            "families across the city.\n"
            "We have a small favour to ask. Independent reporting costs\n"
            "money and your support keeps us going. Please donate\n"
            "now if you can.")
    assert found(text) == [("appeal", text[text.index("We have"):])]


def test_a_paragraph_mark_has_a_length_limit():
    text = "and the story runs on without a full stop\n" * 500 + "Donate now to help us."
    (mark,) = pc.detect(text)["text"]
    assert mark.endswith("Donate now to help us.") and len(mark) <= pc.MAX_PARAGRAPH
