"""Scale benchmark: ``python -m helpers.bench.analyze_scale`` times ``analyze`` on a big case.

It builds a case of 200 news articles (about 1 MB) in a temporary folder from the
third-party benchmark corpora in ``../shared/benchmarks`` (``MEDIA_KIT_BENCHMARKS``
overrides), runs the real command ``python -m helpers analyze CASE --out FILE`` on it
several times in a fresh process each time, and prints the wall-clock time, the CPU
time and the peak memory of each run (summed over the worker processes ``analyze``
starts for a big case) and their medians. The targets are 10 s and 1 GB; the exit code
is 1 when a median misses one. On a busy machine the CPU time (user + system, workers
included) says more than the wall-clock time, and the load is printed to show it.

Nothing from the corpora is kept: the case folder is deleted afterwards. When the
corpora are not there it prints "skipped: benchmarks not found" and exits 0.

    python -m helpers.bench.analyze_scale                 # 200 articles, 3 runs
    python -m helpers.bench.analyze_scale --articles 50 --runs 5 --stages
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from . import benchmarks_dir

TARGET_SECONDS = 10.0
TARGET_MB = 1024.0




def article_files(root: Path | None = None) -> list[Path]:
    """Every article of the corpora, in a fixed order (PolNeAR, then PTC)."""
    root = root or benchmarks_dir()
    files = sorted((root / "polnear" / "text").glob("*.txt")) + sorted((root / "ptc" / "articles").glob("*.txt"))
    return files


def build_case(folder: Path, articles: int = 200, root: Path | None = None) -> dict:
    """Write a case of ``articles`` reports into ``folder``; return what it holds.

    When the corpora have fewer articles than asked for, the first ones are used again
    (as syndicated copies are in real news), and the summary says how many.
    """
    files = article_files(root)
    if not files:
        raise FileNotFoundError("benchmarks not found")
    (folder / "reports").mkdir(parents=True)
    lines = ["title: Scale benchmark (articles from the PolNeAR and PTC corpora)", "reports:"]
    size = 0
    for i in range(articles):
        source = files[i % len(files)]
        data = source.read_bytes()
        size += len(data)
        rid = f"a{i:03d}"
        (folder / "reports" / f"{rid}.txt").write_bytes(data)
        outlet = source.parent.parent.name + " " + source.stem[:40]
        lines += [f"  - id: {rid}", f"    file: reports/{rid}.txt", f'    outlet: "{outlet}"']
    (folder / "case.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"articles": articles, "distinct": min(articles, len(files)), "bytes": size}


def _tree(pid: int) -> list[int]:
    """``pid`` and every process under it (Linux /proc; just ``pid`` elsewhere)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(c) for c in children.read_text().split()]
            except OSError:
                pass
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class _TreeMemory(threading.Thread):
    """Samples the resident memory of a process and all its children, summed."""

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_mb = pid, every, 0.0
        self.running = Path("/proc").is_dir()

    def run(self):
        while self.running:
            self.peak_mb = max(self.peak_mb, sum(_rss_mb(p) for p in _tree(self.pid)))
            time.sleep(self.every)


def run_once(case: Path, out: Path, extra=()) -> dict:
    """Run the analyze command once: seconds, CPU seconds, memory, exit code, stderr.

    ``peak_mb`` is the largest resident set of any one process (from the kernel);
    ``tree_mb`` the largest sum over the command and the worker processes it starts,
    sampled every 50 ms (an upper bound: pages the workers share are counted for each).
    """
    command = [sys.executable, "-m", "helpers", "analyze", str(case), "--out", str(out), *extra]
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env)
        sampler = _TreeMemory(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)  # CPU and memory include reaped workers
        seconds = time.perf_counter() - started
        sampler.running = False
        sampler.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    peak_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": peak_mb,
            "tree_mb": max(sampler.peak_mb, peak_mb), "code": os.waitstatus_to_exitcode(status), "stderr": stderr}


def stages(case: Path) -> list[tuple[str, float, float]]:
    """(stage, wall seconds, CPU seconds) of one in-process run, imports already done."""
    from .. import analyze as az
    from ..case import load_case

    times = []

    def timed(name, work):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        times.append((name(result) if callable(name) else name, time.perf_counter() - wall, time.process_time() - cpu))
        return result

    loaded = timed("load the case", lambda: load_case(case))
    for lens in az.LENSES.values():
        timed(f"lens {lens}", lambda: loaded.detections(lens))
    analysis = timed("shared passages and tables", lambda: az.analyze_case(loaded, source="auto"))
    timed(lambda page: f"render the page ({len(page) / 1e6:.1f} MB of HTML)", lambda: az.render_report(analysis, charts=False))
    timed(lambda page: f"render again, with {page.count('<img ')} charts", lambda: az.render_report(analysis))
    return times


