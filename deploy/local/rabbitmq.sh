#!/usr/bin/env bash
# Runs Debian's RabbitMQ 3.10 in the FOREGROUND from a private folder, so that whoever starts it (the Aspire
# AppHost, deploy/local/test.sh) owns the process and sees its log on stdout.
#
#   rabbitmq.sh --dir DIR [--port 5672] [--dist-port N] [--epmd-port N] [--user aifinops] [--password-file FILE]
#
#   --dir DIR             private folder: mnesia (the broker's data), config, Erlang cookie. Created if missing.
#   --port PORT           AMQP port on 127.0.0.1 (default 5672, or $AIFINOPS_RABBITMQ_PORT).
#   --dist-port N         Erlang distribution port (default: the first free one from 12000 + PORT mod 20000, below
#                         the kernel's ephemeral range: 5672 → 17672, 55672 → 27672).
#   --epmd-port N         a private Erlang port mapper for this instance (default: the first free one after the
#                         distribution port), so instances never share (or kill) each other's epmd.
#                         rabbitmqctl needs ERL_EPMD_PORT=N (also written to DIR/epmd-port) and HOME=DIR.
#   --user NAME           the broker's one user, administrator of vhost "/" (default aifinops).
#   --password-file FILE  that user's password (first line). Or set $AIFINOPS_RABBITMQ_PASSWORD instead.
#
# The password file is the source of truth: the user is (re)defined from it on every boot through a definitions
# file that holds only a salted hash. No management plugin. The node name is unique per port
# (aifinops-PORT@localhost). SIGTERM or SIGINT stop the broker gracefully and then its epmd, which Erlang otherwise
# leaves running after the node stops.
set -euo pipefail

dir="${AIFINOPS_RABBITMQ_DIR:-}"
port="${AIFINOPS_RABBITMQ_PORT:-5672}"
dist_port=""
epmd_port=""
user="aifinops"
password_file=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --dist-port) dist_port="$2"; shift 2 ;;
    --epmd-port) epmd_port="$2"; shift 2 ;;
    --user) user="$2"; shift 2 ;;
    --password-file) password_file="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "rabbitmq.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

fail() { echo "rabbitmq.sh: $*" >&2; exit 1; }

[[ -n "$dir" ]] || fail "--dir is required"
[[ "$port" =~ ^[0-9]+$ ]] || fail "--port must be a number, got '$port'"
# Unset, the two Erlang ports default to the first free port from 12000 + PORT mod 20000 and from there on: another
# broker on this machine may already hold the obvious choice. Below 32768, where the kernel's ephemeral range starts:
# a port in it (the old default, PORT ± 20000, gave test.sh's broker on 55672 the port 35672) can be taken by any
# outgoing connection between the check and the bind, and the broker then exits. Clear of 15672 and 25672, which a
# system RabbitMQ uses.
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
first_free_from() { # port, port to skip
  local candidate="$1"
  while in_use "$candidate" || [[ "$candidate" == "$2" ]]; do
    candidate=$((candidate + 1))
    ((candidate <= 65535)) || fail "no free port from $1 on for Erlang: pass --dist-port and --epmd-port"
  done
  echo "$candidate"
}
if [[ -z "$dist_port" ]]; then
  dist_port="$(first_free_from $((12000 + port % 20000)) "$port")"
fi
[[ -n "$epmd_port" ]] || epmd_port="$(first_free_from $((dist_port + 1)) "$port")"
[[ "$user" =~ ^[A-Za-z0-9._-]+$ ]] || fail "user names are letters, digits, '.', '_' or '-', got '$user'"

if [[ -n "$password_file" ]]; then
  [[ -r "$password_file" ]] || fail "cannot read the password file $password_file"
  password="$(head -n 1 "$password_file")"
else
  password="${AIFINOPS_RABBITMQ_PASSWORD:-}"
fi
[[ -n "$password" ]] || fail "no password: pass --password-file or set AIFINOPS_RABBITMQ_PASSWORD"
# The password travels inside amqp:// URIs: keep it to characters that need no escaping there.
[[ "$password" =~ ^[A-Za-z0-9._~-]+$ ]] || fail "the password may only hold letters, digits and . _ ~ -"

