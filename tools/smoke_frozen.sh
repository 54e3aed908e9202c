#!/usr/bin/env bash
# Smoke test of a frozen gbapp (Linux or Windows under bash): version, demo, two exports,
# each .docx checked against Decree 30 with ../shared/tools/nd30check.py when it is there.
set -euo pipefail
exe=${1:?usage: smoke_frozen.sh PATH/TO/gbapp}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen GBAPP_DATA_DIR="$work/data"
"$exe" --version
"$exe" demo --db "$work/demo.db"
"$exe" export report --db "$work/demo.db" --out "$work/bao-cao.docx"
"$exe" export appendix --db "$work/demo.db" --out "$work/phu-luc.docx"
checker="$here/../shared/tools/nd30check.py"
if [ -f "$checker" ]; then
  "${PYTHON:-python3}" "$checker" "$work/bao-cao.docx" --kind report | tail -1
  "${PYTHON:-python3}" "$checker" "$work/phu-luc.docx" --kind appendix | tail -1
fi
# The desktop app itself (windowed twin beside the CLI): opens the demo, shows its window,
# quits; any error it logged fails the test.
gui="$(dirname "$exe")/gbapp"
[ -x "$gui" ] || gui="$gui.exe"
GBAPP_QUIT_WHEN_SHOWN=1 timeout 120 "$gui" --db "$work/demo.db"
if grep -q "ERROR" "$GBAPP_DATA_DIR/logs/gbapp.log"; then
  cat "$GBAPP_DATA_DIR/logs/gbapp.log"
  exit 1
fi
echo "frozen smoke test passed"
