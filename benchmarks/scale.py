"""The national-size benchmark: the same questions on every engine, in one process, with ratios.

    python benchmarks/scale.py --size S                  # a minute: every engine, rdflib included
    python benchmarks/scale.py --size L --budget 600     # the national size (see benchmarks/RESULTS.md)
    python benchmarks/scale.py --size XS --engines embedded,oxigraph --startup-runs 0

The ecosystem comes from ``benchmarks/generate.py`` (seeded; generated once into ``benchmarks/data/SIZE-seedN``
by a child process, so that generating costs this process no memory). Then, in this process:

1. **embedded**: build the NetworkX graph from the KGX folder (time, peak memory), index the schools' ties
   (:func:`zjgraph.queries.links.ties`, which questions about every school read), and ask the questions:
   ``coverage`` (the whole ``zjgraph coverage`` report), ``majors-without-partner``,
   ``enterprises-spanning-schools`` and ``connection`` (a school and an enterprise three steps apart);
2. **exports**: ``zjgraph export`` as Turtle and as neo4j-admin CSV;
3. **oxigraph** and **rdflib**: load the Turtle export (with the ontology) and run the shipped SPARQL
   (``queries/*.rq``) — what a kglab user would do with rdflib; their coverage is majors-without-partner
   tallied per school in Python; SPARQL has no shortest path, so no connection;
4. **ladybug**: the database ``zjgraph cypher`` keeps on disk, built by its bulk load (time, peak memory) into
   a scratch cache folder, then opened as a later call opens it, running the shipped ``queries/*.cypher``
   (coverage tallied the same way); and ``zjgraph --data FOLDER cypher`` run as a command once the database is
   kept (the researcher's repeated call), against ``zjgraph show`` on the bundled data.

A question that runs past ``--budget`` seconds is stopped and shown as ``> budget``; an engine whose load is
projected to need more memory than the machine has is skipped with the reason. Each answer's row count is
checked against the embedded one. Prints a Markdown table: seconds, and the ratio to the fastest engine on
that question; then every aim (:data:`AIMS`, issues 8 and 15) against its measured value, met or missed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import platform
import resource
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).parent
ENGINES = ["embedded", "oxigraph", "ladybug", "rdflib"]
QUESTIONS = ["coverage", "majors-without-partner", "enterprises-spanning-schools", "connection"]
# rdflib's in-memory store, measured by this script at size S (``rdflib_bytes_per_triple`` in its JSON): used
# to skip rdflib where loading the export would exhaust the machine's memory and stop the whole run.
RDFLIB_BYTES_PER_TRIPLE = 980
GOALS = {"coverage_seconds": 3.0, "vs_rdflib": 20.0, "vs_oxigraph": 1.0, "peak_gb": 3.0, "startup_ratio": 1.5,
         "cypher_vs_show": 1.5, "cypher_repeat_seconds": 2.0, "ladybug_load_seconds": 120.0, "ladybug_load_gb": 6.0,
         "ladybug_vs_embedded": 5.0,
         "cli_cold_seconds": 120.0, "cli_cached_seconds": 15.0}
CLI_STEPS = {"cli_cold_seconds": "zjgraph coverage, cold cache", "cli_cached_seconds": "zjgraph coverage, cached"}
LADYBUG_MEMORY_MB = 6 * 1024
CYPHER_PROBE = "MATCH (s:School) RETURN count(s) AS schools"  # what a repeated `zjgraph cypher` call asks


# ---------------------------------------------------------------- measuring

def rss_mb(field_name: str = "VmRSS") -> float | None:
    """This process's resident memory (``VmRSS``) or its peak since the last :func:`reset_peak` (``VmHWM``)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if field_name == "VmHWM" else None


def reset_peak() -> None:
    """Start measuring peak memory afresh (Linux: writing 5 to clear_refs resets VmHWM)."""
    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass  # elsewhere the peak is the process's peak so far


class OverBudget(Exception):
    pass


@contextmanager
def budget(seconds: float):
    """Stop the block after ``seconds`` (Python code only: an engine busy in native code stops when it returns)."""
    def stop(*_):
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Result:
    engine: str
    step: str
    seconds: float | None = None  # None: not run (see note)
    rows: int | None = None
    peak_mb: float | None = None
    over_budget: bool = False
    note: str = ""


