#!/usr/bin/env bash
# Runs Debian's PostgreSQL 15 in the FOREGROUND from a private folder, so that whoever starts it (the Aspire
# AppHost, deploy/local/test.sh) owns the process and sees its log on stdout/stderr.
#
#   postgres.sh --dir DIR [--port 5432] [--password-file FILE] [--database aifinops]...
#
#   --dir DIR             private folder: DIR/data (the cluster), DIR/run (the unix socket). Created if missing.
#   --port PORT           TCP port on 127.0.0.1 (default 5432, or $AIFINOPS_PG_PORT).
#   --password-file FILE  the superuser's password (first line). Or set $AIFINOPS_PG_PASSWORD instead.
#   --database NAME       a database to create if it is missing (repeatable; default: aifinops).
#
# The superuser is `postgres`, authenticated with scram-sha-256 over TCP and the socket alike. The password file is
# the source of truth: it is applied on every start, so a cluster never locks its owner out. It is never printed.
# $AIFINOPS_PG_OPTIONS adds server options (e.g. "-c shared_preload_libraries=pg_stat_statements" for profiling).
# On first start the cluster is created (UTF8); the databases are created before the port opens, so "port open"
# means "ready with every database". SIGTERM or SIGINT stop the server with a fast shutdown. fsync stays on.
# Large values (the event store's event bodies, a few hundred KB per usage batch) are compressed with lz4 instead of
# the default pglz: pglz was 3–4 % of all CPU in the throughput benchmark, lz4 a fraction of that (BENCHMARKS.md).
# Values written before stay readable (each value records how it was compressed).
# Checkpoints are spaced by 4 GB of write-ahead log or 15 minutes instead of 1 GB / 5 minutes, and the page images
# written after each are lz4-compressed: at 20,000 events/s the default limit forced a checkpoint every ~11 s, and the
# first change of every index page after one writes the whole 8 KB page (a third of the log). Durability is unchanged
# (fsync, synchronous commit); recovery after a crash replays at most that much log.
#
# PostgreSQL refuses to run as root: as root the folder is handed to the `postgres` user and the server runs as
# that user (setpriv, which execs without an intermediate process); as a normal user it runs as that user.
set -euo pipefail

dir="${AIFINOPS_PG_DIR:-}"
port="${AIFINOPS_PG_PORT:-5432}"
password_file=""
databases=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --password-file) password_file="$2"; shift 2 ;;
    --database) databases+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "postgres.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ ${#databases[@]} -gt 0 ]] || databases=(aifinops)

fail() { echo "postgres.sh: $*" >&2; exit 1; }

