#!/usr/bin/env bash
# Runs every test in XenActors.sln and ends with the plain line "N passed, N failed".
# The interop tests drive the real xenstore-utils and pciutils; this installs them when
# missing (as root) and fails loudly when it cannot: a missing tool is a failure, not a skip.
set -uo pipefail
cd "$(dirname "$0")/.."

need_tools() {
  command -v xenstore-read >/dev/null 2>&1 && command -v lspci >/dev/null 2>&1
}
if ! need_tools; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing xenstore-utils and pciutils (needed by the interop tests)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xenstore-utils pciutils >/dev/null
  fi
  if ! need_tools; then
    echo "error: xenstore-utils and pciutils are required (apt-get install xenstore-utils pciutils)" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
dotnet build XenActors.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
dotnet test XenActors.sln -c Release --no-build --logger trx --results-directory "$results" \
  --blame-hang-timeout 4m --blame-hang-dump-type none "$@"
status=$?

passed=0; failed=0; files=0
for f in "$results"/*.trx; do
  [ -e "$f" ] || continue
  files=$((files + 1))
  line=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line"); f_=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$line"); to=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f_:-0} + ${e:-0} + ${to:-0}))
done
# A crashed test host writes no counters: count it as a failure rather than pass silently.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
