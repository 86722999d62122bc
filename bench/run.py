#!/usr/bin/env python3
"""gazette's benchmark: builds of generated Chinese sites at 1k, 10k and 100k sections, with
and without the search index (medians of several runs, peak memory from /usr/bin/time -v),
and the serve save-to-reload latency at 10k sections. Prints a Markdown table for the README.

usage: bench/run.py [--sizes 1000,10000,100000] [--runs 5] [--corpus-dir DIR]
                    [--output-dir DIR] [--gazette BIN] [--no-serve] [--heavy]
                    [--hugo BIN] [--search-only-from N]

Each run builds into an empty output folder (cold: nothing from an earlier build in the
process or the output), then once more over that output (a rebuild, which compares every
file with the previous output's and writes only the changed ones). Runs with and without search alternate, so a noisy machine skews both
alike. Corpora are generated once into --corpus-dir (default /tmp) as gazette-bench-N, with a
twin gazette-bench-N-nosearch (the same content files, hard-linked, and `search: false`). A tmpfs (/dev/shm) for
both folders measures gazette rather than the disk.

--heavy uses sections of about 4 KB with more markup (bench/corpus.py --heavy), in corpora
named gazette-bench-heavy-N. --hugo BIN also builds each corpus below 100,000 sections (built without search too) with
Hugo (a twin gazette-bench-…-hugo: the same content folder, bench/hugo/ as its config and
layouts), alternating with gazette's builds. --search-only-from N builds sizes from N on with
search only.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def corpus(base, sections, heavy=False):
    path = os.path.join(base, f"gazette-bench-{'heavy-' if heavy else ''}{sections}")
    reports = max(1, sections // 10)
    stamp = os.path.join(path, ".generated")
    if not os.path.exists(stamp):
        subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), *(["--heavy"] if heavy else []),
                        path, str(reports), "10"], check=True)
        open(stamp, "w").close()
    twin = path + "-nosearch"
    content = os.path.join(twin, "content")
    # Hard links share the files: a symlinked content/ (as older twins had) leads out of the
    # twin's site folder, which a build refuses.
    if os.path.islink(content):
        os.unlink(content)
    if not os.path.exists(content):
        shutil.copytree(os.path.join(path, "content"), content, copy_function=os.link)
    if not os.path.exists(os.path.join(twin, "site.yaml")):
        with open(os.path.join(path, "site.yaml")) as f, open(os.path.join(twin, "site.yaml"), "w") as g:
            g.write(f.read() + "search: false\n")
    return path, twin


def hugo_twin(path):
    """The corpus as a Hugo site: its content folder, bench/hugo's config and layouts."""
    twin = path + "-hugo"
    os.makedirs(twin, exist_ok=True)
    for name, target in (("content", os.path.join(path, "content")),
                         ("hugo.toml", os.path.join(HERE, "hugo", "hugo.toml")),
                         ("layouts", os.path.join(HERE, "hugo", "layouts"))):
        if not os.path.lexists(os.path.join(twin, name)):
            os.symlink(target, os.path.join(twin, name))
    return twin


def timed(command):
    """Wall seconds, peak memory (MiB) and CPU seconds (user + system) of a command, and what
    it printed. CPU time is the steadier figure on a machine shared with other work: waiting
    for a core adds to the wall time only."""
    run = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{command[0]} failed:\n{run.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+(?:\.\d+)?)$", run.stderr, re.M)
    seconds = float(wall.group(1) or 0) * 60 + float(wall.group(2))
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", run.stderr).group(1))
              for kind in ("User", "System"))
    return seconds, rss_kb / 1024, cpu, run.stdout


def timed_build(gazette, site, output):
    seconds, rss, cpu, stdout = timed([gazette, "build", "--root", site, "--output", output, "-v"])
    stages = re.search(r"^Stages: (.*)$", stdout, re.M).group(1)
    return seconds, rss, cpu, stages


def timed_hugo(hugo, site, output):
    shutil.rmtree(output, ignore_errors=True)
    seconds, rss, cpu, _ = timed([hugo, "--source", site, "--destination", output, "--quiet"])
    return seconds, rss, cpu, "hugo"


