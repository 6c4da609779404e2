#!/usr/bin/env bash
# Start, inspect or stop a local cluster of xenactors node processes on loopback ports.
# The same as `xenactors cluster up|status|down`, for shells without the CLI on the PATH:
#   deploy/local-cluster.sh up 5        # builds once, starts 5 nodes, waits until all are Up
#   deploy/local-cluster.sh status      # table (add --json for JSON)
#   deploy/local-cluster.sh down        # graceful leave, then kill what did not exit
# State (pids, ports, secret, logs) lives in ${XENACTORS_DIR:-./.xenactors}.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
artifacts="${XA_ARTIFACTS:-$here/artifacts}"
dll="$artifacts/bin/XenActors.Cli/release/xenactors.dll"
dir="${XENACTORS_DIR:-./.xenactors}"

if [[ ! -f "$dll" ]]; then
  dotnet build "$here/src/XenActors.Cli" -c Release >&2
fi

cmd="${1:-status}"; shift || true
case "$cmd" in
  up)     exec dotnet "$dll" cluster up --nodes "${1:-3}" --dir "$dir" ;;
  status) exec dotnet "$dll" cluster status --dir "$dir" "$@" ;;
  down)   exec dotnet "$dll" cluster down --dir "$dir" "$@" ;;
  *)      echo "usage: $0 up [N] | status [--json] | down" >&2; exit 2 ;;
esac