[[ -n "$dir" ]] || fail "--dir is required"
[[ "$port" =~ ^[0-9]+$ ]] || fail "--port must be a number, got '$port'"
for db in "${databases[@]}"; do
  [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || fail "database names are lower-case identifiers, got '$db'"
done

if [[ -n "$password_file" ]]; then
  [[ -r "$password_file" ]] || fail "cannot read the password file $password_file"
  password="$(head -n 1 "$password_file")"
else
  password="${AIFINOPS_PG_PASSWORD:-}"
fi
[[ -n "$password" ]] || fail "no superuser password: pass --password-file or set AIFINOPS_PG_PASSWORD"

# Debian keeps the server binaries outside PATH.
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
[[ -x "$pg_bin/postgres" ]] || fail "PostgreSQL 15 not found in $pg_bin (run deploy/local/install.sh)"

mkdir -p "$dir"
chmod 700 "$dir"
dir="$(cd "$dir" && pwd)"
data="$dir/data"
socket_dir="$dir/run"

# as_owner: the prefix that runs a command as the cluster's owner.
as_owner=()
if [[ "$(id -u)" == 0 ]]; then
  id postgres >/dev/null 2>&1 || fail "running as root needs the 'postgres' user (installed with postgresql-15)"
  if [[ "$(stat -c %U "$dir")" != postgres ]]; then
    chown -R postgres:postgres "$dir"
  fi
  if command -v setpriv >/dev/null; then
    as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  else
    as_owner=(runuser -u postgres --)
  fi
  "${as_owner[@]}" test -x "$dir" \
    || fail "the postgres user cannot reach $dir: every folder above it must be searchable (chmod o+x)"
fi
"${as_owner[@]}" mkdir -p "$socket_dir"

if [[ ! -s "$data/PG_VERSION" ]]; then
  echo "postgres.sh: creating a new cluster in $data"
  # initdb only takes the password from a file: a temporary one, readable by the owner alone.
  pwfile="$dir/.initdb-pw"
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$password" | "${as_owner[@]}" sh -c 'umask 077 && cat > "$1"' _ "$pwfile"
  "${as_owner[@]}" "$pg_bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" \
    --encoding=UTF8 --no-locale --auth-local=scram-sha-256 --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  trap - EXIT
fi

# A server left running on this folder by an earlier run whose wrapper was killed outright (SIGKILL) would hold the
# lock: stop it, unless a live postgres.sh still owns it (then this is a second start on the same folder).
if [[ -s "$data/postmaster.pid" ]]; then
  old_pid="$(head -n 1 "$data/postmaster.pid")"
  if [[ "$(ps -o comm= -p "$old_pid" 2>/dev/null)" == postgres ]]; then
    old_parent="$(ps -o ppid= -p "$old_pid" | tr -d ' ')"
    if ps -o args= -p "$old_parent" 2>/dev/null | grep -q 'postgres\.sh'; then
      fail "a server already runs on $data (pid $old_pid, started by pid $old_parent)"
    fi
    echo "postgres.sh: stopping a server left over from an earlier run (pid $old_pid)"
    kill -INT "$old_pid"
    for _ in $(seq 1 300); do kill -0 "$old_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$old_pid" 2>/dev/null && fail "the left-over server (pid $old_pid) did not stop within 30 s"
  fi
fi

# Bootstrap in single-user mode (no network, no password needed): apply the password and create missing databases.
sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }
bootstrap="ALTER ROLE postgres WITH PASSWORD $(sql_literal "$password");"
existing="$(echo 'SELECT datname FROM pg_database;' | "${as_owner[@]}" "$pg_bin/postgres" --single -D "$data" postgres 2>&1)" \
  || fail "could not open the cluster in $data: ${existing}"
for db in "${databases[@]}"; do
  if ! grep -q "datname = \"$db\"" <<<"$existing"; then
    echo "postgres.sh: creating database $db"
    bootstrap+=$'\n'"CREATE DATABASE $db;"
  fi
done
if ! out="$("${as_owner[@]}" "$pg_bin/postgres" --single -D "$data" postgres <<<"$bootstrap" 2>&1)" \
  || grep -q 'ERROR' <<<"$out"; then
  fail "bootstrap failed: ${out//"$password"/********}"
fi

# Run the server as a child so SIGTERM/SIGINT (Aspire's stop, Ctrl+C) become a *fast* shutdown: a smart shutdown
# (PostgreSQL's answer to SIGTERM) would wait for every service to disconnect first.
server_pid=""
stop_server() { [[ -n "$server_pid" ]] && kill -INT "$server_pid" 2>/dev/null || true; }
trap stop_server TERM INT

echo "postgres.sh: listening on 127.0.0.1:$port (socket in $socket_dir)"
"${as_owner[@]}" "$pg_bin/postgres" -D "$data" -h 127.0.0.1 -p "$port" -k "$socket_dir" \
  -c max_connections="${AIFINOPS_PG_MAX_CONNECTIONS:-300}" -c default_toast_compression=lz4 \
  -c max_wal_size=4GB -c checkpoint_timeout=15min -c wal_compression=lz4 ${AIFINOPS_PG_OPTIONS:-} &
server_pid=$!

status=0
while kill -0 "$server_pid" 2>/dev/null; do
  if wait "$server_pid"; then status=0; else status=$?; fi
done
exit "$status"
