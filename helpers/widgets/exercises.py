"""Exercises with immediate feedback; every answer is saved to the journal as it is typed.

- ``SpotIt``: tick the sentences of a report that contain, say, an anonymous source;
  the feedback says which ticks were right, which sentences were missed and why (from
  the answer key), and which ticks were not in the key.
- ``MultipleChoice``: one question, an explanation for every option.
- ``Rewrite``: rewrite a loaded sentence; the kit lists the loaded words still in it
  and offers a neutral version.
- ``Reflection``: a free-text box.

Each has a model (traitlets, no widgets: tests set ``.value`` and read ``.feedback``)
and a view. ``key`` names the answer in the journal (``"01_who_said_it/spot-anon"``):
reopening the notebook restores it.
"""
from __future__ import annotations

import bisect
import html
import re

import ipywidgets as widgets
from traitlets import Bool, HasTraits, Integer, Tuple, Unicode, observe

from ..glossary import define
from ..lenses import registry
from .. import wording
from .journal import Journal, default_journal, now
from .static import STATIC_NOTE, STYLE, StaticFallback, frame

BOX_ON, BOX_OFF, RADIO_ON, RADIO_OFF = "\u2611", "\u2610", "\u25c9", "\u25cb"
_DEFAULT = object()


def _spot_lens(lens: str):
    """The registry's lens for a SpotIt (it needs an answer key and something to highlight)."""
    if registry.known(lens):
        found = registry.get(lens)
        if found.key is not None and found.views:
            return found
    names = ", ".join(sorted(found.name for found in registry.with_key() if found.views))
    raise ValueError(f"SpotIt works with the lenses {names}, not {lens!r}")


def _kinds_of(lens: str) -> tuple[str, ...]:
    """Every ``kind`` a SpotIt on ``lens`` accepts (the key's own words first)."""
    return registry.get(lens).exercise_kinds()


def _what(lens: str, kind: str) -> tuple[str, str]:
    """(the glossary word for what is checked, the words a prompt uses for it)."""
    return registry.get(lens).what(kind)


