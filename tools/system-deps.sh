#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the app (run) or the test suite (test) needs, if missing.
# Qt's xcb platform aborts without libxcb-cursor0 and friends; the end-to-end test needs Xvfb.
set -euo pipefail
want=(python3-venv libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0
      libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
      libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core)
if [ "${1:-run}" = test ]; then
  want+=(xvfb xdotool imagemagick desktop-file-utils)
fi
command -v dpkg-query >/dev/null || { echo "not a Debian/Ubuntu system: install Qt's xcb libraries yourself"; exit 0; }
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