@dataclass
class Run:
    size: str
    seed: int
    budget: float
    counts: dict = field(default_factory=dict)
    machine: dict = field(default_factory=dict)
    results: list[Result] = field(default_factory=list)
    startup: dict | None = None
    cli: dict = field(default_factory=dict)  # command lines timed from start to finish, by what they show

    def add(self, engine: str, step: str, fn, rows=len, limit: float | None = None, peak: bool = False):
        """Time ``fn()``, record it, return its value (None when it failed or ran over budget)."""
        if peak:
            reset_peak()
        started, value, result = time.perf_counter(), None, Result(engine, step)
        try:
            with budget(limit or self.budget):
                value = fn()
            result.seconds = time.perf_counter() - started
            result.rows = rows(value) if rows and value is not None else None
        except OverBudget:
            result.seconds, result.over_budget = time.perf_counter() - started, True
            result.note = f"stopped after {limit or self.budget:.0f} s"
        except Exception as err:  # noqa: BLE001 - a peer's failure is a result to report, not a crash
            result.note = f"{type(err).__name__}: {str(err).splitlines()[0][:160] if str(err) else ''}"
        if peak:
            result.peak_mb = rss_mb("VmHWM")
        self.results.append(result)
        print(f"  {engine:9} {step:30} {fmt_seconds(result):>10}  {result.note}", file=sys.stderr, flush=True)
        return value

    def skip(self, engine: str, step: str, note: str):
        self.results.append(Result(engine, step, note=note))
        print(f"  {engine:9} {step:30} {'skipped':>10}  {note}", file=sys.stderr, flush=True)

    def get(self, engine: str, step: str) -> Result | None:
        return next((r for r in self.results if r.engine == engine and r.step == step), None)


def fmt_seconds(r: Result | None) -> str:
    if r is None or (r.seconds is None and not r.note):
        return "—"
    if r.seconds is None:
        return "failed" if "Error" in r.note else "skipped"
    if r.over_budget:
        return f"> {r.seconds:.0f} s"
    return f"{r.seconds:.2f} s" if r.seconds < 100 else f"{r.seconds:.0f} s"


# ---------------------------------------------------------------- the ecosystem

def data_folder(size: str, seed: int, given: Path | None) -> Path:
    """The KGX folder to measure: ``given``, or the generated one (generated by a child process if missing)."""
    folder = given or HERE / "data" / f"{size}-seed{seed}"
    if not (folder / "edges.tsv").is_file():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--size", size, "--seed", str(seed),
                        "--out", str(folder)], check=True)
    return folder


def connection_pair(g) -> tuple[str, str]:
    """The first school (by id) and the first enterprise three steps from it, or as near as there is one."""
    from zjgraph.queries.links import ties

    for school in ties(g):
        seen, frontier = {school}, [school]
        for depth in range(1, 4):
            frontier = sorted({v for u in frontier for adj in (g._succ[u], g._pred[u]) for v in adj} - seen)
            seen.update(frontier)
            ents = [v for v in frontier if g.nodes[v]["type"] == "Enterprise"]
            if ents and depth == 3:
                return school, ents[0]
    raise SystemExit("no school has an enterprise three steps away")


def tally(rows: list[dict]) -> dict[str, Counter]:
    """Coverage from majors-without-partner rows, as a peer's user computes it: statuses per school."""
    per_school: dict[str, Counter] = {}
    for row in rows:
        per_school.setdefault(row["school_id"], Counter())[row["status"]] += 1
    return per_school


# ---------------------------------------------------------------- engines

def run_embedded(run: Run, folder: Path, scratch: Path, exports: bool = True):
    from zjgraph.queries import catalog
    from zjgraph.queries.links import ties

    from zjgraph.coverage import coverage
    from zjgraph.export import export
    from zjgraph.graph import KnowledgeGraph

    kg = run.add("embedded", "build", lambda: KnowledgeGraph.load(folder, use_cache=False),
                 rows=lambda kg: kg.graph.number_of_edges(), peak=True)
    if kg is None:
        raise SystemExit("the embedded graph did not build")
    run.counts = {"entities": kg.graph.number_of_nodes(), "facts": kg.graph.number_of_edges()}
    run.add("embedded", "index ties", lambda: ties(kg.graph))
    pair = connection_pair(kg.graph)
    run.counts["connection"] = list(pair)
    run.add("embedded", "coverage", lambda: coverage(kg), rows=lambda r: len(r["schools"]))
    for name in QUESTIONS[1:3]:
        run.add("embedded", name, lambda name=name: catalog.run(kg, name)[1])
    run.add("embedded", "connection", lambda: catalog.run(kg, "connection", {"from": pair[0], "to": pair[1]})[1])
    if not exports:
        return kg, pair
    if run.add("embedded", "export turtle", lambda: export(kg, "turtle", scratch / "eco.ttl") or True,
               rows=None, peak=True):
        with (scratch / "eco.ttl").open(encoding="utf-8") as turtle:  # the writer puts one triple on a line
            run.counts["triples"] = sum(1 for line in turtle if line.strip() and not line.startswith("@prefix"))
    run.add("embedded", "export neo4j-admin", lambda: export(kg, "neo4j-admin", scratch / "neo4j"), rows=None,
            peak=True)
    return kg, pair