def run(runs: int = 3, articles: int = 200) -> list[dict]:
    """Rows for ``python -m helpers.bench`` (one section, ``analyze_scale``): medians of ``runs``."""
    if not article_files():
        return [{"benchmark": "analyze_scale", "measure": "skipped: benchmarks not found"}]
    with tempfile.TemporaryDirectory(prefix="mlk-scale-") as tmp:
        case = Path(tmp) / "scale-case"
        held = build_case(case, articles)
        done = [run_once(case, Path(tmp) / "page.html") for _ in range(runs)]
    failed = [r for r in done if r["code"] != 0]
    if failed:
        return [{"benchmark": "analyze_scale", "measure": f"failed: {failed[0]['stderr'].strip()[-200:]}"}]
    median = {key: statistics.median(r[key] for r in done) for key in ("seconds", "cpu", "tree_mb")}
    ok = median["seconds"] <= TARGET_SECONDS and median["tree_mb"] < TARGET_MB
    return [{"benchmark": "analyze_scale", "measure": f"analyze, {held['articles']} articles ({held['bytes'] / 1e6:.2f} MB)",
             "seconds": round(median["seconds"], 2), "CPU s": round(median["cpu"], 2), "MB": round(median["tree_mb"]),
             "runs": runs, "target": f"<= {TARGET_SECONDS:g} s, < {TARGET_MB:g} MB", "ok": "yes" if ok else "NO"}]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.bench.analyze_scale", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="reports in the case (default 200)")
    parser.add_argument("--runs", type=int, default=3, help="runs to take the median of (default 3)")
    parser.add_argument("--stages", action="store_true", help="also time each stage once, in this process")
    parser.add_argument("--no-charts", action="store_true", help="pass --no-charts to analyze")
    args = parser.parse_args(argv)
    if not article_files():
        print("analyze scale benchmark: skipped: benchmarks not found")
        return 0
    with tempfile.TemporaryDirectory(prefix="mlk-scale-") as tmp:
        case = Path(tmp) / "scale-case"
        held = build_case(case, args.articles)
        repeated = held["articles"] - held["distinct"]
        print(f"analyze scale benchmark: {held['articles']} articles ({held['distinct']} distinct"
              f"{f', {repeated} used twice' if repeated else ''}), {held['bytes'] / 1e6:.2f} MB of text")
        command = f"python -m helpers analyze <case> --out <file>{' --no-charts' if args.no_charts else ''}"
        print(f"command: {command}  (a fresh process per run)")
        runs = []
        for n in range(1, args.runs + 1):
            out = Path(tmp) / "page.html"
            run = run_once(case, out, ["--no-charts"] if args.no_charts else [])
            if run["code"] != 0:
                print(f"run {n}: analyze failed (exit {run['code']}):\n{run['stderr']}")
                return 1
            runs.append(run)
            print(f"run {n}: {run['seconds']:.2f} s (CPU {run['cpu']:.2f} s), memory {run['tree_mb']:.0f} MB "
                  f"(largest process {run['peak_mb']:.0f} MB), page {out.stat().st_size / 1e6:.1f} MB")
        for line in run["stderr"].splitlines():
            if line.startswith("warning:"):
                print(f"  {line}")
        median = {key: statistics.median(r[key] for r in runs) for key in ("seconds", "cpu", "tree_mb", "peak_mb")}
        ok = median["seconds"] <= TARGET_SECONDS and median["tree_mb"] < TARGET_MB
        print(f"median of {args.runs}: {median['seconds']:.2f} s (CPU {median['cpu']:.2f} s), memory "
              f"{median['tree_mb']:.0f} MB (largest process {median['peak_mb']:.0f} MB); "
              f"targets <= {TARGET_SECONDS:g} s and < {TARGET_MB:g} MB: {'OK' if ok else 'MISSED'}")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        if load is not None:
            print(f"machine load (1 min): {load:.1f} on {os.cpu_count()} CPUs"
                  + ("; wall-clock times are inflated, see CPU" if load > (os.cpu_count() or 1) else ""))
        if args.stages:
            print("stages (one run in this process, after imports):          wall      CPU")
            for name, wall, cpu in stages(case):
                print(f"  {name:<52} {wall:6.2f} s {cpu:6.2f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
