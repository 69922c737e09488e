"""The one renderer: escaped text, nested and overlapping marks, labels beyond colour."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from helpers import Span, render_html
from helpers.lenses import registry


class Marks(HTMLParser):
    """Collects the text inside each <mark> and checks that the tags nest."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.marks, self.tags = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("br",):
            self.text.append("\n")
            return
        self.stack.append((tag, dict(attrs), len(self.text), len(self.tags)))

    def handle_endtag(self, tag):
        open_tag, attrs, start, tags_before = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if tag == "mark":
            self.marks.append((attrs, start, len(self.text)))
        if attrs.get("class") == "mlk-tag":
            # The tag text is a label, not report text: keep it apart.
            label = "".join(self.text[start:])
            del self.text[start:]
            self.tags.append(label)

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> Marks:
    parser = Marks()
    parser.feed(markup)
    parser.close()
    assert not parser.stack, "unclosed tags"
    return parser


def test_script_in_report_text_is_shown_not_run():
    text = 'Hello <script>alert("x")</script> & <img src=x onerror="alert(1)"> bye'
    markup = render_html(text, [Span(6, 14, "numbers")])
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;" in markup and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in markup
    assert "".join(parse(markup).text).endswith(text)


def test_quotes_in_labels_cannot_break_out_of_attributes():
    markup = render_html("abc", [Span(0, 3, "named", label='x" onmouseover="alert(1)')])
    assert 'onmouseover="alert' not in markup
    assert "&quot; onmouseover=&quot;" in markup


def test_overlapping_spans_keep_html_well_formed_and_cover_the_right_text():
    text = "one two three four"
    markup = render_html(text, [Span(0, 7, "numbers", id="a"), Span(4, 13, "anonymous", id="b")], legend=False)
    parsed = parse(markup)
    assert "".join(parsed.text) == text
    covered: dict[str, str] = {}
    for attrs, start, end in parsed.marks:
        covered[attrs["data-span"]] = covered.get(attrs["data-span"], "") + "".join(parsed.text[start:end])
    # b is split into two pieces around a's end; together they cover its text exactly once
    assert covered["a"] == "one two"
    assert sorted(covered["b"]) == sorted("two three")


def test_nested_spans_nest():
    text = "The Wall Street Journal reported"
    markup = render_html(text, [Span(0, 32, "named", id="outer"), Span(4, 23, "page_chrome", id="inner")], legend=False)
    assert re.search(r'<mark data-lens="named"[^>]*>.*<mark data-lens="page_chrome"', markup)
    assert markup.count("<mark") == 2


def test_every_mark_has_a_visible_text_tag_and_an_underline_style():
    STYLES = registry.views()
    spans = [Span(i, i + 1, lens) for i, lens in enumerate(STYLES)]
    parsed = parse(render_html("abcdef", spans, legend=False))
    assert sorted(parsed.tags) == sorted(s.tag for s in STYLES.values())
    styles = {attrs["data-lens"]: attrs["style"] for attrs, _, _ in parsed.marks}
    underlines = {re.search(r"underline (\w+)", css).group(1) for css in styles.values()}
    assert len(underlines) >= 4, "lenses must differ by more than colour"
    assert all(attrs["title"].startswith(STYLES[attrs["data-lens"]].label) for attrs, _, _ in parsed.marks)


def test_tags_are_shown_once_per_span_even_when_split():
    markup = render_html("one two three", [Span(0, 7, "numbers"), Span(4, 13, "anonymous")], legend=False)
    assert markup.count(">ANON<") == 1 and markup.count(">NUM<") == 1


def test_line_breaks_stay_visible():
    markup = render_html("line one\nline two\r\nline three", [], legend=False)
    assert markup.count("<br>") == 2 and "white-space:pre-wrap" in markup


def test_legend_names_the_lenses_in_view():
    markup = render_html("abc def", [Span(0, 3, "loaded_language"), Span(4, 7, "numbers")])
    legend = markup.split("</ul>")[0]
    assert "Loaded language" in legend and "Numbers" in legend and "Anonymous sources" not in legend


def test_spans_outside_the_text_are_clipped_and_empty_ones_dropped():
    parsed = parse(render_html("abc", [Span(1, 99, "numbers"), Span(2, 2, "named")], legend=False))
    assert len(parsed.marks) == 1 and "".join(parsed.text) == "abc"


def test_unknown_lens_still_gets_a_label():
    markup = render_html("abc", [Span(0, 3, "my_lens")], legend=False)
    assert 'data-lens="my_lens"' in markup and ">NOTE<" in markup


def test_emphasis_is_an_outline_not_only_colour():
    markup = render_html("abc", [Span(0, 3, "numbers", emphasis=True)], legend=False)
    assert "outline:3px solid" in markup and 'class="mlk-emphasis"' in markup
