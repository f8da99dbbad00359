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

# A GPU build as well, when this machine has a GPU (SLMRAG_LLAMA_GPU=auto|cuda|vulkan|none; default auto): the sibling
# package @node-llama-cpp/<platform>-cuda or -vulkan goes into native/llama/<rid>-<gpu>/; point LlamaCpp:NativeLibraryPath
# there and set LlamaCpp:Chat:GpuLayers. Checksums are the registry's integrity values for 3.22.1 (no GPU here to test on).
fetch_gpu() {
  local gpu=${SLMRAG_LLAMA_GPU:-auto} sum=
  if [ "$gpu" = auto ]; then
    if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then gpu=cuda
    elif command -v vulkaninfo >/dev/null 2>&1 && vulkaninfo --summary 2>/dev/null | grep -q 'deviceType *= *PHYSICAL_DEVICE_TYPE_\(DISCRETE\|INTEGRATED\)_GPU'; then gpu=vulkan
    else return 0; fi
  fi
  case "$platform-$gpu" in
    linux-x64-cuda)   sum=f2b4028f234d2d9254162b7e6298f0942e21c242a038c224076c2ec9c2817fc354d8edf248a6e259943c6b0f64bb69d44d78d29d422b13a281f3c8ad76e4c1b8 ;;
    linux-x64-vulkan) sum=6c1c6a53e24e701bb59dbe508f6cdc31c8be241c93d44f046a31ef62877235f5483e41215e1fbf1ccc11d7f053ef13f4f182b4864b3e90cf1f825111d0ff0912 ;;
    *-none) return 0 ;;
    *) echo "No $gpu build is pinned for $platform; using the CPU libraries." >&2; return 0 ;;
  esac
  local gpu_target=native/llama/$rid-$gpu gpu_work
  [ -f "$gpu_target/.complete" ] && return 0
  gpu_work=$(mktemp -d)
  echo "Fetching @node-llama-cpp/$platform-$gpu@$version (llama.cpp with $gpu) ..."
  npm_fetch "@node-llama-cpp/$platform-$gpu@$version" "$sum" "$gpu_work"
  rm -rf "$gpu_target" && mkdir -p "$gpu_target"
  find "$gpu_work/package/bins/$platform-$gpu" -maxdepth 1 \( -name '*.so' -o -name '*.json' \) -exec cp {} "$gpu_target/" \;
  rm -rf "$gpu_work"
  echo "$platform-$gpu $version" > "$gpu_target/.complete"
  echo "llama.cpp with $gpu in $gpu_target: set LlamaCpp__NativeLibraryPath=$gpu_target and LlamaCpp__Chat__GpuLayers=-1 to use it."
}

if [ -f "$target/.complete" ]; then
  [ "${SLMRAG_LLAMA_GPU:-auto}" = none ] || { source scripts/npm-fetch.sh; fetch_gpu; }
  exit 0
fi
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
fetch_gpu
