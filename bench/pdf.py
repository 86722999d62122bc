#!/usr/bin/env python3
"""Time one report's PDF: `gazette pdf` on the example site's 9-section 2013 report (loading
the site, finding the fonts, typesetting, writing the PDF; no cache), and a whole `gazette
build` of the example site with `pdf: true`, cold (empty cache) and warm.

Usage: cargo build --release && bench/pdf.py [RUNS]   (prints the median of RUNS, default 7;
$GAZETTE names another binary)
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GAZETTE = Path(os.environ.get("GAZETTE", REPO / "target" / "release" / "gazette"))


def timed(args):
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        for folder in ["content", "static"]:
            shutil.copytree(REPO / folder, site / folder)
        config = (REPO / "site.yaml").read_text(encoding="utf-8")
        (site / "site.yaml").write_text(config + "\npdf: true\n", encoding="utf-8")
        report = site / "content" / "reports" / "2013-work-summary"
        out = Path(tmp) / "report.pdf"
        one = [timed([GAZETTE, "pdf", report, "--root", site, "-o", out]) for _ in range(runs)]
        print(f"gazette pdf, 9-section report: median {statistics.median(one):.3f} s "
              f"(min {min(one):.3f}, max {max(one):.3f}, {runs} runs)")
        cold, warm = [], []
        for _ in range(runs):
            shutil.rmtree(site / ".gazette-cache", ignore_errors=True)
            cold.append(timed([GAZETTE, "build", "--root", site, "-q"]))
            warm.append(timed([GAZETTE, "build", "--root", site, "-q"]))
        print(f"gazette build, 4 reports with pdf: true: cold median {statistics.median(cold):.3f} s, "
              f"warm (cached PDFs) median {statistics.median(warm):.3f} s")
        shutil.rmtree(site / ".gazette-cache", ignore_errors=True)
        config_off = config + "\npdf: false\n"
        (site / "site.yaml").write_text(config_off, encoding="utf-8")
        off = [timed([GAZETTE, "build", "--root", site, "-q"]) for _ in range(runs)]
        print(f"gazette build with pdf: false: median {statistics.median(off):.3f} s")


if __name__ == "__main__":
    main()
