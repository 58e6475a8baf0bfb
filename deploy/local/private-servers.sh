# Sourced by test.sh and bench.sh (not run on its own): a PRIVATE PostgreSQL and RabbitMQ in a temporary folder,
# started in the background, waited for, exported to the .NET code and stopped on exit, whatever happens.
#
#   private_servers_start <pg port> <rabbitmq port>   # starts both (they boot while the caller builds)
#   private_servers_wait                              # waits until both listen, then exports
#       AIFINOPS_TEST_POSTGRES  Npgsql connection string, database aifinops_test (the user may create more databases)
#       AIFINOPS_TEST_RABBITMQ  amqp://user:password@127.0.0.1:<port>
# An EXIT trap stops both and removes the folder; the servers' logs are printed when they fail to start.

private_servers_scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
private_servers_work=""
private_servers_pg_pid=""
private_servers_rabbit_pid=""

private_servers_stop_one() { # pid, pid file of the real server (fallback when the wrapper does not stop in time)
  local pid="$1" server_pid_file="$2"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "private-servers: pid $pid did not stop within 30 s; killing it" >&2
  [[ -s "$server_pid_file" ]] && kill -KILL "$(head -n 1 "$server_pid_file")" 2>/dev/null || true
  kill -KILL "$pid" 2>/dev/null || true
}

private_servers_cleanup() {
  local status=$?
  local work="$private_servers_work"
  if [[ -n "$work" ]]; then
    private_servers_stop_one "$private_servers_pg_pid" "$work/postgres/data/postmaster.pid"
    private_servers_stop_one "$private_servers_rabbit_pid" "$work/rabbitmq/rabbitmq.pid"
    if [[ -s "$work/rabbitmq/epmd-port" ]]; then # normally stopped by rabbitmq.sh already
      epmd -port "$(cat "$work/rabbitmq/epmd-port")" -kill >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
  fi
  if [[ "${CI:-}" == true ]]; then dotnet build-server shutdown >/dev/null 2>&1 || true; fi
  exit "$status"
}

private_servers_start() {
  private_servers_pg_port="$1"
  private_servers_rabbit_port="$2"
  # The temporary folder must be reachable by the postgres user when we run as root (mktemp makes it 0700).
  private_servers_work="$(mktemp -d "${TMPDIR:-/tmp}/aifinops-servers.XXXXXX")"
  chmod 755 "$private_servers_work"
  trap private_servers_cleanup EXIT
  trap 'exit 130' INT TERM

  local work="$private_servers_work"
  # Throwaway passwords: only for this run, never printed.
  new_password() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }
  (umask 077 && new_password >"$work/postgres.password" && new_password >"$work/rabbitmq.password")

  "$private_servers_scripts/postgres.sh" --dir "$work/postgres" --port "$private_servers_pg_port" \
    --password-file "$work/postgres.password" --database aifinops_test >"$work/postgres.log" 2>&1 &
  private_servers_pg_pid=$!
  "$private_servers_scripts/rabbitmq.sh" --dir "$work/rabbitmq" --port "$private_servers_rabbit_port" \
    --password-file "$work/rabbitmq.password" >"$work/rabbitmq.log" 2>&1 &
  private_servers_rabbit_pid=$!
}

private_servers_wait_for_tcp() { # name, port, pid of its wrapper, its log, timeout in seconds
  local name="$1" port="$2" pid="$3" log="$4" timeout="$5"
  local deadline=$((SECONDS + timeout))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "private-servers: $name exited before it listened on port $port. Its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "private-servers: $name did not listen on port $port within $timeout s. The end of its log:" >&2
      tail -n 50 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

private_servers_wait() {
  local work="$private_servers_work"
  private_servers_wait_for_tcp PostgreSQL "$private_servers_pg_port" "$private_servers_pg_pid" "$work/postgres.log" 60
  private_servers_wait_for_tcp RabbitMQ "$private_servers_rabbit_port" "$private_servers_rabbit_pid" "$work/rabbitmq.log" 120
  export AIFINOPS_TEST_POSTGRES="Host=127.0.0.1;Port=$private_servers_pg_port;Database=aifinops_test;Username=postgres;Password=$(cat "$work/postgres.password");Include Error Detail=true"
  export AIFINOPS_TEST_RABBITMQ="amqp://aifinops:$(cat "$work/rabbitmq.password")@127.0.0.1:$private_servers_rabbit_port"
}