def run_cli(run: Run, folder: Path, scratch: Path) -> None:
    """``zjgraph --data FOLDER coverage`` as a user runs it, in a child process: first with an empty cache (read
    the folder, gather the ties, write the cache), then again (read the cache). Run before the embedded graph is
    built here, so that the child's memory and this process's are not needed at once."""
    env = {**os.environ, "ZJGRAPH_CACHE_DIR": str(scratch / "cache")}
    env.pop("ZJGRAPH_NO_CACHE", None)
    command = [sys.executable, "-m", "zjgraph", "--data", str(folder), "coverage"]
    for step in CLI_STEPS.values():  # a child still running when the budget stops the step is killed with it
        run.add("embedded", step, lambda: subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True),
                rows=None)


def run_oxigraph(run: Run, kg, scratch: Path):
    import pyoxigraph as ox
    from zjgraph.queries import sparql

    from zjgraph.schema import ontology_files

    path = str(scratch / "oxigraph")

    def load() -> int:
        store = ox.Store(path)
        store.bulk_load(path=str(scratch / "eco.ttl"), format=ox.RdfFormat.TURTLE)
        for file in ontology_files():
            store.bulk_load(path=str(file), format=ox.RdfFormat.TURTLE)
        store.optimize()
        return len(store)  # and the store is closed, so that the children below open it read-only

    if run.add("oxigraph", "load", load, rows=int, peak=True) is None:
        return not_loaded(run, "oxigraph")
    gc.collect()

    def ask(name, count=len):
        """Rows of ``name`` counted in a child process over the same files: a query busy in Oxigraph's native
        code cannot be interrupted, the child can be stopped."""
        return in_child(lambda: count(sparql.run(kg, ox.Store.read_only(path), name)[1]), run.budget)

    run.add("oxigraph", "coverage", lambda: ask("majors-without-partner", lambda rows: len(tally(rows))),
            rows=int)
    for name in QUESTIONS[1:3]:
        run.add("oxigraph", name, lambda name=name: ask(name), rows=int)
    run.skip("oxigraph", "connection", "SPARQL has no shortest-path operator; no connection.rq")


def not_loaded(run: Run, engine: str) -> None:
    for question in QUESTIONS:
        run.skip(engine, question, "not loaded (see its load)")


