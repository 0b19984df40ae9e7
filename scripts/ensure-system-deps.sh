#!/bin/sh
# Installs the Debian packages the tests need beyond npm, only when missing; runs `apt-get update` once, only
# then. Every helper appends its packages to PACKAGES as "command:package" (the command proves it is there).
# Without root and with something missing, it stops at once with one line saying what to run.
set -eu

PACKAGES="
chromium:chromium
"

missing=""
for entry in $PACKAGES; do
  command=${entry%%:*}
  package=${entry#*:}
  if ! command -v "$command" >/dev/null 2>&1; then missing="$missing $package"; fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" != "0" ]; then
  echo "missing system packages:$missing; run: sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi

echo "installing system packages:$missing" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
