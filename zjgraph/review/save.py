"""From a draft and a reviewer's decisions to a data folder: the files, validated, then written as one change.

Decisions (what the web page posts, and what a script may pass) are a dict::

    {"title": "…", "district": "place:bishan",
     "entities": {"ent:x-1a2b": {"action": "new", "id": "ent:bikang"},
                  "ent:x-3c4d": {"action": "merge", "into": "ent:byd-fudi"}},
     "facts": {"1": {"action": "accept", "certainty": "stated"},
               "2": {"action": "accept", "object": "ent:x-1a2b", "major": ["major:nev"]},
               "3": {"action": "reject"}}}

A fact's fields (subject, predicate, object, value, certainty, rule, major, note) default to the proposal's, the
certainty to ``stated`` (``inferred`` when the proposal names a rule); a subject or object may be written as a
proposal key, an id or a name. Facts not accepted are left out. A new entity is written only when an accepted fact
uses it: to the registry (``registry/review-SLUG.toml``), or, for indicators and targets, to the facts file. A merged
entity's names become the document's own aliases of the entity it was merged into.

:func:`save` copies the data folder next to itself, writes the document into the copy, runs every check of
``zjgraph validate`` on it, and only if none fails puts the copy in the folder's place (one atomic exchange of names),
so a failed save changes nothing. Saving again replaces the earlier save.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from zjgraph import time
from zjgraph.problems import Problem, ZjgraphError
from zjgraph.review.draft import UNNAMED, Draft
from zjgraph.review.layout import MARK, Layout, Refused

# A reviewed fact's time is what its quote states (a start, an end, a point in time), never a bare `date`.
FACT_FIELDS = ("subject", "predicate", "object", "value", "certainty", "rule", time.START, time.END, time.POINT,
               "major", "note")
ACCEPTED = ("stated", "inferred", "ambiguous", "planned")


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def _table(header: str, record: dict) -> str:
    return f"[[{header}]]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in record.items() if v not in (None, [], ""))


@dataclass
class Located:
    """A problem of the would-be folder, tied to the proposal it concerns (``fact`` number or ``entity`` key)."""

    problem: Problem
    fact: int | None = None
    entity: str | None = None

    def as_dict(self) -> dict:
        return {**self.problem.as_dict(), "text": str(self.problem), "fact": self.fact, "entity": self.entity}


@dataclass
class Outcome:
    saved: bool
    problems: list[Located] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"saved": self.saved, "counts": self.counts, "files": self.files,
                "problems": [p.as_dict() for p in self.problems]}


@dataclass
class Plan:
    """The files of the document, and where each written record came from (to place problems)."""

    entry: str
    facts: str
    registry: str | None
    fact_of_index: dict[int, int] = field(default_factory=dict)  # n-th [[fact]] written -> proposal fact number
    entity_of_id: dict[str, str] = field(default_factory=dict)  # written or aliased id -> proposal entity key
    entity_of_alias: dict[str, str] = field(default_factory=dict)  # alias written -> proposal entity key
    counts: dict = field(default_factory=dict)
    problems: list[Located] = field(default_factory=list)  # found before any file is written


def final_ids(draft: Draft, decisions: dict) -> dict[str, str]:
    """The id each proposal entity ends up with: a known one's own, the merged-into one's, or its new id."""
    ids = {}
    chosen = decisions.get("entities") or {}
    for e in draft.entities:
        d = chosen.get(e.key) or {}
        if e.known:
            ids[e.key] = e.key
        elif d.get("action") == "merge" and d.get("into"):
            ids[e.key] = str(d["into"]).strip()
        else:
            ids[e.key] = str(d.get("id") or e.suggested_id).strip()
    return ids


def _wrong_id(draft: Draft, e, final: str, merge: bool) -> str | None:
    """Why ``final`` cannot be the id of the proposal entity ``e`` (merged into it, or new under it), or None."""
    from zjgraph.loaders.curated import ID_PATTERN

    if merge:
        return None if final in draft.kg.graph else f"{final!r}, to merge {e.name} into, is not a known entity"
    prefix = draft.kg.schema.entity_classes()[e.type].id_prefix
    if not ID_PATTERN.fullmatch(final) or not final.startswith(prefix + ":"):
        return (f"the new id {final!r} must look like {prefix}:name (lowercase a-z, 0-9, -), {prefix}: for a "
                f"{e.type}")
    return None


def _reference(draft: Draft, ids: dict[str, str], value) -> str:
    """An entity reference as the reviewer wrote it (proposal key, id or name) as the id it stands for; left as
    written when it names nothing (validation then says so, next to the fact)."""
    value = str(value).strip()
    if value in ids:
        return ids[value]
    if value in ids.values() or value in draft.kg.graph:
        return value
    by_name = {n: e.key for e in draft.entities for n in [e.name, *e.names]}
    if value in by_name:
        return ids[by_name[value]]
    try:
        return draft.kg.resolve(value)
    except LookupError:
        return value


def plan(draft: Draft, decisions: dict) -> Plan:
    ids = final_ids(draft, decisions)
    chosen = decisions.get("facts") or {}
    facts, used, index, problems = [], set(), {}, []
    for f in draft.facts:
        d = chosen.get(str(f.n)) or {}
        if d.get("action") != "accept":
            continue
        rec = {"subject": f.subject, "predicate": f.predicate, "object": f.object, "value": f.value,
               "quote": f.quote, "certainty": "inferred" if f.rule else "stated", "rule": f.rule, "note": f.note}
        for k in FACT_FIELDS:
            if k in d:
                rec[k] = d[k] if not isinstance(d[k], str) else d[k].strip()
        if isinstance(rec["value"], str) and rec["value"] == str(f.value):
            rec["value"] = f.value  # a form gives text: an unedited number stays a number
        if rec.get("certainty") not in ACCEPTED:
            problems.append(Located(Problem("(review)", None, f"fact {f.n}", f"an accepted fact's certainty is one "
                                            f"of {', '.join(ACCEPTED)}, not {rec.get('certainty')!r}"), fact=f.n))
        if rec.get("certainty") != "inferred" and "rule" not in d:
            rec["rule"] = None
        rec["subject"] = _reference(draft, ids, rec["subject"])
        if rec.get("object") not in (None, ""):
            rec["object"] = _reference(draft, ids, rec["object"])
            rec["value"] = None
        else:
            rec["object"] = None
        major = rec.get("major") or []
        major = major.replace("，", ",").split(",") if isinstance(major, str) else major
        major = [m for m in major if str(m).strip()]
        rec["major"] = [_reference(draft, ids, m) for m in major]
        if list(f.span) and rec["quote"] == f.quote:
            rec["span"] = list(f.span)
        used |= {rec["subject"], rec["object"], *rec["major"]}
        facts.append(rec)
        index[len(facts)] = f.n
    order = ["subject", "predicate", "object", "value", "quote", "certainty", "rule", time.START, time.END, time.POINT,
             "major", "note", "span"]
    plan = Plan("", "", None, fact_of_index=index, problems=problems)
    registry, described, aliases = [], [], dict(draft.aliases)
    for e in draft.entities:
        final = ids[e.key]
        plan.entity_of_id.setdefault(final, e.key)
        if e.known:
            continue
        merge = ((decisions.get("entities") or {}).get(e.key) or {}).get("action") == "merge"
        wrong = _wrong_id(draft, e, final, merge)
        if wrong and (merge or final in used):
            problems.append(Located(Problem("(review)", None, f"entity {e.key}", wrong), entity=e.key))
            continue
        if wrong:
            continue
        if merge:
            target = draft.kg.graph.nodes[final]
            global_names = {target.get("name"), *target.get("aliases", [])}
            for n in dict.fromkeys([e.name, *e.names]):
                if n not in global_names:
                    aliases[n] = final
                    plan.entity_of_alias[n] = e.key
            continue
        if final not in used:
            continue
        rec = {"id": final, "type": e.type, "name": e.name}
        if e.type in UNNAMED:
            described.append(_table("entity", {**rec, **e.record}))
        else:
            others = [n for n in dict.fromkeys(e.names) if n != e.name]
            registry.append(_table("entity", {**rec, "aliases": others}))
    head = f"{MARK} from {Path(draft.source).name}; saving the review again replaces this file.\n"
    lines = [head, f"document = {_toml(draft.doc_id)}\n"]
    if aliases:
        lines.append("[aliases]\n" + "".join(f"{_toml(k)} = {_toml(v)}\n" for k, v in aliases.items()))
    lines += described
    lines += [_table("fact", {k: rec.get(k) for k in order}) for rec in facts]
    plan.facts = "\n".join(lines)
    if registry:
        plan.registry = "\n".join([f"{MARK}: the entities {draft.doc_id} first named; saving the review again "
                                   "replaces this file.\n", *registry])
    title = str(decisions.get("title") or draft.title).strip() or draft.doc_id
    district = str(decisions.get("district") if "district" in decisions else draft.district or "").strip()
    if district:
        district = _reference(draft, ids, district)  # 璧山区 or place:bishan
    plan.entry = _table("document", {"id": draft.doc_id, "file": f"{draft.doc_id.split(':', 1)[1]}.txt",
                                     "title": title, "kind": str(decisions.get("kind") or "").strip(),
                                     "district": district})
    plan.counts = {"facts": len(facts), "new entities": len(registry) + len(described), "aliases": len(aliases)}
    return plan


_FACT_ENTRY = re.compile(r"fact #(\d+)")
_ENTITY_ENTRY = re.compile(r"entity (\S+)")
_ALIAS_ENTRY = re.compile(r"alias (.+)")


def locate(problems: list[Problem], layout: Layout, p: Plan) -> list[Located]:
    """Tie each problem to the proposal it concerns, where it concerns one."""
    out = []
    for prob in problems:
        loc = Located(prob)
        if prob.file == layout.rel(layout.facts) and (m := _FACT_ENTRY.match(prob.entry)):
            loc.fact = p.fact_of_index.get(int(m.group(1)))
        elif m := _ENTITY_ENTRY.match(prob.entry):
            loc.entity = p.entity_of_id.get(m.group(1))
        elif prob.file == layout.rel(layout.facts) and (m := _ALIAS_ENTRY.match(prob.entry)):
            loc.entity = p.entity_of_alias.get(m.group(1))
        out.append(loc)
    return out


class _Invalid(Exception):
    def __init__(self, report):
        self.report = report


def save(data_dir: Path | str, draft: Draft, decisions: dict, *, shacl: bool = True) -> Outcome:
    """Write the reviewed document into ``data_dir`` if the result passes every check of ``zjgraph validate``;
    otherwise change nothing and return the problems (errors, each tied to its proposal where it has one)."""
    from zjgraph import files
    from zjgraph.validate import validate_folder

    data_dir = Path(data_dir)
    p = plan(draft, decisions)
    layout = Layout(data_dir, draft.doc_id)
    written = [layout.rel(x) for x in (layout.corpus, layout.documents, layout.facts)]
    if p.registry:
        written.append(layout.rel(layout.registry))
    if p.problems:
        return Outcome(False, p.problems, p.counts)
    with files.locked(data_dir):
        try:
            layout.check_ownership()
        except Refused as err:
            return Outcome(False, [Located(Problem(layout.rel(layout.facts), None, draft.doc_id, str(err)))],
                           p.counts)
        try:
            with files.replacing_folder(data_dir) as staging:
                shutil.copytree(data_dir, staging, symlinks=True, dirs_exist_ok=True)
                Layout(staging, draft.doc_id).write(draft.text, p.entry, p.facts, p.registry)
                report = validate_folder(staging, shacl=shacl)
                if report.errors:
                    raise _Invalid(report)
        except _Invalid as bad:
            return Outcome(False, locate(bad.report.errors, layout, p), p.counts)
        except (OSError, ZjgraphError) as err:  # a full disk, a file that cannot be copied: nothing was changed
            where = getattr(err, "filename", None) or data_dir
            reason = getattr(err, "strerror", None) or str(err)
            return Outcome(False, [Located(Problem(str(where), None, "save", f"cannot write the data folder: "
                                                   f"{reason}; nothing was changed"))], p.counts)
    mine = [w for w in report.problems if w.file in written]  # the folder's older warnings are not this save's
    return Outcome(True, locate(mine, layout, p), p.counts, written)
