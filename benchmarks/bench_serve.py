"""Latency of `zjgraph serve` per page, and 50 concurrent clients (run on demand, not by pytest).

    python benchmarks/bench_serve.py                         # the bundled data
    python benchmarks/bench_serve.py --data /work/scale/M    # a generated graph (benchmarks/generate.py --size M)

The server is the real one (`zjgraph serve --port 0`, uvicorn) in its own process, so that the clients here do
not share its interpreter. Every page is requested once to warm it (the first request of a graph version
builds what the page derives: search facets, a coverage report, the Cypher engine), then ``--requests`` times
from one client: p50 and p95 per page. Then ``--clients`` clients at once each request every page in turn
``--rounds`` times: every answer must be 200, and p50/p95 over all of them are printed.

The server keeps its answers per graph version, so those repeated requests time the kept-answer path. A last
pass asks ``--new`` addresses per page that were not asked before (other schools, search terms, documents,
Cypher text), each once: what a user asking something new waits (p50 and max against the aim).

Aims (issue 16): p95 at most 100 ms a page on the bundled data, at most 500 ms on a size-M graph, and no error
with 50 concurrent clients. Prints each figure against its aim; exit status 1 if an aim is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

AIM_BUNDLED_MS, AIM_LARGE_MS = 100.0, 500.0
CYPHER = "MATCH (s:School)-[:OFFERS_MAJOR]->(m:Major) RETURN s.name AS school, count(m) AS majors ORDER BY majors DESC"


def start(data: Path | None) -> tuple[subprocess.Popen, str]:
    """`zjgraph serve` on a free port; returns the process and its address once it answers."""
    script = Path(sys.executable).with_name("zjgraph")
    cmd = [str(script)] if script.is_file() else [sys.executable, "-m", "zjgraph"]
    cmd += (["--data", str(data)] if data else []) + ["serve", "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, encoding="utf-8")
    line = proc.stdout.readline()
    if not line.startswith("zjgraph serve: "):
        proc.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    return proc, line.split()[2].rstrip("/")


def fetch(url: str) -> tuple[int, float]:
    """Status and seconds of one GET, the whole body read."""
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=300) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as err:
        status = err.code
    return status, time.perf_counter() - t


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=300) as r:
        return json.load(r)


def pages(base: str) -> dict[str, str]:
    """One address per page, on entities the served graph holds (its first school, that school's first source
    document, part of its name), so the same list works for any data folder."""
    school = get_json(f"{base}/search.json?type=School")["results"][0]
    doc = get_json(f"{base}/entity/{school['id']}.json")["relations"][0]["source"]
    q = urllib.parse.quote
    return {
        "home": "/",
        "search": f"/search?q={q(school['name'][2:6])}",
        "entity": f"/entity/{q(school['id'], safe=':')}",
        "document": f"/document/{q(doc, safe=':')}",
        "coverage": "/coverage",
        "coverage school": f"/coverage?school={q(school['id'])}",
        "coverage.json": "/coverage.json",
        "query": f"/queries/school-profile?school={q(school['id'])}",
        "query.csv": f"/queries/majors-without-partner.csv?school={q(school['id'])}",
        "cypher": f"/cypher?q={q(CYPHER)}",
        "graph": "/graph",
    }


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def sequential(base: str, paths: dict[str, str], requests: int) -> dict[str, dict]:
    out = {}
    for name, path in paths.items():
        status, first = fetch(base + path)
        if status != 200:
            raise SystemExit(f"{name}: {path} answered {status}")
        times = [fetch(base + path)[1] for _ in range(requests)]
        out[name] = {"first_ms": first * 1000, "p50_ms": statistics.median(times) * 1000, "p95_ms": p95(times) * 1000}
    return out


def new_addresses(base: str, n: int) -> dict[str, list[float]]:
    """Seconds of ``n`` addresses per page kind that the server has not answered before, each asked once."""
    q = urllib.parse.quote
    schools = get_json(f"{base}/search.json?type=School&limit=200")["results"][1:n + 1]  # not pages()' school
    docs = []
    for s in schools:
        for r in get_json(f"{base}/entity/{s['id']}.json")["relations"]:
            if r["source"] not in docs and len(docs) < n:
                docs.append(r["source"])
    kinds = {
        "search": [f"/search?q={q(s['name'][:-2])}" for s in schools],
        "entity": [f"/entity/{q(s['id'], safe=':')}" for s in schools],
        "document": [f"/document/{q(d, safe=':')}" for d in docs],
        "coverage school": [f"/coverage?school={q(s['id'])}" for s in schools],
        "query": [f"/queries/school-profile?school={q(s['id'])}" for s in schools],
        "query.csv": [f"/queries/majors-without-partner.csv?school={q(s['id'])}" for s in schools],
        "cypher": [f"/cypher?q={q(CYPHER + f' LIMIT {i + 1}')}" for i in range(len(schools))],
        "graph": [f"/graph?focus={q(s['id'])}" for s in schools],
    }
    out = {}
    for name, addresses in kinds.items():
        answers = [fetch(base + a) for a in addresses]
        if any(status != 200 for status, _ in answers):
            raise SystemExit(f"{name}: answered {sorted({status for status, _ in answers})}")
        out[name] = [seconds for _, seconds in answers]
    return out


def concurrent(base: str, paths: dict[str, str], clients: int, rounds: int) -> dict:
    times, errors, lock = [], [], threading.Lock()
    urls = list(paths.values())

    def client(i: int):
        for r in range(rounds):
            for k in range(len(urls)):
                url = base + urls[(i + k + r) % len(urls)]  # clients start on different pages
                try:
                    status, seconds = fetch(url)
                except OSError as err:
                    status, seconds = str(err), 0.0
                with lock:
                    (times.append(seconds) if status == 200 else errors.append(f"{url}: {status}"))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    return {"clients": clients, "requests": len(times) + len(errors), "errors": errors, "wall_s": wall,
            "p50_ms": statistics.median(times) * 1000 if times else None,
            "p95_ms": p95(times) * 1000 if times else None, "per_s": (len(times) + len(errors)) / wall}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="data folder or exported graph (default: the bundled data)")
    parser.add_argument("--requests", type=int, default=30, help="sequential requests per page (default 30)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--rounds", type=int, default=2, help="times each client requests every page (default 2)")
    parser.add_argument("--new", type=int, default=10, help="addresses not asked before, per page (default 10)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    aim = AIM_LARGE_MS if args.data else AIM_BUNDLED_MS
    t = time.perf_counter()
    proc, base = start(args.data)
    print(f"server up in {time.perf_counter() - t:.1f} s at {base} (data: {args.data or 'bundled'}; "
          f"{os.cpu_count()} cores)")
    try:
        paths = pages(base)
        seq = sequential(base, paths, args.requests)
        conc = concurrent(base, paths, args.clients, args.rounds)
        new = new_addresses(base, args.new)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    print(f"\none client, {args.requests} requests a page after a warm-up request; aim p95 <= {aim:.0f} ms")
    print(f"{'page':<16}{'first':>10}{'p50':>10}{'p95':>10}{'p95/aim':>9}")
    missed = []
    for name, r in seq.items():
        ratio = r["p95_ms"] / aim
        if ratio > 1:
            missed.append(name)
        print(f"{name:<16}{r['first_ms']:>8.1f}ms{r['p50_ms']:>8.1f}ms{r['p95_ms']:>8.1f}ms{ratio:>8.2f}×")
    print(f"\n{conc['clients']} clients at once, {conc['requests']} requests in {conc['wall_s']:.1f} s "
          f"({conc['per_s']:.0f}/s): p50 {conc['p50_ms']:.0f} ms, p95 {conc['p95_ms']:.0f} ms; "
          f"errors: {len(conc['errors'])} (aim: 0)")
    for e in conc["errors"][:10]:
        print(f"  {e}")
    print(f"\naddresses not asked before, each once; aim <= {aim:.0f} ms")
    print(f"{'page':<16}{'n':>4}{'p50':>10}{'max':>10}{'max/aim':>9}")
    missed_new = []
    for name, times in new.items():
        ratio = max(times) * 1000 / aim
        if ratio > 1:
            missed_new.append(name)
        print(f"{name:<16}{len(times):>4}{statistics.median(times) * 1000:>8.1f}ms{max(times) * 1000:>8.1f}ms"
              f"{ratio:>8.2f}×")
    print(f"\naims: p95 <= {aim:.0f} ms on every page: {'met' if not missed else 'missed on ' + ', '.join(missed)}; "
          f"new addresses within it: {'met' if not missed_new else 'missed on ' + ', '.join(missed_new)}; "
          f"no error under load: {'met' if not conc['errors'] else 'missed'}")
    if args.json:
        figures = {"data": str(args.data or "bundled"), "aim_ms": aim, "pages": seq, "concurrent": conc,
                   "new_addresses": new}
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    sys.exit(1 if missed or missed_new or conc["errors"] else 0)


if __name__ == "__main__":
    main()
