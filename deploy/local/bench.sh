#!/usr/bin/env bash
# Runs a benchmark of tests/AiFinOps.Benchmarks (Release) against a PRIVATE PostgreSQL (port 56432) and RabbitMQ
# (port 56672) with the durability a user runs (fsync on, persistent messages, publisher confirms); see BENCHMARKS.md.
#
#   deploy/local/bench.sh all        every figure of issue 9 in one run (~20 min on 2 cores): throughput end to end with
#                                    the COPY yardstick, CPU and memory per process; budget alert latency at full speed;
#                                    spend and chargeback query latency over 1M and 10M ledger events; then a summary
#   deploy/local/bench.sh throughput [--seconds 420] [--senders 4] [--batch 500] [--ingest-only | --consumers a,b]
#                                    [--warm-up-s 180]   (at most this long at 2,000 events/s until the JIT settles; 0: none)
#   deploy/local/bench.sh ledger-queries [--events 10000000] [--requests 200]
#   deploy/local/bench.sh focus-export [--rows 18000] [--runs 2]
#   deploy/local/bench.sh alert-latency [--probes 200] [--interval-ms 250] [--warm-up-s 15] [--rate EVENTS_PER_S]
#
# The servers live in a temporary folder and are stopped on exit, so every run starts from an empty database.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
scripts="$repo/deploy/local"

"$scripts/install.sh"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=deploy/local/private-servers.sh
source "$scripts/private-servers.sh"
private_servers_start "${AIFINOPS_BENCH_PG_PORT:-56432}" "${AIFINOPS_BENCH_RABBITMQ_PORT:-56672}"

echo "bench.sh: building the benchmarks (Release)"
dotnet build tests/AiFinOps.Benchmarks -c Release -v minimal -nologo
private_servers_wait

echo "bench.sh: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(lsb_release -ds 2>/dev/null || echo Linux), $(dotnet --version)"
dotnet run -c Release --no-build --project tests/AiFinOps.Benchmarks -- "$@"
