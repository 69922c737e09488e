"""Scale benchmark: ``python -m helpers.analyze_bench`` times ``analyze`` on a big case.

It builds a case of 200 news articles (about 1 MB) in a temporary folder from the
third-party benchmark corpora in ``../shared/benchmarks`` (``MEDIA_KIT_BENCHMARKS``
overrides), runs the real command ``python -m helpers analyze CASE --out FILE`` on it
several times in a fresh process each time, and prints the wall-clock time and the
peak memory (resident set) of each run and their medians. The targets are 10 s and
1 GB; the exit code is 1 when a median misses one.

Nothing from the corpora is kept: the case folder is deleted afterwards. When the
corpora are not there it prints "skipped: benchmarks not found" and exits 0.

    python -m helpers.analyze_bench                 # 200 articles, 3 runs
    python -m helpers.analyze_bench --articles 50 --runs 5 --stages
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 10.0
TARGET_MB = 1024.0


def benchmarks_dir() -> Path:
    """Where the third-party corpora are: ``../shared/benchmarks`` unless overridden."""
    env = os.environ.get("MEDIA_KIT_BENCHMARKS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "benchmarks"


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


def run_once(case: Path, out: Path, extra=()) -> tuple[float, float, int, str]:
    """Run the analyze command once; return (seconds, peak MB, exit code, stderr)."""
    command = [sys.executable, "-m", "helpers", "analyze", str(case), "--out", str(out), *extra]
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    if sys.platform == "darwin":
        peak_mb = usage.ru_maxrss / 1024 / 1024  # bytes on macOS
    return seconds, peak_mb, process.returncode, stderr


def stages(case: Path) -> list[tuple[str, float]]:
    """Seconds per stage of one in-process run (imports already done)."""
    from . import analyze as az
    from .case import load_case

    times = []
    t = time.perf_counter()
    loaded = load_case(case)
    times.append(("load the case", time.perf_counter() - t))
    for lens in az.LENSES.values():
        t = time.perf_counter()
        try:
            loaded.detections(lens)
        except Exception as err:  # report and go on: this is a measurement
            print(f"  {lens}: {type(err).__name__}: {err}", file=sys.stderr)
        times.append((f"lens {lens}", time.perf_counter() - t))
    t = time.perf_counter()
    az._shared_passages(loaded, [])
    times.append(("shared passages", time.perf_counter() - t))
    t = time.perf_counter()
    analysis = az.analyze_case(loaded, source="auto")  # lenses cached: the rest of analysis
    times.append(("tables", time.perf_counter() - t))
    t = time.perf_counter()
    page = az.render_report(analysis)
    times.append((f"render the page ({len(page) / 1e6:.1f} MB of HTML)", time.perf_counter() - t))
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.analyze_bench", description=__doc__.splitlines()[0])
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
        seconds, peaks = [], []
        for n in range(1, args.runs + 1):
            out = Path(tmp) / "page.html"
            s, mb, code, stderr = run_once(case, out, ["--no-charts"] if args.no_charts else [])
            if code != 0:
                print(f"run {n}: analyze failed (exit {code}):\n{stderr}")
                return 1
            seconds.append(s)
            peaks.append(mb)
            print(f"run {n}: {s:.2f} s, peak {mb:.0f} MB, page {out.stat().st_size / 1e6:.1f} MB")
        warnings = [line for line in stderr.splitlines() if line.startswith("warning:")]
        for line in warnings:
            print(f"  {line}")
        median_s, median_mb = statistics.median(seconds), statistics.median(peaks)
        ok = median_s <= TARGET_SECONDS and median_mb < TARGET_MB
        print(f"median of {args.runs}: {median_s:.2f} s, peak {median_mb:.0f} MB "
              f"(targets: <= {TARGET_SECONDS:g} s, < {TARGET_MB:g} MB): {'OK' if ok else 'MISSED'}")
        if args.stages:
            print("stages (one run in this process, after imports):")
            for name, s in stages(case):
                print(f"  {name:<40} {s:6.2f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