def sentences_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, split the way the lenses split them."""
    from ..lenses._text import sentence_spans

    return sentence_spans(text)


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def _value(record: dict, name: str) -> str:
    return str(wording.value(record, name, ""))


def _units(sentences: list[tuple[int, int]], rows) -> list[tuple[int, int]]:
    """Sentences, with neighbours joined where one answer-key quote runs across them.

    A student ticks what the key marks; if the sentence splitter cuts one marked passage in
    two ("Originally published at: LIFELINE LOST? | Russia Withdraws ..."), the student would
    have to tick two boxes for one thing. Joining them keeps one tick per marked passage,
    whatever the splitter does.
    """
    if not sentences:
        return []
    starts = [start for start, _ in sentences]
    ends = [end for _, end in sentences]
    joined = [False] * len(sentences)  # joined[k]: sentence k runs on into sentence k + 1
    for row in rows:
        first = bisect.bisect_right(ends, int(row["start"]))      # the sentence the quote starts in
        last = bisect.bisect_left(starts, int(row["end"])) - 1    # the sentence it ends in
        for k in range(max(first, 0), min(last, len(sentences) - 1)):
            joined[k] = True
    units: list[tuple[int, int]] = []
    start = starts[0]
    for k, (_, end) in enumerate(sentences):
        if not joined[k]:
            units.append((start, end))
            if k + 1 < len(sentences):
                start = starts[k + 1]
    return units


class SavesToJournal:
    """Shared by every exercise model: where and how its answer is saved."""

    kind = "answer"

    def _setup_journal(self, key: str, journal: Journal | None) -> None:
        if not key or not isinstance(key, str):
            raise ValueError("every exercise needs a key, e.g. key=\"01_who_said_it/spot-anon\"")
        self.key = key
        self.journal = journal if journal is not None else default_journal()
        self.saved_at = ""
        self.save_error = ""

    def _save(self, answer, correct=None, feedback: str = "", **extra) -> None:
        entry = {"kind": self.kind, "prompt": self.prompt, "answer": answer, "correct": correct,
                 "feedback": feedback, "saved": now(), **extra}
        if self.journal.set(self.key, entry):
            self.saved_at = entry["saved"][11:19]
            self.save_error = ""
        else:
            self.save_error = self.journal.warnings[-1] if self.journal.warnings else "not saved"
        self.status = self._status_html()

    def _status_html(self) -> str:
        warnings = "".join(f'<p class="mlk-notice" role="alert">\u26a0 {html.escape(w)}</p>'
                           for w in self.journal.warnings)
        if self.save_error:
            return warnings
        if self.saved_at:
            return warnings + (f'<p class="mlk-counts" role="status">\u2714 Saved at {self.saved_at} '
                               f"to your journal.</p>")
        return warnings


class SpotItModel(SavesToJournal, HasTraits):
    """Tick the sentences that contain what the answer key marks; check; see why."""

    ticked = Tuple()          # indices of the ticked sentences
    checked = Bool(False)     # feedback is shown (and kept up to date)
    feedback = Unicode()
    status = Unicode()
    kind = "spot_it"

    def __init__(self, case, report: str, lens: str = "attributions", kind=_DEFAULT,
                 key: str = "", prompt: str | None = None, journal: Journal | None = None,
                 max_sentences: int | None = None, arguable=None):
        super().__init__()
        self.case = case
        if report not in case.reports:
            raise ValueError(f"no report {report!r}; the reports are: {', '.join(case.reports)}")
        found = _spot_lens(lens)
        self.lens = found.name
        if kind is _DEFAULT or kind in (None, ""):
            kind = found.default_kind
        if kind == "date":
            kind = "dates"
        if kind not in _kinds_of(self.lens):
            raise ValueError(f"SpotIt(lens={lens!r}) has no kind {kind!r}; for this lens the kinds are: "
                             f"{', '.join(_kinds_of(self.lens))}")
        self.report, self.target = report, kind
        self.term, self.what = _what(self.lens, kind)
        self.text = case.reports[report].text
        self.outlet = case.reports[report].outlet
        key_rows = case.annotations(self.lens)
        key_rows = key_rows[key_rows["report"] == report].to_dict("records")
        self.sentences = _units(sentences_of(self.text), key_rows)[:max_sentences]
        if prompt and self.term.casefold() not in prompt.casefold():
            # A sentence of its own: the "what" may hold brackets already, never nested ones.
            prompt = f"{prompt.rstrip()} The answer key counts {self.what}."
        self.prompt = prompt or self._default_prompt()
        meaning = define(self.term)
        self.definition = f"\u201c{self.term.capitalize()}\u201d: {meaning}" if meaning else ""
        self.answer: dict[int, list[dict]] = {}
        self.others: dict[int, list[dict]] = {}
        for row in key_rows:
            hit = self._wanted(row)
            for i, (s, e) in enumerate(self.sentences):
                if row["start"] < e and s < row["end"]:
                    (self.answer if hit else self.others).setdefault(i, []).append(row)
        if not self.answer:
            raise ValueError(f"the answer key marks no {self.what} in {self.outlet} ({report}): "
                             f"the exercise would have no right answer; pick another report or kind")
        self._setup_journal(key, journal)
        # sentences the key counts but a thoughtful student may leave out: {index: why}
        self.arguable: dict[int, str] = {}
        for item in (spot_it_exercises().get(key, {}).get("arguable", []) if arguable is None else arguable):
            words = _flat(str(item["quote"]))
            found = [i for i in self.answer if words.casefold() in self.sentence_text(i).casefold()]
            if not found:
                raise ValueError(f"{SPOT_IT_FILE}: {key}: no sentence the answer key counts has the words "
                                 f"{words!r}; the arguable sentence must be one the key counts")
            for i in found:
                self.arguable[i] = str(item.get("why", ""))
        self._restore()
        self.status = self._status_html()

    def _default_prompt(self) -> str:
        return f"Tick every sentence of {self.outlet} that contains {self.what}."

    def _wanted(self, row: dict) -> bool:
        return registry.get(self.lens).wanted(row, self.target)

    def sentence_text(self, i: int) -> str:
        s, e = self.sentences[i]
        return _flat(self.text[s:e])

    def _restore(self) -> None:
        entry = self.journal.get(self.key)
        if not entry or entry.get("kind") != self.kind:
            return
        texts = [self.sentence_text(i) for i in range(len(self.sentences))]
        answer = entry.get("answer")
        if not isinstance(answer, list):  # a journal edited by hand: treat as unanswered
            return
        restored = [texts.index(t) for t in answer if isinstance(t, str) and t in texts]
        self._restoring = True
        self.ticked = tuple(sorted(set(restored)))
        self.checked = bool(entry.get("checked"))
        self._restoring = False
        self.feedback = self._feedback() if self.checked else ""
        self.saved_at = str(entry.get("saved", ""))[11:19]

    @observe("ticked")
    def _ticked(self, change):
        if getattr(self, "_restoring", False):
            return
        if self.checked:
            self.feedback = self._feedback()
        self._store()

    def tick(self, i: int, on: bool = True) -> None:
        current = set(self.ticked)
        self.ticked = tuple(sorted(current | {i} if on else current - {i}))

    def check(self) -> dict:
        """Show the feedback (and keep it current as ticks change); return the result."""
        self.checked = True
        self.feedback = self._feedback()
        self._store()
        return self.result()

    def result(self) -> dict:
        """Sentences right, missed and wrongly ticked; an arguable sentence is none of these
        (ticked or not, it costs nothing) and is listed under "arguable"."""
        ticked, counted = set(self.ticked), set(self.answer)
        wanted = counted - set(getattr(self, "arguable", {}))
        return {"right": sorted(ticked & wanted), "missed": sorted(wanted - ticked), "wrong": sorted(ticked - counted),
                "arguable": sorted(getattr(self, "arguable", {}))}

    def _store(self) -> None:
        r = self.result()
        correct = (not r["missed"] and not r["wrong"]) if self.checked else None
        plain = (f"{len(r['right'])} right, {len(r['missed'])} missed, {len(r['wrong'])} not in the key"
                 if self.checked else "")
        self._save([self.sentence_text(i) for i in self.ticked], correct, plain,
                   checked=self.checked, report=self.report)

    def _why(self, row: dict, sentence: str = "") -> str:
        """Why the key marks ``row``: its kind (explained by the glossary) and the
        student-facing ``explain`` column. The ``note`` column is for teachers and
        maintainers and never shown here."""
        words = _flat(row["quote"])
        quote = "" if _flat(words) == _flat(sentence) else f"\u201c{html.escape(words)}\u201d: "
        why = registry.get(self.lens).words(row, row["quote"]).html()
        explain = _value(row, "explain").strip()
        return _sentences([f"{quote}{why}", html.escape(explain)])

    def _feedback(self) -> str:
        r = self.result()
        total = len(self.answer) - len(r["arguable"])
        parts = [f"<p><strong>{len(r['right'])} of {total}</strong> sentences found"
                 + (f"; {len(r['wrong'])} ticked that the answer key does not count" if r["wrong"] else "")
                 + ".</p>"]
        if not r["missed"] and not r["wrong"]:
            parts.append("<p>\u2714 All right: you found every one.</p>")

        def sentence(i):
            words = self.sentence_text(i).strip("\u201c\u201d\"' ")
            short = words if len(words) <= 90 else words[:89] + "\u2026"
            return f"<strong>Sentence {i + 1}</strong> (\u201c{html.escape(short)}\u201d)"

        if r["right"]:
            parts.append("<p>\u2714 Right:</p><ul>" + "".join(
                f"<li>{sentence(i)}: " + _sentences(self._why(row, self.sentence_text(i)) for row in self.answer[i])
                + "</li>" for i in r["right"]) + "</ul>")
        if r["missed"]:
            parts.append("<p>\u2717 Missed:</p><ul>" + "".join(
                f"<li>{sentence(i)}: " + _sentences(self._why(row, self.sentence_text(i)) for row in self.answer[i])
                + "</li>" for i in r["missed"]) + "</ul>")
        if r["wrong"]:
            items = []
            for i in r["wrong"]:
                why = ["the answer key does not count this sentence: it finds nothing here of the kind this exercise asks for"]
                if self.others.get(i):
                    why.append("It marks something else here: " + _sentences(
                        self._why(row, self.sentence_text(i)) for row in self.others[i]))
                items.append(f"<li>{sentence(i)}: {_sentences(why)}</li>")
            parts.append("<p>? Not in the answer key:</p><ul>" + "".join(items) + "</ul>")
        if r["arguable"]:
            parts.append("<p>\u2248 Arguable: ticked or not, both answers are fine here.</p><ul>" + "".join(
                f"<li>{sentence(i)} ({'you ticked it' if i in self.ticked else 'you left it'}): "
                f"{html.escape(self.arguable[i])} The answer key marks: "
                + _sentences(self._why(row, self.sentence_text(i)) for row in self.answer[i]) + "</li>"
                for i in r["arguable"]) + "</ul>")
        return '<div class="mlk-feedback" role="status" aria-live="polite">' + "".join(parts) + "</div>"


def _sentences(pieces) -> str:
    """Pieces of feedback written as sentences: each ends with one full stop, never two."""
    out = [p.strip() for p in pieces if p and p.strip()]
    return " ".join(p if p[-1] in ".!?\u2026" else p + "." for p in out)


class MultipleChoiceModel(SavesToJournal, HasTraits):
    """One question; each option has an explanation, shown once it is chosen."""

    value = Integer(None, allow_none=True)
    feedback = Unicode()
    status = Unicode()
    kind = "choice"

    def __init__(self, question: str, options, key: str, journal: Journal | None = None):
        super().__init__()
        self.prompt = question
        self.options = []
        self.defensible: set[int] = set()   # options a thoughtful student may defend: not marked wrong
        for option in options:
            if len(option) not in (3, 4):
                raise ValueError("each option is (text, correct, explanation) or (text, correct, explanation, defensible)")
            text, correct, explanation = option[:3]
            if not str(explanation).strip():
                raise ValueError(f"option {text!r} needs an explanation: say why it is right or wrong")
            if len(option) == 4 and option[3] and not correct:
                self.defensible.add(len(self.options))
            self.options.append((str(text), bool(correct), str(explanation)))
        if not any(c for _, c, _ in self.options):
            raise ValueError("at least one option must be correct")
        self._setup_journal(key, journal)
        entry = self.journal.get(self.key)
        self._restoring = True
        if entry and entry.get("kind") == self.kind:
            texts = [t for t, _, _ in self.options]
            if entry.get("answer") in texts:
                self.value = texts.index(entry["answer"])
                self.saved_at = str(entry.get("saved", ""))[11:19]
        self._restoring = False
        self.feedback = self._feedback()
        self.status = self._status_html()

    @property
    def correct(self):
        """True for the right option and for one the kit calls also defensible."""
        if self.value is None:
            return None
        return self.options[self.value][1] or self.value in self.defensible

    @observe("value")
    def _chosen(self, change):
        self.feedback = self._feedback()
        if not self._restoring and self.value is not None:
            text, _, explanation = self.options[self.value]
            self._save(text, self.correct, explanation, defensible=self.value in self.defensible)

    def _verdict(self, i: int) -> str:
        return "right" if self.options[i][1] else "also defensible" if i in self.defensible else "wrong"

    def _feedback(self) -> str:
        if self.value is None:
            return ""
        text, correct, explanation = self.options[self.value]
        head = ("\u2714 Right." if correct else
                "\u2248 Also defensible: the texts allow more than one answer here." if self.value in self.defensible
                else "\u2717 Not quite.")
        others = "".join(f"<li><strong>{html.escape(t)}</strong>: {self._verdict(i)}. {html.escape(e)}</li>"
                         for i, (t, c, e) in enumerate(self.options))
        return (f'<div class="mlk-feedback" role="status" aria-live="polite"><p><strong>{head}</strong> '
                f"{html.escape(explanation)}</p><details><summary>Why each answer is right or wrong</summary>"
                f"<ul>{others}</ul></details></div>")


SPOT_IT_FILE = "spot_it.yml"


def spot_it_exercises(path=None) -> dict:
    """The tick exercises' extra data in ``data/lessons/spot_it.yml``: key -> {arguable: [...]}."""
    import yaml

    from ..folders import data_dir
    from pathlib import Path

    path = Path(path) if path else data_dir() / "lessons" / SPOT_IT_FILE
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: cannot read the tick exercises: {error}") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ValueError(f"{path}: expected one entry per exercise, keyed \"<notebook>/<name>\"")
    for key, entry in data.items():
        for n, item in enumerate(entry.get("arguable") or [], 1):
            if not isinstance(item, dict) or not item.get("quote") or not item.get("why"):
                raise ValueError(f"{path}: {key}: arguable item {n} needs a quote and a why")
    return data


