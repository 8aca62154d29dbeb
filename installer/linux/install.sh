#!/usr/bin/env bash
# Install the unpacked ParcelBench bundle for every user of this PC (run as root from inside
# the unpacked folder): the program in /opt/parcelbench, `parcelbench` on PATH, a menu entry.
# Data stays per user (~/.local/share/ParcelBench) unless PARCELBENCH_DATA_DIR names a folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-/opt/parcelbench}
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo $0)" >&2; exit 1; }
if [ "$here" != "$prefix" ]; then
  rm -rf "$prefix.new"
  cp -a "$here" "$prefix.new"
  rm -rf "$prefix.old"
  [ -e "$prefix" ] && mv "$prefix" "$prefix.old"
  mv "$prefix.new" "$prefix"
  rm -rf "$prefix.old"
fi
ln -sf "$prefix/parcelbench" /usr/local/bin/parcelbench
sed "s|/opt/parcelbench|$prefix|g" "$prefix/share/parcelbench.desktop" \
  > /usr/share/applications/parcelbench.desktop
echo "installed $("$prefix/parcelbench" --version) in $prefix"
