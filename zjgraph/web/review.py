"""The review workbench: one report's proposals on the page, decided by a person, saved into the data folder.

A thin layer over :mod:`zjgraph.review`: ``GET /review`` shows the report's text with every proposed entity and
fact highlighted at its span, the facts to accept, reject or edit and the candidates for each new entity;
``GET /review.json`` is the draft as data; ``POST /review/save`` takes the decisions as JSON and answers with
:meth:`zjgraph.review.Outcome.as_dict`.

The only route that writes. It exists only in an application made by :func:`create_review_app` (``zjgraph
review``, bound to the loopback address), and answers only a request that comes from the page itself: the
``Origin`` is this server's, the body is JSON, and the ``X-CSRF-Token`` header holds the random token made when
the application started and printed in the page. Anything else is refused with 403 before the body is read.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from pathlib import Path

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from zjgraph.review import Draft, save
from zjgraph.view import style
from zjgraph.web.respond import html, json_response

#: The largest decisions body accepted: a long report's thousands of proposals, with edits, fit.
MAX_SAVE_BYTES = 4 * 1024 * 1024
TOKEN_HEADER = "x-csrf-token"


def pieces(text: str, draft: Draft) -> list[dict]:
    """The text cut wherever a fact's span or an entity's mention starts or ends: each piece with the facts
    (numbers, narrowest span first) and entities (keys) it is part of."""
    spans = [(s, e, "fact", f.n) for f in draft.facts for s, e in [f.span] if e > s]
    spans += [(s, e, "entity", ent.key) for ent in draft.entities for s, e in ent.spans if e > s]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    # One sweep: the spans open at each cut, not every span tested at every cut (a long report has thousands).
    spans.sort(reverse=True)
    open_, out = [], []
    for a, b in zip(cuts, cuts[1:]):
        while spans and spans[-1][0] <= a:
            open_.append(spans.pop())
        open_ = [sp for sp in open_ if sp[1] >= b]
        over = sorted((e - s, kind, ref) for s, e, kind, ref in open_)
        out.append({"text": text[a:b], "facts": [ref for _, kind, ref in over if kind == "fact"],
                    "entities": [ref for _, kind, ref in over if kind == "entity"]})
    return out


def same_origin(request: Request) -> bool:
    """Whether the request says it comes from a page of this server (its Origin is the Host it was sent to)."""
    origin, host = request.headers.get("origin"), request.headers.get("host")
    return bool(origin and host) and origin == f"{request.url.scheme}://{host}"


class Workbench:
    """The routes of one review: its draft, the data folder it saves into, and the page's token."""

    def __init__(self, draft: Draft, data_dir: Path, *, shacl: bool = True):
        self.draft, self.data_dir, self.shacl = draft, Path(data_dir), shacl
        self.token = secrets.token_urlsafe(32)
        self.saving = threading.Lock()  # one save at a time: each one validates the whole folder
        self.last: dict | None = None  # what the last save answered

    def names(self) -> dict[str, str]:
        g = self.draft.kg.graph
        out = {e.key: e.name for e in self.draft.entities}
        for f in self.draft.facts:
            for ref in (f.subject, f.object):
                if ref and ref not in out and ref in g:
                    out[ref] = g.nodes[ref]["name"]
        return out

    def page(self, request: Request) -> Response:
        draft, schema = self.draft, self.draft.kg.schema
        if request.url.path.endswith(".json"):
            return json_response(draft.as_dict())
        props = schema.properties
        predicates = sorted({f.predicate for f in draft.facts} | set(schema.relations()) | {
            n for n, p in schema.attributes().items() if p.given_in == "Fact"})
        return html(request, "review.html", draft=draft, token=self.token, data_dir=self.data_dir,
                    names=self.names(), pieces=pieces(draft.text, draft),
                    labels={n: props[n].label_zh for n in predicates if n in props}, predicates=predicates,
                    certainties=["stated", "inferred", "ambiguous", "planned"],
                    rules=list(schema.schemes["InferenceRuleScheme"]),
                    colors={f.predicate: style.relation_color(f.predicate) for f in draft.facts})

    def refusal(self, request: Request) -> Response | None:
        """Why a save request is not answered (403, 415), or None when it comes from this server's page."""
        if not same_origin(request):
            return json_response({"error": "拒绝 refused: a save must come from the review page of this server "
                                           "(the request's Origin is missing or another site's)"}, 403)
        if not hmac.compare_digest(request.headers.get(TOKEN_HEADER, "").encode(), self.token.encode()):
            return json_response({"error": "拒绝 refused: a save must carry the review page's token (the "
                                           f"{TOKEN_HEADER} header); reload the page"}, 403)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return json_response({"error": "拒绝 refused: a save is sent as application/json"}, 415)
        return None

    async def save_endpoint(self, request: Request) -> Response:
        refused = self.refusal(request)
        if refused is not None:
            return refused
        try:
            decisions = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            decisions = None
        if not isinstance(decisions, dict):
            return json_response({"error": "the body is not a JSON object of decisions"}, 400)
        from starlette.concurrency import run_in_threadpool

        outcome = await run_in_threadpool(self._save, decisions)
        return json_response(outcome)  # a save the checks refused is an answer too: "saved": false, its problems

    def _save(self, decisions: dict) -> dict:
        with self.saving:
            self.last = save(self.data_dir, self.draft, decisions, shacl=self.shacl).as_dict()
            return self.last

    def routes(self) -> list:
        return [Route("/review", self.page, name="review"), Route("/review.json", self.page),
                Route("/review/save", self.save_endpoint, methods=["POST"]),
                Route("/review/", lambda request: RedirectResponse("/review"))]


def create_review_app(draft: Draft, data_dir: Path | str, *, use_cache: bool = True, shacl: bool = True):
    """The ``zjgraph serve`` application for ``data_dir`` with the workbench of ``draft`` added; loopback Host
    names only. ``app.state.workbench`` is the :class:`Workbench` (its ``token`` for tests)."""
    from zjgraph.web.app import create_app

    bench = Workbench(draft, Path(data_dir), shacl=shacl)
    app = create_app(Path(data_dir), use_cache=use_cache, local_only=True, routes=bench.routes(),
                     body_limits={"/review/save": MAX_SAVE_BYTES})
    app.state.workbench = bench
    return app
