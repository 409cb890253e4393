"""A headless Chromium driven over the DevTools protocol (CDP), for tests of the HTML views.

It records what a person would not see: JavaScript errors (uncaught exceptions, ``console.error``,
errors the browser logs, such as a blocked resource), every request the page makes, and dialogs
(``alert`` from an injected script). It talks to Debian's ``chromium`` through ``websocket-client``;
nothing is downloaded.
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import websocket

#: Upper bound on any wait, so that a broken page fails the test instead of hanging it. Not a timing check.
PATIENCE = 180.0


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def browser_or_skip(**size) -> Browser:
    """A started :class:`Browser` (``width``, ``height``); the test is skipped when Chromium is missing, except in
    CI, where .ci/run installs it and a missing browser is a failure."""
    import os

    import pytest

    if chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it with fonts-noto-cjk")
        pytest.skip("needs Debian's chromium: apt-get install chromium fonts-noto-cjk")
    return Browser(**size)


class Browser:
    """One Chromium process; :meth:`open` gives a fresh tab per page."""

    def __init__(self, width: int = 1400, height: int = 900):
        self.width, self.height = width, height
        self.profile = tempfile.mkdtemp(prefix="zjgraph-chromium-")
        self.process = subprocess.Popen(
            [chromium_path(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--disable-component-update", "--disable-extensions",
             "--disable-sync", "--no-first-run", "--no-default-browser-check", "--mute-audio",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + PATIENCE
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=PATIENCE,
                                              suppress_origin=True)
        self.ids = itertools.count(1)
        self.pages: dict[str, Page] = {}

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send one CDP command and return its result; events that arrive meanwhile go to their page."""
        msg_id = next(self.ids)
        msg = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        while True:
            reply = self._receive()
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _receive(self) -> dict:
        reply = json.loads(self.ws.recv())
        if "method" in reply and reply.get("sessionId") in self.pages:
            self.pages[reply["sessionId"]].on_event(reply["method"], reply.get("params", {}))
        return reply

    def pump(self, seconds: float) -> None:
        """Process events for up to ``seconds``."""
        self.ws.settimeout(seconds)
        try:
            self._receive()
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.ws.settimeout(PATIENCE)

    def open(self, path: Path | str) -> Page:
        """Load ``path`` (a file, or an http:// address) in a new tab and return it once its load event has fired."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        url = path if str(path).startswith(("http://", "https://")) else Path(path).resolve().as_uri()
        page = Page(self, session, url)
        self.pages[session] = page
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.send(f"{domain}.enable", session=session)
        self.send("Emulation.setDeviceMetricsOverride", {"width": self.width, "height": self.height,
                                                         "deviceScaleFactor": 1, "mobile": False}, session)
        self.send("Page.navigate", {"url": page.url}, session)
        page.wait(lambda: page.loaded, "the page's load event")
        return page

    def close(self) -> None:
        if getattr(self, "ws", None):
            try:
                self.send("Browser.close")
            except (OSError, RuntimeError, websocket.WebSocketException):
                pass
            self.ws.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """One tab: what it logged and requested, and JavaScript evaluation in it."""

    def __init__(self, browser: Browser, session: str, url: str):
        self.browser, self.session, self.url = browser, session, url
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.loaded = False

    def on_event(self, method: str, params: dict) -> None:
        if method == "Runtime.exceptionThrown":
            d = params["exceptionDetails"]
            self.errors.append(d.get("exception", {}).get("description") or d.get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            self.errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.errors.append(params["entry"]["text"])
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if url != self.url and not url.startswith(("data:", "blob:", "about:")):
                self.requests.append(url)
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params["message"])
            self.browser.ws.send(json.dumps({"id": next(self.browser.ids), "sessionId": self.session,
                                             "method": "Page.handleJavaScriptDialog", "params": {"accept": True}}))
        elif method == "Page.loadEventFired":
            self.loaded = True

    def evaluate(self, expression: str):
        """The value of a JavaScript expression (promises awaited), as JSON-compatible Python."""
        result = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                        "awaitPromise": True}, self.session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait(self, condition, what: str) -> None:
        deadline = time.monotonic() + PATIENCE
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"gave up waiting for {what}")
            self.browser.pump(0.1)

    def wait_for(self, expression: str) -> None:
        """Wait until a JavaScript expression is true."""
        self.wait(lambda: self.evaluate(expression), expression)

    def navigate(self, action: str) -> None:
        """Run JavaScript that leaves the page (a click on a link, a form's submit) and wait for the next page's
        load event; ``url`` becomes the address arrived at."""
        self.loaded = False
        self.evaluate(action)
        self.wait(lambda: self.loaded, f"the page after {action}")
        self.url = self.evaluate("location.href")

    def close(self) -> None:
        """Close the tab."""
        self.browser.send("Page.close", session=self.session)

    def hover(self, x: float, y: float) -> None:
        """Move the mouse to (x, y) in CSS pixels of the viewport, as a person would."""
        self.browser.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y}, self.session)

    def click(self, x: float, y: float) -> None:
        """Press and release the left button at (x, y) in CSS pixels of the viewport."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.browser.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                           "clickCount": 1}, self.session)

    def type(self, text: str) -> None:
        """Type ``text`` into the focused element, as a keyboard or an input method would."""
        self.browser.send("Input.insertText", {"text": text}, self.session)

    def key(self, name: str) -> None:
        """Press and release one named key (Enter, Escape…) on the focused element."""
        for kind in ("keyDown", "keyUp"):
            self.browser.send("Input.dispatchKeyEvent", {"type": kind, "key": name, "code": name,
                                                         "windowsVirtualKeyCode": {"Enter": 13, "Escape": 27}[name]},
                              self.session)

    def screenshot(self, path: Path) -> Path:
        data = self.browser.send("Page.captureScreenshot", {"format": "png"}, self.session)["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)
