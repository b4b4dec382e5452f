#!/usr/bin/env bash
# Publishes the single self-contained executable (Native AOT, linux-x64) to artifacts/publish/mkdash and
# prints its size. Installs the native toolchain it needs when missing (clang; Debian's clang-14 will do).
# Usage: scripts/publish.sh [extra dotnet publish arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1

# Native AOT links with clang (Mkdash.csproj falls back to clang-14 when there is no plain clang).
if ! command -v clang >/dev/null 2>&1 && ! command -v clang-14 >/dev/null 2>&1; then
  echo "scripts/publish.sh: installing clang for the Native AOT link"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends clang >/dev/null
fi

out=artifacts/publish
dotnet publish src/Mkdash -c Release -r linux-x64 -o "$out" -nologo -clp:ErrorsOnly "$@"

binary="$out/mkdash"
bytes=$(stat -c %s "$binary")
echo "published $binary: $bytes bytes ($(( (bytes + 524288) / 1048576 )) MiB)"
