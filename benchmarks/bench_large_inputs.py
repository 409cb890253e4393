"""Large inputs: a bureau spreadsheet of many rows (`zjgraph load --mapping`) and a long report (`zjgraph extract`).

    python benchmarks/bench_large_inputs.py                          # 10,000 rows and 5 MB, then 10× each
    python benchmarks/bench_large_inputs.py --rows 1000000 --mb 50   # the aims: 1 million rows, 50 MB
    python benchmarks/bench_large_inputs.py --rows 10000 100000 --mb 0   # spreadsheets only

Both must cost time linear in the input. The spreadsheet is an order-class table against the bundled data: each
row names a known school (by name or alias, cycling), a new order class and an enterprise (one in four known,
the rest new; each new enterprise on about ten rows), and a kind; one row in a thousand names a school that does
not exist (an error the run reports, with suggestions). It is loaded with ``--check`` semantics (read, resolve,
write into a staging copy, validate; nothing replaced), which is all of ``--into`` but the final rename. The
report is the bundled corpus's five documents repeated to the size asked (with a counter in each copy, so copies
differ), given to ``extract``. Each run prints its seconds, rows (characters) per second, and the ratio of each
size's time to the smallest size's, against the ratio of sizes: linear cost keeps the two close.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

MAPPING = """[[table]]
file = "orders.csv"
document = "doc:bench-orders"
title = "订单班统计表（基准测试）"

[[table.entity]]
column = "学校"
type = "School"
existing = true

[[table.entity]]
column = "订单班"
type = "OrderClass"

[[table.entity]]
column = "企业"
type = "Enterprise"
optional = true

[[table.relation]]
subject = "学校"
predicate = "runsOrderClass"
object = "订单班"

[[table.relation]]
subject = "企业"
predicate = "sponsorsOrderClass"
object = "订单班"

[[table.attribute]]
entity = "订单班"
predicate = "orderClassKind"
column = "类型"
"""
KINDS = ["订单班", "学徒制班", "中外合作班", "工匠班"]


def write_orders(folder: Path, rows: int) -> Path:
    """``folder/orders.csv`` of ``rows`` rows (UTF-8 with BOM, as Excel saves it) and ``folder/mapping.toml``."""
    from zjgraph.graph import KnowledgeGraph

    g = KnowledgeGraph.load().graph
    schools = sorted(n for n, d in g.nodes(data=True) if d["type"] == "School")
    school_names = [name for n in schools for name in [g.nodes[n]["name"], *g.nodes[n].get("aliases", [])]]
    enterprises = sorted(g.nodes[n]["name"] for n, d in g.nodes(data=True) if d["type"] == "Enterprise")
    (folder / "mapping.toml").write_text(MAPPING, encoding="utf-8")
    path = folder / "orders.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        f.write("学校,订单班,企业,类型\r\n")
        for i in range(rows):
            school = f"不存在的学校{i}" if i % 1000 == 999 else school_names[i % len(school_names)]
            company = enterprises[i % len(enterprises)] if i % 4 == 0 else f"基准{i // 10}号科技有限公司"
            f.write(f"{school},基准订单班{i},{company},{KINDS[i % len(KINDS)]}\r\n")
    return path


def bench_spreadsheet(rows: int) -> dict:
    from zjgraph.loaders.spreadsheet import load_tables

    from zjgraph.graph import KnowledgeGraph, bundled_data_dir

    with tempfile.TemporaryDirectory(prefix="zjgraph-bench-") as tmp:
        folder = Path(tmp)
        csv = write_orders(folder, rows)
        kg = KnowledgeGraph.load()
        t = time.perf_counter()
        results = load_tables(lambda d: KnowledgeGraph.load(d, use_cache=False), folder / "mapping.toml", [csv],
                              bundled_data_dir(), None, kg.schema)
        seconds = time.perf_counter() - t
    r = results[0]
    return {"size": rows, "seconds": seconds, "good": r.good, "bad": len(r.problems), "facts": len(r.facts),
            "new_entities": len(r.entities)}


def write_report(folder: Path, mb: float) -> Path:
    from zjgraph.graph import KnowledgeGraph

    kg = KnowledgeGraph.load()
    texts = [(Path(kg.data_dir) / "corpus" / d["file"]).read_text(encoding="utf-8")
             for d in kg.graph.graph["documents"].values()]
    target, parts, size, copy = int(mb * 1_000_000), [], 0, 0
    while size < target:
        copy += 1
        for text in texts:
            part = f"\n\n（第{copy}份）\n\n{text}"
            parts.append(part)
            size += len(part.encode("utf-8"))
    path = folder / "report.txt"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def bench_report(mb: float) -> dict:
    from zjgraph.extract.pipeline import extract
    from zjgraph.extract.reading import read_document
    from zjgraph.extract.registry import Registry
    from zjgraph.graph import KnowledgeGraph

    kg = KnowledgeGraph.load()
    registry = Registry.from_graph(kg.graph)
    with tempfile.TemporaryDirectory(prefix="zjgraph-bench-") as tmp:
        path = write_report(Path(tmp), mb)
        t = time.perf_counter()
        text = read_document(path)
        proposal = extract(text, registry, kg.schema)
        seconds = time.perf_counter() - t
    return {"size": mb, "seconds": seconds, "characters": len(text), "entities": len(proposal.entities),
            "facts": len(proposal.facts)}


def report(title: str, unit: str, runs: list[dict], per: str) -> None:
    print(f"\n{title}")
    print(f"| {unit} | seconds | {per} per second | size ratio | time ratio | notes |")
    print("|---:|---:|---:|---:|---:|---|")
    first = runs[0]
    for r in runs:
        amount = r.get("characters", r["size"])
        notes = ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in r.items()
                          if k not in ("size", "seconds", "characters"))
        print(f"| {r['size']:,} | {r['seconds']:.1f} | {amount / r['seconds']:,.0f} | {r['size'] / first['size']:.0f}× "
              f"| {r['seconds'] / first['seconds']:.1f}× | {notes} |")
    sys.stdout.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[10_000, 100_000],
                        help="spreadsheet sizes in rows (0 or none: skip)")
    parser.add_argument("--mb", type=float, nargs="*", default=[5, 50], help="report sizes in MB (0 or none: skip)")
    args = parser.parse_args(argv)
    rows = [n for n in args.rows if n > 0]
    if rows:
        report("zjgraph load --mapping (read, resolve, write, validate)", "rows",
               [bench_spreadsheet(n) for n in rows], "rows")
    mbs = [m for m in args.mb if m > 0]
    if mbs:
        report("zjgraph extract (read, normalise, names, relations, numbers)", "MB", [bench_report(m) for m in mbs],
               "characters")


if __name__ == "__main__":
    main()
