#!/usr/bin/env bash
# Vendors uPlot into wwwroot so the dashboard works offline (no CDN: the page is often
# reached through an SSH tunnel on a box without internet).
# Usage: tools/vendor-uplot.sh            (re-run to refresh; the version is pinned below)
set -euo pipefail

VERSION="1.6.32"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$REPO_ROOT/src/Mkdash/wwwroot/vendor/uplot"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# npm pack fetches the published tarball only; nothing is installed or run.
(cd "$TMP" && npm pack "uplot@$VERSION" --silent >/dev/null)
TARBALL="$TMP/uplot-$VERSION.tgz"
[ -f "$TARBALL" ] || { echo "npm pack did not produce $TARBALL" >&2; exit 1; }

tar -xzf "$TARBALL" -C "$TMP" package/dist/uPlot.iife.min.js package/dist/uPlot.min.css package/LICENSE

mkdir -p "$DEST"
cp "$TMP/package/dist/uPlot.iife.min.js" "$DEST/uPlot.iife.min.js"
cp "$TMP/package/dist/uPlot.min.css" "$DEST/uPlot.min.css"
cp "$TMP/package/LICENSE" "$DEST/LICENSE"

echo "uPlot $VERSION vendored into $DEST"
ls -l "$DEST"
