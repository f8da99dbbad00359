#!/usr/bin/env bash
# Starts SlmRag on the embedded store (./data) with the sample corpus ingested, on http://127.0.0.1:5080.
# Extra arguments go to 'slmrag serve' (e.g. --urls http://0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
scripts/fetch-llama.sh || echo "WARNING: llama.cpp libraries unavailable; local model features and their tests need them." >&2
if ! scripts/fetch-models.sh; then
  echo "WARNING: no embedding model; starting with lexical search only (Embeddings__Provider=None)." >&2
  export Embeddings__Provider=None
fi
dotnet build src/SlmRag.Cli -c Release -nologo -v quiet
exec dotnet src/SlmRag.Cli/bin/Release/net10.0/slmrag.dll serve --ingest corpora/handbook --collection handbook "$@"
