#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine with the .NET SDK. Idempotent.
set -euo pipefail
need=()
command -v dotnet >/dev/null || { echo ".NET 10 SDK is required (dotnet not on PATH)"; exit 1; }
# PostgreSQL server binaries for the worker's integration tests (tests start their own cluster).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then need+=(postgresql); fi
# Headless Chromium for the HTML report and viewer tests.
if ! command -v chromium >/dev/null; then need+=(chromium); fi
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
dotnet restore Asclepius.TextMining.sln
