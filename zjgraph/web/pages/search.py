"""Search (the home page): ``zjgraph search``'s matches with facets by type, district and source document."""

from __future__ import annotations

from collections import Counter
from math import ceil

from starlette.requests import Request
from starlette.routing import Route

from zjgraph.web.respond import answer, kept, problem, split_format
from zjgraph.web.state import version

PAGE_SIZE = 20
#: Matches faceted and paged; zjgraph search's scores put the useful ones far above this.
MAX_MATCHES = 1000


def facet_index(kg) -> dict[str, tuple[list[str], list[str]]]:
    """Per entity: the districts it is located in (schools carry them) and the documents that state a fact
    about it, both sorted."""
    g = kg.graph
    docs: dict[str, set[str]] = {n: set() for n in g}
    for u, v, source in g.edges(data="source"):
        docs[u].add(source)
        docs[v].add(source)
    for n, data in g.nodes(data=True):
        for items in data.get("provenance", {}).values():
            docs[n].update(item["source"] for item in items)
    return {n: (sorted(g.nodes[n].get("districts") or []), sorted(docs[n])) for n in g}


def find(kg, index, text: str, types: list[str], district: str, doc: str) -> tuple[list[dict], dict]:
    """Matches (as ``zjgraph search --format json`` gives them) after the facet filters, and the facets'
    counts before the district and document filters (so a person sees what else there is)."""
    g = kg.graph
    if text.strip():
        hits = [vars(h) for h in kg.search(text, limit=MAX_MATCHES, types=set(types) or None)]
    else:  # browsing by type: every entity of the types, by name
        chosen = sorted((d["name"], n, d["type"]) for n, d in g.nodes(data=True) if d["type"] in types)
        hits = [{"id": n, "type": t, "name": name, "matched": "", "score": None}
                for name, n, t in chosen[:MAX_MATCHES]]
    facets = {
        "type": Counter(h["type"] for h in hits),
        "district": Counter(d for h in hits for d in index[h["id"]][0]),
        "document": Counter(d for h in hits for d in index[h["id"]][1]),
    }
    kept = [h for h in hits if (not district or district in index[h["id"]][0])
            and (not doc or doc in index[h["id"]][1])]
    return kept, {k: dict(c.most_common()) for k, c in facets.items()}


@kept
def search_page(request: Request):
    fmt = split_format(request.url.path)[1]
    v = version(request)
    kg = v.kg
    q = request.query_params
    text, types = q.get("q", ""), q.getlist("type")
    unknown = set(types) - set(kg.schema.entity_classes())
    if unknown:
        return problem(request, 400, "类型未知 Unknown type", f"unknown type(s) {', '.join(sorted(unknown))}; "
                       f"expected one of: {', '.join(sorted(kg.schema.entity_classes()))}")
    try:
        page = max(1, int(q.get("page", "1")))
    except ValueError:
        return problem(request, 400, "页码 Page", f"page must be a whole number, not “{q.get('page')}”")
    index = v.derived("facets", lambda: facet_index(kg))
    hits, facets = find(kg, index, text, types, q.get("district", ""), q.get("doc", ""))
    pages = max(1, ceil(len(hits) / PAGE_SIZE))
    shown = hits[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    data = {"query": text, "types": types, "district": q.get("district", ""), "document": q.get("doc", ""),
            "total": len(hits), "page": page, "pages": pages, "results": shown, "facets": facets}
    columns = ["id", "type", "name", "matched", "score"]
    return answer(request, fmt, "search.html", data=data, table=(columns, [[h[c] for c in columns] for h in hits]),
                  filename="search.csv", kg=kg, stats=v.derived("stats", kg.stats) if not text and not types else None)


routes = [Route("/", search_page), Route("/search", search_page), Route("/search.json", search_page),
          Route("/search.csv", search_page)]
