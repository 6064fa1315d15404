#!/usr/bin/env bash
# The project's checks, the same locally and in CI: format, lints, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo test