def median_run(results):
    """The run with the median wall time (its memory and stages are shown with it)."""
    ordered = sorted(results)
    return ordered[len(ordered) // 2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus-dir", default="/tmp")
    parser.add_argument("--output-dir", default="/tmp")
    parser.add_argument("--gazette", default=os.path.join(HERE, "..", "target", "release", "gazette"))
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--heavy", action="store_true")
    parser.add_argument("--hugo")
    parser.add_argument("--search-only-from", type=int, default=10 ** 9)
    args = parser.parse_args()
    rows = {}
    hugo = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        sites = dict(zip(("on", "off"), corpus(args.corpus_dir, size, args.heavy)))
        if size >= args.search_only_from:
            del sites["off"]
        runs = args.runs if size < 100000 else max(3, args.runs // 2)
        cold = {search: [] for search in sites}
        rebuild = {search: [] for search in sites}
        with_hugo = args.hugo and size < 100000 and "off" in sites
        for _ in range(runs):
            for search, site in sites.items():
                output = os.path.join(args.output_dir, f"gazette-bench-out-{size}-{search}")
                shutil.rmtree(output, ignore_errors=True)
                cold[search].append(timed_build(args.gazette, site, output))
                rebuild[search].append(timed_build(args.gazette, site, output))
            if with_hugo:
                output = os.path.join(args.output_dir, f"gazette-bench-out-{size}-hugo")
                hugo.setdefault(size, []).append(timed_hugo(args.hugo, hugo_twin(sites["on"]), output))
        for search in sites:
            rows[(size, search)] = (runs, median_run(cold[search]), statistics.median(r[0] for r in rebuild[search]))
            wall, rss, cpu, _ = rows[(size, search)][1]
            print(f"{size} sections, search {search}: cold {wall:.2f} s, CPU {cpu:.2f} s, {rss:.0f} MiB",
                  file=sys.stderr)
    print("| sections | search | runs | cold build (median) | CPU time | peak memory | rebuild over the output | stages of the median cold run |")
    print("|---:|---|---:|---:|---:|---:|---:|---|")
    for (size, search), (runs, (wall, rss, cpu, stages), again) in rows.items():
        print(f"| {size:,} | {search} | {runs} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MiB | {again:.2f} s | {stages} |")
    sizes = sorted({size for size, _ in rows})
    print()
    for size, results in hugo.items():
        wall, rss, _, _ = median_run(results)
        off = rows[(size, "off")][1]
        print(f"- {size:,} sections, Hugo (median of {len(results)}): {wall:.2f} s, {rss:.0f} MiB; gazette "
              f"without search takes {off[0] / wall:.2f}x its time and {off[1] / rss:.2f}x its peak memory")
    for size in sizes:
        if (size, "off") not in rows:
            continue
        on, off = rows[(size, "on")][1], rows[(size, "off")][1]
        print(f"- {size:,} sections: search adds {100 * (on[0] / off[0] - 1):.0f}% to the cold build time "
              f"and {on[1] - off[1]:.0f} MiB to peak memory")
    for size in sizes[1:]:
        base = sizes[0]
        ratio = rows[(size, "on")][1][0] / rows[(base, "on")][1][0]
        cpu = rows[(size, "on")][1][2] / rows[(base, "on")][1][2]
        print(f"- {size:,} / {base:,} sections: {size / base:.0f}x the content, {ratio:.1f}x the wall time, "
              f"{cpu:.1f}x the CPU time (search on)")
    if not args.no_serve:
        site = corpus(args.corpus_dir, 10000, args.heavy)[0]
        latency = subprocess.run([sys.executable, os.path.join(HERE, "serve_latency.py"), args.gazette,
                                  site, "20"], capture_output=True, text=True, check=True)
        print("\nserve, 10,000 sections, one section edited 20 times:\n")
        print("\n".join("- " + line for line in latency.stdout.strip().splitlines()))


if __name__ == "__main__":
    main()
