#!/usr/bin/env bash
# The browser tests need Debian's Chromium, Xvfb with Mesa, and CJK fonts (Chinese labels); the
# spreadsheet export tests need LibreOffice Calc to prove real programs open our .xlsx. Install them
# when missing (as root, from Debian's packages), or stop and say how.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
# Not `fc-list | grep -q`: grep stops at the first match, fc-list dies of SIGPIPE, and under
# pipefail the fonts would be reinstalled on every run.
grep -qi "Noto Sans CJK" <(fc-list 2>/dev/null) || need+=(fonts-noto-cjk)
command -v libreoffice >/dev/null || need+=(libreoffice-calc-nogui)
# A virtual display for Chromium's window, and Mesa's llvmpipe to draw its WebGL (support/display.ts).
command -v Xvfb >/dev/null || need+=(xvfb)
[ -e /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so ] || need+=(libgl1-mesa-dri)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} from Debian's packages for the browser and export tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "The browser and export tests need: ${need[*]}." >&2
  echo "Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
