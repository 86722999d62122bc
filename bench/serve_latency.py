#!/usr/bin/env python3
"""Save-to-reload latency of `gazette serve`: edits one section's text EDITS times and measures
the time from the file's save to the reload event on the live-reload stream, and the rebuild
time serve reports. Prints medians.

usage: bench/serve_latency.py GAZETTE SITE_DIR [EDITS] [PAUSE]

PAUSE (seconds, default 1.5) is the writer's pause between saves: the preview remakes the
search index in the first second of a pause, and a save that comes while it is at it waits
for it. A long pause measures a save made to a preview at rest.
"""
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time


def main():
    gazette, site = sys.argv[1], sys.argv[2]
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    pause = float(sys.argv[4]) if len(sys.argv) > 4 else 1.5
    serve = subprocess.Popen([gazette, "serve", "--root", site, "--port", "0"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = []
    try:
        first = serve.stdout.readline()
        url = re.match(r"Serving http://([^/]+)(/\S*)", first)
        host, port = url.group(1).split(":")
        threading.Thread(target=lambda: [lines.append(l) for l in serve.stdout], daemon=True).start()
        while not any(l.startswith("Built") for l in lines):
            time.sleep(0.05)
        events = http.client.HTTPConnection(host, int(port), timeout=30)
        events.request("GET", "/__gazette/events")
        stream = events.getresponse()
        assert stream.readline().startswith(b": connected")
        section = next(os.path.join(d, f) for d, _, fs in sorted(os.walk(os.path.join(site, "content")))
                       for f in sorted(fs) if f.endswith(".md") and f != "_index.md")
        original = open(section, encoding="utf-8").read()
        latencies = []
        for i in range(edits):
            text = original.replace("\n\n", f"\n\n第{i}次修改。\n\n", 1)
            started = time.perf_counter()
            with open(section, "w", encoding="utf-8") as f:
                f.write(text)
            while True:
                line = stream.readline()
                if line.startswith(b"event: reload"):
                    break
            latencies.append((time.perf_counter() - started) * 1000)
            # A writer pauses between saves; the search index is refreshed in such a pause.
            time.sleep(pause)
        with open(section, "w", encoding="utf-8") as f:
            f.write(original)
        rebuilds = [int(m.group(1)) for l in lines if (m := re.match(r"Rebuilt .* in (\d+) ms", l))]
        print(f"save to reload: median {statistics.median(latencies):.1f} ms "
              f"(min {min(latencies):.1f}, max {max(latencies):.1f}) over {edits} edits")
        print(f"rebuild as serve reports it: median {statistics.median(rebuilds)} ms; lines: {sorted(set(l.split(' in ')[0] for l in lines if l.startswith('Rebuilt')))}")
    finally:
        serve.kill()


if __name__ == "__main__":
    main()
