#!/usr/bin/env python3
"""The benchmark's driver, called by bench/run.sh (which builds the programs and generates the
corpora). Python 3.11 standard library only.

    bench.py build CORPUS --runs N [--warmup 0|1] --toolkit BIN --floor BIN [--hugo BIN] --json OUT
        Alternates toolkit, toolkit without its PDF cache, floor and Hugo (A B C D A B C D ...)
        after one warm-up round. Each program runs three cases a round: cold (into an empty
        output), warm (again, nothing changed) and change (after one page changed); each run
        under /usr/bin/time for wall time and peak RSS; output size with `du -sb`. "toolkit"
        keeps its cache of PDF forms between runs (filled by the warm-up round), as an author's
        builds do; "toolkit-nocache" runs the cold case with TOOLKIT_CACHE=0.
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


def timed(cmd, cwd, env=None):
    """Runs cmd under /usr/bin/time; returns (wall s, peak RSS KiB of the program)."""
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


# The three cases of a round: a build into an empty output, a rebuild after no change, and a
# rebuild after one page changed (a line appended to s000/p0003.md).
CASES = ("cold", "warm", "change")


def build(args):
    corpus = os.path.abspath(args.corpus)
    tk, hg = os.path.join(corpus, "toolkit"), os.path.join(corpus, "hugo")
    out_root = os.path.abspath(args.out_root) if args.out_root else corpus
    names = ("toolkit", "toolkit-nocache", "floor", "hugo")
    outs = {n: os.path.join(out_root, f"out-{os.path.basename(corpus)}-{n}") for n in names}
    nocache = dict(os.environ, TOOLKIT_CACHE="0")
    progs = {
        "toolkit": ([args.toolkit, "build", "--quiet", "--output", outs["toolkit"]], tk, None),
        "toolkit-nocache": ([args.toolkit, "build", "--quiet", "--output", outs["toolkit-nocache"]], tk, nocache),
        "floor": ([args.floor, os.path.join(tk, "content"), outs["floor"]], tk, None),
    }
    if args.hugo:
        progs["hugo"] = ([args.hugo, "--quiet", "--destination", outs["hugo"]], hg, None)
    if args.no_nocache:
        del progs["toolkit-nocache"]
    # The page each "change" case edits, in both sites' sources.
    edited = [os.path.join(tk, "content/s000/p0003.md"), os.path.join(hg, "content/s000/p0003.md")]
    originals = {}
    for path in edited:
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                originals[path] = f.read()
    res = {n: {c: {"wall": [], "rss": []} for c in CASES} for n in progs}
    before = loadavg()
    try:
        for r in range(1 - args.warmup, args.runs + 1):
            for name, (cmd, cwd, env) in progs.items():
                # toolkit without its PDF cache differs only when it draws every form: cold.
                for case in CASES if name != "toolkit-nocache" else ("cold",):
                    if case == "cold":
                        shutil.rmtree(outs[name], ignore_errors=True)
                    if case == "change":
                        for path, text in originals.items():
                            with open(path, "w", encoding="utf-8") as f:
                                f.write(text + f"\nBenchmark change {r} {name}.\n")
                    wall, rss = timed(cmd, cwd, env)
                    if r > 0:  # round 0 is the warm-up
                        res[name][case]["wall"].append(wall)
                        res[name][case]["rss"].append(rss)
                    label = "warm-up" if r == 0 else f"run {r}"
                    print(f"  {label} {name} {case}: {wall:.2f} s, {rss / 1024:.0f} MiB", flush=True)
    finally:
        for path, text in originals.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    after = loadavg()
    result = {
        "corpus": os.path.basename(corpus),
        "runs": args.runs,
        "warmup": args.warmup,
        "output_folder": out_root,
        "file_system": subprocess.run(["stat", "-f", "-c", "%T", out_root], capture_output=True, text=True).stdout.strip(),
        "load_before": before,
        "load_after": after,
        "programs": {},
        "ratios": {},
    }
    for name in progs:
        result["programs"][name] = {
            case: {
                "wall": res[name][case]["wall"],
                "wall_median": statistics.median(res[name][case]["wall"]),
                "rss_max_kib": max(res[name][case]["rss"]),
            }
            for case in CASES
            if res[name][case]["wall"]
        }
        result["programs"][name]["output_bytes"] = du(outs[name]) if os.path.exists(outs[name]) else 0
    # Ratios of the same round's runs, then their median.
    for other in ("floor", "hugo"):
        if other not in progs:
            continue
        for case in CASES:
            a, b = res["toolkit"][case]["wall"], res[other][case]["wall"]
            ratios = [x / y for x, y in zip(a, b) if y > 0]
            result["ratios"][f"{case}_over_{other}"] = statistics.median(ratios) if ratios else None
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
        print("Build times: medians of alternating runs; ratios are medians of the same round's ratios.")
        print("cold = into an empty output; warm = again, nothing changed; change = after one page changed.")
        print("The floor overwrites every file in place in warm and change; Hugo writes every file each time.")
        print()
        print("| corpus | disk | case | toolkit | floor | Hugo | toolkit/floor | toolkit/Hugo "
              "| toolkit peak RSS | floor RSS | Hugo RSS |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for r in builds:
            p, q = r["programs"], r["ratios"]
            for case in CASES:
                t, f, h = p["toolkit"].get(case), p["floor"].get(case), p.get("hugo", {}).get(case)
                if not t:
                    continue
                hw = f"{h['wall_median']:.2f} s" if h else "–"
                extra = ""
                if case == "cold" and "toolkit-nocache" in p:
                    extra = f" ({p['toolkit-nocache']['cold']['wall_median']:.2f} s without the PDF cache)"
                print(
                    f"| {r['corpus']} | {r.get('file_system', '?')} | {case} | {t['wall_median']:.2f} s{extra} "
                    f"| {f['wall_median']:.2f} s | {hw} "
                    f"| {ratio(q.get(f'{case}_over_floor'))} | {ratio(q.get(f'{case}_over_hugo'))} "
                    f"| {mib(t['rss_max_kib'])} | {mib(f['rss_max_kib'])} | {mib(h['rss_max_kib']) if h else '–'} |"
                )
        print()
        print("| corpus | load before → after | toolkit out | floor out | Hugo out |")
        print("|---|---|---|---|---|")
        for r in builds:
            p = r["programs"]
            ho = mb(p["hugo"]["output_bytes"]) if "hugo" in p else "–"
            print(f"| {r['corpus']} | {r['load_before']} → {r['load_after']} | {mb(p['toolkit']['output_bytes'])} "
                  f"| {mb(p['floor']['output_bytes'])} | {ho} |")
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
    b.add_argument("--no-nocache", action="store_true", help="skip toolkit's cold run without its PDF cache")
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
