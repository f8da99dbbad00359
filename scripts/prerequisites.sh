#!/usr/bin/env bash
# Installs what SlmRag needs beyond the .NET SDK: poppler-utils (pdftotext) and qpdf (encrypted PDFs);
# with SLMRAG_TEST_TOOLS=1 (test.sh sets it) also chromium for the widget's browser test and jq for the README's examples.
# Sourced by start.sh and test.sh. Never fails the caller for a missing tool: without root it says what is missing.
# A busy apt/dpkg lock (unattended upgrades on a fresh machine) is waited for, then retried, for up to
# SLMRAG_APT_WAIT seconds (default 300), saying so every 10 s.
set -u

if ! command -v dotnet >/dev/null 2>&1; then
  echo "ERROR: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH." >&2
  exit 1
fi

missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
if [ "${SLMRAG_TEST_TOOLS:-0}" = "1" ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # The README's examples (run by ReadmeExamplesTests) pick ids out of JSON with jq.
  command -v jq >/dev/null 2>&1 || missing+=(jq)
fi

# Runs apt-get with its arguments; while another process holds the apt or dpkg lock, waits and retries.
apt_with_retry() {
  local waited=0 limit=${SLMRAG_APT_WAIT:-300} log
  log=$(mktemp)
  while true; do
    # DPkg::Lock::Timeout makes apt itself wait for the dpkg frontend lock; the loop covers the lists lock and older apt.
    if DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=10 "$@" 2>"$log"; then
      rm -f "$log"
      return 0
    fi
    if grep -qiE 'could not get lock|unable to acquire|lock-frontend|is another process using it' "$log" && [ "$waited" -lt "$limit" ]; then
      echo "    apt/dpkg is busy (another install or unattended-upgrades holds its lock); waiting ... ${waited}s of ${limit}s"
      sleep 10
      waited=$((waited + 10))
      continue
    fi
    cat "$log" >&2
    rm -f "$log"
    return 1
  done
}

if ((${#missing[@]})); then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "    installing ${missing[*]} with apt-get ..."
    # Progress: one line per downloaded and configured package, not apt's full output.
    { apt_with_retry update -q && apt_with_retry install -y -q --no-install-recommends "${missing[@]}"; } \
      | grep --line-buffered -E '^(Get:|Setting up)' | sed -u 's/^/    /' || true
    for tool in "${missing[@]}"; do
      case "$tool" in
        poppler-utils) command -v pdftotext >/dev/null 2>&1 || echo "WARNING: poppler-utils did not install; PDF ingestion fails with ToolMissing until it is." >&2 ;;
        qpdf) command -v qpdf >/dev/null 2>&1 || echo "WARNING: qpdf did not install; encrypted PDFs fail with ToolMissing until it is." >&2 ;;
        chromium) command -v chromium >/dev/null 2>&1 || echo "WARNING: chromium did not install; the widget's browser test will say so." >&2 ;;
        jq) command -v jq >/dev/null 2>&1 || echo "WARNING: jq did not install; the README examples test will say so." >&2 ;;
      esac
    done
  else
    echo "WARNING: ${missing[*]} not installed and this is not root. Install them (e.g. 'sudo apt-get install -y ${missing[*]}');"
    echo "         until then PDF documents fail with ToolMissing and PDF tests are skipped."
  fi
fi
