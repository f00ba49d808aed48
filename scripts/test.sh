#!/usr/bin/env bash
# Runs every test of toolkit. First the plain suite, which needs only Rust: unit tests, and the
# integration tests (tests/testsuite/) that run the real binary on the fixture sites under tests/
# and on the bundled toolkit. Then the browser target (tests/browser/, left out of a plain
# `cargo test`), after installing what it needs: Chromium, poppler-utils, Java, Node.js's npm
# packages, a CJK font. Installs nothing it does not need. TOOLKIT_CHROMIUM names another Chromium to use.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo is not installed; install Rust from your system's packages or rustup" >&2
  exit 1
fi

echo "== the plain test suite (needs only Rust)"
cargo test --locked --all-targets

# Installs Debian packages when run as root with apt-get; returns 1 otherwise.
updated=no
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing $*"
    if [ "$updated" = no ]; then
      apt-get update -qq
      updated=yes
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    return 1
  fi
}

# The browser and print tests drive Chromium: TOOLKIT_CHROMIUM, or Debian's.
chromium="${TOOLKIT_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ -n "${TOOLKIT_CHROMIUM:-}" ] || ! apt_install chromium; then
    echo "error: the browser tests need Chromium at $chromium; install it (apt-get install chromium) or set TOOLKIT_CHROMIUM to its path" >&2
    exit 1
  fi
fi

# The print and PDF tests read PDFs with poppler's pdftotext and pdfinfo.
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
  if ! apt_install poppler-utils; then
    echo "error: the PDF tests need poppler-utils; install them (apt-get install poppler-utils)" >&2
    exit 1
  fi
fi

# The PDF form tests set CJK text in a font of the machine: fonts-droid-fallback has it.
if [ ! -e /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ]; then
  if ! apt_install fonts-droid-fallback; then
    echo "error: the PDF form tests need a font with CJK characters; install it (apt-get install fonts-droid-fallback)" >&2
    exit 1
  fi
fi

# The Word and Excel tests read the files back with python-docx and openpyxl (in a virtual
# environment under target/) and convert them with LibreOffice.
if ! command -v soffice >/dev/null 2>&1; then
  if ! apt_install libreoffice-writer-nogui libreoffice-calc-nogui; then
    echo "error: the Word and Excel tests need LibreOffice; install it (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)" >&2
    exit 1
  fi
fi
office_python="${TOOLKIT_OFFICE_PYTHON:-target/office-venv/bin/python}"
if ! "$office_python" -c 'import docx, openpyxl' >/dev/null 2>&1; then
  if [ -n "${TOOLKIT_OFFICE_PYTHON:-}" ]; then
    echo "error: $office_python has no python-docx or openpyxl; install them (pip install python-docx openpyxl)" >&2
    exit 1
  fi
  if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1 && ! apt_install python3-venv; then
    echo "error: the Word and Excel tests need Python's venv module; install it (apt-get install python3-venv)" >&2
    exit 1
  fi
  echo "== installing python-docx and openpyxl into target/office-venv"
  python3 -m venv target/office-venv
  target/office-venv/bin/pip install --quiet python-docx==1.2.0 openpyxl==3.1.5
fi
export TOOLKIT_OFFICE_PYTHON="$office_python"

# The HTML test runs the Nu Html Checker (vnu.jar, from the vnu-jar npm package) with Java.
if ! command -v java >/dev/null 2>&1; then
  if ! apt_install default-jre-headless; then
    echo "error: the HTML test needs Java 17 or newer; install it (apt-get install default-jre-headless)" >&2
    exit 1
  fi
fi

# The browser tests (tests/browser/*.mjs) run with Node.js and the npm packages locked in
# tests/browser/package-lock.json: playwright-core (no browser download), axe-core and vnu-jar.
# --ignore-scripts: vnu-jar's install script would download a Java runtime when none is found;
# the one above is used instead.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 \
  || ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "error: the browser tests need Node.js 20 or newer and npm; install them, then run scripts/test.sh again" >&2
  exit 1
fi
if [ ! -d tests/browser/node_modules ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules ]; then
  echo "== installing the browser tests' npm packages"
  npm ci --prefix tests/browser --no-audit --no-fund --ignore-scripts
fi

echo "== the browser target (Chromium, Node.js, Java, poppler)"
cargo test --locked --test browser
echo "== Lighthouse, alone (performance scores need a machine that does nothing else)"
cargo test --locked --test browser -- --ignored lighthouse
