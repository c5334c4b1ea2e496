#!/usr/bin/env bash
# Vendors the parts of Det Fælles Designsystem (npm package dkfds) that our pages use.
# The version lives here and nowhere else; run `make vendor-dkfds` after changing it.
set -euo pipefail
DKFDS_VERSION=11.2.0
dest="$(dirname "$0")/../src/samskab/core/static/dkfds"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "dkfds@${DKFDS_VERSION}" --silent >/dev/null && tar xzf dkfds-*.tgz)
dist="$tmp/package/dist"
rm -rf "$dest"
mkdir -p "$dest/css" "$dest/js" "$dest/fonts/IBMPlexSans/complete" "$dest/img"
# Drop the source-map comments: the maps are not vendored.
sed '/sourceMappingURL/d' "$dist/css/dkfds.min.css" > "$dest/css/dkfds.min.css"
sed '/sourceMappingURL/d' "$dist/js/dkfds.min.js" > "$dest/js/dkfds.min.js"
cp -r "$dist/fonts/IBMPlexSans/complete/woff2" "$dest/fonts/IBMPlexSans/complete/"
# Every other font file the CSS names (older formats in its @font-face fallbacks): a
# reference to a missing file fails `collectstatic` with the manifest storage.
grep -o 'url(\.\./fonts/[^)?#]*' "$dest/css/dkfds.min.css" | sed 's|^url(\.\./||' | sort -u |
  while read -r font; do
    mkdir -p "$dest/$(dirname "$font")"
    cp "$dist/$font" "$dest/$font"
  done
# The CSS draws form controls (checkbox ticks, select arrows, alerts) from these files.
cp -r "$dist/img/svg-icons" "$dest/img/"
cp "$dist/img/all-svg-icons.svg" "$dist/img/logo-placeholder.png" \
   "$dist/img/logo-header-placeholder.png" "$dest/img/"
cp "$dist/LICENSE.md" "$dest/LICENSE.md"
echo "$DKFDS_VERSION" > "$dest/VERSION"
echo "dkfds $DKFDS_VERSION vendored into $dest"
