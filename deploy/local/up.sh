#!/usr/bin/env bash
# README command (a): runs the whole system on this machine — PostgreSQL, RabbitMQ, every service, the gateway and
# the Aspire dashboard — with one `dotnet run` of the app host. Ctrl+C stops everything; the data stays.
#
#   deploy/local/up.sh [app host arguments, e.g. --Infrastructure containers]
#
# Infrastructure: executables (Debian's PostgreSQL and RabbitMQ, the default on a machine without a container
# engine), containers (when Docker or Podman answers) or external (ConnectionStrings:aifinops / :messaging).
# Data and secrets: $AIFINOPS_DATA_DIR, default /var/lib/aifinops as root, ~/.local/share/aifinops otherwise.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

"$repo/deploy/local/install.sh"

if [[ -n "${AIFINOPS_DATA_DIR:-}" ]]; then
  data_dir="$AIFINOPS_DATA_DIR"
elif [[ "$(id -u)" == 0 ]]; then
  data_dir=/var/lib/aifinops
else
  data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/aifinops"
fi

if [[ -n "${AIFINOPS_ADMIN_KEY:-}" ]]; then
  admin_key_hint='the value of $AIFINOPS_ADMIN_KEY'
else
  admin_key_hint="cat $data_dir/secrets/admin-key   (or set AIFINOPS_ADMIN_KEY before starting)"
fi

cat <<EOF
AiFinOps is starting (the first start builds everything and takes a minute or two).
  Dashboard:  http://localhost:15888  (open the login link with its token that the app host prints below)
  Gateway:    http://localhost:8080   (API reference at /scalar)
  gRPC:       ingest on localhost:5170
  Admin key:  $admin_key_hint
EOF

exec dotnet run --project AiFinOps.AppHost -- "$@"