REWRITES_FILE = "rewrites.yml"
#: Signs that a "neutral" alternative is an instruction to the reader, not words to paste.
INSTRUCTION_SIGNS = ("(", ")", " or '", " or \u2018", " or \u201c", "without", "e.g.", "instead of", "quotation marks",
                     "what the ", "called ")
_QUOTES = "“”\"'‘’"


def rewrite_exercises(path=None) -> dict:
    """The rewrite exercises of ``data/lessons/rewrites.yml``: key -> its fields."""
    import yaml

    from ..folders import data_dir
    from pathlib import Path

    path = Path(path) if path else data_dir() / "lessons" / REWRITES_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: cannot read the rewrite exercises: {error}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected one entry per exercise, keyed \"<notebook>/<name>\"")
    return data


def _advice(words: str) -> str:
    """Advice to the reader as it is shown: without its brackets, never as words to paste."""
    words = words.strip()
    return words[1:-1] if words.startswith("(") and words.endswith(")") else words


def _looks_like_instruction(words: str) -> bool:
    return any(sign in words for sign in INSTRUCTION_SIGNS)


class RewriteModel(SavesToJournal, HasTraits):
    """The student rewrites a loaded sentence; the kit lists the loaded words left, the
    facts lost and the words no report backs. ``keep``: facts a fair rewrite keeps (each a
    list of spellings); ``unsupported``: [{words, why}]; ``suggested``: the kit's neutral
    version, written by hand (a version made by pasting alternatives in is never shown)."""

    value = Unicode()
    feedback = Unicode()
    status = Unicode()
    kind = "rewrite"

    def __init__(self, sentence: str, key: str, prompt: str | None = None, case=None,
                 journal: Journal | None = None, keep=None, unsupported=None, suggested: str | None = None,
                 loaded=None):
        super().__init__()
        self.sentence = " ".join(str(sentence).split())
        self.prompt = prompt or ("Rewrite this sentence in neutral words. Keep its facts (names, numbers, "
                                 f"titles): \u201c{self.sentence}\u201d")
        self.keep = [[keep_item] if isinstance(keep_item, str) else list(keep_item) for keep_item in (keep or [])]
        self.unsupported = [dict(u) for u in (unsupported or [])]
        self.suggested = " ".join(str(suggested).split()) if suggested else ""
        self.terms = self._known_terms(case)
        for item in loaded or []:  # the exercise's own words to watch for (synonyms a student may reach for)
            self.terms[str(item["words"]).casefold()] = (item.get("category", ""), item.get("neutral", ""), False)
        self._setup_journal(key, journal)
        entry = self.journal.get(self.key)
        self._restoring = True
        if entry and entry.get("kind") == self.kind and isinstance(entry.get("answer"), str):
            self.value = entry["answer"]
            self.saved_at = str(entry.get("saved", ""))[11:19]
        else:
            self.value = self.sentence
        self._restoring = False
        self.feedback = self._feedback()
        self.status = self._status_html()

    @classmethod
    def from_lesson(cls, key: str, case=None, journal: Journal | None = None, path=None) -> "RewriteModel":
        spec = rewrite_exercises(path).get(key)
        if not isinstance(spec, dict) or not spec.get("sentence"):
            raise ValueError(f"{REWRITES_FILE} has no rewrite exercise {key!r} with a sentence")
        if case is None:
            case = _default_case()
        return cls(spec["sentence"], key, spec.get("prompt"), case, journal, keep=spec.get("keep"),
                   unsupported=spec.get("unsupported"), suggested=spec.get("suggestion"), loaded=spec.get("loaded"))

    @staticmethod
    def _known_terms(case) -> dict[str, tuple[str, str, bool]]:
        """Loaded words from the answer key: word -> (category, neutral alternative, needs
        quote marks). A term the key found inside quote marks (scare quotes) is only a
        match where the quote marks are there too."""
        if case is None:
            case = _default_case()
        terms = {}
        if case is not None:
            try:
                for row in case.annotations("loaded_language").to_dict("records"):
                    raw = _flat(row["quote"])
                    quote = raw.strip(_QUOTES + " ")
                    quoted = raw != raw.strip(_QUOTES) and row.get("category") == "scare_quotes"
                    if 0 < len(quote) <= 40 and row.get("neutral"):
                        terms.setdefault(quote.casefold(), (row.get("category", ""), row["neutral"], quoted))
            except Exception:
                pass
        return terms

    def loaded_left(self, text: str | None = None) -> list[tuple[str, str, str]]:
        """(words as they are in ``text``, category, neutral alternative) for each loaded term."""
        text = self.value if text is None else text
        found: dict[str, tuple[str, str, str]] = {}
        for term, (category, neutral, quoted) in self.terms.items():
            core = r"\s+".join(re.escape(w) for w in term.split())
            pattern = (f"[{_QUOTES}]{core}[{_QUOTES}]" if quoted else r"(?<!\w)" + core + r"(?!\w)")
            match = re.search(pattern, text, re.IGNORECASE)
            if not match:
                continue
            near = text.casefold()[max(0, match.start() - 2):match.end() + 2]
            if neutral and neutral.casefold() not in term and neutral.casefold() in near:
                continue  # the student already wrote the neutral words
            found[match.group().casefold()] = (match.group(), category, neutral)
        try:
            from ..lenses import loaded_language
            for row in loaded_language.detect(text).to_dict("records"):
                words = row.get("text", "")
                found.setdefault(words.casefold(), (words, _value(row, "category"), _value(row, "neutral")))
        except Exception:  # the automatic lens is optional here
            pass
        inside = [k for k in found if any(k != other and k in other for other in found)]
        return [found[k] for k in found if k not in inside]

    def facts_lost(self, text: str | None = None) -> list[str]:
        """The facts (first spelling of each) that ``text`` no longer has."""
        text = " ".join((self.value if text is None else text).split()).casefold()
        return [spellings[0] for spellings in self.keep
                if not any(re.search(r"(?<!\w)" + re.escape(s.casefold()) + r"(?!\w)", text) for s in spellings)]

    def unsupported_left(self, text: str | None = None) -> list[tuple[str, str]]:
        """(words as they are in ``text``, why) for each claim that no report backs and that is
        still in ``text``. A claim's ``words`` is one spelling or a list of them (``money``,
        ``funding``, ``cash``...), each matched as whole words."""
        text = " ".join((self.value if text is None else text).split())
        left = []
        for item in self.unsupported:
            spellings = item["words"] if isinstance(item["words"], list) else [item["words"]]
            for spelling in spellings:
                core = r"\s+".join(re.escape(w) for w in str(spelling).split())
                match = re.search(r"(?<!\w)" + core + r"(?!\w)", text, re.IGNORECASE)
                if match:
                    left.append((match.group(), item.get("why", "")))
                    break
        return left

    def suggestion(self) -> str:
        """The kit's neutral version: the one written for this exercise, or else the sentence
        with each loaded term replaced by its neutral words (never by an instruction)."""
        if self.suggested:
            return self.suggested
        text = self.sentence
        for words, _, neutral in sorted(self.loaded_left(self.sentence), key=lambda t: -len(t[0])):
            if neutral and not _looks_like_instruction(neutral):
                text = re.sub(re.escape(words), neutral, text, flags=re.IGNORECASE)
        return text

    def is_good(self, text: str | None = None) -> bool:
        """A fair rewrite: changed, not empty, every fact kept, nothing loaded or unsupported left."""
        text = self.value if text is None else text
        return (bool(text.strip()) and " ".join(text.split()) != self.sentence and not self.loaded_left(text)
                and not self.facts_lost(text) and not self.unsupported_left(text))

    @observe("value")
    def _typed(self, change):
        self.feedback = self._feedback()
        if not self._restoring:
            left = self.loaded_left()
            self._save(self.value, None if " ".join(self.value.split()) == self.sentence else self.is_good(),
                       "; ".join(f"{w} -> {n}" for w, _, n in left))

    def _fact_html(self, fact: str) -> str:
        """A lost fact: the sentence's own words in quote marks (words to keep); a fact
        that is not words of the sentence ("who reported it") as advice, unquoted."""
        if re.search(r"(?<!\w)" + re.escape(fact.casefold()) + r"(?!\w)", self.sentence.casefold()):
            return f"\u201c{html.escape(fact)}\u201d"
        return f"Say {html.escape(fact)}."

    def _feedback(self) -> str:
        value = " ".join(self.value.split())
        left = self.loaded_left() if value else []
        lost = self.facts_lost() if value else []
        extra = self.unsupported_left() if value else []
        if not value:
            head = ("<p>The box is empty. Write the sentence again in neutral words, and keep its facts: "
                    "who did what, to whom, and the names and titles.</p>")
        elif value == self.sentence:
            head = "<p>Change the words in the box: the sentence is still as it was written.</p>"
        elif not left and not lost and not extra:
            head = ("<p>\u2714 No loaded words left, and the facts are still there. Read it once more: would every "
                    "person in it call it fair?</p>")
        else:
            head = ""
        items = "".join(f"<li>\u201c{html.escape(w)}\u201d ({html.escape(c.replace('_', ' ') or 'loaded')})"
                        + (f": {html.escape(_advice(n))}" if n.startswith("leave ") or _looks_like_instruction(n) else
                           f": try the words \u201c{html.escape(n)}\u201d" if n else "") + "</li>" for w, c, n in left)
        body = (f"<p>Loaded words still in your sentence ({len(left)}):</p><ul>{items}</ul>" if left else "")
        if lost:
            body += ("<p>Facts your version has lost (a neutral sentence keeps them):</p><ul>"
                     + "".join(f"<li>{self._fact_html(f)}</li>" for f in lost) + "</ul>")
        if extra:
            body += ("<p>Words that no report backs (leave them out):</p><ul>"
                     + "".join(f"<li>\u201c{html.escape(w)}\u201d: {html.escape(why)}</li>" for w, why in extra)
                     + "</ul>")
        hint = (f"<details><summary>A neutral version the kit suggests (open it after you try)</summary>"
                f"<p>{html.escape(self.suggestion())}</p></details>")
        return f'<div class="mlk-feedback" role="status" aria-live="polite">{head}{body}{hint}</div>'


