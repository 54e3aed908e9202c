#!/usr/bin/env bash
# Build the one-folder bundle from this checkout and smoke-test the frozen program headless.
#   tools/build.sh            -> dist/gbapp/ and dist/gbapp.zip
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e ".[build]"
rm -rf build/gbapp dist/gbapp dist/gbapp.zip
python3 -m PyInstaller --noconfirm --clean --log-level WARN build.spec
# zip -y keeps the Linux bundle's library symlinks as links (Python's zipfile stores them twice).
(cd dist && if command -v zip >/dev/null; then zip -qry gbapp.zip gbapp;
             else python3 -m zipfile -c gbapp.zip gbapp; fi)
echo "bundle: $(du -sm dist/gbapp | cut -f1) MB, zipped: $(du -sm dist/gbapp.zip | cut -f1) MB"
tools/smoke_frozen.sh dist/gbapp/gbapp-cli
