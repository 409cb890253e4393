"""Document: the source text as published, every fact's quote highlighted where it stands ("show me where it
says so"), and the document's facts beside it."""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from zjgraph.loaders.curated import compact, compact_with_offsets
from zjgraph.view import style
from zjgraph.web.pages.entity import fact_anchor
from zjgraph.web.respond import answer, kept, not_found, split_format
from zjgraph.web.state import version


def where_stated(g) -> dict[str, tuple[list, list]]:
    """For each source document, where its facts sit in ``g``: (edges as (u, v, key), attribute values as
    (node, attribute, index)). One pass over the graph, kept per graph version, so that a document's page costs
    its own facts, not the whole graph's."""
    index: dict[str, tuple[list, list]] = {}
    for u, v, k, source in g.edges(keys=True, data="source"):
        index.setdefault(source, ([], []))[0].append((u, v, k))
    for n, provenance in g.nodes(data="provenance"):
        for attr, items in (provenance or {}).items():
            for i, item in enumerate(items):
                index.setdefault(item["source"], ([], []))[1].append((n, attr, i))
    return index


def facts_of(kg, doc_id: str, where: tuple[list, list]) -> list[dict]:
    """Every fact a document states (``where``: its entry of :func:`where_stated`): relations and attribute
    values, in the order of the document's fact list."""
    g, schema = kg.graph, kg.schema
    facts = []
    edges, attributes = where
    for u, v, key in edges:
        e = g.edges[u, v, key]
        facts.append({"fact": e["fact"], "kind": "relation", "property": e["relation"],
                      "label": schema.properties[e["relation"]].label_zh,
                      "subject": {"id": u, "name": g.nodes[u]["name"]},
                      "object": {"id": v, "name": g.nodes[v]["name"]}, "value": None,
                      **{k: e[k] for k in ("quote", "certainty", "rule", "note")}})
    for n, attr, i in attributes:
        item = g.nodes[n]["provenance"][attr][i]
        facts.append({"fact": item["fact"], "kind": "attribute", "property": attr,
                      "label": schema.properties[attr].label_zh,
                      "subject": {"id": n, "name": g.nodes[n]["name"]}, "object": None, "value": item["value"],
                      **{k: item[k] for k in ("quote", "certainty", "rule", "note")}})

    def number(f):
        tail = f["fact"].rpartition("#")[2]
        return (0, int(tail), "") if tail.isdigit() else (1, 0, tail)

    return sorted(facts, key=number)


def locate(text: str, facts: list[dict]) -> None:
    """Give each fact its ``spans``: [start, end) in ``text`` of each of its quotes, found as the loader checks
    them (whitespace ignored, first occurrence); a quote not found has no span."""
    flat, offsets = compact_with_offsets(text)
    for f in facts:
        f["spans"] = []
        for quote in [f["quote"]] if isinstance(f["quote"], str) else f["quote"]:
            c = compact(quote)
            pos = flat.find(c) if c else -1
            if pos >= 0:
                f["spans"].append([offsets[pos], offsets[pos + len(c) - 1] + 1])


def segments(text: str, facts: list[dict]) -> list[dict]:
    """The text cut where any quote starts or ends: each piece with the facts covering it (innermost first,
    which gives its colour), and the anchors of facts whose first quote starts there."""
    cuts = {0, len(text)}
    for f in facts:
        for s, e in f["spans"]:
            cuts.update((s, e))
    bounds = sorted(cuts)
    starts: dict[int, list[str]] = {}
    for f in facts:
        if f["spans"]:
            starts.setdefault(f["spans"][0][0], []).append(fact_anchor(f["fact"]))
    pieces = []
    for a, b in zip(bounds, bounds[1:]):
        covering = sorted(((e - s, f) for f in facts for s, e in f["spans"] if s <= a and b <= e),
                          key=lambda p: p[0])
        inner = [f for _, f in covering]
        pieces.append({"text": text[a:b], "anchors": starts.get(a, []),
                       "facts": [fact_anchor(f["fact"]) for f in inner],
                       "relation": inner[0]["property"] if inner else None,
                       "uncertain": bool(inner) and all(f["certainty"] != "stated" for f in inner)})
    return pieces


@kept
def document_page(request: Request):
    doc_id, fmt = split_format(request.path_params["doc"])
    v = version(request)
    kg = v.kg
    meta = kg.graph.graph["documents"].get(doc_id)
    if meta is None:
        return not_found(request, f"no document has the id “{doc_id}”; the documents are listed on the home page.")

    def build():
        text = kg.document_text(doc_id)
        facts = facts_of(kg, doc_id, v.derived(("where stated",), lambda: where_stated(kg.graph)).get(doc_id, ([], [])))
        if text is None:
            return text, facts, None
        locate(text, facts)
        return text, facts, segments(text, facts)

    text, facts, pieces = v.derived(("document", doc_id), build)
    data = {"id": doc_id, "title": meta.get("title", doc_id),
            "meta": {k: val for k, val in meta.items() if k not in ("id", "title")}, "text": text, "facts": facts}
    relations = sorted({(f["property"], f["label"]) for f in facts})
    return answer(request, fmt, "document.html", data=data, kg=kg, anchor=fact_anchor, relations=relations,
                  pieces=pieces,
                  colors={r: style.relation_color(r) for r, _ in relations})


routes = [Route("/document/{doc}", document_page, name="document")]
