"""``python -m helpers.bench``: print every benchmark table (see ``helpers/bench/__init__``).

Options: ``--only answer_key,polnear,ptc,folds,claims,shared_scaling,throughput,analyze_scale,adversarial``
to run some sections (``--only classroom``, run only on request: a class of ``--students N`` (30)
on a real JupyterHub on this machine, see ``classroom.py``); ``--runs N`` for the throughput median
(default 5); ``--strict`` to exit with
status 1 when a row with a target misses it.
"""
from __future__ import annotations

import argparse
import sys

from . import adversarial, answer_key, hooks, polnear, throughput
from .table import format_table

SECTIONS = ("answer_key", "polnear", "ptc", "folds", "claims", "shared_scaling", "throughput",
            "analyze_scale", "adversarial")
#: Sections run only when named with --only (minutes each): a class of 30 on a real hub.
ON_REQUEST = ("classroom",)


def collect(only=SECTIONS, runs: int = 5) -> list[dict]:
    rows: list[dict] = []
    for section in only:
        if section == "answer_key":
            rows += answer_key.run()
        elif section == "polnear":
            rows += polnear.run()
        elif section in hooks.HOOKS:
            rows += hooks.run_hook(section)
        elif section == "throughput":
            rows += throughput.run(runs)
        elif section == "adversarial":
            rows += adversarial.run()
        elif section == "classroom":
            from . import classroom

            rows += classroom.classroom(classroom.STUDENTS)
        else:
            raise SystemExit(f"unknown section {section!r}; the sections are: {', '.join(SECTIONS + ON_REQUEST)}")
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help="comma-separated sections (default: all)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per lens (median kept)")
    parser.add_argument("--students", type=int, default=30, help="class size for --only classroom (default 30)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    if "classroom" in only:
        from . import classroom

        classroom.STUDENTS = args.students
    rows = collect(only, args.runs)
    print(format_table(rows))
    # Sections mark a target as ok=yes/NO (this package) or met=yes/no (the hooks).
    missed = [r for r in rows if r.get("ok") == "NO" or r.get("met") == "no"]
    if missed:
        print(f"\n{len(missed)} target(s) missed: " + ", ".join(
            f"{r['benchmark']} {r.get('measure', r.get('reports', ''))}" for r in missed))
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
