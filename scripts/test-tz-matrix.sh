#!/usr/bin/env bash
# Runs the engine's tests again under DST zones with the clock pinned in summer and in winter
# (date-fns' scripts/test/tz.sh idea): the answers must not depend on the host zone or on today.
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=(tests/time tests/ics tests/recurrence tests/hostile tests/busy tests/cli tests/fit tests/roundtrip tests/catalog)
existing=()
for d in "${dirs[@]}"; do [ -d "$d" ] && existing+=("$d"); done
for combo in "America/New_York 2026-07-15T12:00:00Z" "Europe/London 2026-01-15T12:00:00Z" "Australia/Sydney 2026-07-01T00:00:00Z" "Pacific/Chatham 2026-12-20T00:00:00Z"; do
  set -- $combo
  echo "== TZ=$1, clock pinned at $2"
  FORMATFIT_TEST_TZ="$1" FORMATFIT_TEST_NOW="$2" npx vitest run "${existing[@]}"
done
