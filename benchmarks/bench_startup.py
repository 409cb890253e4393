"""Start-up time of `zjgraph coverage` against `python -c "import networkx"` (run on demand, not by pytest).

    python benchmarks/bench_startup.py            # 15 interleaved runs of each, after one warm-up run
    python benchmarks/bench_startup.py --runs 31

The goal: on the bundled data, with the graph cache warm, `zjgraph coverage` takes at most 1.5 times as
long as importing NetworkX (which it cannot avoid: the graph is a NetworkX graph). Both commands run with
the interpreter running this script (`zjgraph` is the script next to it, or `python -m zjgraph`), one
after the other, so that a busy machine slows both alike. Prints the medians, their ratio and whether the
goal is met; exit status 1 if it is not.

With PYTHONDONTWRITEBYTECODE set and an editable install (`pip install -e .`), Python compiles zjgraph's
sources afresh on every run (NetworkX, installed normally, has its bytecode); the script says so, as that
makes `zjgraph coverage` some tens of milliseconds slower than an installed copy.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL = 1.5


def commands() -> dict[str, list[str]]:
    """The two command lines, keyed as in :func:`bench`'s result."""
    script = Path(sys.executable).with_name("zjgraph")
    coverage = [str(script), "coverage"] if script.is_file() else [sys.executable, "-m", "zjgraph", "coverage"]
    return {"networkx": [sys.executable, "-c", "import networkx"], "coverage": coverage}


def _time(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def bench(runs: int = 15) -> dict:
    """Median wall seconds of each command over ``runs`` interleaved runs, after one warm-up run of each
    (which also fills the graph cache), and ``ratio`` = coverage / networkx."""
    cmds = commands()
    for cmd in cmds.values():
        _time(cmd)
    times = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            times[name].append(_time(cmd))
    nx_s, cov_s = statistics.median(times["networkx"]), statistics.median(times["coverage"])
    return {"networkx_seconds": nx_s, "coverage_seconds": cov_s, "ratio": cov_s / nx_s, "runs": runs,
            "commands": {name: " ".join(cmd) for name, cmd in cmds.items()}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="interleaved runs of each command (default 15)")
    r = bench(parser.parse_args().runs)
    print(f"import networkx:  median {r['networkx_seconds']:.3f} s   ({r['commands']['networkx']})")
    print(f"zjgraph coverage: median {r['coverage_seconds']:.3f} s   ({r['commands']['coverage']})")
    met = r["ratio"] <= GOAL
    print(f"ratio {r['ratio']:.2f} over {r['runs']} runs: {'meets' if met else 'misses'} the goal of {GOAL}x")
    if sys.flags.dont_write_bytecode:
        print("note: PYTHONDONTWRITEBYTECODE is set: sources without cached bytecode are compiled on every run")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
