#!/usr/bin/env bash
# Installs what SlmRag needs beyond the .NET SDK: poppler-utils (pdftotext) and qpdf (encrypted PDFs);
# with SLMRAG_TEST_TOOLS=1 (test.sh sets it) also chromium for the widget's browser test.
# Sourced by start.sh and test.sh. Never fails the caller: without root it says what is missing.
set -u

missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
if [ "${SLMRAG_TEST_TOOLS:-0}" = "1" ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fi

if ((${#missing[@]})); then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} ..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
      || echo "WARNING: apt-get could not install ${missing[*]}; PDF ingestion will fail until they are installed."
  else
    echo "WARNING: ${missing[*]} not installed and this is not root. Install them (e.g. 'sudo apt-get install -y ${missing[*]}');"
    echo "         until then PDF documents fail with ToolMissing and PDF tests are skipped."
  fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "ERROR: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH." >&2
  exit 1
fi
