#!/usr/bin/env bash
# CI check of the single binary: publishes it (scripts/publish.sh), runs it on the demo with no .NET in its
# environment, and checks that it serves the embedded page, /api/status and a JSON error, then stops it.
# Usage: scripts/publish-check.sh [--no-publish]   (--no-publish checks artifacts/publish/mkdash as it is)
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
if [ "${1:-}" != "--no-publish" ]; then
  scripts/publish.sh
fi
publish_s=$((SECONDS - started))

binary=artifacts/publish/mkdash
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "publish check: FAILED: $*" >&2
  echo "--- mkdash said:" >&2
  cat "$work/out" >&2 || true
  exit 1
}

# A bare environment: no DOTNET_* variables and no dotnet on PATH, as on a training box without .NET.
env -i PATH=/usr/bin:/bin HOME="$work" TMPDIR="$work" "$binary" demo --port 0 >"$work/out" 2>&1 &
pid=$!

url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^mkdash .*: open \(http[^ ]*\)$/\1/p' "$work/out" | head -n 1)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || fail "the binary exited before it printed its URL"
  sleep 0.1
done
[ -n "$url" ] || fail "no URL printed within 10 s"

if grep -qE 'libcoreclr|libhostfxr' "/proc/$pid/maps"; then
  fail "the binary loaded the .NET runtime from the machine; it is not self-contained"
fi

# Answers "<status> <body file>"; the body lands in $work.
get() {
  curl -s -o "$work/body" -w '%{http_code}' --max-time 10 "$url${1#/}"
}

code=$(get /)
[ "$code" = 200 ] || fail "/ answered $code"
grep -q '<title>mkdash</title>' "$work/body" || fail "/ is not the embedded page"

code=$(get /js/main.js)
[ "$code" = 200 ] || fail "/js/main.js answered $code"

# The demo writes its first root just after start: give it a few seconds to appear in the snapshot.
for _ in $(seq 1 50); do
  code=$(get /api/status)
  [ "$code" = 200 ] || fail "/api/status answered $code"
  grep -q '"name":"case_ultralong_alloc_demo_' "$work/body" && break
  sleep 0.2
done
grep -q '"version":"' "$work/body" || fail "/api/status has no version: $(head -c 300 "$work/body")"
grep -q '"name":"case_ultralong_alloc_demo_' "$work/body" || fail "/api/status shows no demo root"
grep -q '"source":"simulated"' "$work/body" || fail "/api/status shows no simulated GPUs"

code=$(get /no-such-file)
[ "$code" = 404 ] || fail "/no-such-file answered $code"
grep -q '^{"error":"no such page file: no-such-file"}$' "$work/body" || fail "the 404 is not a JSON error"

kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""
check_s=$((SECONDS - started - publish_s))
echo "publish check: ok ($binary $(stat -c %s "$binary") bytes, publish ${publish_s} s, check ${check_s} s)"