def in_child(fn, seconds: float):
    """``fn()`` run in a forked child, its (picklable) value sent back; :class:`OverBudget` after ``seconds``."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, and leave without running the parent's clean-up
        os.close(read)
        try:
            answer = ("value", fn())
        except BaseException as err:  # noqa: BLE001 - reported to the parent
            answer = ("error", f"{type(err).__name__}: {err}")
        with os.fdopen(write, "wb") as out:
            pickle.dump(answer, out)
        os._exit(0)
    os.close(write)
    try:
        with os.fdopen(read, "rb") as back:
            if not select.select([back], [], [], seconds)[0]:
                raise OverBudget
            kind, value = pickle.load(back)
    finally:  # answered, over budget, or stopped by the step's own budget: the child goes
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if kind == "error":
        raise RuntimeError(value)
    return value


def run_rdflib(run: Run, kg, scratch: Path):
    from rdflib import Graph, Literal, URIRef
    from zjgraph.queries import catalog, sparql

    from zjgraph.rdf import entity_iri
    from zjgraph.schema import ontology_files

    triples, available = run.counts.get("triples"), meminfo_mb("MemAvailable")
    if triples and available and triples * RDFLIB_BYTES_PER_TRIPLE / 2**20 > 0.8 * available:
        need = triples * RDFLIB_BYTES_PER_TRIPLE / 2**30
        for step in ["load", *QUESTIONS]:
            run.skip("rdflib", step, f"{triples:,} triples would need about {need:.0f} GB in rdflib's memory "
                                     f"store ({RDFLIB_BYTES_PER_TRIPLE:,} bytes a triple); "
                                     f"{available / 1024:.0f} GB are free")
        return

    def load():
        rdf = Graph()
        rdf.parse(str(scratch / "eco.ttl"), format="turtle")
        for path in ontology_files():
            rdf.parse(str(path), format="turtle")
        return rdf

    before = rss_mb()
    rdf = run.add("rdflib", "load", load, rows=len, peak=True)
    if rdf is None:
        return not_loaded(run, "rdflib")
    run.counts["rdflib_bytes_per_triple"] = round((rss_mb() - before) * 2**20 / len(rdf))

    def ask(name):
        query = catalog.get(name)
        params = catalog.bind(kg, query, {})
        bindings = {f"{k}_param": Literal(v) if isinstance(v, int) or v == "" else URIRef(entity_iri(v))
                    for k, v in params.items()}
        return list(rdf.query(sparql.text(name), initBindings=bindings))

    run.add("rdflib", "coverage", lambda: tally([{"school_id": str(r.school_id), "status": str(r.status)}
                                                 for r in ask("majors-without-partner")]))
    for name in QUESTIONS[1:3]:
        run.add("rdflib", name, lambda name=name: ask(name))
    run.skip("rdflib", "connection", "SPARQL has no shortest-path operator; no connection.rq")


def run_ladybug(run: Run, kg, pair, folder: Path, scratch: Path, cli_runs: int):
    from zjgraph.queries import catalog

    from zjgraph.cypher import store
    from zjgraph.cypher.ladybug import CypherError, Engine

    os.environ["ZJGRAPH_CACHE_DIR"] = str(scratch / "cache")  # here and in the commands timed below
    kept = store.path(folder)

    def load() -> Path:
        store.build(kg, kept)
        return kept

    if run.add("ladybug", "load", load, rows=None, peak=True) is None:
        return not_loaded(run, "ladybug")
    run.counts["ladybug_mb"] = round(sum(f.stat().st_size for f in kept.iterdir()) / 2**20)
    # A query whose intermediate rows outgrow this fails with LadybugDB's error instead of swapping the machine.
    engine = Engine.open(kept / store.FILE, memory_mb=LADYBUG_MEMORY_MB)

    def ask(name, given=None):
        query = catalog.get(name)
        try:
            return engine.run(query.cypher, catalog.bind(kg, query, given or {}), timeout=run.budget)[1]
        except CypherError as err:
            if "Interrupted" in str(err):
                raise OverBudget from None
            raise

    run.add("ladybug", "coverage", lambda: tally([{"school_id": r[0], "status": r[4]}
                                                  for r in ask("majors-without-partner")]))
    for name in QUESTIONS[1:3]:
        run.add("ladybug", name, lambda name=name: ask(name))
    run.add("ladybug", "connection", lambda: ask("connection", {"from": pair[0], "to": pair[1]}))
    engine.close()
    if cli_runs:
        run.cli["cypher_at_size"] = median_seconds([zjgraph_command("--data", str(folder), "cypher", CYPHER_PROBE)],
                                                   max(3, cli_runs // 5))[0]
        show, cypher = median_seconds([zjgraph_command("show", "交职校"), zjgraph_command("cypher", CYPHER_PROBE)],
                                      cli_runs)
        run.cli.update(bundled_show=show, bundled_cypher=cypher, runs=cli_runs)


def zjgraph_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("zjgraph")
    return [str(script), *args] if script.is_file() else [sys.executable, "-m", "zjgraph", *args]


def median_seconds(commands: list[list[str]], runs: int) -> list[float]:
    """The median wall seconds of each command over ``runs`` interleaved runs, after one warm-up run of each
    (which fills the caches: a repeated call is what is measured)."""
    def once(cmd):
        started = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return time.perf_counter() - started

    for cmd in commands:
        once(cmd)
    times = [[once(cmd) for cmd in commands] for _ in range(runs)]
    return [statistics.median(t[i] for t in times) for i in range(len(commands))]


def meminfo_mb(field_name: str) -> float | None:
    """A field of the machine's /proc/meminfo (``MemTotal``, ``MemAvailable``) in MB; None elsewhere."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# ---------------------------------------------------------------- report

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    packages = {p: version(p) for p in ("networkx", "rdflib", "pyoxigraph", "ladybug") if _installed(p)}
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round((meminfo_mb("MemTotal") or 0) / 1024),
            "system": f"{platform.system()} {platform.release()}", "python": platform.python_version(), **packages}


