#!/usr/bin/env bash
# Vendors anser (ANSI escape codes to JSON segments) into wwwroot so log colours render offline.
# anser ships only a CommonJS file; this wraps it in a small function that sets window.Anser,
# the way uPlot's IIFE build sets window.uPlot. The page turns its JSON into DOM spans with
# textContent and never uses anser's HTML output.
# Usage: tools/vendor-anser.sh            (re-run to refresh; the version is pinned below)
set -euo pipefail

VERSION="2.3.5"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$REPO_ROOT/src/Mkdash/wwwroot/vendor/anser"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# npm pack fetches the published tarball only; nothing is installed or run.
(cd "$TMP" && npm pack "anser@$VERSION" --silent >/dev/null)
TARBALL="$TMP/anser-$VERSION.tgz"
[ -f "$TARBALL" ] || { echo "npm pack did not produce $TARBALL" >&2; exit 1; }

tar -xzf "$TARBALL" -C "$TMP" package/lib/index.js package/LICENSE
grep -q '^module.exports = Anser;' "$TMP/package/lib/index.js" \
  || { echo "anser $VERSION no longer ends in module.exports = Anser; check the wrapper" >&2; exit 1; }

mkdir -p "$DEST"
{
  echo "/* anser $VERSION (MIT, see LICENSE), from npm; wrapped by tools/vendor-anser.sh to set window.Anser. */"
  echo "(function () {"
  echo "var module = { exports: {} };"
  cat "$TMP/package/lib/index.js"
  echo "window.Anser = module.exports;"
  echo "})();"
} > "$DEST/anser.js"
cp "$TMP/package/LICENSE" "$DEST/LICENSE"

echo "anser $VERSION vendored into $DEST"
ls -l "$DEST"
