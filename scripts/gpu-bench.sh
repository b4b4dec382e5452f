#!/usr/bin/env bash
# Cost of one GPU sample through NVML (a fake libnvidia-ml.so built from the tests' C source) and through
# nvidia-smi (a fake shell script), and the size of the 24 h history ring. Needs gcc. No GPU needed.
# Usage: scripts/gpu-bench.sh [nvml samples] [nvidia-smi samples]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1
dotnet build bench/Mkdash.GpuBench -c Release -nologo -v q -clp:ErrorsOnly
dotnet bench/Mkdash.GpuBench/bin/Release/net10.0/Mkdash.GpuBench.dll tests/Mkdash.Tests/Support/fake_nvml.c "$@"
