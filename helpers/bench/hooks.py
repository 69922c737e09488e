"""Benchmarks other modules add: ``helpers/bench/ptc.py`` (loaded language on the
Propaganda Techniques Corpus) and ``helpers/bench/shared_scaling.py`` (shared passages
for 100, 200 and 400 reports) and ``helpers/bench/analyze_scale.py`` (``analyze`` on a case
of 200 articles: seconds and memory). Each has ``run() -> list[dict]``; a module that is not
there yet, or that fails, gives one row saying so instead of stopping the benchmark.
"""
from __future__ import annotations

import importlib
import importlib.util
import traceback

HOOKS = {"ptc": "helpers.bench.ptc", "shared_scaling": "helpers.bench.shared_scaling",
         "analyze_scale": "helpers.bench.analyze_scale",
         # issue 15: held-out folds of PTC and PolNeAR; numbers' claim groups on the case
         "folds": "helpers.bench.folds", "claims": "helpers.bench.claims"}


def run_hook(name: str) -> list[dict]:
    module_name = HOOKS[name]
    if importlib.util.find_spec(module_name) is None:
        return [{"benchmark": name, "measure": f"skipped: {module_name.replace('.', '/')}.py not present"}]
    try:
        module = importlib.import_module(module_name)
        rows = list(module.run())
    except Exception as error:  # a broken hook must not hide the other tables
        last = traceback.format_exception_only(type(error), error)[-1].strip()
        return [{"benchmark": name, "measure": f"failed: {last}"}]
    for row in rows:
        row.setdefault("benchmark", name)
    return rows
