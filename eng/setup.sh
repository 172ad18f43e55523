#!/usr/bin/env bash
# Installs what AppBuilder and its tests need on a fresh Debian machine. Idempotent: quick when everything is present.
#  - bubblewrap:         confines local sandboxes (without it they run as plain processes with a warning in
#                        Development; elsewhere the host refuses to start unless AppBuilder:Sandbox:Local:AllowUnconfined=true)
#  - chromium:           the browser end-to-end tests (APPBUILDER_SETUP_BROWSER=0 leaves it out; those tests then skip)
#  - node + npm:         the React/Vite template, the web editor's front end, s3rver for S3 tests, the MCP TypeScript
#                        SDK (@modelcontextprotocol/sdk) and @modelcontextprotocol/server-everything for the MCP tests
#                        (all npm-installed into the test cache by the tests themselves)
#  - postgresql:         server binaries for the PostgreSQL store's tests (they start their own server; no service here)
#  - redis-server:       for the Redis backplane's tests (they start their own server)
# Not installed: docker.io. No test needs a Docker daemon yet; the first test marked
# [RequiresFact(Prerequisite.Docker)] must come with its install here and a dockerd start in .ci/run.
# Tests whose prerequisite is missing are reported as skipped with the reason; with
# APPBUILDER_REQUIRE_ALL_PREREQUISITES=1 (as in CI) they fail instead.
set -euo pipefail

need=()
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
if [ "${APPBUILDER_SETUP_BROWSER:-1}" = "1" ] && [ ! -x /usr/bin/chromium ]; then need+=(chromium); fi
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v curl >/dev/null 2>&1 || need+=(curl)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)

if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  echo "setup: installing ${need[*]}"
  $SUDO apt-get update -qq
  # policy-rc.d: installing postgresql or redis-server must not start their system services here.
  policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d && policy_added=1
  fi
  status=0
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null || status=$?
  if [ "$policy_added" = "1" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
  if [ "$status" -ne 0 ]; then echo "setup: apt-get install ${need[*]} failed" >&2; exit "$status"; fi
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
