"""Throughput of `zjgraph extract`: the whole bundled corpus, timed (run on demand, not by pytest).

    python benchmarks/bench_extract.py            # the five documents, best of 5 runs
    python benchmarks/bench_extract.py --repeat 20

Prints the time to extract every document (registry built once, as `zjgraph extract a b c …` does), the
characters and documents per second, and the time of the leave-one-out evaluation.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def corpus_texts(kg) -> list[str]:
    return [(Path(kg.data_dir) / "corpus" / d["file"]).read_text(encoding="utf-8")
            for d in kg.graph.graph["documents"].values()]


def bench(repeat: int = 5, limit: int | None = None) -> dict:
    """Best-of-``repeat`` seconds to extract the corpus (its first ``limit`` documents) and to evaluate."""
    from zjgraph.extract.evaluate import evaluate
    from zjgraph.extract.pipeline import extract
    from zjgraph.extract.registry import Registry
    from zjgraph.graph import KnowledgeGraph

    kg = KnowledgeGraph.load()
    texts = corpus_texts(kg)[:limit]
    registry = Registry.from_graph(kg.graph)
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for text in texts:
            extract(text, registry, kg.schema)
        best = min(best, time.perf_counter() - t)
    t = time.perf_counter()
    if limit is None:
        evaluate(kg.graph, kg.schema, kg.data_dir)
    evaluation = time.perf_counter() - t
    chars = sum(len(x) for x in texts)
    return {"documents": len(texts), "characters": chars, "seconds": best, "docs_per_second": len(texts) / best,
            "chars_per_second": chars / best, "eval_seconds": evaluation}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    r = bench(parser.parse_args().repeat)
    print(f"extract: {r['documents']} documents, {r['characters']:,} characters in {r['seconds']:.3f} s "
          f"({r['docs_per_second']:.1f} documents/s, {r['chars_per_second']:,.0f} characters/s)")
    print(f"extract --eval (leave-one-out, 5 registries): {r['eval_seconds']:.3f} s")


if __name__ == "__main__":
    main()