def _default_case():
    try:
        from ..case import list_cases, load_case
        names = list_cases()
        return load_case(names[0]) if names else None
    except Exception:
        return None


class ReflectionModel(SavesToJournal, HasTraits):
    """A free-text answer, saved as it is typed."""

    value = Unicode()
    status = Unicode()

    def __init__(self, prompt: str, key: str, journal: Journal | None = None, kind: str = "reflection"):
        super().__init__()
        self.kind = kind
        self.prompt = prompt
        self._setup_journal(key, journal)
        entry = self.journal.get(self.key)
        self._restoring = True
        if entry and isinstance(entry.get("answer"), str):
            self.value = entry["answer"]
            self.saved_at = str(entry.get("saved", ""))[11:19]
        self._restoring = False
        self.status = self._status_html()

    @observe("value")
    def _typed(self, change):
        if not self._restoring:
            self._save(self.value)


# -- views ---------------------------------------------------------------------------

def _prompt_html(text: str) -> widgets.HTML:
    return widgets.HTML(f'<p class="mlk-prompt" style="font-weight:bold;margin:.3em 0">{html.escape(text)}</p>')


def _link_html(model, name: str, widget: widgets.HTML) -> None:
    widget.value = getattr(model, name)
    model.observe(lambda change: setattr(widget, "value", change["new"]), names=name)


