#!/usr/bin/env bash
# Measures `toolkit serve --watch`: requests per second for 10 s against a page of the bundled
# toolkit (oha or wrk when installed, else a small Python client with threads), and the time from
# saving a content file to the reload event, for the bundled toolkit and a generated 1,000-page site.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/toolkit"
work="$(mktemp -d)"
cleanup() {
  if [ -f "$work/pids" ]; then
    while read -r pid; do kill -INT "$pid" 2>/dev/null || true; done <"$work/pids"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# start_serve DIR LOG: starts the server in DIR; prints its URL once it is serving.
start_serve() {
  (cd "$1" && exec "$bin" serve --watch --port 0 >/dev/null 2>"$2") &
  echo $! >>"$work/pids"
  for _ in $(seq 200); do
    url=$(grep -o 'Serving http://[^ ,]*' "$2" | head -1 | cut -d' ' -f2 || true)
    [ -n "$url" ] && { echo "$url"; return; }
    sleep 0.05
  done
  echo "error: toolkit serve did not start:" >&2; cat "$2" >&2; exit 1
}

# latency URL FILE: touches FILE (a content file) and times the next build event, 10 times.
latency() {
  python3 - "$1" "$2" <<'PY'
import socket, sys, time, urllib.parse, os, statistics
url, path = sys.argv[1], sys.argv[2]
u = urllib.parse.urlparse(url)
s = socket.create_connection((u.hostname, u.port)); s.settimeout(10)
s.sendall(b"GET /__toolkit/events HTTP/1.1\r\nHost: x\r\n\r\n")
f = s.makefile("rb")
def next_event():
    while True:
        line = f.readline()
        if not line: raise SystemExit("event stream closed")
        if line.startswith(b"data: "): return line
next_event()
times = []
text = open(path).read()
for i in range(10):
    time.sleep(0.3)
    start = time.perf_counter()
    with open(path, "w") as out: out.write(text + f"\nEdit {i}.\n")
    next_event()
    times.append(time.perf_counter() - start)
open(path, "w").write(text)
print(f"  save-to-reload: median {statistics.median(times)*1000:.0f} ms, "
      f"min {min(times)*1000:.0f} ms, max {max(times)*1000:.0f} ms (10 saves; includes the 15 ms the watcher waits for a save to end)")
PY
}

echo "== bundled toolkit"
cp -r site.toml content "$work/" && mkdir -p "$work/bundled" && mv "$work/site.toml" "$work/content" "$work/bundled/"
url=$(start_serve "$work/bundled" "$work/bundled.log")
page="${url}playbooks/"
curl -sf -o /dev/null "$page" || page="$url"
echo "  serving $url; load test against $page for 10 s"
if command -v oha >/dev/null; then
  oha -z 10s -c 32 --no-tui "$page" | grep -E "Requests/sec|Success rate|\[[0-9]{3}\]"
elif command -v wrk >/dev/null; then
  wrk -t4 -c32 -d10s "$page" | grep -E "Requests/sec|Non-2xx|errors"
else
  python3 - "$page" <<'PY'
import http.client, sys, threading, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
stop = time.time() + 10
counts = {"ok": 0, "errors": 0}
lock = threading.Lock()
def worker():
    ok = errors = 0
    while time.time() < stop:
        try:
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
            c.request("GET", u.path); r = c.getresponse(); r.read(); c.close()
            if r.status == 200: ok += 1
            else: errors += 1
        except Exception:
            errors += 1
    with lock: counts["ok"] += ok; counts["errors"] += errors
threads = [threading.Thread(target=worker) for _ in range(16)]
[t.start() for t in threads]; [t.join() for t in threads]
print(f"  python client, 16 threads: {counts['ok']/10:.0f} requests/s, {counts['errors']} errors")
PY
fi
latency "$url" "$work/bundled/content/playbooks/_index.md"
grep -E "^(Built|Rebuilt) in" "$work/bundled.log" | tail -1 | sed 's/^/  last build: /'

echo "== generated site, 1,000 pages"
big="$work/big"
mkdir -p "$big/content"
printf 'title = "Big"\nbase_url = "https://example.org/big/"\n' >"$big/site.toml"
printf '+++\ntitle = "Home"\n+++\nA generated site.\n' >"$big/content/_index.md"
for s in $(seq 0 9); do
  mkdir -p "$big/content/s$s"
  printf '+++\ntitle = "Section %s"\n+++\n' "$s" >"$big/content/s$s/_index.md"
  for p in $(seq 0 99); do
    printf '+++\ntitle = "Page %s-%s"\nweight = %s\n+++\n## Part one\n\nSome text with **bold** and a [link](../_index.md).\n\n## Part two\n\n- a\n- b\n' \
      "$s" "$p" "$p" >"$big/content/s$s/p$p.md"
  done
done
url=$(start_serve "$big" "$work/big.log")
echo "  serving $url"
latency "$url" "$big/content/s0/p0.md"
grep -E "^(Built|Rebuilt) in" "$work/big.log" | tail -1 | sed 's/^/  last build: /'
