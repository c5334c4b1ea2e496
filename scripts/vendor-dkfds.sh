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
mkdir -p "$dest/css" "$dest/js" "$dest/img"
# Drop the source-map comments: the maps are not vendored.
sed '/sourceMappingURL/d' "$dist/css/dkfds.min.css" > "$dest/css/dkfds.min.css"
sed '/sourceMappingURL/d' "$dist/js/dkfds.min.js" > "$dest/js/dkfds.min.js"
# Every file the stylesheet references (IBM Plex in woff2, woff, eot and ttf; the icons that
# draw checkbox ticks, select arrows and alerts; the logo placeholders), and nothing else.
# A reference without its file is a 404 on every page and makes collectstatic with
# ManifestStaticFilesStorage fail, so each one is copied or the script stops.
grep -o 'url([^)]*)' "$dist/css/dkfds.min.css" | sed -E 's/^url\(["'\'']?//; s/["'\'']?\)$//; s/[?#].*$//' \
  | grep -v '^data:' | sort -u | while read -r ref; do
    src="$dist/css/$ref"
    target="$dest/css/$ref"
    [ -f "$src" ] || { echo "dkfds.min.css references $ref, which the package lacks" >&2; exit 1; }
    mkdir -p "$(dirname "$target")"
    cp "$src" "$target"
  done
cp "$dist/fonts/IBMPlexSans/complete/woff2/license.txt" "$dest/fonts/IBMPlexSans/license.txt"
# The icon sprite that <svg><use href="…all-svg-icons.svg#name"> draws from ({% icon %}).
cp "$dist/img/all-svg-icons.svg" "$dest/img/"
cp "$dist/LICENSE.md" "$dest/LICENSE.md"
echo "$DKFDS_VERSION" > "$dest/VERSION"
echo "dkfds $DKFDS_VERSION vendored into $dest"
