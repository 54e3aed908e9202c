"""Frozen start against start from source, side by side in one run (issue "Delivery").

    tools/build.sh && python3 benchmarks/bench_frozen.py [--runs 7]

Each run starts the desktop app on the demo database until its window is shown, then quits
(GBAPP_QUIT_WHEN_SHOWN). Budget: frozen ≤ 1.5× source. Writes benchmarks/results/frozen.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FROZEN = REPO / "dist" / "gbapp" / "gbapp"


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=120)
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not FROZEN.exists():
        print("build first: tools/build.sh", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="gbapp-frozen-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GBAPP_DATA_DIR=str(tmp / "data"),
               GBAPP_QUIT_WHEN_SHOWN="1", PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # source runs get cached bytecode, as frozen does
    demo = tmp / "demo.db"
    subprocess.run([sys.executable, "-m", "gbapp", "demo", "--db", str(demo)], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    source_cmd = [sys.executable, "-m", "gbapp", "--db", str(demo)]
    frozen_cmd = [str(FROZEN), "--db", str(demo)]
    timed(source_cmd, env)
    timed(frozen_cmd, env)  # warm caches for both
    source, frozen = [], []
    for _ in range(args.runs):  # interleaved: machine noise hits both alike
        source.append(timed(source_cmd, env))
        frozen.append(timed(frozen_cmd, env))
    s, f = statistics.median(source), statistics.median(frozen)
    result = {"source_s": round(s, 3), "frozen_s": round(f, 3), "ratio": round(f / s, 2),
              "budget_ratio": 1.5, "runs": args.runs,
              "bundle_mib": round(sum(p.stat().st_size for p in FROZEN.parent.rglob("*")
                                     if p.is_file() and not p.is_symlink()) / 2**20, 1)}
    for key, value in result.items():
        print(f"{key:<14}{value:>10}")
    out = REPO / "benchmarks" / "results" / "frozen.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0 if result["ratio"] <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
