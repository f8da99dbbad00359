#!/usr/bin/env bash
# Runs every test of the solution and ends with one summary line: "Tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
SLMRAG_TEST_TOOLS=1 source scripts/prerequisites.sh
# The widget's browser test drives Debian's chromium with playwright-core (pinned in its package.json).
if command -v npm >/dev/null 2>&1; then
  (cd tests/SlmRag.Api.Tests/Widget && npm install --no-audit --no-fund --silent) || echo "WARNING: npm install of playwright-core failed; the widget browser test will say so." >&2
fi
scripts/fetch-llama.sh || echo "WARNING: llama.cpp libraries unavailable; local model features and their tests need them." >&2

log=$(mktemp)
# Normal verbosity lists every test, and every skipped test with its reason.
dotnet test SlmRag.sln -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Each test project ends with "Total tests: T" and indented "Passed: P", "Failed: F", "Skipped: S" lines.
summary=$(grep -E '^ +(Passed|Failed|Skipped): [0-9]+ *$' "$log" | awk '
  $1 == "Passed:"  { p += $2 }
  $1 == "Failed:"  { f += $2 }
  $1 == "Skipped:" { s += $2 }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }')
projects=$(grep -cE '^Test Run (Successful|Failed|Aborted)' "$log")
expected=$(ls -d tests/*.Tests | wc -l)
if [ "$projects" -lt "$expected" ]; then
  status=1
fi
# CI shows only the end of this output: name the failed tests, build errors and silent projects there, beside the summary.
failed_tests=$(grep -E '^ +Failed [A-Za-z_]' "$log" | sed -E 's/^ +//' | sort -u)
build_errors=$(grep -E ': error [A-Z]+[0-9]+:' "$log" | sed -E 's/^ +//' | sort -u | head -20)
rm -f "$log"
echo
if [ -n "$build_errors" ]; then
  echo "Build errors:"
  echo "$build_errors" | sed 's/^/  /'
fi
if [ -n "$failed_tests" ]; then
  echo "Failed tests:"
  echo "$failed_tests" | sed 's/^/  /'
fi
if [ "$projects" -lt "$expected" ]; then
  echo "Only $projects of $expected test projects reported results."
fi
echo "$summary"
exit "$status"
