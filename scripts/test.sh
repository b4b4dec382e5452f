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

# The browser tests drive Debian's Chromium through Playwright (no browser download).
if [ ! -x /usr/bin/chromium ]; then
  echo "scripts/test.sh: installing Debian's chromium for the browser tests"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# A CJK font, so the page's Chinese text is readable in the screenshots the browser tests keep.
if command -v fc-list >/dev/null 2>&1 && ! fc-list :lang=zh | grep -q .; then
  echo "scripts/test.sh: installing a CJK font for the screenshots"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  { $sudo_cmd apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null; } \
    || echo "scripts/test.sh: no CJK font installed; screenshots will show boxes for Chinese text" >&2
fi

# The NVML tests build a fake libnvidia-ml.so from C during the run (tests/Mkdash.Tests/Support/fake_nvml.c).
if ! command -v gcc >/dev/null 2>&1; then
  echo "scripts/test.sh: installing gcc for the fake NVML library"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends gcc libc6-dev >/dev/null
fi

dotnet build mkdash.slnx -c Release -nologo -clp:ErrorsOnly

# Screenshots from the browser tests land in artifacts/screenshots (kept by CI).
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test mkdash.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
[ "$status" -ne 0 ] || scripts/publish-check.sh || status=1

passed=$(sed -n 's/^ *Passed: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
failed=$(sed -n 's/^ *Failed: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
