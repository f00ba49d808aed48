#!/usr/bin/env bash
# Runs every test of toolkit: unit tests, and the integration tests that run the real binary on
# the fixture sites under tests/ and on the bundled toolkit. Installs nothing it does not need.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo is not installed; install Rust from your system's packages or rustup" >&2
  exit 1
fi

# The print test drives Debian's Chromium and reads its PDF with poppler's tools. The PDF form
# tests set CJK text in a font of the machine: fonts-droid-fallback has it.
CJK_FONT=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
  || [ ! -e "$CJK_FONT" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium, poppler-utils and fonts-droid-fallback"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-droid-fallback >/dev/null
  else
    echo "error: the tests need chromium, poppler-utils and fonts-droid-fallback; install them (apt-get install chromium poppler-utils fonts-droid-fallback)" >&2
    exit 1
  fi
fi

# The HTML test runs the Nu Html Checker (vnu.jar, from the vnu-jar npm package) with Java.
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing a Java runtime (default-jre-headless)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  else
    echo "error: the HTML test needs Java 17 or newer; install it (apt-get install default-jre-headless)" >&2
    exit 1
  fi
fi

# The browser tests (tests/browser/checklists.mjs, quality.mjs) run with Node.js and the
# npm packages locked in tests/browser/package-lock.json: playwright-core (no browser download),
# axe-core and vnu-jar. --ignore-scripts: vnu-jar's install script would download a Java runtime
# when none is found; the one above is used instead.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 \
  || ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "error: the browser tests need Node.js 20 or newer and npm; install them, then run scripts/test.sh again" >&2
  exit 1
fi
if [ ! -d tests/browser/node_modules ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules ]; then
  echo "== installing the browser tests' npm packages"
  npm ci --prefix tests/browser --no-audit --no-fund --ignore-scripts
fi

cargo test --locked --all-targets
