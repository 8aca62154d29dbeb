#!/usr/bin/env bash
# Build the Linux bench bundle: dist/parcelbench/ (one folder, runs without Python) and, unless
# --no-tarball, dist/parcelbench-VERSION-linux-x86_64.tar.gz to deploy (see installer/README.md).
#   installer/build.sh [--dist DIR] [--work DIR] [--no-tarball]
# Uses the project's .venv (./run setup makes it, PyInstaller included), or $PYTHON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist="$root/dist" work="$root/build/pyinstaller" tarball=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) dist=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --no-tarball) tarball=0; shift ;;
    *) echo "usage: installer/build.sh [--dist DIR] [--work DIR] [--no-tarball]" >&2; exit 2 ;;
  esac
done
py=${PYTHON:-$root/.venv/bin/python}
[ -x "$py" ] || { echo "build.sh: no $py; run ./run setup first (or set PYTHON)" >&2; exit 1; }
"$py" -c 'import PyInstaller' 2>/dev/null \
  || { echo "build.sh: PyInstaller missing in $py; run ./run setup" >&2; exit 1; }

"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work" "$root/installer/parcelbench.spec"
bundle="$dist/parcelbench"
mkdir -p "$bundle/share"
cp "$root/installer/linux/parcelbench.desktop" "$bundle/share/"
cp "$root/installer/linux/install.sh" "$bundle/"
version=$("$bundle/parcelbench" --version | awk '{print $2}')
echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1)), parcelbench $version"
if [ "$tarball" = 1 ]; then
  out="$dist/parcelbench-$version-linux-x86_64.tar.gz"
  tar -C "$dist" -czf "$out" parcelbench
  echo "tarball: $out ($(du -sh "$out" | cut -f1))"
fi
