"""Reopening a report saved before: the decisions its earlier save stands for, as the page's starting state, so
that saving again without a change writes the same document."""

from __future__ import annotations

import tomllib

from zjgraph.review.layout import Layout


def _read(path, ours: bool) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8")) if ours else {}


def earlier_decisions(layout: Layout, draft) -> dict:
    """The decisions (see :mod:`zjgraph.review.save`) an earlier save of ``draft``'s document in ``layout`` holds:
    its new entities with their ids, its merges, its accepted facts with their certainty, rule and majors; every
    other fact rejected. Empty when there is no earlier save."""
    from zjgraph.review.save import final_ids

    if not layout.saved_before():
        return {}
    facts = _read(layout.facts, True)
    registry = _read(layout.registry, layout.registry.exists() and Layout._ours(layout.registry))
    named = {e.get("name"): e.get("id") for e in [*registry.get("entity", []), *facts.get("entity", [])]}
    aliases = facts.get("aliases", {})
    entities = {}
    for e in draft.entities:
        if e.known:
            continue
        if e.name in named:
            entities[e.key] = {"action": "new", "id": named[e.name]}
        elif e.name in aliases:
            entities[e.key] = {"action": "merge", "into": aliases[e.name]}
    ids = final_ids(draft, {"entities": entities})
    saved = {}
    for f in facts.get("fact", []):
        quote = f.get("quote") if isinstance(f.get("quote"), str) else None
        saved.setdefault((f.get("subject"), f.get("predicate"), f.get("object"), f.get("value"), quote), f)
    decided = {}
    for f in draft.facts:
        obj = ids.get(f.object, f.object) if f.object else None
        hit = saved.get((ids.get(f.subject, f.subject), f.predicate, obj, None if obj else f.value, f.quote))
        if hit is None:
            decided[str(f.n)] = {"action": "reject"}
        else:
            decided[str(f.n)] = {"action": "accept", **{k: hit[k] for k in ("certainty", "rule", "major", "note")
                                                         if k in hit}}
    out = {"entities": entities, "facts": decided}
    for doc, block in layout._entries():
        if doc == layout.doc_id:
            entry = tomllib.loads(block)["document"][0]
            out.update({k: entry[k] for k in ("title", "kind", "district") if isinstance(entry.get(k), str)})
    return out