def _installed(package: str) -> bool:
    try:
        version(package)
    except Exception:  # noqa: BLE001 - PackageNotFoundError, or a broken install
        return False
    return True


def table(run: Run) -> str:
    """The Markdown table: a row per question, a column per engine (seconds, × the fastest)."""
    engines = [e for e in ENGINES if any(r.engine == e for r in run.results)]
    lines = ["| question | " + " | ".join(engines) + " |", "|---|" + "---:|" * len(engines)]
    steps = ["load", *QUESTIONS, "export turtle", "export neo4j-admin", "index ties"]
    for step in steps:
        cells = {e: run.get(e, "build" if step == "load" and e == "embedded" else step) for e in engines}
        timed = [r.seconds for r in cells.values() if r and r.seconds and not r.over_budget]
        if not any(cells.values()):
            continue
        fastest = min(timed) if timed else None
        row = []
        for e in engines:
            r = cells[e]
            text = fmt_seconds(r)
            if r and r.seconds and fastest and len(timed) > 1:
                ratio = r.seconds / fastest
                text += f" ({'>' if r.over_budget else ''}{ratio:.1f}×)" if ratio >= 1.05 or r.over_budget else " (1×)"
            if r and r.rows is not None and step in QUESTIONS:
                text += f", {r.rows:,} rows"
            row.append(text)
        label = {"load": "load / build", "index ties": "index the schools' ties"}.get(step, step)
        lines.append(f"| {label} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def agreement(run: Run) -> list[str]:
    """Questions whose row counts differ from the embedded answer's."""
    out = []
    for step in QUESTIONS:
        mine = run.get("embedded", step)
        for r in run.results:
            if r.step == step and r.engine != "embedded" and r.rows is not None and mine and r.rows != mine.rows:
                out.append(f"{r.engine} {step}: {r.rows:,} rows, embedded {mine.rows:,}")
    return out


# ---------------------------------------------------------------- aims

AIMS = []  # functions of a Run giving rows (aim, met — None when not measured here, what was measured), in order


def aim(fn):
    """Register ``fn`` in :data:`AIMS`: one function for each aim of an issue (a few give a row per question)."""
    AIMS.append(fn)
    return fn


def goals(run: Run) -> list[tuple[str, bool | None, str]]:
    """Every aim's rows."""
    return [row for fn in AIMS for row in fn(run)]


@aim
def issue8_goals(run: Run) -> list[tuple[str, bool | None, str]]:
    """Issue 8: coverage time, the embedded graph against rdflib and Oxigraph, build memory, start-up."""
    out = []
    cov = run.get("embedded", "coverage")
    out.append((f"coverage in ≤ {GOALS['coverage_seconds']:.0f} s", cov.seconds <= GOALS["coverage_seconds"]
                if cov and cov.seconds else None, fmt_seconds(cov)))
    for peer, goal, word in (("rdflib", GOALS["vs_rdflib"], "faster than rdflib SPARQL"),
                             ("oxigraph", GOALS["vs_oxigraph"], "not slower than pyoxigraph")):
        for step in QUESTIONS[:3]:
            mine, theirs = run.get("embedded", step), run.get(peer, step)
            if not (mine and mine.seconds and theirs and theirs.seconds):
                out.append((f"{step}: {word}", None, theirs.note if theirs else "not run"))
                continue
            ratio = theirs.seconds / mine.seconds
            met = ratio >= goal if peer == "rdflib" else ratio >= 1 / goal
            bound = ">" if theirs.over_budget else ""
            wanted = f"≥ {goal:.0f}×" if peer == "rdflib" else "≥ 1×"
            out.append((f"{step}: {word} ({wanted})", met or (theirs.over_budget and ratio >= goal),
                        f"{bound}{ratio:.1f}× ({fmt_seconds(mine)} against {fmt_seconds(theirs)})"))
    build = run.get("embedded", "build")
    out.append((f"peak memory to build ≤ {GOALS['peak_gb']:.0f} GB",
                build.peak_mb / 1024 <= GOALS["peak_gb"] if build and build.peak_mb else None,
                f"{build.peak_mb / 1024:.2f} GB" if build and build.peak_mb else "not measured"))
    if run.startup:
        ratio = run.startup["ratio"]
        out.append((f"`zjgraph coverage` start to finish ≤ {GOALS['startup_ratio']}× `import networkx`",
                    ratio <= GOALS["startup_ratio"],
                    f"{ratio:.2f}× ({run.startup['coverage_seconds']:.3f} s against "
                    f"{run.startup['networkx_seconds']:.3f} s, median of {run.startup['runs']})"))
    return out


def _ratio_row(text: str, ratio: float, goal: float, mine: str, theirs: str) -> tuple[str, bool, str]:
    return text, ratio <= goal, f"{ratio:.2f}× ({mine} against {theirs})"


@aim
def cypher_repeated_call(run: Run) -> list[tuple[str, bool | None, str]]:
    """Issue 15: a repeated `zjgraph cypher` on the bundled data within 1.5× `zjgraph show`."""
    text = f"issue 15: repeated `zjgraph cypher` on the bundled data ≤ {GOALS['cypher_vs_show']}× `zjgraph show`"
    if "bundled_cypher" not in run.cli:
        return [(text, None, "not measured (--startup-runs 0)")]
    c, s = run.cli["bundled_cypher"], run.cli["bundled_show"]
    row = _ratio_row(text, c / s, GOALS["cypher_vs_show"], f"{c:.3f} s", f"{s:.3f} s")
    return [(*row[:2], row[2] + f", median of {run.cli['runs']}")]


@aim
def cypher_repeated_call_at_size(run: Run) -> list[tuple[str, bool | None, str]]:
    """Issue 15: a repeated `zjgraph cypher` at size L starts answering within 2 s."""
    text = f"issue 15: repeated `zjgraph --data L cypher` answers in ≤ {GOALS['cypher_repeat_seconds']:.0f} s"
    seconds = run.cli.get("cypher_at_size")
    if seconds is None:
        return [(text, None, "not measured")]
    return [(text, seconds <= GOALS["cypher_repeat_seconds"] if run.size == "L" else None,
             f"{seconds:.2f} s at size {run.size} (`{CYPHER_PROBE}`, from start to finish)")]


@aim
def ladybug_load(run: Run) -> list[tuple[str, bool | None, str]]:
    """Issue 15: LadybugDB loads size L in at most 120 s within 6 GB."""
    text = (f"issue 15: LadybugDB loads in ≤ {GOALS['ladybug_load_seconds']:.0f} s within "
            f"{GOALS['ladybug_load_gb']:.0f} GB (at L)")
    load = run.get("ladybug", "load")
    if not (load and load.seconds and not load.over_budget):
        return [(text, None if load is None else False, fmt_seconds(load) + (f" {load.note}" if load else ""))]
    gb = (load.peak_mb or 0) / 1024
    met = load.seconds <= GOALS["ladybug_load_seconds"] and gb <= GOALS["ladybug_load_gb"]
    return [(text, met if run.size == "L" else None,
             f"{fmt_seconds(load)}, peak {gb:.2f} GB (this process, the graph included), "
             f"{run.counts.get('ladybug_mb', 0):,} MB on disk, at size {run.size}")]


@aim
def ladybug_questions(run: Run) -> list[tuple[str, bool | None, str]]:
    """Issue 15: every named query on LadybugDB at most 5× the embedded time (sizes M and L)."""
    out = []
    for step in QUESTIONS:
        text = f"issue 15: {step} on LadybugDB ≤ {GOALS['ladybug_vs_embedded']:.0f}× embedded"
        mine, theirs = run.get("embedded", step), run.get("ladybug", step)
        if theirs and theirs.seconds is None and theirs.note:  # LadybugDB failed (out of memory…): a miss
            out.append((text, False, f"failed: {theirs.note}"))
            continue
        if not (mine and mine.seconds and theirs and theirs.seconds):
            out.append((text, None, theirs.note if theirs else "not run"))
            continue
        ratio = theirs.seconds / mine.seconds
        bound = ">" if theirs.over_budget else ""
        out.append((text, ratio <= GOALS["ladybug_vs_embedded"] and not theirs.over_budget,
                    f"{bound}{ratio:.1f}× ({fmt_seconds(theirs)} against {fmt_seconds(mine)})"))
    return out


@aim
def cli_coverage(run: Run) -> list[tuple[str, bool | None, str]]:
    """Issue 15: ``zjgraph --data FOLDER coverage`` with an empty cache in at most 120 s, cached in 15 s (at L)."""
    out = []
    for goal, step in CLI_STEPS.items():
        r = run.get("embedded", step)
        measured = r is not None and r.seconds is not None and not r.over_budget
        when = "with an empty cache" if goal == "cli_cold_seconds" else "cached"
        out.append((f"issue 15: `zjgraph --data FOLDER coverage` {when} ≤ {GOALS[goal]:.0f} s (at L)",
                    r.seconds <= GOALS[goal] if measured and run.size == "L" else None,
                    (f"{fmt_seconds(r)} at size {run.size}" + (f" {r.note}" if r.note else "")) if r
                    else "not run (--no-cli)"))
    return out


def report(run: Run) -> str:
    m = run.machine
    triples = run.counts.get("triples")
    lines = [f"## Size {run.size} (seed {run.seed}): {run.counts.get('entities', 0):,} entities, "
             f"{run.counts.get('facts', 0):,} facts, "
             + (f"{triples:,} triples in the Turtle export" if triples is not None else "no Turtle export"),
             "", f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gb')} GB, {m.get('system')}, "
             f"Python {m.get('python')}; " + ", ".join(f"{p} {m[p]}" for p in ("networkx", "rdflib", "pyoxigraph",
                                                                                 "ladybug") if p in m) + ".",
             f"Budget per step: {run.budget:.0f} s. Connection: {' → '.join(run.counts.get('connection', []))}.",
             "", table(run), "", "Peak memory (resident, this process) during each load:"]
    for r in run.results:
        if r.peak_mb:
            lines.append(f"- {r.engine} {r.step}: {r.peak_mb / 1024:.2f} GB")
    disagree = agreement(run)
    lines += ["", "Answers: " + ("every engine's row count matches the embedded one." if not disagree else
                                 "row counts differ: " + "; ".join(disagree))]
    lines += ["", "| goal | met | measured |", "|---|---|---|"]
    for goal, met, measured in goals(run):
        lines.append(f"| {goal} | {'yes' if met else 'not measured' if met is None else '**no**'} | {measured} |")
    return "\n".join(lines)


def main(argv=None) -> Run:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--size", default="S", help="XS, S, M or L (benchmarks/generate.py SIZES)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, help="a KGX folder to measure instead of a generated one")
    parser.add_argument("--engines", default=",".join(ENGINES), help=f"comma-separated, of {', '.join(ENGINES)}")
    parser.add_argument("--budget", type=float, default=300, help="seconds a step may take before it is stopped")
    parser.add_argument("--startup-runs", type=int, default=15, help="runs of the start-up benchmark (0: skip)")
    parser.add_argument("--no-exports", action="store_true",
                        help="skip the Turtle and neo4j-admin exports (and so Oxigraph and rdflib, which read Turtle)")
    parser.add_argument("--json", type=Path, help="also write every measurement as JSON to this file")
    parser.add_argument("--no-cli", action="store_true", help="skip timing `zjgraph --data FOLDER coverage` "
                        "in a child process (cold and cached)")
    args = parser.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",")]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engine(s) {', '.join(sorted(unknown))}; expected some of {', '.join(ENGINES)}")

    folder = data_folder(args.size, args.seed, args.data)
    run = Run(args.size, args.seed, args.budget, machine=machine())
    scratch = Path(tempfile.mkdtemp(prefix="zjgraph-bench-"))
    try:
        if not args.no_cli:
            run_cli(run, folder, scratch)
        kg, pair = run_embedded(run, folder, scratch, exports=not args.no_exports)
        if args.no_exports:
            engines = [e for e in engines if e not in ("oxigraph", "rdflib")]
        if "oxigraph" in engines:
            run_oxigraph(run, kg, scratch)
        if "ladybug" in engines:
            run_ladybug(run, kg, pair, folder, scratch, args.startup_runs)
            gc.collect()
        if "rdflib" in engines:
            run_rdflib(run, kg, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.startup_runs:
        sys.path.insert(0, str(HERE))
        from bench_startup import bench

        run.startup = bench(args.startup_runs)
    print(report(run))
    if args.json:
        args.json.write_text(json.dumps({**asdict(run)}, ensure_ascii=False, indent=1), encoding="utf-8")
    return run


if __name__ == "__main__":
    main()