class SpotIt(StaticFallback, widgets.VBox):
    """Tick the sentences that contain what the lens looks for, then check.

    ``SpotIt(case, report="moscow-times-web", lens="attributions", kind="anonymous",
    key="01_who_said_it/spot-anon")``; ``.model`` is a :class:`SpotItModel`.
    """

    def __init__(self, case, report: str, lens: str = "attributions", kind=_DEFAULT,
                 key: str = "", prompt: str | None = None, journal: Journal | None = None,
                 max_sentences: int | None = None, **kwargs):
        self.model = SpotItModel(case, report, lens, kind, key, prompt, journal, max_sentences)
        m = self.model
        self.boxes = [widgets.Checkbox(value=i in m.ticked, description=f"{i + 1}. {m.sentence_text(i)}",
                                       indent=False, layout=widgets.Layout(width="100%"))
                      for i in range(len(m.sentences))]
        for i, box in enumerate(self.boxes):
            box.observe(lambda change, i=i: m.tick(i, change["new"]), names="value")
        m.observe(self._sync_boxes, names="ticked")
        self.check_button = widgets.Button(description="Check my answer", button_style="",
                                           tooltip="Compare your ticks with the answer key", icon="check")
        self.check_button.on_click(lambda _: m.check())
        self.feedback, self.status = widgets.HTML(), widgets.HTML()
        _link_html(m, "feedback", self.feedback)
        _link_html(m, "status", self.status)
        sentences = widgets.VBox(self.boxes, layout=widgets.Layout(max_height="30em", overflow="auto",
                                                                   border="1px solid #888", padding="0.3em"))
        sentences.add_class("mlk-wrap")
        sentences.add_class("mlk-sentences")
        meaning = widgets.HTML(f'<p class="mlk-counts" style="margin:.2em 0">{html.escape(m.definition)}</p>'
                               if m.definition else "")
        super().__init__([widgets.HTML(STYLE), _prompt_html(m.prompt), meaning, sentences, self.check_button,
                          self.feedback, self.status], **kwargs)
        self.add_class("mlk-kit")
        self.add_class("mlk-wrap")

    def _sync_boxes(self, change) -> None:
        for i, box in enumerate(self.boxes):
            if box.value != (i in change["new"]):
                box.value = i in change["new"]

    def static_html(self) -> str:
        m = self.model
        items = "".join(f"<li>{BOX_ON if i in m.ticked else BOX_OFF} {html.escape(m.sentence_text(i))}</li>"
                        for i in range(len(m.sentences)))
        meaning = f"<p>{html.escape(m.definition)}</p>" if m.definition else ""
        return frame(f"<p><strong>{html.escape(m.prompt)}</strong></p>{meaning}<ol style=\"list-style:none\">{items}</ol>"
                     + m.feedback, STATIC_NOTE)


