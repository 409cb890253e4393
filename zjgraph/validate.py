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


def _shacl(data, graph, schema) -> tuple[str, list[Problem]]:
    import pyshacl
    from rdflib import SH, Graph

    from zjgraph.rdf import entity_iri, statement_iri, to_rdf
    from zjgraph.schema import ontology_files, shapes_file

    ontology = Graph()
    for p in ontology_files():
        ontology.parse(p, format="turtle")
    shapes = Graph().parse(shapes_file(), format="turtle")
    conforms, results, _ = pyshacl.validate(to_rdf(graph, schema), shacl_graph=shapes, ont_graph=ontology,
                                            inference="none", advanced=True, allow_warnings=True)
    where = {entity_iri(e.id): (e.file, e.line, f"entity {e.id}") for e in data.entities.values()}
    where.update({statement_iri(f.uid): (f.file, f.line, f"fact #{f.uid.split('#')[1]}") for f in data.facts})
    problems = []
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(r, SH.focusNode)
        file, line, entry = where.get(focus, ("(rdf)", None, str(focus)))
        message = str(results.value(r, SH.resultMessage) or "violates a shape")
        path = results.value(r, SH.resultPath)
        problems.append(Problem(file, line, entry, f"SHACL: {message}" + (f" [path {path}]" if path else "")))
    return ("conforms" if conforms else f"{len(problems)} violation(s)"), problems


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
    graph = build_graph(data)
    report.problems += _graph_warnings(data, graph)
    if shacl:
        report.shacl, found = _shacl(data, graph, schema)
        report.problems += found
    return report
