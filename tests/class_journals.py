"""Journals of a made-up class, written by driving the kit's real widget models.

Not a student tool: the class report's tests and its screenshot use it.
``python tests/class_journals.py FOLDER [N] [--seed S]`` makes FOLDER/home/<name>/.local/share/
media-literacy-kit/journal.json for N students (default 30), laid out like a hub's home
folders. Each student answers as the real widgets would save it: ``MEDIA_KIT_HOME`` is
pointed at the student's folder and the widgets use the default journal.

``answer_as(folder, plan)`` drives one student through a ``plan``: ``{key: answer}``,
where an answer is an option's text (multiple choice), a list of sentence numbers to tick
(a tick exercise, 1-based, then checked), or a text (reflection). A list of answers
for a choice is chosen in turn (a first try, then a change).
"""
from __future__ import annotations

import os
import random
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers import load_case  # noqa: E402
from helpers.checks import check_item, load_checks  # noqa: E402
from helpers.class_report import catalogue  # noqa: E402
from helpers.questions import load_questions, question  # noqa: E402
from helpers.widgets import Reflection, SpotIt, default_journal  # noqa: E402

NAMES = ["amara", "ben", "chloe", "dev", "elif", "finn", "grace", "hugo", "isla", "jonas", "kemi", "leo", "maya",
         "nico", "olivia", "pavel", "quinn", "rosa", "sami", "tara", "umar", "vera", "wei", "xena", "yusuf", "zoe",
         "aiden", "bea", "carlos", "dana", "emil", "fatima"]


@contextmanager
def kit_home(folder: Path):
    old = os.environ.get("MEDIA_KIT_HOME")
    os.environ["MEDIA_KIT_HOME"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("MEDIA_KIT_HOME", None)
        else:
            os.environ["MEDIA_KIT_HOME"] = old


_CASES: dict = {}


def _case(name):
    if name not in _CASES:
        _CASES[name] = load_case(name)
    return _CASES[name]


def exercises():
    """Every exercise the notebooks ask (key -> Exercise), read from the notebooks."""
    found = {}
    for nb_exercises in catalogue([], ROOT / "notebooks").values():
        for e in nb_exercises:
            found[e.key] = e
    return found


def answer_as(folder: Path, plan: dict) -> Path:
    """Drive the real widgets with ``MEDIA_KIT_HOME=folder``; return the journal's path."""
    catalogue = exercises()
    checks = load_checks()
    with kit_home(folder):
        for key, answer in plan.items():
            exercise = catalogue.get(key)
            if key in checks:
                widget = check_item(key)
            elif exercise is not None and exercise.kind == "spot_it":
                case_name, report, lens, kind = exercise.spot
                widget = SpotIt(_case(case_name), report=report, lens=lens, kind=kind, key=key)
            elif exercise is not None and exercise.kind == "choice" or key in load_questions():
                widget = question(key)
            else:
                widget = Reflection(exercise.prompt if exercise is not None and exercise.prompt else key, key=key)
            model = widget.model
            if hasattr(model, "options"):
                texts = [t for t, _, _ in model.options]
                for choice in (answer if isinstance(answer, list) else [answer]):
                    model.value = texts.index(choice)
            elif hasattr(model, "ticked"):
                model.ticked = tuple(sorted(i - 1 for i in answer))
                model.check()
            else:
                model.value = answer
        return default_journal().path


def right_answer(model) -> object:
    if hasattr(model, "options"):
        return next(t for t, c, _ in model.options if c)
    return sorted(i + 1 for i in model.answer)


def random_plan(rng: random.Random, skill: float, progress: float, after: float) -> dict:
    """A plausible student: right with probability ``skill``; reaches a share ``progress`` of the unit."""
    catalogue = exercises()
    checks = load_checks()
    plan = {}
    notebooks = sorted({e.notebook for e in catalogue.values()})
    lessons = [nb for nb in notebooks if nb[:2].isdigit()]
    reached = lessons[:max(1, round(progress * len(lessons)))]
    for key, e in catalogue.items():
        nb = e.notebook
        if nb == "reader" or (nb in lessons and nb not in reached):
            continue
        if nb == "post_check" and len(reached) < len(lessons):
            continue
        p = after if nb == "post_check" else skill
        item = checks.get(key)
        if e.kind == "text":
            if rng.random() < 0.8:
                plan[key] = rng.choice(["I look at who is quoted and whether they have a name.",
                                        "The numbers did not match, so I would check the first report.",
                                        "Words like \u201cshadowy\u201d tell me what to think.",
                                        "I was surprised that one source became \u201csources\u201d."])
        elif e.kind == "choice":
            options = ([(o["text"], o["correct"]) for o in item["options"]] if item else
                       [(o["text"], o["correct"]) for o in load_questions()[key]["options"]])
            right = next(t for t, c in options if c)
            wrong = [t for t, c in options if not c]
            plan[key] = right if rng.random() < p else rng.choice(wrong[:2] if rng.random() < 0.7 else wrong)
        elif e.kind == "spot_it":
            if item:
                from helpers.checks import spot_key
                sentences, wanted = spot_key(item["spot"]["report"], item["spot"]["lens"], item["spot"]["kind"])
            else:
                from helpers.checks import spot_key
                case_name, report, lens, kind = e.spot
                sentences, wanted = spot_key(report, lens, kind, _case(case_name))
            ticks = {i for i in wanted if rng.random() < p}
            ticks |= {i for i in range(len(sentences)) if i not in wanted and rng.random() < (1 - p) * 0.25}
            plan[key] = sorted(i + 1 for i in ticks)
    return plan


def make_class(folder: Path, n: int = 30, seed: int = 12) -> list[Path]:
    """Journals for ``n`` students under ``folder/home/<name>/.local/share/media-literacy-kit``."""
    rng = random.Random(seed)
    made = []
    for name in NAMES[:n]:
        skill = rng.uniform(0.35, 0.8)
        plan = random_plan(rng, skill, progress=rng.choice([1, 1, 1, 0.86, 0.71, 0.43]),
                           after=min(0.95, skill + rng.uniform(0.0, 0.3)))
        made.append(answer_as(folder / "home" / name / ".local" / "share" / "media-literacy-kit", plan))
    return made


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int, nargs="?", default=30)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    paths = make_class(args.folder, args.n, args.seed)
    print(f"{len(paths)} journals under {args.folder / 'home'}")