class MultipleChoice(StaticFallback, widgets.VBox):
    """``MultipleChoice(question, options=[(text, correct, explanation), ...], key=...)``."""

    def __init__(self, question: str, options, key: str, journal: Journal | None = None, **kwargs):
        self.model = MultipleChoiceModel(question, options, key, journal)
        m = self.model
        self.choice = widgets.RadioButtons(options=[(t, i) for i, (t, _, _) in enumerate(m.options)],
                                           value=m.value, description="Your answer",
                                           style={"description_width": "initial"},
                                           layout=widgets.Layout(width="auto"))
        widgets.link((self.choice, "value"), (m, "value"))
        self.feedback, self.status = widgets.HTML(), widgets.HTML()
        _link_html(m, "feedback", self.feedback)
        _link_html(m, "status", self.status)
        super().__init__([widgets.HTML(STYLE), _prompt_html(question), self.choice, self.feedback, self.status],
                         **kwargs)
        self.add_class("mlk-kit")
        self.add_class("mlk-wrap")

    def static_html(self) -> str:
        m = self.model
        items = "".join(f"<li>{RADIO_ON if i == m.value else RADIO_OFF} {html.escape(t)}</li>"
                        for i, (t, _, _) in enumerate(m.options))
        return frame(f"<p><strong>{html.escape(m.prompt)}</strong></p><ul style=\"list-style:none\">{items}</ul>"
                     + m.feedback, STATIC_NOTE)