server=/usr/lib/rabbitmq/bin/rabbitmq-server
[[ -x "$server" ]] || fail "RabbitMQ not found at $server (run deploy/local/install.sh)"

mkdir -p "$dir"
chmod 700 "$dir"
dir="$(cd "$dir" && pwd)"

# A broker left running by an earlier run whose wrapper was killed outright (SIGKILL) would hold the node name:
# stop it, unless a live rabbitmq.sh still owns it (then this is a second start on the same folder).
if [[ -s "$dir/rabbitmq.pid" ]] && kill -0 "$(cat "$dir/rabbitmq.pid")" 2>/dev/null; then
  old_pid="$(cat "$dir/rabbitmq.pid")"
  if [[ -s "$dir/wrapper.pid" ]] && ps -o args= -p "$(cat "$dir/wrapper.pid")" 2>/dev/null | grep -q 'rabbitmq\.sh'; then
    fail "a broker already runs on $dir (pid $old_pid)"
  fi
  echo "rabbitmq.sh: stopping a broker left over from an earlier run (pid $old_pid)"
  kill -TERM "$old_pid"
  for _ in $(seq 1 300); do kill -0 "$old_pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$old_pid" 2>/dev/null && fail "the left-over broker (pid $old_pid) did not stop within 30 s"
fi
echo $$ >"$dir/wrapper.pid"

# rabbit_password_hashing_sha256: base64(salt ++ sha256(salt ++ password)), with a 4-byte random salt.
salt_hex="$(head -c 4 /dev/urandom | xxd -p)"
hash_hex="$({ xxd -r -p <<<"$salt_hex"; printf '%s' "$password"; } | sha256sum | cut -d ' ' -f 1)"
password_hash="$(xxd -r -p <<<"$salt_hex$hash_hex" | base64 -w 0)"

umask 077
cat >"$dir/definitions.json" <<EOF
{
  "users": [{ "name": "$user", "password_hash": "$password_hash",
              "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": ["administrator"] }],
  "vhosts": [{ "name": "/" }],
  "permissions": [{ "user": "$user", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*" }]
}
EOF
cat >"$dir/rabbitmq.conf" <<EOF
# Written by deploy/local/rabbitmq.sh on every start; edits here are lost.
listeners.tcp.default = 127.0.0.1:$port
definitions.import_backend = local_filesystem
definitions.local.path = $dir/definitions.json
# With definitions to load, RabbitMQ seeds no default (guest) user: the user above is the only one.
loopback_users = none
log.console = true
log.console.level = info
log.file = false
EOF
echo '[].' >"$dir/enabled_plugins.erl"
: >"$dir/rabbitmq-env.conf"

# Everything the broker reads or writes lives in $dir; nothing from /etc/rabbitmq or /var/lib/rabbitmq is used.
export HOME="$dir" # the Erlang cookie
export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
export RABBITMQ_CONFIG_FILES="$dir/conf.d"
export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins.erl"
export RABBITMQ_MNESIA_BASE="$dir/mnesia"
export RABBITMQ_LOG_BASE="$dir/log"
export RABBITMQ_LOGS="-"
export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
export RABBITMQ_PLUGINS_EXPAND_DIR="$dir/plugins-expand"
export RABBITMQ_NODENAME="aifinops-$port@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$port"
export RABBITMQ_DIST_PORT="$dist_port"
export ERL_EPMD_PORT="$epmd_port"
export ERL_EPMD_ADDRESS=127.0.0.1
export ERL_CRASH_DUMP="$dir/log/erl_crash.dump" # not into the working directory
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
mkdir -p "$dir/conf.d" "$dir/log"
echo "$epmd_port" >"$dir/epmd-port"

broker_pid=""
stop_broker() { [[ -n "$broker_pid" ]] && kill -TERM "$broker_pid" 2>/dev/null || true; }
stop_epmd() { epmd -port "$epmd_port" -kill >/dev/null 2>&1 || true; }
trap stop_broker TERM INT
trap stop_epmd EXIT

echo "rabbitmq.sh: node $RABBITMQ_NODENAME, AMQP on 127.0.0.1:$port, distribution $dist_port, epmd $epmd_port"
"$server" &
broker_pid=$!

status=0
while kill -0 "$broker_pid" 2>/dev/null; do
  if wait "$broker_pid"; then status=0; else status=$?; fi
done
exit "$status"
