#!/usr/bin/env bash
# The fault tests of issue 9 at full length (docs/faults.md): every scenario of tests/AiFinOps.FaultTests — kill -9
# each consumer, kill -9 ingest, restart RabbitMQ, crash PostgreSQL, stop and start the AppHost — under a long load,
# each ending with the exact reconciliation of sent against stored. CI runs the same tests with a short load.
#
#   deploy/local/faults.sh [--events 200000] [--rate 2000] [--batch 500] [--senders 4] [--filter ConsumerCrash]
#
# The tests start their own PostgreSQL and RabbitMQ on free ports (they crash and restart them) and the services
# as processes from the Release build. The processes' logs and the TRX file stay in artifacts/faults.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

events=200000 rate=2000 batch=500 senders=4 filter=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --events) events="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --senders) senders="$2"; shift 2 ;;
    --filter) filter="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "faults.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

"$repo/deploy/local/install.sh"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export AIFINOPS_FAULT_EVENTS="$events" AIFINOPS_FAULT_RATE="$rate" AIFINOPS_FAULT_BATCH="$batch" AIFINOPS_FAULT_SENDERS="$senders"
export AIFINOPS_TEST_ARTIFACTS="$repo/artifacts"
rm -rf "$repo/artifacts/faults"

echo "faults.sh: building tests/AiFinOps.FaultTests and the services (Release)"
dotnet build tests/AiFinOps.FaultTests -c Release -v minimal -nologo

echo "faults.sh: $events events per scenario at ${rate}/s, batches of $batch, $senders in flight; $(nproc) cores"
args=(tests/AiFinOps.FaultTests -c Release --no-build --logger "console;verbosity=detailed"
  --logger "trx;LogFileName=faults.trx" --results-directory "$repo/artifacts/faults")
[[ -n "$filter" ]] && args+=(--filter "FullyQualifiedName~$filter")
dotnet test "${args[@]}"