class Rewrite(StaticFallback, widgets.VBox):
    """``Rewrite(sentence, key=...)``: rewrite a loaded sentence in neutral words;
    ``Rewrite(key=...)`` alone asks the exercise of that key in ``data/lessons/rewrites.yml``."""

    def __init__(self, sentence: str | None = None, key: str = "", prompt: str | None = None, case=None,
                 journal: Journal | None = None, **kwargs):
        if sentence is None:  # an exercise of data/lessons/rewrites.yml
            self.model = RewriteModel.from_lesson(key, case, journal)
        else:
            self.model = RewriteModel(sentence, key, prompt, case, journal)
        m = self.model
        self.text = widgets.Textarea(value=m.value, description="Your version", rows=3, continuous_update=True,
                                     style={"description_width": "initial"}, layout=widgets.Layout(width="95%"))
        widgets.link((self.text, "value"), (m, "value"))
        self.feedback, self.status = widgets.HTML(), widgets.HTML()
        _link_html(m, "feedback", self.feedback)
        _link_html(m, "status", self.status)
        super().__init__([widgets.HTML(STYLE), _prompt_html(m.prompt), self.text, self.feedback, self.status],
                         **kwargs)
        self.add_class("mlk-kit")

    def static_html(self) -> str:
        m = self.model
        return frame(f"<p><strong>{html.escape(m.prompt)}</strong></p>"
                     f"<blockquote>{html.escape(m.value)}</blockquote>" + m.feedback, STATIC_NOTE)


