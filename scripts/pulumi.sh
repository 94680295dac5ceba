#!/usr/bin/env bash
# npm run up | preview | destroy: runs the root Pulumi.yaml program with a local file backend, so no Pulumi Cloud
# login is needed. Override with PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE and DOCKWRIGHT_STACK.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pulumi >/dev/null 2>&1 || { echo "The Pulumi CLI is needed: https://www.pulumi.com/docs/install/" >&2; exit 1; }

mkdir -p .pulumi-state
export PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-"file://$PWD/.pulumi-state"}
export PULUMI_CONFIG_PASSPHRASE=${PULUMI_CONFIG_PASSPHRASE-}
stack=${DOCKWRIGHT_STACK:-dev}

# The program imports dockwright by name, as users do; in this repository that is the repository itself.
npm run --silent build
mkdir -p node_modules
[ -e node_modules/dockwright ] || ln -s .. node_modules/dockwright

pulumi stack select "$stack" --create --non-interactive >/dev/null
pulumi "$@"
