#!/usr/bin/env bash
# `npm test`: every layer, cheapest first, and how long each took (printed also when one fails), so
# a slow run says where its time went.
#
# The type check and the build the browser tests need run beside the unit, database and API tests:
# each is one process on one core, and those tests leave a core idle while their global set-ups seed
# the demo and while the last package finishes alone. Their output is printed after, in one piece.
set -euo pipefail
cd "$(dirname "$0")/.."
timings=()
logs=$(mktemp -d)
report() {
  if [ ${#timings[@]} -gt 0 ]; then printf "== %s\n" "${timings[@]}"; fi
  rm -rf "$logs"
}
trap report EXIT
# Runs `$@`, records how long it took (also when it fails) and returns its status.
phase() {
  local name=$1 started=$SECONDS code=0
  shift
  "$@" || code=$?
  timings+=("$name: $((SECONDS - started)) s")
  return $code
}
# Starts `$@` in the background, its output to a file; `finish` waits for it and prints that output.
background() {
  local name=$1
  shift
  (
    started=$SECONDS code=0
    "$@" >"$logs/$name.log" 2>&1 || code=$?
    echo "$((SECONDS - started))" >"$logs/$name.seconds"
    exit $code
  ) &
  echo $! >"$logs/$name.pid"
}
finish() {
  local name=$1 code=0
  wait "$(cat "$logs/$name.pid")" || code=$?
  echo "== $name (ran beside the unit tests)"
  cat "$logs/$name.log"
  timings+=("$name: $(cat "$logs/$name.seconds" 2>/dev/null || echo '?') s, beside the unit tests")
  return $code
}

phase "tools (Chromium, CJK fonts, LibreOffice)" bash test/ensure-tools.sh
phase lint npm run lint
background typecheck npm run typecheck
background "build for the browser tests" npx turbo run build --filter=@beltmap/web --filter=@beltmap/server --output-logs=errors-only
unit=0
phase "unit, database and API tests" npx turbo run test --concurrency=2 || unit=$?
checked=0
finish typecheck || checked=$?
finish "build for the browser tests" || checked=$?
[ "$unit" -eq 0 ] || exit "$unit"
[ "$checked" -eq 0 ] || exit "$checked"
phase "browser tests" bash test/e2e/run.sh
