"""Running the application under uvicorn: the socket, the server's limits, and a server in a thread (for tests
and the benchmark, which start the real server inside one process)."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

#: Connections served at once; more get 503 at once instead of waiting without bound.
MAX_CONCURRENCY = 200
#: The largest request head (request line and headers) uvicorn reads, in bytes; see also zjgraph.web.guard.
MAX_HEAD_BYTES = 32 * 1024


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on (host, port); port 0 takes any free port. Raises OSError."""
    return socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)


def server(app) -> uvicorn.Server:
    config = uvicorn.Config(app, log_level="warning", access_log=False, limit_concurrency=MAX_CONCURRENCY,
                            h11_max_incomplete_event_size=MAX_HEAD_BYTES)
    return uvicorn.Server(config)


class Background:
    """The real server on a free loopback port, in a thread of this process: ``url``, then :meth:`stop`."""

    def __init__(self, app):
        sock = listen("127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.server = server(app)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
