#!/usr/bin/env bash
# Runs the web editor on embedded defaults: local sandboxes, file storage under .appbuilder/, and the replay model
# unless AppBuilder:Model is configured. Extra arguments go to the host (e.g. --urls http://127.0.0.1:5090).
# It runs in the Development environment (unless ASPNETCORE_ENVIRONMENT says otherwise): the dev account, open
# registration, and unconfined sandboxes (with a warning) when bubblewrap is missing exist only there.
set -euo pipefail
cd "$(dirname "$0")/.."
APPBUILDER_SETUP_BROWSER=0 bash eng/setup.sh
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet run --project samples/AppBuilder.Web -c Release --no-launch-profile -- "$@"
