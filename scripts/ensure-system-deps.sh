#!/bin/sh
# Installs the Debian packages the tests need, once: apt-get update runs only when something is missing.
# Idempotent; each area appends a "command package" line to NEEDED. Called first by the root `test` script.
set -eu

NEEDED="
pdftotext poppler-utils
soffice libreoffice-impress
"

missing=""
while read -r command package; do
  [ -z "$command" ] && continue
  command -v "$command" >/dev/null 2>&1 || missing="$missing $package"
done <<EOF
$NEEDED
EOF
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: missing$missing; install them first: sudo apt-get install -y$missing" >&2
  exit 1
fi
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
