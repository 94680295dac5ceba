#!/usr/bin/env bash
# Makes a real Pulumi CLI available and prints the folder that holds it (put it first on PATH).
#   1. a `pulumi` already on PATH is used as is;
#   2. else $PULUMI_HOME/versions/<version>/bin/pulumi, where Pulumi's own npm installer (`npx pulumi`) looks
#      before downloading;
#   3. else Pulumi's npm installer (the `pulumi` dev dependency) downloads that version into that folder, unless
#      DOCKWRIGHT_PULUMI_SOURCE=go;
#   4. else (no download possible) the CLI is built from its Go modules into that folder (first build: minutes;
#      later: Go's caches).
# Idempotent. Logs go to stderr; stdout is only the folder.
set -euo pipefail

VERSION=${DOCKWRIGHT_PULUMI_VERSION:-3.276.0}
PULUMI_HOME=${PULUMI_HOME:-"$HOME/.pulumi"}
BIN_DIR="$PULUMI_HOME/versions/$VERSION/bin"

log() { echo "pulumi-cli.sh: $*" >&2; }
# --find: only look (steps 1 and 2); fail when there is none.
FIND_ONLY=""
[ "${1:-}" = "--find" ] && FIND_ONLY=1

if [ -z "${DOCKWRIGHT_PULUMI_BUILD:-}" ] && existing=$(command -v pulumi 2>/dev/null) \
  && "$existing" version >/dev/null 2>&1 && [[ "$existing" != */node_modules/.bin/pulumi ]]; then
  # node_modules/.bin/pulumi is Pulumi's lazy installer, not a CLI: it would download one.
  dirname "$existing"
  exit 0
fi

# Pulumi's release archive ships the dynamic-provider plugin (a script that runs @pulumi/pulumi's host, resolved
# from the program's folder) beside the CLI; a CLI made here gets the same, so it finds it without PATH changes.
REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
place_plugin() {
  local script="$REPO_DIR/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ ! -x "$BIN_DIR/pulumi-resource-pulumi-nodejs" ] && [ -f "$script" ]; then
    cp "$script" "$BIN_DIR/pulumi-resource-pulumi-nodejs" && chmod +x "$BIN_DIR/pulumi-resource-pulumi-nodejs"
  fi
}

if [ -x "$BIN_DIR/pulumi" ] && "$BIN_DIR/pulumi" version >/dev/null 2>&1; then
  place_plugin
  echo "$BIN_DIR"
  exit 0
fi

[ -n "$FIND_ONLY" ] && { log "no pulumi on PATH or in $BIN_DIR"; exit 1; }

INSTALLER="$REPO_DIR/node_modules/pulumi/run.js"
if [ "${DOCKWRIGHT_PULUMI_SOURCE:-download}" != go ] && [ -f "$INSTALLER" ]; then
  if PULUMI_VERSION=$VERSION node "$INSTALLER" version >&2 && [ -x "$BIN_DIR/pulumi" ]; then
    place_plugin
    echo "$BIN_DIR"
    exit 0
  fi
  log "the download did not succeed; building from the Go modules instead"
fi

command -v go >/dev/null 2>&1 || { log "no pulumi on PATH or in $BIN_DIR, and no Go toolchain to build one"; exit 1; }

# A throwaway main module: `go install pkg@version` refuses pkg/v3 because its go.mod has replace directives,
# so this module requires pkg/v3 and sdk/v3 at the same version and repeats the third-party replacement.
BUILD_DIR=${XDG_CACHE_HOME:-"$HOME/.cache"}/dockwright/pulumi-build-$VERSION
mkdir -p "$BUILD_DIR" "$BIN_DIR"
cd "$BUILD_DIR"
cat >go.mod <<EOF
module dockwright.local/pulumi-build

go 1.26

require (
	github.com/pulumi/pulumi/pkg/v3 v$VERSION
	github.com/pulumi/pulumi/sdk/v3 v$VERSION
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
EOF
started=$SECONDS
log "building the Pulumi CLI v$VERSION from its Go modules into $BIN_DIR (first build takes minutes)"
export GOFLAGS=-mod=mod
go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$VERSION" >&2
# The version is stamped as Pulumi's own release build does: the Automation API refuses a CLI without one.
go build -trimpath \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$VERSION" \
  -o "$BIN_DIR/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
mv "$BIN_DIR/pulumi.tmp" "$BIN_DIR/pulumi"
place_plugin
log "built in $((SECONDS - started)) s: $("$BIN_DIR/pulumi" version) ($(du -h "$BIN_DIR/pulumi" | cut -f1))"
echo "$BIN_DIR"
