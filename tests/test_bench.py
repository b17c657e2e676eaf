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
    for key in ("cold_s", "warm_s", "one_change_s", "naive_s", "charts_rendered_one_change", "peak_rss_mb"):
        assert report[key] >= 0
    assert (report["charts_rendered_warm"], report["pages_written_warm"]) == (0, 0)
    assert report["charts_rendered_one_change"] == 0  # a commune's value: no chart shows it
    assert report["repeat"] == 2
    [size] = report["sizes"]
    for kind in ("cold", "warm", "one_change", "naive"):
        run = size[kind]
        assert len(run["repeats"]) == 2
        assert run["seconds"] == min(run["repeats"])  # the lower middle of two
