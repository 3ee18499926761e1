#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium (or $CORTEX_CHROMIUM)
# for the browser tests: the eval HTML report is opened in headless Chromium.
# Installs it with apt-get when it is missing and the machine lets us (root,
# or sudo without a password). Where it cannot, it says why and the browser
# tests skip with that reason; it never fails the run by itself.
set -uo pipefail
chromium="${CORTEX_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $chromium is missing and there is no apt-get to install it; the browser tests will skip" >&2
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "ensure-chromium: $chromium is missing and installing it needs root (apt-get install chromium); the browser tests will skip" >&2
  exit 0
fi
echo "ensure-chromium: installing Debian's chromium for the browser tests (apt-get)" >&2
if "${as_root[@]}" apt-get update -qq >&2 && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
  echo "ensure-chromium: $("$chromium" --version 2>/dev/null | head -n 1)" >&2
else
  echo "ensure-chromium: apt-get could not install chromium; the browser tests will skip" >&2
fi
exit 0
