#!/usr/bin/env bash
# Every benchmark from one command: BenchmarkDotNet for the hot paths, then the published binary and the naive
# whole-file baseline (bench/baseline) on a generated large workspace, GNU tail on the same 1 GB log, and how
# the cost grows with log size, cases and viewers. Prints the table; writes artifacts/bench/results.{md,json}.
# Usage: scripts/bench.sh [--quick] [--no-scaling] [--no-publish] [--gpus nvml|off]
#   --quick       short BenchmarkDotNet jobs and short macro periods (idle 15 s instead of 60 s)
#   --no-scaling  skip the three-size scaling rows (on by default)
#   --no-publish  measure artifacts/publish/mkdash as it is
#   --gpus off    no NVML: --nvml-library off --nvidia-smi /bin/false (default: the tests' fake NVML, two GPUs)
# Run alone: dotnet run -c Release --project bench/Mkdash.Benchmarks -- --inProcess --filter '*'
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1

quick=0 scaling=1 publish=1 gpus=nvml
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-scaling) scaling=0 ;;
    --no-publish) publish=0 ;;
    --gpus) gpus="$2"; shift ;;
    *) echo "scripts/bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

need=()
for tool in wrk hyperfine gcc python3; do
  command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "scripts/bench.sh: installing ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

[ "$publish" -eq 1 ] && scripts/publish.sh
dotnet build bench/Mkdash.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly

out=artifacts/bench
work=$(mktemp -d /tmp/mkdash-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
rm -rf "$out/bdn"
mkdir -p "$out"
benchmarks=bench/Mkdash.Benchmarks/bin/Release/net10.0/Mkdash.Benchmarks.dll

# The GPUs: the tests' fake libnvidia-ml.so with two healthy H200s, so the sampler and history run as on a box.
mkdir -p "$work/nvml"
gcc -shared -fPIC -O2 -o "$work/nvml/libnvidia-ml.so.1" tests/Mkdash.Tests/Support/fake_nvml.c
{
  echo "count=2"
  for i in 0 1; do
    echo "gpu$i.name=NVIDIA H200"; echo "gpu$i.uuid=GPU-0000000$i-2222-3333-4444-555555555555"
    echo "gpu$i.bus=00000000:1$i:00.0"; echo "gpu$i.util=8$i"; echo "gpu$i.memutil=41"
    echo "gpu$i.memused_mib=17253"; echo "gpu$i.memtotal_mib=143771"; echo "gpu$i.temp=61"
    echo "gpu$i.power_mw=363520"; echo "gpu$i.limit_mw=700000"; echo "gpu$i.procs="
  done
} >"$work/nvml/fake-nvml.txt"

echo "== BenchmarkDotNet ($([ "$quick" -eq 1 ] && echo short || echo default) job, in process)"
dotnet "$benchmarks" tail-file "$work/runner-1g.log"
job=()
[ "$quick" -eq 1 ] && job=(--job short)
MKDASH_BENCH_TAIL_FILE="$work/runner-1g.log" dotnet "$benchmarks" --inProcess --filter '*' "${job[@]}" \
  --exporters json --artifacts "$out/bdn" >"$out/bdn.log" 2>&1 || { tail -n 40 "$out/bdn.log"; exit 1; }
grep -h '^|' "$out"/bdn/results/*-report-github.md

echo "== macro (published binary vs bench/baseline/naive_dashboard.py)"
macro=(--mkdash artifacts/publish/mkdash --out "$out" --gpus "$gpus" --nvml "$work/nvml/libnvidia-ml.so.1"
  --tail-file "$work/runner-1g.log" --bdn "$out/bdn")
[ "$quick" -eq 1 ] && macro+=(--quick)
[ "$scaling" -eq 1 ] && macro+=(--scaling)
python3 bench/macro.py "${macro[@]}"
echo "results: $out/results.md, $out/results.json"
