#!/usr/bin/env bash
# Sets up codebench on a fresh machine: system packages for the sandbox, then npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
[ -x /usr/bin/python3 ] || missing+=(python3)
command -v prlimit >/dev/null 2>&1 || missing+=(util-linux)

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "codebench setup: missing ${missing[*]}, and this system has no apt-get." >&2
    echo "Install them with your package manager (bubblewrap is the sandbox; e.g. dnf install bubblewrap), then rerun." >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "codebench setup: installing ${missing[*]} with apt-get" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci builds better-sqlite3 from source when no prebuilt binary can be downloaded (about 2 minutes).
npm ci --no-audit --no-fund
echo "codebench setup: done ($(bwrap --version), node $(node --version))" >&2
