#!/usr/bin/env bash
# Installs what AppBuilder needs on a fresh Debian machine. Idempotent: quick when everything is present.
#  - bubblewrap: confines local sandboxes (without it they run as plain processes with a warning in Development,
#                and outside Development the host refuses to start unless AppBuilder:Sandbox:Local:AllowUnconfined=true)
#  - chromium:   the browser end-to-end tests (APPBUILDER_SETUP_BROWSER=0 skips it)
#  - node + npm: the React/Vite template, the web editor's front end, s3rver for S3 tests
set -euo pipefail

need=()
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
if [ "${APPBUILDER_SETUP_BROWSER:-1}" = "1" ] && [ ! -x /usr/bin/chromium ]; then need+=(chromium); fi
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
command -v curl >/dev/null 2>&1 || need+=(curl)

if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  echo "setup: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (https://dotnet.microsoft.com/download)" >&2
  exit 1
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is required (found $(node --version))" >&2
  exit 1
fi
