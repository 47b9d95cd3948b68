#!/usr/bin/env bash
# `npm test`: every layer, cheapest first, and how long each took (printed also when one fails), so
# a slow run says where its time went.
set -euo pipefail
cd "$(dirname "$0")/.."
timings=()
report() { [ ${#timings[@]} -gt 0 ] && printf '== %s\n' "${timings[@]}"; }
trap report EXIT
phase() {
  local name=$1 started=$SECONDS
  shift
  "$@"
  timings+=("$name: $((SECONDS - started)) s")
}
phase "tools (Chromium, CJK fonts, LibreOffice)" bash test/ensure-tools.sh
phase lint npm run lint
phase typecheck npm run typecheck
phase "unit, database and API tests" npx turbo run test --concurrency=2
phase "browser tests" bash test/e2e/run.sh
