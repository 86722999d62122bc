#!/usr/bin/env python3
"""gazette's benchmark: cold builds of generated Chinese sites at 1k, 10k and 100k sections
(medians of several runs, peak memory from /usr/bin/time -v) and the serve save-to-reload
latency at 10k sections. Prints a Markdown table for the README.

usage: bench/run.py [--sizes 1000,10000,100000] [--runs 5] [--output-dir DIR] [--gazette BIN]

The output goes to a folder under --output-dir (default /tmp); a tmpfs there (/dev/shm)
measures gazette without the disk. Corpora are generated once into /tmp/gazette-bench-N.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def corpus(sections):
    path = f"/tmp/gazette-bench-{sections}"
    reports = max(1, sections // 10)
    stamp = os.path.join(path, ".generated")
    if not os.path.exists(stamp):
        subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), path, str(reports), "10"], check=True)
        open(stamp, "w").close()
    return path


def timed_build(gazette, site, output):
    run = subprocess.run(["/usr/bin/time", "-v", gazette, "build", "--root", site, "--output", output, "-v"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"build failed:\n{run.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+(?:\.\d+)?)$", run.stderr, re.M)
    seconds = float(wall.group(1) or 0) * 60 + float(wall.group(2))
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    stages = re.search(r"^Stages: (.*)$", run.stdout, re.M).group(1)
    return seconds, rss_kb / 1024, stages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output-dir", default="/tmp")
    parser.add_argument("--gazette", default=os.path.join(HERE, "..", "target", "release", "gazette"))
    parser.add_argument("--no-serve", action="store_true")
    args = parser.parse_args()
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        site = corpus(size)
        output = os.path.join(args.output_dir, f"gazette-bench-out-{size}")
        runs = args.runs if size < 100000 else max(3, args.runs // 2)
        results = [timed_build(args.gazette, site, output) for _ in range(runs)]
        wall = statistics.median(r[0] for r in results)
        rss = statistics.median(r[1] for r in results)
        rows.append((size, runs, wall, rss, results[len(results) // 2][2]))
        print(f"{size} sections: median {wall:.2f} s, peak {rss:.0f} MiB over {runs} runs", file=sys.stderr)
    print("| sections | runs | cold build (median) | peak memory (median) | stages of the median run |")
    print("|---:|---:|---:|---:|---|")
    for size, runs, wall, rss, stages in rows:
        print(f"| {size:,} | {runs} | {wall:.2f} s | {rss:.0f} MiB | {stages} |")
    if len(rows) > 1:
        base = rows[0]
        for size, _, wall, _, _ in rows[1:]:
            print(f"\n{size:,} / {base[0]:,} sections: {size / base[0]:.0f}x the content, {wall / base[2]:.1f}x the time")
    if not args.no_serve:
        latency = subprocess.run([sys.executable, os.path.join(HERE, "serve_latency.py"), args.gazette,
                                  corpus(10000), "20"], capture_output=True, text=True, check=True)
        print("\nserve, 10,000 sections, one section edited 20 times:\n")
        print("\n".join("- " + line for line in latency.stdout.strip().splitlines()))


if __name__ == "__main__":
    main()
