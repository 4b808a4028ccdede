#!/usr/bin/env bash
# Sets up codebench on a fresh machine: system packages for the sandbox, then npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
[ -x /usr/bin/python3 ] || missing+=(python3)
command -v prlimit >/dev/null 2>&1 || missing+=(util-linux)
# The sandbox's per-run launcher (harness/sandbox/sandbox-enter.c) is compiled on first use; without
# a C compiler every run gets a bwrap of its own, which is slower.
[ -x /usr/bin/cc ] || missing+=(gcc)
[ -e /usr/include/stdio.h ] || missing+=(libc6-dev)
# Debian's chromium: the HTML report's browser test drives it with playwright-core (which downloads no browser).
[ -x /usr/bin/chromium ] || missing+=(chromium)

# Compilers and libraries the grader uses for C++, Java, Rust and Go tasks, each only when missing
# (CODEBENCH_SKIP_TOOLCHAINS=1 skips them; those samples are then graded `unscored`). Debian's
# rustc, not rustup's: the sandbox sees only /usr. The librust-* packages are the crates
# HumanEval-X Rust uses, as an offline registry; golang-github-stretchr-testify-dev is Go's testify.
toolchain=()
if [ "${CODEBENCH_SKIP_TOOLCHAINS:-0}" != 1 ]; then
  installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
  [ -x /usr/bin/g++ ] || toolchain+=(g++)
  [ -e /usr/include/openssl/md5.h ] || toolchain+=(libssl-dev)
  [ -e /usr/include/boost/any.hpp ] || toolchain+=(libboost-dev)
  [ -x /usr/bin/javac ] || toolchain+=(default-jdk-headless)
  [ -x /usr/bin/go ] || toolchain+=(golang-go)
  [ -d /usr/share/gocode/src/github.com/stretchr/testify ] || toolchain+=(golang-github-stretchr-testify-dev)
  [ -x /usr/bin/rustc ] || toolchain+=(rustc)
  [ -x /usr/bin/cargo ] || toolchain+=(cargo)
  for crate in librust-rand-dev librust-regex-dev 'librust-regex+default-dev' librust-md5-dev; do
    installed "$crate" || toolchain+=("$crate")
  done
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_updated=0

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "codebench setup: missing ${missing[*]}, and this system has no apt-get." >&2
    echo "Install them with your package manager (bubblewrap is the sandbox; e.g. dnf install bubblewrap), then rerun." >&2
    exit 1
  fi
  echo "codebench setup: installing ${missing[*]} with apt-get" >&2
  $sudo apt-get update -qq
  apt_updated=1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ${#toolchain[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    # About 35 s on Debian 12 for Go, Rust with the crates, and Boost (no recommends: no docs, no GUI).
    echo "codebench setup: installing toolchains ${toolchain[*]} with apt-get" >&2
    [ "$apt_updated" -eq 1 ] || $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${toolchain[@]}" >/dev/null
  else
    echo "codebench setup: no apt-get; install ${toolchain[*]} (or equivalents) yourself, or those languages are graded unscored." >&2
  fi
fi

# npm ci builds better-sqlite3 from source when no prebuilt binary can be downloaded (about 2 minutes).
npm ci --no-audit --no-fund

# Prebuilds the Rust crates (about a minute), a warm Go build cache and the TypeScript checker
# snapshot, which the first graded sample of each language would otherwise wait for.
if [ "${CODEBENCH_SKIP_TOOLCHAINS:-0}" != 1 ]; then
  npx --no-install tsx scripts/prepare-toolchains.ts || echo "codebench setup: some toolchains are missing (see above); those samples will be graded unscored" >&2
fi
echo "codebench setup: done ($(bwrap --version), node $(node --version))" >&2