class Reflection(StaticFallback, widgets.VBox):
    """``Reflection(prompt, key=...)``: a free-text answer, saved as it is typed."""

    def __init__(self, prompt: str, key: str, journal: Journal | None = None, rows: int = 4,
                 kind: str = "reflection", **kwargs):
        self.model = ReflectionModel(prompt, key, journal, kind)
        m = self.model
        self.text = widgets.Textarea(value=m.value, description="Your answer", rows=rows, continuous_update=True,
                                     placeholder="Type here; it is saved as you type.",
                                     style={"description_width": "initial"}, layout=widgets.Layout(width="95%"))
        widgets.link((self.text, "value"), (m, "value"))
        self.status = widgets.HTML()
        _link_html(m, "status", self.status)
        super().__init__([widgets.HTML(STYLE), _prompt_html(prompt), self.text, self.status], **kwargs)
        self.add_class("mlk-kit")

    def static_html(self) -> str:
        m = self.model
        answer = html.escape(m.value) if m.value.strip() else "<em>(space for your answer)</em><br><br><br>"
        return frame(f"<p><strong>{html.escape(m.prompt)}</strong></p>"
                     f'<div style="border:1px solid #888;padding:.5em;white-space:pre-wrap">{answer}</div>',
                     STATIC_NOTE)
