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

"$scripts/install.sh"

# MSBuild worker nodes would outlive the run and keep CI's output pipe open.
export MSBUILDDISABLENODEREUSE=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The temporary folder must be reachable by the postgres user when we run as root (mktemp makes it 0700).
work="$(mktemp -d "${TMPDIR:-/tmp}/aifinops-test.XXXXXX")"
chmod 755 "$work"
pg_pid=""
rabbit_pid=""

stop_server() { # pid, pid file of the real server (fallback when the wrapper does not stop in time)
  local pid="$1" server_pid_file="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "test.sh: pid $pid did not stop within 30 s; killing it" >&2
  [[ -s "$server_pid_file" ]] && kill -KILL "$(head -n 1 "$server_pid_file")" 2>/dev/null || true
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  stop_server "$pg_pid" "$work/postgres/data/postmaster.pid"
  stop_server "$rabbit_pid" "$work/rabbitmq/rabbitmq.pid"
  if [[ -s "$work/rabbitmq/epmd-port" ]]; then # normally stopped by rabbitmq.sh already
    epmd -port "$(cat "$work/rabbitmq/epmd-port")" -kill >/dev/null 2>&1 || true
  fi
  if [[ "${CI:-}" == true ]]; then dotnet build-server shutdown >/dev/null 2>&1 || true; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Throwaway passwords: only for this run, never printed.
new_password() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }
(umask 077 && new_password >"$work/postgres.password" && new_password >"$work/rabbitmq.password")

# Start both servers now: they boot while the solution builds.
"$scripts/postgres.sh" --dir "$work/postgres" --port "$pg_port" --password-file "$work/postgres.password" \
  --database aifinops_test >"$work/postgres.log" 2>&1 &
pg_pid=$!
"$scripts/rabbitmq.sh" --dir "$work/rabbitmq" --port "$rabbit_port" --password-file "$work/rabbitmq.password" \
  >"$work/rabbitmq.log" 2>&1 &
rabbit_pid=$!

echo "test.sh: building AiFinOps.sln (Release)"
if ! dotnet build AiFinOps.sln -c Release -v minimal -nologo; then
  echo "test.sh: the build failed" >&2
  exit 1
fi

wait_for_tcp() { # name, port, pid of its wrapper, its log, timeout in seconds
  local name="$1" port="$2" pid="$3" log="$4" timeout="$5"
  local deadline=$((SECONDS + timeout))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "test.sh: $name exited before it listened on port $port. Its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "test.sh: $name did not listen on port $port within $timeout s. The end of its log:" >&2
      tail -n 50 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
}
wait_for_tcp PostgreSQL "$pg_port" "$pg_pid" "$work/postgres.log" 60
wait_for_tcp RabbitMQ "$rabbit_port" "$rabbit_pid" "$work/rabbitmq.log" 120

export AIFINOPS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Database=aifinops_test;Username=postgres;Password=$(cat "$work/postgres.password");Include Error Detail=true"
export AIFINOPS_TEST_RABBITMQ="amqp://aifinops:$(cat "$work/rabbitmq.password")@127.0.0.1:$rabbit_port"

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
