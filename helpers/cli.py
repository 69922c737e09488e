"""The command line: ``python -m helpers check CASE`` and friends.

Every command reports a teacher's mistake as ``file:line: problem`` lines and a
non-zero exit code, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from .annotations import check_annotations, label_warnings
from .case import check_case_and_reports, find_case, invisible_warnings
from .lenses import registry
from .lenses._text import check_lexicons
from .problems import printable
from .wording import count


_count = count  # '1 report', '2 reports' (in helpers.wording, so analyze and new-case share it)


def check(args) -> int:
    """Validate a case, its answer key and the lexicons the lenses read; print every
    problem, exit 1 if any."""
    case, problems, reports_only = check_case_and_reports(args.case)
    # With case.yml wrong but every report readable, the answer key is checked too, so a
    # teacher sees every problem in one run.
    readable = case if case is not None else reports_only
    counts = []
    if readable is not None:
        for lens in registry.with_key():
            frame, lens_problems = check_annotations(readable, lens.name)
            problems += lens_problems
            if len(frame):
                counts.append(f"{len(frame)} {registry.in_sentence(lens.label)}")
    problems += check_lexicons()
    warnings = []
    if case is not None:
        from .new_case import placeholder_warnings
        warnings = placeholder_warnings(case) + invisible_warnings(case) + label_warnings(case)
    for problem in problems + warnings:
        print(problem)
    if problems:
        print(f"{_count(len(problems), 'problem')} found.", file=sys.stderr)
        if readable is None and (find_case(args.case) / "annotations").is_dir():
            print("The reports could not all be read, so the answer key was not checked: "
                  "fix these, then run check again to see the rest.", file=sys.stderr)
        return 1
    words = sum(r.words for r in case.reports.values())
    key = f"; answer key: {', '.join(counts)}" if counts else "; no answer key"
    flagged = f" ({_count(len(warnings), 'warning')} above)" if warnings else ""
    print(f"{printable(case.name)}: OK: {_count(len(case.reports), 'report')}, {words} words{key}{flagged}")
    return 0


#: Modules that add a command of their own: each has ``add_command(subparsers)``,
#: which registers a sub-command whose ``run(args) -> int`` does the work.
COMMAND_MODULES = ("helpers.new_case", "helpers.analyze", "helpers.build", "helpers.class_report",
                   "helpers.publish")


def command_name(module: str) -> str:
    """The command a module adds, by convention: ``helpers.new_case`` adds ``new-case``."""
    return module.rsplit(".", 1)[-1].replace("_", "-")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that command's module is imported.

    Importing every command module costs seconds (``build`` pulls in nbconvert), which
    a teacher should not wait through for ``check`` or ``analyze``. For help, or a
    command no module is named after, every module is imported.
    """
    parser = argparse.ArgumentParser(prog="python -m helpers", description="The media-literacy kit's tools.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = commands.add_parser("check", help="check a case folder and its answer key")
    p.add_argument("case", help="a case name (rostec-venezuela-2019) or a path to a case folder")
    p.set_defaults(run=check)
    wanted = COMMAND_MODULES
    if command == "check":
        wanted = ()
    elif any(command_name(name) == command for name in COMMAND_MODULES):
        wanted = tuple(name for name in COMMAND_MODULES if command_name(name) == command)
    for name in wanted:
        importlib.import_module(name).add_command(commands)
    return parser


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command)
    # parse_known_args, then: new-case's files may come after an option
    # (new-case DIR --title T a.txt b.txt), which parse_args refuses.
    args, extra = parser.parse_known_args(argv)
    if extra and getattr(args, "files", None) is not None and not any(a.startswith("-") for a in extra):
        args.files = list(args.files) + extra
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
