#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/ensure-tools.sh
npx turbo run build --filter=@beltmap/web --filter=@beltmap/server --output-logs=errors-only
node --import tsx test/bench/startup.ts
node --import tsx test/bench/route.ts
