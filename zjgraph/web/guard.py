"""What keeps the server safe to run: bounded requests, headers that forbid outside requests, no tracebacks.

The pages load nothing from elsewhere: every script, style and font is served from ``/static`` in the package,
and the Content-Security-Policy below makes the browser refuse anything else (and any inline script, so an
injected ``<script>`` in a document's text could not run even if it escaped escaping).
"""

from __future__ import annotations

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

#: The longest URL (path and query string, in bytes) served: a Cypher statement fits many times over.
MAX_URL_BYTES = 16 * 1024
#: The largest request body accepted. The read-only pages are GET only, so a body is never needed; a route that
#: takes one (the review workbench's save) is given its own limit through ``body_limits``.
MAX_BODY_BYTES = 64 * 1024


class Guard:
    """ASGI middleware: refuses oversized requests (414, 413) and adds :data:`HEADERS` to every response.

    ``body_limits`` maps a path to the largest body it accepts, where that is not :data:`MAX_BODY_BYTES`.
    """

    def __init__(self, app, body_limits: dict[str, int] | None = None):
        self.app = app
        self.body_limits = body_limits or {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        url_bytes = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
        length = dict(scope["headers"]).get(b"content-length", b"0")
        limit = self.body_limits.get(scope["path"], MAX_BODY_BYTES)
        if url_bytes > MAX_URL_BYTES:
            return await _refuse(send, 414, f"The address is too long (over {MAX_URL_BYTES} bytes).")
        if not length.isdigit() or int(length) > limit:
            return await _refuse(send, 413, f"The request is too large (over {limit} bytes).")

        received = 0

        async def bounded_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:  # a chunked body that announced no length
                raise ValueError("request body over the limit")
            return message

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in names)]
            await send(message)

        await self.app(scope, bounded_receive, with_headers)


async def _refuse(send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close"), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
