#!/usr/bin/env python3
"""The benchmark's driver, called by bench/run.sh (which builds the programs and generates the
corpora). Python 3.11 standard library only.

    bench.py build CORPUS --runs N [--warmup 0|1] --toolkit BIN --floor BIN [--hugo BIN] --json OUT
        Alternates toolkit, toolkit without its PDF cache, floor and Hugo (A B C D A B C D ...)
        after one warm-up round; each run under /usr/bin/time for wall time and peak RSS; output
        size with `du -sb`. "toolkit" keeps its cache of PDF forms between runs (filled by the
        warm-up round), as an author's builds do; "toolkit-cold" runs with TOOLKIT_CACHE=0.
    bench.py serve CORPUS --toolkit BIN [--edits 20] [--max-seconds 150] --json OUT
        Starts `toolkit serve --watch --port 0` and times one-page edits from the write to the
        moment the served page returns the new text; stops early after --max-seconds of edits.
    bench.py table JSON...
        Prints the Markdown tables of the results.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def du(path):
    out = subprocess.run(["du", "-sb", path], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0])


def timed(cmd, cwd, out_dir, env=None):
    """Runs cmd under /usr/bin/time; returns (wall s, peak RSS KiB of the program)."""
    shutil.rmtree(out_dir, ignore_errors=True)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        start = time.perf_counter()
        p = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", tf.name] + cmd,
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if p.returncode != 0:
            sys.exit(f"error: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-3000:]}")
        wall = time.perf_counter() - start  # finer than time's 10 ms steps
        rss = tf.read().split()[-1]
    return wall, int(rss)


def build(args):
    corpus = os.path.abspath(args.corpus)
    tk, hg = os.path.join(corpus, "toolkit"), os.path.join(corpus, "hugo")
    out_root = os.path.abspath(args.out_root) if args.out_root else corpus
    names = ("toolkit", "toolkit-cold", "floor", "hugo")
    outs = {n: os.path.join(out_root, f"out-{os.path.basename(corpus)}-{n}") for n in names}
    cold = dict(os.environ, TOOLKIT_CACHE="0")
    progs = {
        "toolkit": ([args.toolkit, "build", "--quiet", "--output", outs["toolkit"]], tk, None),
        "toolkit-cold": ([args.toolkit, "build", "--quiet", "--output", outs["toolkit-cold"]], tk, cold),
        "floor": ([args.floor, os.path.join(tk, "content"), outs["floor"]], tk, None),
    }
    if args.hugo:
        progs["hugo"] = ([args.hugo, "--quiet", "--destination", outs["hugo"]], hg, None)
    res = {n: {"wall": [], "rss": []} for n in progs}
    before = loadavg()
    for r in range(1 - args.warmup, args.runs + 1):
        for name, (cmd, cwd, env) in progs.items():
            wall, rss = timed(cmd, cwd, outs[name], env)
            if r > 0:  # round 0 is the warm-up
                res[name]["wall"].append(wall)
                res[name]["rss"].append(rss)
            print(f"  {'warm-up' if r == 0 else f'run {r}'} {name}: {wall:.2f} s, {rss / 1024:.0f} MiB", flush=True)
    after = loadavg()
    result = {
        "corpus": os.path.basename(corpus),
        "runs": args.runs,
        "warmup": args.warmup,
        "output_folder": out_root,
        "load_before": before,
        "load_after": after,
        "programs": {},
    }
    for name in progs:
        result["programs"][name] = {
            "wall": res[name]["wall"],
            "wall_median": statistics.median(res[name]["wall"]),
            "rss_max_kib": max(res[name]["rss"]),
            "output_bytes": du(outs[name]),
        }
    for mine in ("toolkit", "toolkit-cold"):
        for other in ("floor", "hugo"):
            if other in progs:
                ratios = [a / b for a, b in zip(res[mine]["wall"], res[other]["wall"]) if b > 0]
                key = f"{mine.replace('-', '_')}_over_{other}"
                result[key] = statistics.median(ratios) if ratios else None
    for name in outs:
        shutil.rmtree(outs[name], ignore_errors=True)
    with open(args.json, "w") as f:
        json.dump(result, f, indent=1)
    print(f"  load average before {before}, after {after}")


def get(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8", "replace")


def serve(args):
    site = os.path.join(os.path.abspath(args.corpus), "toolkit")
    log = tempfile.NamedTemporaryFile("w+", suffix=".log")
    before = loadavg()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [args.toolkit, "serve", "--watch", "--port", "0"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    page = os.path.join(site, "content", "s000", "p0003.md")
    original = open(page, encoding="utf-8").read()
    try:
        url = None
        while url is None:
            if proc.poll() is not None or time.perf_counter() - started > 300:
                log.seek(0)
                sys.exit("error: toolkit serve did not start:\n" + log.read())
            log.seek(0)
            m = re.search(r"Serving (http://[^ ,\s]*)", log.read())
            if m:
                url = m.group(1)
            else:
                time.sleep(0.02)
        startup = time.perf_counter() - started
        page_url = url.rstrip("/") + "/s000/p0003/"
        get(page_url)
        times = []
        for i in range(args.edits):
            if times and time.perf_counter() - started - startup > args.max_seconds:
                break  # enough for a median on a slow site; the count is reported
            time.sleep(0.3)
            marker = f"Benchmark edit marker {i} {os.getpid()}"
            start = time.perf_counter()
            with open(page, "w", encoding="utf-8") as f:
                f.write(original + f"\n{marker}.\n")
            while marker not in get(page_url):
                if time.perf_counter() - start > 60:
                    sys.exit(f"error: edit {i} not served after 60 s")
                time.sleep(0.002)
            times.append(time.perf_counter() - start)
    finally:
        with open(page, "w", encoding="utf-8") as f:
            f.write(original)
        proc.send_signal(2)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    log.seek(0)
    rebuilds = [float(x) for x in re.findall(r"^Rebuilt in ([0-9.]+) s", log.read(), re.M)]
    result = {
        "corpus": os.path.basename(os.path.abspath(args.corpus)),
        "edits": len(times),
        "rebuild_median_ms": statistics.median(rebuilds) * 1000 if rebuilds else None,
        "rebuilds": len(rebuilds),
        "startup_s": startup,
        "median_ms": statistics.median(times) * 1000,
        "worst_ms": max(times) * 1000,
        "best_ms": min(times) * 1000,
        "load_before": before,
        "load_after": loadavg(),
    }
    with open(args.json, "w") as f:
        json.dump(result, f, indent=1)
    print(
        f"  serve ready in {startup:.1f} s; edit-to-served: median {result['median_ms']:.0f} ms, "
        f"best {result['best_ms']:.0f} ms, worst {result['worst_ms']:.0f} ms ({len(times)} edits); "
        f"toolkit's own rebuild time: median {result['rebuild_median_ms'] or 0:.0f} ms "
        f"({len(rebuilds)} rebuilds; the watcher waits for 15 ms without events before it rebuilds a page); "
        f"load average before {before}, after {result['load_after']}"
    )


def table(args):
    builds = []
    serves = []
    for path in args.json:
        with open(path) as f:
            r = json.load(f)
        (serves if "edits" in r else builds).append(r)

    def mib(kib):
        return f"{kib / 1024:.0f} MiB"

    def mb(b):
        return f"{b / 1e6:.1f} MB"

    def ratio(x):
        return "–" if x is None else f"{x:.2f}×"

    if builds:
        print("| corpus | runs | toolkit wall (cold) | floor wall | Hugo wall | toolkit/floor (cold) "
              "| toolkit/Hugo (cold) | toolkit RSS | floor RSS | Hugo RSS | toolkit out | floor out | Hugo out "
              "| load before → after |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for r in builds:
            p = r["programs"]
            h = p.get("hugo")
            hw = f"{h['wall_median']:.2f} s" if h else "–"
            c = p.get("toolkit-cold")
            cw = f" ({c['wall_median']:.2f} s)" if c else ""

            def both(other):
                warm, cold = r.get(f"toolkit_over_{other}"), r.get(f"toolkit_cold_over_{other}")
                return ratio(warm) + (f" ({ratio(cold)})" if cold is not None else "")

            print(
                f"| {r['corpus']} | {r['runs']} | {p['toolkit']['wall_median']:.2f} s{cw} "
                f"| {p['floor']['wall_median']:.2f} s | {hw} | {both('floor')} | {both('hugo')} "
                f"| {mib(max(p['toolkit']['rss_max_kib'], c['rss_max_kib'] if c else 0))} "
                f"| {mib(p['floor']['rss_max_kib'])} | {mib(h['rss_max_kib']) if h else '–'} "
                f"| {mb(p['toolkit']['output_bytes'])} | {mb(p['floor']['output_bytes'])} "
                f"| {mb(h['output_bytes']) if h else '–'} | {r['load_before']} → {r['load_after']} |"
            )
    if serves:
        print()
        print("| corpus | serve ready | edits | edit-to-served median | best | worst "
              "| toolkit rebuild median | load before → after |")
        print("|---|---|---|---|---|---|---|---|")
        for r in serves:
            rb = r.get("rebuild_median_ms")
            rb = "–" if rb is None else f"{rb:.0f} ms"
            print(
                f"| {r['corpus']} | {r['startup_s']:.1f} s | {r['edits']} | {r['median_ms']:.0f} ms "
                f"| {r['best_ms']:.0f} ms | {r['worst_ms']:.0f} ms | {rb} | {r['load_before']} → {r['load_after']} |"
            )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("corpus")
    b.add_argument("--runs", type=int, default=3)
    b.add_argument("--warmup", type=int, choices=(0, 1), default=1)
    b.add_argument("--toolkit", required=True)
    b.add_argument("--floor", required=True)
    b.add_argument("--hugo")
    b.add_argument("--json", required=True)
    b.add_argument("--out-root", help="where the programs write their output (default: beside the corpus)")
    s = sub.add_parser("serve")
    s.add_argument("corpus")
    s.add_argument("--toolkit", required=True)
    s.add_argument("--edits", type=int, default=20)
    s.add_argument("--max-seconds", type=float, default=150, help="stop editing after this long")
    s.add_argument("--json", required=True)
    t = sub.add_parser("table")
    t.add_argument("json", nargs="+")
    args = ap.parse_args()
    {"build": build, "serve": serve, "table": table}[args.cmd](args)


if __name__ == "__main__":
    main()
