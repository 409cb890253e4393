"""``zjgraph validate``: every check on a data folder, reported as located problems.

1. The loader's checks (``zjgraph.loaders.curated``): well-formed TOML, known types, relations and
   attributes, ids, domain and range, dangling references, alias collisions, names and quotes found
   verbatim in the corpus, catalogue codes.
2. Warnings on a loadable graph: an attribute two documents give different values for, an entity
   no fact mentions.
3. The SHACL shapes of the ontology (``ontology/shapes.ttl``), run by pySHACL on the RDF rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zjgraph.problems import Problem


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    shacl: str = "not run"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def summary(self) -> str:
        n_err, n_warn = len(self.errors), len(self.problems) - len(self.errors)
        counts = ", ".join(f"{v} {k}" for k, v in self.counts.items())
        verdict = "FAILED" if n_err else "OK"
        return f"{verdict}: {n_err} error(s), {n_warn} warning(s); checked {counts}; SHACL: {self.shacl}"

    def as_dict(self) -> dict:
        return {"ok": not self.errors, "counts": self.counts, "shacl": self.shacl,
                "problems": [p.as_dict() for p in self.problems]}


def _graph_warnings(data, graph) -> list[Problem]:
    out = []
    mentioned = {f.subject for f in data.facts} | {f.object for f in data.facts if f.object}
    mentioned |= {m for f in data.facts for m in f.major}
    for e in data.entities.values():
        if e.id not in mentioned:
            out.append(Problem(e.file, e.line, f"entity {e.id}", "no fact mentions this entity", "warning"))
        node = graph.nodes[e.id]
        for attr, evidence in node.get("provenance", {}).items():
            if isinstance(node[attr], list):
                where = "; ".join(f"{ev['value']} ({ev['fact']})" for ev in evidence)
                out.append(Problem(e.file, e.line, f"entity {e.id}", f"documents disagree on {attr}: {where}",
                                   "warning"))
    return out


def check_shapes(rdf) -> list[tuple[object, str]]:
    """Run the ontology's SHACL shapes on an rdflib graph; one (offending node, message) per violation."""
    import pyshacl
    from rdflib import SH, Graph

    from zjgraph.schema import ontology_files, shapes_file

    ontology = Graph()
    for p in ontology_files():
        ontology.parse(p, format="turtle")
    shapes = Graph().parse(shapes_file(), format="turtle")
    # The ontology goes into the data graph itself: pySHACL's ont_graph is only mixed in when it infers.
    _, results, _ = pyshacl.validate(rdf + ontology, shacl_graph=shapes, inference="none", advanced=True,
                                     allow_warnings=True)
    out = []
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        node = results.value(r, SH.focusNode)
        if (None, SH.targetNode, node) in shapes:  # a whole-graph check: the offender is the value
            node = results.value(r, SH.value)
        message = str(results.value(r, SH.resultMessage) or "violates a shape")
        path = results.value(r, SH.resultPath)
        out.append((node, message + (f" [path {path}]" if path else "")))
    return out


def _shacl(data, graph, schema) -> tuple[str, list[Problem]]:
    from zjgraph.rdf import entity_iri, statement_iri, to_rdf

    where = {entity_iri(e.id): (e.file, e.line, f"entity {e.id}") for e in data.entities.values()}
    where.update({statement_iri(f.uid): (f.file, f.line, f"fact #{f.uid.split('#')[1]}") for f in data.facts})
    problems = []
    for node, message in check_shapes(to_rdf(graph, schema)):
        file, line, entry = where.get(node, ("(rdf)", None, str(node)))
        problems.append(Problem(file, line, entry, f"SHACL: {message}"))
    return ("conforms" if not problems else f"{len(problems)} violation(s)"), problems


def validate_folder(root: Path, shacl: bool = True) -> Report:
    """Run every check on the data folder ``root``."""
    from zjgraph.loaders.curated import read_dataset
    from zjgraph.loaders.to_networkx import build_graph
    from zjgraph.schema import load_schema

    schema = load_schema()
    data, problems = read_dataset(Path(root), schema)
    report = Report(problems=list(problems))
    report.counts = {"documents": len(data.documents), "entities": len(data.entities), "facts": len(data.facts)}
    if report.errors:
        report.shacl = "skipped until the errors above are fixed"
        return report
    graph = build_graph(data, schema)
    report.problems += _graph_warnings(data, graph)
    if shacl:
        report.shacl, found = _shacl(data, graph, schema)
        report.problems += found
    return report
