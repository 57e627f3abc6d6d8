#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test Playbooks for Swift.
# The Swift toolchain itself (6.1 or later) is expected on PATH.
set -euo pipefail
need=()
command -v python3 >/dev/null 2>&1 || need+=(python3)
# GRDB (the SQLite store) links the system SQLite and needs its header.
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
# The PostgreSQL store's tests start a throwaway server (scripts/postgres-throwaway.sh): initdb and pg_ctl.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}"; else sudo apt-get update -qq && sudo apt-get install -y -qq "${need[@]}"; fi
fi
command -v swift >/dev/null 2>&1 || { echo "install-deps: swift is not on PATH (need Swift 6.1 or later)" >&2; exit 1; }
