#!/usr/bin/env bash
# Fetches llama.cpp's prebuilt shared libraries for this machine's .NET runtime identifier from the npm
# package @node-llama-cpp/<platform>@3.22.1 (pinned, SHA-512 checked) into native/llama/<rid>/.
# The library versions must match the header SlmRag.LlamaCpp binds against (node-llama-cpp 3.22.1).
# Usage: scripts/fetch-llama.sh   (idempotent; does nothing when the libraries are present)
set -euo pipefail
cd "$(dirname "$0")/.."
version=3.22.1
rid=$(dotnet --info 2>/dev/null | awk '/^ *RID:/ { print $2; exit }')
case "$rid" in
  linux-x64)   platform=linux-x64;       sha512=e6e0820cda9608d7da026f1a47f533c5ba381c1a4a80d17dd640873dea4a86032057638099ab6879f6ce94c8a1b2a0a21f639ddf913f7941d00856df44126e3a ;;
  linux-arm64) platform=linux-arm64;     sha512= ;;
  osx-arm64)   platform=mac-arm64-metal; sha512= ;;
  osx-x64)     platform=mac-x64;         sha512= ;;
  win-x64)     platform=win-x64;         sha512= ;;
  *) echo "ERROR: no llama.cpp build of node-llama-cpp $version for runtime '$rid'." >&2; exit 1 ;;
esac
target=native/llama/$rid
[ -f "$target/.complete" ] && exit 0
if [ -z "$sha512" ]; then
  echo "ERROR: no checksum is pinned for @node-llama-cpp/$platform@$version; add it to scripts/fetch-llama.sh after checking the tarball." >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: npm is needed to fetch llama.cpp (@node-llama-cpp/$platform@$version). Install Node.js/npm." >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Fetching @node-llama-cpp/$platform@$version (llama.cpp shared libraries) ..."
source scripts/npm-fetch.sh
npm_fetch "@node-llama-cpp/$platform@$version" "$sha512" "$work"
rm -rf "$target" && mkdir -p "$target"
# Only the C libraries: the Node addon (llama-addon.node) is not used.
find "$work/package/bins/$platform" -maxdepth 1 \( -name '*.so' -o -name '*.dylib' -o -name '*.dll' -o -name '*.metal' -o -name '*.json' \) \
  -exec cp {} "$target/" \;
echo "$platform $version" > "$target/.complete"
echo "llama.cpp libraries in $target"
