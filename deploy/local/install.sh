#!/usr/bin/env bash
# Installs what running AiFinOps locally needs and is not in the repo: Debian's PostgreSQL 15 and RabbitMQ; with
# --tests also Debian's Chromium, which the browser tests drive headless (no browser download; the dashboard's through
# Microsoft.Playwright, whose NuGet package brings its own node driver), and kubectl when there is none (Debian's
# kubernetes-client, kubectl 1.20 with kustomize v2.0.3: tests/AiFinOps.Deploy.Tests renders deploy/kubernetes with
# `kubectl kustomize`, and the kustomizations keep to what that version understands).
# Idempotent: when both are present it only checks the .NET SDK and returns at once.
# Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=()
[[ -x /usr/lib/postgresql/15/bin/postgres ]] || packages+=(postgresql-15)
[[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || packages+=(rabbitmq-server)
# The scripts use xxd (RabbitMQ password hash); it ships with vim's common files on Debian 12.
command -v xxd >/dev/null || packages+=(xxd)
if [[ "${1:-}" == --tests ]]; then
  [[ -x /usr/bin/chromium ]] || packages+=(chromium)
  command -v kubectl >/dev/null || packages+=(kubernetes-client)
fi

if [[ ${#packages[@]} -gt 0 ]]; then
  sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || { echo "install.sh: need root to install ${packages[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "install.sh: installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  # Debian starts the packaged services on install; the scripts run their own private instances instead,
  # and the system ones would hold the default ports 5432 and 5672.
  if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
    "${sudo[@]}" systemctl disable --now postgresql rabbitmq-server >/dev/null 2>&1 || true
  else
    "${sudo[@]}" service postgresql stop >/dev/null 2>&1 || true
    "${sudo[@]}" service rabbitmq-server stop >/dev/null 2>&1 || true
  fi
fi

if ! command -v dotnet >/dev/null; then
  echo "install.sh: the .NET SDK 10 is required (dotnet not found on PATH): https://dot.net/download" >&2
  exit 1
fi
if ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "install.sh: the .NET SDK 10 is required; found only: $(dotnet --list-sdks | cut -d ' ' -f 1 | tr '\n' ' ')" >&2
  exit 1
fi
