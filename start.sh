#!/usr/bin/env bash
# Starts SlmRag on the embedded store (./data) with the sample corpus ingested, on http://127.0.0.1:5080.
# Extra arguments go to 'slmrag serve' (e.g. --urls http://0.0.0.0:8080).
# Each step says what it does; a second run skips the build when no source changed (a stamp of the
# sources beside the binaries) and the ingestion when the sample corpus is unchanged (a stamp in ./data).
set -euo pipefail
cd "$(dirname "$0")"
started=$SECONDS
step() { printf '\n==> [%3ds] %s\n' "$((SECONDS - started))" "$*"; }

step "Prerequisites: .NET SDK, pdftotext, qpdf"
source scripts/prerequisites.sh
echo "    dotnet $(dotnet --version), pdftotext: $(command -v pdftotext || echo missing), qpdf: $(command -v qpdf || echo missing)"

step "llama.cpp libraries (for a local GGUF model; optional)"
scripts/fetch-llama.sh || echo "WARNING: llama.cpp libraries unavailable; answers stay extractive until they are." >&2

# The configured embedding provider: the environment wins over appsettings.json, as in the service.
provider=${Embeddings__Provider:-$(awk '/"Embeddings"[[:space:]]*:/ { inside = 1 } inside && /"Provider"[[:space:]]*:/ { gsub(/[",[:space:]]/, ""); sub(/^Provider:/, ""); print; exit }' appsettings.json)}

output=src/SlmRag.Cli/bin/Release/net10.0
stamp_file=$output/.start-sources.sha256
stamp=$({ dotnet --version; find src Directory.Build.props Directory.Packages.props global.json appsettings.json -type f \
  -not -path '*/bin/*' -not -path '*/obj/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; } | sha256sum | cut -d' ' -f1)
if [ -f "$output/slmrag.dll" ] && [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp" ]; then
  step "Build: up to date (no source changed since the last build), skipped"
else
  step "Restore: NuGet packages (from the local cache when present)"
  dotnet restore src/SlmRag.Cli -nologo
  step "Build: src/SlmRag.Cli in Release (the first build takes about a minute on 2 cores)"
  dotnet build src/SlmRag.Cli -c Release -nologo --no-restore -v minimal -clp:NoSummary
  echo "$stamp" > "$stamp_file"
fi

step "Embedding model: ${provider:-unset}"
if [ "$provider" = "Static" ]; then
  if ! SLMRAG_CLI_BUILT=1 scripts/fetch-models.sh; then
    echo "WARNING: no embedding model; starting with lexical search only (Embeddings__Provider=None)." >&2
    export Embeddings__Provider=None
  fi
else
  echo "    nothing to fetch for the $provider provider."
fi

step "Service: starting, then ingesting corpora/handbook into 'handbook' (skipped when unchanged)"
# serve prints the ingestion's progress itself; the worker's line per file would drown it (still logged at Warning on failure).
exec env "Logging__LogLevel__SlmRag.Ingestion.Worker.JobItemProcessor=${SLMRAG_ITEM_LOG_LEVEL:-Warning}" \
  dotnet "$output/slmrag.dll" serve --ingest corpora/handbook --collection handbook "$@"
