#!/usr/bin/env bash
# Runs every test of toolkit: unit tests, and the integration tests that run the real binary on
# the fixture sites under tests/ and on the bundled toolkit. Installs nothing it does not need.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo is not installed; install Rust from your system's packages or rustup" >&2
  exit 1
fi

cargo test --locked --all-targets
