"""The benchmark reports what the issue asks for, as one JSON object, and the median of repeated builds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_benchmark_reports_times_counts_and_memory_as_json() -> None:
    cmd = [sys.executable, "-m", "scripts.bench", "--sizes", "6", "--indicators", "2", "--periods", "4"]
    done = subprocess.run([*cmd, "--repeat", "2", "--json"], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    [size] = report["sizes"]
    for kind, key in (("cold", "cold_s"), ("warm", "warm_s"), ("one_change", "one_change_s"), ("naive", "naive_s")):
        run = size[kind]
        assert report[key] == run["seconds"]
        assert len(run["repeats"]) == 2
        assert run["seconds"] == min(run["repeats"])  # the lower middle of two
        # The time of a build, from outside, holds the time the build measured itself and the start of Python.
        assert run["seconds"] >= run["stages"]["total"] > 0
    assert report["warm_ratio"] == round(size["warm"]["seconds"] / size["cold"]["seconds"], 3)
    assert report["charts_rendered_cold"] > 0  # a cold build draws every chart
    assert size["cold"]["pages_rendered"] > size["one_change"]["pages_rendered"] > 0
    assert (report["charts_rendered_warm"], report["pages_written_warm"]) == (0, 0)
    assert report["charts_rendered_one_change"] == 0  # a commune's value: no chart shows it
    assert report["repeat"] == 2
    # memory: the largest process of each build (the build or a worker); reported: the largest of the cold builds
    assert report["peak_rss_mb"] >= size["cold"]["peak_mb"] > 30
    assert all(30 < size[kind]["peak_mb"] < 4096 for kind in ("cold", "warm", "one_change", "naive"))
    assert set(size["cold"]["memory"]) >= {"load", "render", "mkdocs: pages"}  # resident MB after each stage
    assert set(size["cold"]["memory_peak"]) == set(size["cold"]["memory"])  # and the largest so far
    # the edits staff make, each reported with what it redid
    for kind in ("whole", "name", "target", "period"):
        run = size[f"{kind}_change"]
        assert report[f"{kind}_change_s"] == run["seconds"] >= run["stages"]["total"] > 0
    assert size["whole_change"]["charts_drawn"] > 0  # the whole's series is drawn again…
    # …its units' pages are not: beyond a commune's edit, only the pages that show every indicator's result
    # (home, results, indicators, print view) and those whose findings and documents name the indicator with
    # its figure (program, assessment, directions: the real shape fills them) are converted again
    assert size["whole_change"]["pages_rendered"] <= size["one_change"]["pages_rendered"] + 7
    assert size["period_change"]["pages_rendered"] >= size["cold"]["pages_rendered"] // 2  # a new quarter: most pages


def test_the_benchmark_builds_either_shape() -> None:
    cmd = [sys.executable, "-m", "scripts.bench", "--sizes", "4", "--indicators", "1", "--periods", "2", "--no-naive"]
    for shape, illustrative in (("plain", "true"), ("real", "false")):
        done = subprocess.run([*cmd, "--edits", "whole", "--shape", shape, "--illustrative", illustrative, "--json"],
                              cwd=ROOT, capture_output=True, text=True,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=600)  # fmt: skip
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert (report["shape"], report["illustrative"]) == (shape, illustrative == "true")


def test_the_naive_build_may_be_left_out_at_national_scale() -> None:
    cmd = [sys.executable, "-m", "scripts.bench", "--sizes", "4", "--indicators", "1", "--periods", "2"]
    done = subprocess.run([*cmd, "--no-naive", "--json"], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["sizes"][0]["naive"] is None and report["naive_s"] is None
    assert "naive_ge_1.6_cold" not in report["targets"]
