#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: installs what the tests need when it is missing,
# then builds and tests. Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# No build servers left behind, no telemetry, no banner.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "scripts/test.sh: the .NET 10 SDK is needed (dotnet not found on PATH)" >&2
  exit 1
fi

dotnet build mkdash.slnx -c Release -nologo -clp:ErrorsOnly
dotnet test mkdash.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
