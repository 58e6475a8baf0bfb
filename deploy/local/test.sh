#!/usr/bin/env bash
# README command (b): builds the solution and runs every test project against a PRIVATE PostgreSQL (port 55432)
# and RabbitMQ (port 55672), started here from a temporary folder and stopped on exit, whatever happens.
#
# Tests find them through:
#   AIFINOPS_TEST_POSTGRES  Npgsql connection string, database aifinops_test (the user may create more databases)
#   AIFINOPS_TEST_RABBITMQ  amqp://user:password@127.0.0.1:55672
#
# The last line printed is the summary over all TRX files: "N passed, N failed" (", N skipped" when some were).
# Exits non-zero when the build fails, a test fails or the test run itself fails.
# TRX files stay in artifacts/test-results; the servers' logs are printed when they fail to start.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
scripts="$repo/deploy/local"

pg_port="${AIFINOPS_TEST_PG_PORT:-55432}"
rabbit_port="${AIFINOPS_TEST_RABBITMQ_PORT:-55672}"
results="$repo/artifacts/test-results"

"$scripts/install.sh" --tests

# MSBuild worker nodes would outlive the run and keep CI's output pipe open.
export MSBUILDDISABLENODEREUSE=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Screenshots the browser tests keep (the HTML report in headless Chromium), beside the test results.
export AIFINOPS_TEST_ARTIFACTS="${AIFINOPS_TEST_ARTIFACTS:-$repo/artifacts/screenshots}"

# shellcheck source=deploy/local/private-servers.sh
source "$scripts/private-servers.sh"
# Start both servers now: they boot while the solution builds.
private_servers_start "$pg_port" "$rabbit_port"

echo "test.sh: building AiFinOps.sln (Release)"
if ! dotnet build AiFinOps.sln -c Release -v minimal -nologo; then
  echo "test.sh: the build failed" >&2
  exit 1
fi

private_servers_wait

rm -rf "$results"
echo "test.sh: running the tests (PostgreSQL on $pg_port, RabbitMQ on $rabbit_port)"
test_status=0
dotnet test AiFinOps.sln -c Release --no-build --logger trx --results-directory "$results" \
  --blame-hang-timeout 15m --blame-hang-dump-type none || test_status=$?

# Count every test result in every TRX file: Passed, NotExecuted (skipped), anything else is a failure.
passed=0 failed=0 skipped=0
shopt -s nullglob globstar
for trx in "$results"/**/*.trx; do
  while read -r outcome; do
    case "$outcome" in
      Passed) passed=$((passed + 1)) ;;
      NotExecuted) skipped=$((skipped + 1)) ;;
      *) failed=$((failed + 1)) ;;
    esac
  done < <(grep -o '<UnitTestResult [^>]*' "$trx" | grep -o ' outcome="[A-Za-z]*"' | cut -d '"' -f 2)
done

if ((test_status != 0 && failed == 0)); then
  echo "test.sh: dotnet test exited with $test_status although no test failed (a test host crashed?)" >&2
fi
summary="$passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"
((failed == 0 && test_status == 0))
