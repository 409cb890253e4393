"""The types, relations, attributes and controlled values of zjgraph, read from the ontology.

The ontology (``ontology/*.ttl``) is the single source of truth; this module only reads it into plain
Python objects that the loaders, the validator and the CLI consult. rdflib is imported here and only
here, when a schema is actually parsed (a cached graph carries its schema along, see ``zjgraph.cache``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

ZJ = "https://w3id.org/zjgraph/ontology#"


SHAPES = "shapes.ttl"


def ontology_files() -> list[Path]:
    """The Turtle files of the bundled ontology and vocabularies (not the shapes), in a stable order."""
    folder = files("zjgraph.ontology")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".ttl") and p.name != SHAPES)


def shapes_file() -> Path:
    return Path(str(files("zjgraph.ontology") / SHAPES))


@dataclass(frozen=True)
class ClassDef:
    """An entity type: ``name`` is the ontology's local name (``School``)."""

    name: str
    label_zh: str
    label_en: str
    definition_en: str
    parents: tuple[str, ...]
    id_prefix: str | None
    name_in_source: bool


@dataclass(frozen=True)
class PropertyDef:
    """A relation (``kind == "relation"``) or attribute (``kind == "attribute"``)."""

    name: str
    kind: str
    label_zh: str
    label_en: str
    domain: frozenset[str]
    range: frozenset[str]
    value_scheme: str | None
    datatype: str | None
    given_in: str | None
    symmetric: bool
    value_is_time: bool = False  # zj:valueIsPointInTime: the value is the statement's point in time


@dataclass(frozen=True)
class Concept:
    notation: str
    name: str
    label_zh: str
    label_en: str
    catalogue_categories: frozenset[str] = frozenset()


@dataclass
class Schema:
    """Everything zjgraph needs to know about the ontology."""

    classes: dict[str, ClassDef] = field(default_factory=dict)
    properties: dict[str, PropertyDef] = field(default_factory=dict)
    schemes: dict[str, dict[str, Concept]] = field(default_factory=dict)

    def ancestors(self, cls: str) -> set[str]:
        """``cls`` and every zjgraph class it is a subclass of."""
        seen, todo = set(), [cls]
        while todo:
            c = todo.pop()
            if c in seen or c not in self.classes:
                continue
            seen.add(c)
            todo.extend(self.classes[c].parents)
        return seen

    def is_a(self, cls: str, others: frozenset[str] | set[str]) -> bool:
        """True when ``others`` is empty (no constraint) or ``cls`` is one of them or a subclass."""
        return not others or bool(self.ancestors(cls) & set(others))

    def entity_classes(self) -> dict[str, ClassDef]:
        """Classes an entity record may name as its type: those with an id prefix."""
        return {n: c for n, c in self.classes.items() if c.id_prefix}

    def predicates(self) -> dict[str, PropertyDef]:
        """Properties a fact may state: all but the provenance and time of statements (source, evidence,
        startTime …) and the fields of source documents (reportingPeriod)."""
        return {n: p for n, p in self.properties.items() if p.domain not in ({"Statement"}, {"SourceDocument"})}

    def relations(self) -> dict[str, PropertyDef]:
        return {n: p for n, p in self.predicates().items() if p.kind == "relation"}

    def attributes(self) -> dict[str, PropertyDef]:
        return {n: p for n, p in self.predicates().items() if p.kind == "attribute"}

    def applies_to(self, prop: str, cls: str) -> bool:
        return self.is_a(cls, self.properties[prop].domain)

    def type_label(self, cls: str) -> str:
        c = self.classes.get(cls)
        return f"{c.label_zh}" if c else cls


def _local(iri) -> str | None:
    s = str(iri)
    return s[len(ZJ):] if s.startswith(ZJ) else None


def load_schema(paths: list[Path] | None = None) -> Schema:
    """Parse the ontology Turtle files into a :class:`Schema`."""
    from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace

    schema_org = Namespace("https://schema.org/")
    zj = Namespace(ZJ)
    g = Graph()
    for p in paths or ontology_files():
        g.parse(p, format="turtle")

    def label(node, pred=RDFS.label, lang="zh") -> str:
        for o in g.objects(node, pred):
            if isinstance(o, Literal) and o.language == lang:
                return str(o)
        return ""

    out = Schema()
    for c in g.subjects(RDF.type, OWL.Class):
        name = _local(c)
        if name is None:
            continue
        prefix = g.value(c, zj.idPrefix)
        in_source = g.value(c, zj.nameInSource)
        out.classes[name] = ClassDef(
            name=name,
            label_zh=label(c),
            label_en=label(c, lang="en"),
            definition_en=label(c, SKOS.definition, "en"),
            parents=tuple(sorted(p for p in map(_local, g.objects(c, RDFS.subClassOf)) if p)),
            id_prefix=str(prefix) if prefix is not None else None,
            name_in_source=in_source is None or bool(in_source.toPython()),
        )
    for kind, owl_type in (("relation", OWL.ObjectProperty), ("attribute", OWL.DatatypeProperty)):
        for p in g.subjects(RDF.type, owl_type):
            name = _local(p)
            if name is None:
                continue
            scheme = _local(g.value(p, zj.valueScheme)) if g.value(p, zj.valueScheme) else None
            given = g.value(p, zj.givenIn)
            datatype = g.value(p, RDFS.range)
            out.properties[name] = PropertyDef(
                name=name,
                kind=kind,
                label_zh=label(p),
                label_en=label(p, lang="en"),
                domain=frozenset(filter(None, map(_local, g.objects(p, schema_org.domainIncludes)))),
                range=frozenset(filter(None, map(_local, g.objects(p, schema_org.rangeIncludes)))),
                value_scheme=scheme,
                datatype=str(datatype).rsplit("#", 1)[-1] if datatype is not None and kind == "attribute" else None,
                given_in=_local(given) if given is not None else None,
                symmetric=(p, RDF.type, OWL.SymmetricProperty) in g,
                value_is_time=bool(g.value(p, zj.valueIsPointInTime)),
            )
    for s in g.subjects(RDF.type, SKOS.ConceptScheme):
        name = _local(s)
        concepts = {}
        for c in g.subjects(SKOS.inScheme, s):
            notation = str(g.value(c, SKOS.notation))
            categories = frozenset(map(str, g.objects(c, zj.matchesCatalogueCategory)))
            concepts[notation] = Concept(notation, _local(c), label(c, SKOS.prefLabel), label(c, SKOS.prefLabel, "en"),
                                         categories)
        out.schemes[name] = concepts
    return out
