#!/usr/bin/env bash
# Installs what `make run-cluster` and the cluster tests need from Debian, when missing:
# redis-server, haproxy and postgresql. Needs root (apt-get); says what to install otherwise.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/haproxy ] || command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "Installeer eerst: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "install_services: apt-get install ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
