"""Benchmark: how the build grows with the size of the program.

`python -m scripts.bench [--sizes 150,300,600] [--indicators 60] [--periods 20] [--repeat 1] [--json]
[--shape real|plain] [--illustrative true|false]`

For each size it writes a synthetic program (`scripts.synthetic`, of the real
shape unless `--shape plain`) and runs
`mkdocs build` as the user would: cold (empty cache, new site folder), again
with no change, again after each of the edits staff make (one value of one
commune; the whole's latest value of one indicator; a unit's name; an
indicator's target; a new period for every unit, the quarterly update), and
naively (no cache, one process: what a plain MkDocs + macros + matplotlib
setup does). It reports the times, the charts drawn and pages converted and
written by each build, and the peak memory of one build process. With
`--repeat N` each kind of build runs N times per size and the median is
reported (a machine shared with other work slows single builds at random).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from scripts import synthetic

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    seconds: float
    charts_drawn: int
    pages_rendered: int
    pages_written: int
    files_written: int
    stages: dict[str, float]  # seconds of each stage, as the build measured them
    repeats: tuple[float, ...] = ()  # seconds of every repetition, when repeated; this run is their median
    peak_mb: float = 0.0  # the largest resident set of the build's processes (the build or one of its workers)
    memory: dict[str, float] = field(default_factory=dict)  # the build process's resident MB after each stage
    memory_peak: dict[str, list[float]] = field(default_factory=dict)  # after each stage: the largest MB so far of
    # the build process and of its ended workers (`last-build.json`)


@dataclass(frozen=True)
class Result:
    units: int
    indicators: int
    periods: int
    values: int
    cold: Run
    warm: Run
    one_change: Run
    naive: Run | None  # None: left out (`--no-naive`)
    peak_rss_mb: float  # the largest resident set of a cold build (of its repetitions, the largest)
    whole_change: Run | None = None  # the whole's latest value of one indicator
    name_change: Run | None = None  # a commune's name
    target_change: Run | None = None  # an indicator's target
    period_change: Run | None = None  # a new period for every unit and indicator
    site_mb: float = 0.0  # the site folder after a cold build
    largest_page: tuple[str, float] = ("", 0.0)  # its largest HTML page: path, KB


def build(data: Path, site: Path, cache: Path | None, stats: Path, jobs: int | None = None) -> Run:
    env = dict(
        os.environ,
        SITE_DATA=str(data),
        SITE_CACHE=str(cache) if cache else "off",
        SITE_STATS=str(stats),
        SOURCE_DATE_EPOCH="1700000000",
        NO_MKDOCS_2_WARNING="1",
    )
    if jobs:
        env["SITE_JOBS"] = str(jobs)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)]
    with tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
        # wait4: the child's own resources, its workers' included (ru_maxrss: the largest of them)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            raise SystemExit(f"mkdocs build failed:\n{err.read().decode('utf-8', 'replace')}")
    s = json.loads(stats.read_text(encoding="utf-8"))
    pages_written = len(s["pages_written"])
    counts = (s["charts_drawn"], s["pages_rendered"], pages_written, s["files_written"])
    peak = round(usage.ru_maxrss / 1024, 1)
    memory, memory_peak = s.get("memory", {}), s.get("memory_peak", {})
    return Run(round(seconds, 2), *counts, s["seconds"], peak_mb=peak, memory=memory, memory_peak=memory_peak)


def edit_one_value(data: Path, shape: synthetic.Shape) -> None:
    """Change one commune's value of the first indicator in a middle period."""
    unit = synthetic.unit_rows(shape)[-1][0]
    period = synthetic.period_codes(shape)[shape.periods // 2]
    _edit_value(data, f"{synthetic.indicator_rows(shape)[0]['id']},{unit},{period},")


def edit_whole_value(data: Path, shape: synthetic.Shape) -> None:
    """Change the whole's (the province's) latest value of the first indicator: the figure leaders quote."""
    unit = synthetic.unit_rows(shape)[0][0]
    _edit_value(data, f"{synthetic.indicator_rows(shape)[0]['id']},{unit},{synthetic.period_codes(shape)[-1]},")


def _edit_value(data: Path, prefix: str) -> None:
    path = data / "values.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    for n, line in enumerate(lines):
        if line.startswith(prefix):
            figure, comma, rest = line[len(prefix) :].partition(",")  # the real shape's other columns stay
            lines[n] = f"{prefix}{float(figure or 0) + 1:.1f}{comma}{rest}"
            break
    else:
        raise SystemExit(f"no value {prefix} to edit")
    path.write_text("\n".join(lines), encoding="utf-8")


def edit_unit_name(data: Path, shape: synthetic.Shape) -> None:
    """Rename the last commune (a new name each time)."""
    path = data / "units.csv"
    code, name = synthetic.unit_rows(shape)[-1][:2]
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n{code},") + 1
    end = text.index("\n", start)
    row = text[start:end].split(",")
    row[1] = row[1] + " mới" if row[1].startswith(name) else name
    path.write_text(text[:start] + ",".join(row) + text[end:], encoding="utf-8")


def edit_target(data: Path, shape: synthetic.Shape) -> None:
    """Raise the first indicator's target by one."""
    import csv
    import io

    path = data / "indicators.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["target"] = f"{float(rows[0]['target']) + 1:g}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def add_period(data: Path, shape: synthetic.Shape) -> synthetic.Shape:
    """The quarterly update: a value of the next quarter for every unit and indicator. The new shape."""
    grown = replace(shape, periods=shape.periods + 1)
    period = synthetic.period_codes(grown)[-1]
    rest = ",estimate,,," if shape.real else ""  # the real shape: a first figure, an estimate
    lines = [
        f"{ind['id']},{unit[0]},{period},{50 + (n % 40)}.0{rest}"
        for n, (ind, unit) in enumerate(
            (i, u) for i in synthetic.indicator_rows(shape) for u in synthetic.unit_rows(shape)
        )
    ]
    path = data / "values.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return grown


EDITS = ("whole", "name", "target", "period")  # beyond a commune's value, which is always timed


def measure(
    shape: synthetic.Shape, work: Path, repeat: int = 1, naive: int | None = None, edits: tuple[str, ...] = EDITS
) -> Result:
    """Each kind of build of one program, `repeat` times: the run of median time of each kind.

    Every repetition starts from nothing (no cache, no site folder), and its
    one-value change edits the same value again (+1), so it is a change each time.
    `edits`: which of `EDITS` to time too.
    """
    data = synthetic.write(work / "data", shape)
    cache, site, stats = work / "cache", work / "site", work / "stats.json"
    kinds = ("cold", "warm", "one", "whole", "name", "target", "period", "naive")
    runs: dict[str, list[Run]] = {kind: [] for kind in kinds}
    for _ in range(repeat):
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        runs["cold"].append(build(data, site, cache, stats))
        size = site_size(site)
        runs["warm"].append(build(data, site, cache, stats))
        edit_one_value(data, shape)
        runs["one"].append(build(data, site, cache, stats))
        for kind, edit in (("whole", edit_whole_value), ("name", edit_unit_name), ("target", edit_target)):
            if kind in edits:
                edit(data, shape)
                runs[kind].append(build(data, site, cache, stats))
    grown = shape
    for _ in range(repeat if "period" in edits else 0):  # each repetition adds one more quarter to a warm cache
        grown = add_period(data, grown)
        runs["period"].append(build(data, site, cache, stats))
    for _ in range(repeat if naive is None else naive):  # `naive`: how many naive builds (None: `repeat`)
        shutil.rmtree(work / "naive-site", ignore_errors=True)
        runs["naive"].append(build(data, work / "naive-site", None, stats, jobs=1))
    m = {kind: median(runs[kind]) for kind in kinds if runs[kind]}
    values = shape.units * shape.indicators * shape.periods
    return Result(
        shape.units, shape.indicators, shape.periods, values, m["cold"], m["warm"], m["one"], m.get("naive"),
        max(r.peak_mb for r in runs["cold"]), m.get("whole"), m.get("name"), m.get("target"), m.get("period"), *size,
    )  # fmt: skip


def site_size(site: Path) -> tuple[float, tuple[str, float]]:
    """The size of a built site (MB) and its largest HTML page (path, KB)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in files if p.suffix == ".html"]
    largest = max(pages, default=(0, ""))
    return round(sum(p.stat().st_size for p in files) / 2**20, 1), (largest[1], round(largest[0] / 1024, 1))


def median(runs: list[Run]) -> Run:
    """The run of median time (the lower of the two middle ones for an even count), with every time."""
    middle = sorted(runs, key=lambda r: r.seconds)[(len(runs) - 1) // 2]
    return middle if len(runs) == 1 else replace(middle, repeats=tuple(r.seconds for r in runs))


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_speedup(n: int = 10_000_000) -> float:
    """How much faster two processes do two equal CPU-bound jobs than one: 2.0 on two idle cores.

    Other processes sharing the machine show here first; the build's own
    parallel speed-up cannot exceed this.
    """
    from concurrent.futures import ProcessPoolExecutor

    began = time.perf_counter()
    _spin(n)
    _spin(n)
    serial = time.perf_counter() - began
    with ProcessPoolExecutor(max_workers=2) as pool:
        began = time.perf_counter()
        list(pool.map(_spin, [n, n]))
        parallel = time.perf_counter() - began
    return round(serial / parallel, 2)


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        mem_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem_kb = 0
    return {
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": model or platform.processor(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "parallel_speedup_2_processes": parallel_speedup(),
    }


def summary(results: list[Result]) -> dict[str, Any]:
    """The figures of the largest size, and the targets of the issue checked."""
    big = results[-1]
    out: dict[str, Any] = {
        "units": big.units,
        "values": big.values,
        "cold_s": big.cold.seconds,
        "warm_s": big.warm.seconds,
        "one_change_s": big.one_change.seconds,
        "naive_s": big.naive.seconds if big.naive else None,
        "charts_rendered_cold": big.cold.charts_drawn,
        "charts_rendered_warm": big.warm.charts_drawn,
        "charts_rendered_one_change": big.one_change.charts_drawn,
        "pages_rendered_one_change": big.one_change.pages_rendered,
        "pages_written_warm": big.warm.pages_written,
        "pages_written_one_change": big.one_change.pages_written,
        "peak_rss_mb": big.peak_rss_mb,
        "warm_ratio": round(big.warm.seconds / big.cold.seconds, 3),
        "one_change_ratio": round(big.one_change.seconds / big.cold.seconds, 3),
        "naive_over_cold": round(big.naive.seconds / big.cold.seconds, 3) if big.naive else None,
    }
    for kind in ("whole", "name", "target", "period"):
        run = getattr(big, f"{kind}_change")
        if run is not None:
            out[f"{kind}_change_s"] = run.seconds
            out[f"{kind}_change_ratio"] = round(run.seconds / big.cold.seconds, 3)
            out[f"pages_rendered_{kind}_change"] = run.pages_rendered
    if len(results) >= 3:
        a, b, c = results[-3:]
        first = (b.cold.seconds - a.cold.seconds) / (b.units - a.units)
        second = (c.cold.seconds - b.cold.seconds) / (c.units - b.units)
        out["cold_growth_ratio"] = round(second / first, 3) if first > 0 else None
    out["targets"] = {
        "warm_le_0.25_cold": out["warm_ratio"] <= 0.25,
        "one_change_le_0.3_cold": out["one_change_ratio"] <= 0.3,
        "peak_rss_le_1536_mb": big.peak_rss_mb <= 1536,
        "peak_rss_le_1024_mb": big.peak_rss_mb <= 1024,
    }
    if out["naive_over_cold"] is not None:
        out["targets"]["naive_ge_1.6_cold"] = out["naive_over_cold"] >= 1.6
    if "whole_change_ratio" in out:
        out["targets"]["whole_change_le_0.15_cold"] = out["whole_change_ratio"] <= 0.15
    if out.get("cold_growth_ratio") is not None:
        out["targets"]["cold_growth_le_1.3"] = out["cold_growth_ratio"] <= 1.3
    return out


def table(results: list[Result]) -> str:
    head = "| units | values | cold s | no change s | one change s | naive s | charts drawn (cold/none/one) "
    head += "| pages converted (cold/none/one) | pages written (cold/none/one) | peak RSS MB |"
    lines = [head, "|" + "---|" * 10]
    for r in results:
        c, w, o = r.cold, r.warm, r.one_change
        naive = r.naive.seconds if r.naive else "–"
        lines.append(
            f"| {r.units} | {r.values:,} | {c.seconds} | {w.seconds} | {o.seconds} | {naive} "
            f"| {c.charts_drawn}/{w.charts_drawn}/{o.charts_drawn} "
            f"| {c.pages_rendered}/{w.pages_rendered}/{o.pages_rendered} "
            f"| {c.pages_written}/{w.pages_written}/{o.pages_written} | {r.peak_rss_mb} |"
        )
    lines += [
        "",
        "| units | edit | seconds | × cold | charts drawn | pages converted | pages written |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for label, run in (
            ("one commune's value", r.one_change),
            ("the whole's latest value", r.whole_change),
            ("a commune's name", r.name_change),
            ("an indicator's target", r.target_change),
            ("a new quarter for every unit", r.period_change),
        ):
            if run is not None:
                lines.append(
                    f"| {r.units} | {label} | {run.seconds} | {run.seconds / r.cold.seconds:.3f} "
                    f"| {run.charts_drawn} | {run.pages_rendered} | {run.pages_written} |"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="150,300,600", help="units of each program, comma-separated")
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--periods", type=int, default=20, help="quarters")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind per size; the median is reported")
    parser.add_argument("--no-naive", action="store_true", help="leave out the naive build (hours at national scale)")
    parser.add_argument("--naive-runs", type=int, help="naive builds per size (default: --repeat)")
    parser.add_argument("--edits", default=",".join(EDITS), help="edits to time beside a commune's value")
    parser.add_argument(
        "--shape",
        choices=synthetic.FORMS,
        default="real",
        help="real: values.csv and the other tables filled as offices fill them; plain: four columns, all official",
    )
    parser.add_argument(
        "--illustrative",
        choices=("true", "false"),
        default="true",
        help="the program's illustrative flag (every page marks what is not official)",
    )
    parser.add_argument(
        "--national", action="store_true", help="a national program: the nation, 34 provinces, SIZES communes"
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    edits = tuple(e.strip() for e in args.edits.split(",") if e.strip())
    if not set(edits) <= set(EDITS):
        parser.error(f"--edits: one or more of {', '.join(EDITS)}")
    before = machine()
    results = []
    for units in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"bench-{units}-"))
        try:
            total = units + 1 + synthetic.PROVINCES if args.national else units
            shape = synthetic.Shape(
                total,
                args.indicators,
                args.periods,
                national=args.national,
                form=args.shape,
                illustrative=args.illustrative == "true",
            )
            naive = 0 if args.no_naive else args.naive_runs
            results.append(measure(shape, work, max(1, args.repeat), naive=naive, edits=edits))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if not args.json:
            print(f"{units} units done", file=sys.stderr)
    report = summary(results)
    report["repeat"] = max(1, args.repeat)
    report["shape"] = args.shape
    report["illustrative"] = args.illustrative == "true"
    if args.json:
        report["sizes"] = [asdict(r) for r in results]
        report["machine"] = before
        report["machine_after"] = machine()
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(table(results))
        print()
        print(json.dumps({k: v for k, v in report.items()}, ensure_ascii=False))
        print(json.dumps({"before": before, "after": machine()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
