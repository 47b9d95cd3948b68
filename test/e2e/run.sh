#!/usr/bin/env bash
# Browser tests: make sure Chromium and CJK fonts are there, build the web app, run the suite.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/ensure-tools.sh
npx turbo run build --filter=@beltmap/web --filter=@beltmap/server --output-logs=errors-only
npx vitest run --root test
