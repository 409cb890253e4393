"""What zjgraph checks in a Cypher statement before and after an engine runs it: the parameters it uses
(a parameter with no value given is an error naming it, not zero rows), for an engine's error that has a
known zjgraph answer, a hint saying what to write instead, and the patterns LadybugDB is known to answer wrongly
on a large database (:func:`large_database_warnings`), so that a wrong answer does not come without a word.
"""

from __future__ import annotations

import difflib
import re

from zjgraph.problems import ZjgraphError

# A parameter, or a comment, string literal or quoted identifier (a ``$`` inside them is not a parameter).
_TOKEN = re.compile(r"\$(?:(\w+)|`([^`]+)`)|//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", re.S)


def parameters(statement: str) -> list[str]:
    """The names of the parameters ``statement`` uses (``$name``), in order of first use."""
    found = [m.group(1) or m.group(2) for m in _TOKEN.finditer(statement) if m.group(0).startswith("$")]
    return list(dict.fromkeys(found))


def check_parameters(statement: str, given: dict) -> None:
    """Raise :class:`ZjgraphError` naming every parameter ``statement`` uses that ``given`` has no value for."""
    missing = [p for p in parameters(statement) if p not in given]
    if missing:
        flags = " ".join(f"-p {p}=…" for p in missing)
        names = ", ".join(f"${p}" for p in missing)
        raise ZjgraphError(f"the statement uses {names} but no value was given: add {flags}")


NODE_PROPERTIES = "id, type, name, aliases, note, districts (and the attributes of its class)"
REL_PROPERTIES = ("fact, relation, source, quote, certainty, rule, note, major, startTime, endTime, pointInTime, "
                  "timeSource")


def hint(message: str, labels: list[str], types: list[str]) -> str | None:
    """What to write instead, for an engine error ``message`` with a known zjgraph answer; None otherwise.

    ``labels`` and ``types`` are the node labels and relationship types the database has (the ontology's
    classes and relations)."""
    if re.search(r"function TYPE does not exist", message, re.I):
        return ("LadybugDB has no type(r): read r.relation (the relation, e.g. 'partnersWith'), which every "
                "relationship carries and which works on Neo4j too")
    if m := re.search(r"Table (\S+) does not exist", message):
        return _unknown_table(m.group(1).strip("`"), labels, types)
    if re.search(r"Cannot find property \w+ for", message):
        return f"every node has {NODE_PROPERTIES}; every relationship has {REL_PROPERTIES}"
    return None


def _unknown_table(name: str, labels: list[str], types: list[str]) -> str:
    if name == "Entity":
        return "the Entity label is Neo4j's only: match (n) without a label, or filter on n.type"
    squash = {re.sub(r"_", "", t).lower(): t for t in [*labels, *types]}
    close = difflib.get_close_matches(re.sub(r"_", "", name).lower(), list(squash), n=3, cutoff=0.6)
    if close:
        return (f"{name} is neither a class nor a relation of the ontology; did you mean "
                f"{' or '.join(squash[c] for c in close)}?")
    return (f"{name} is neither a class nor a relation of the ontology. Labels: {', '.join(labels)}. "
            f"Relationship types: {', '.join(types)}")


# A node with no label between two steps, one of them untyped and undirected (-[r]-, -[]- or --): the shape
# LadybugDB 0.22 drops rows of on a national database (benchmarks/RESULTS.md, "second run").
_UNTYPED_STEP = r"(?:-\[\s*\w*\s*(?:\{[^}]*\})?\s*\]-|--)"
_BARE_NODE = r"\(\s*\w*\s*(?:\{[^}]*\})?\s*\)"
_ANY_STEP = r"(?:<?-\[[^\]]*\]->?|<?-->?)"
_UNTYPED_CHAIN = re.compile(rf"{_UNTYPED_STEP}\s*{_BARE_NODE}\s*{_ANY_STEP}"
                            rf"|{_ANY_STEP}\s*{_BARE_NODE}\s*{_UNTYPED_STEP}")

# A variable-length step that may take no steps (*0.., *0): at 499,491 nodes LadybugDB 0.22 left out the walk of
# no steps from some nodes (README, "A known defect of LadybugDB 0.22").
_ZERO_STEP = re.compile(r"-\[[^\]]*\*\s*0\s*(?:\.\.|\])")

#: Nodes from which the shapes of :func:`large_database_warnings` are warned about: every engine agreed at 51,192
#: (size M), LadybugDB dropped rows at 499,491 (size L); the threshold stays well below where the defect was seen.
LARGE_DATABASE = 100_000

UNTYPED_CHAIN_WARNING = (
    "this statement has a step with neither a relationship type nor a direction through a node with no label "
    "(like (a)-[r]-(x)-[s]-(b)); on a database this large LadybugDB 0.22 can drop rows of such patterns without "
    "an error. Give the middle node a label or the steps a type or direction, or use `zjgraph query` (README: "
    "Cypher without a server).")

ZERO_STEP_WARNING = (
    "this statement has a variable-length step that may take no steps (like (b)-[*0..2]-(x)); on a database this "
    "large LadybugDB 0.22 can leave out the walk of no steps from some nodes without an error. Start the range at "
    "1 and ask for the no-step case in a part of its own (as queries/connection.cypher does), or use `zjgraph "
    "query` (README: Cypher without a server).")


def untyped_chain(statement: str) -> bool:
    """Whether ``statement`` (comments and string literals aside) has a node with no label between two steps, one
    of them with neither a type nor a direction: ``(a)-[r1]-(x)-[r2]-(b)`` or ``(a)-[r1]->(x)-[r2]-(b)``, not
    ``(a)-[r1]-(x:Enterprise)-[r2]-(b)`` nor ``(a)-[:PARTNERS_WITH]->(x)-[:PARTNERS_WITH]-(b)``."""
    return bool(_UNTYPED_CHAIN.search(_code(statement)))


def zero_step(statement: str) -> bool:
    """Whether ``statement`` (comments and string literals aside) has a variable-length step that may take no
    steps: ``(b)-[*0..2]-(x)`` or ``(a)-[:PART_OF*0..]->(p)``, not ``(a)-[*1..2]-(x)``."""
    return bool(_ZERO_STEP.search(_code(statement)))


def large_database_warnings(statement: str) -> list[str]:
    """A warning for each shape in ``statement`` that LadybugDB 0.22 is known to answer wrongly, without an error,
    on a database of :data:`LARGE_DATABASE` nodes or more."""
    return [warning for found, warning in ((untyped_chain, UNTYPED_CHAIN_WARNING), (zero_step, ZERO_STEP_WARNING))
            if found(statement)]


def _code(statement: str) -> str:
    """``statement`` with its comments and string literals blanked out (its parameters kept)."""
    return _TOKEN.sub(lambda m: m.group(0) if m.group(0).startswith("$") else " ", statement)
