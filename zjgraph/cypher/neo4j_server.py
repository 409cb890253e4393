"""A connection to a Neo4j server: settings from ``NEO4J_*`` variables or flags, the server's version check, and
every driver failure turned into one line that says what is wrong and what to check.

The official ``neo4j`` driver is a dependency of zjgraph, imported only here. The password is never
part of a message, a log line or a repr: one written into the address (``neo4j://user:password@host``) is taken out
of it when the settings are read, so neither zjgraph's messages nor the driver's (which name the address) can show
it, and :func:`redact` masks any address with a password that a message might still quote.
"""

from __future__ import annotations

import logging
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import unquote

from zjgraph.problems import ZjgraphError

DEFAULT_URI = "neo4j://localhost:7687"
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
MIN_VERSION = (5, 0)  # the named queries use EXISTS { … } as a value and the loader Neo4j 5 schema commands
VERSION = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"


USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^:/@\s]*):[^@\s]*@")


def redact(text: str) -> str:
    """``text`` with the password of every address in it masked: ``bolt://neo4j:***@host``."""
    return USERINFO.sub(r"\g<scheme>\g<user>:***@", text)


def split_userinfo(uri: str) -> tuple[str, str | None, str | None]:
    """``(address without "user:password@", user, password)``; user and password are None when not given."""
    scheme, sep, rest = uri.partition("://")
    userinfo, at, host = rest.rpartition("@")  # a password may hold "@" or "/"; a Bolt host or port cannot
    if not sep or not at:
        return uri, None, None
    user, colon, password = userinfo.partition(":")
    return f"{scheme}://{host}", unquote(user), unquote(password) if colon else None


@dataclass(frozen=True)
class Settings:
    """Where and as whom to connect; ``database`` None means the server's default database."""

    uri: str = DEFAULT_URI
    username: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str | None = None

    def __post_init__(self):
        address, user, password = split_userinfo(self.uri)
        if address != self.uri:  # made directly with a password in the address: take it out, as from_env does
            object.__setattr__(self, "uri", address)
            if user and self.username == "neo4j":
                object.__setattr__(self, "username", user)
            if password is not None and not self.password:
                object.__setattr__(self, "password", password)

    @classmethod
    def from_env(cls, uri=None, username=None, password=None, database=None) -> Settings:
        """Flags first, then ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``. A user and
        password in the address (``neo4j://user:password@host``) are taken out of it, and used unless flags give
        others."""
        env = os.environ.get
        address, uri_user, uri_password = split_userinfo(uri or env("NEO4J_URI") or DEFAULT_URI)
        if password is None:
            password = uri_password if uri_password is not None else env("NEO4J_PASSWORD", "")
        return cls(uri=address, username=username or uri_user or env("NEO4J_USERNAME") or "neo4j",
                   password=password, database=database or env("NEO4J_DATABASE") or None)

    @property
    def where(self) -> str:
        """The server and database, for messages."""
        return f"{self.uri} (database “{self.database or 'default'}”)"


def driver_module():
    try:
        import neo4j
    except ImportError:
        raise ZjgraphError("the Neo4j backend needs the neo4j driver, a dependency of zjgraph: pip install neo4j"
                           ) from None
    return neo4j


def parse_version(text: str) -> tuple[int, int]:
    """``"5.26.1"`` → (5, 26); ``"2025.01.0"`` → (2025, 1); ``"5.27-aura"`` → (5, 27)."""
    m = re.match(r"(\d+)\.(\d+)", text)
    if not m:
        raise ZjgraphError(f"cannot read the Neo4j version “{text}”")
    return int(m[1]), int(m[2])


def explain(err: Exception, settings: Settings) -> str | None:
    """The one-line message for a driver error, or None when it is not one the user can act on by configuration."""
    neo4j = driver_module()
    exc = neo4j.exceptions
    if isinstance(err, exc.AuthError):
        return (f"Neo4j at {settings.uri} refused user “{settings.username}”: check NEO4J_USERNAME and "
                "NEO4J_PASSWORD (or --username/--password)")
    if isinstance(err, exc.ServiceUnavailable):
        return (f"cannot reach Neo4j at {settings.uri}: check that the server is running and NEO4J_URI "
                "(or --uri) names its Bolt address, e.g. neo4j://localhost:7687")
    if isinstance(err, exc.ClientError) and err.code == "Neo.ClientError.Database.DatabaseNotFound":
        return (f"Neo4j at {settings.uri} has no database “{settings.database}”: check NEO4J_DATABASE "
                "(or --database); SHOW DATABASES lists them")
    if isinstance(err, exc.Neo4jError) and err.code and ".Statement.Syntax" in err.code:
        return f"Neo4j at {settings.where} rejected a statement ({err.message}): is the server Neo4j 5 or newer?"
    if isinstance(err, exc.Neo4jError):
        return f"Neo4j at {settings.where} failed: {err.code}: {redact(str(err.message))}"
    if isinstance(err, exc.DriverError):
        return f"Neo4j at {settings.uri}: {redact(str(err))}"
    return None


@contextmanager
def session(settings: Settings):
    """A driver session on the configured database, after checking the server is Neo4j 5 or newer.

    Every driver failure, here or in the ``with`` body, is raised as :class:`ZjgraphError` with a one-line message.
    """
    neo4j = driver_module()
    # The driver logs failures it then raises ("Unable to retrieve routing information"); with no logging set up,
    # Python would print them next to our one-line message. An application's own handlers still receive them.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    scheme = settings.uri.split("://", 1)[0] if "://" in settings.uri else ""
    if scheme not in SCHEMES:
        raise ZjgraphError(f"NEO4J_URI “{settings.uri}” is not a Bolt address: expected e.g. "
                           f"neo4j://localhost:7687 (schemes: {', '.join(SCHEMES)})")
    try:
        driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password),
                                            connection_timeout=10)
    except (ValueError, neo4j.exceptions.DriverError) as err:  # a malformed address: bad port, host or query
        raise ZjgraphError(f"NEO4J_URI “{settings.uri}” is not a valid address: {redact(str(err))}") from None
    try:
        with driver, driver.session(database=settings.database) as s:
            check_version(s, settings)
            yield s
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as err:
        raise ZjgraphError(explain(err, settings)) from None


def check_version(s, settings: Settings) -> str:
    """The server's version; raises :class:`ZjgraphError` when it is older than :data:`MIN_VERSION`.

    An auto-commit query, so an unreachable server or a wrong password fails at once instead of being retried.
    """
    record = s.run(VERSION).single()
    version = record["versions"][0]
    if parse_version(version) < MIN_VERSION:
        needed = ".".join(map(str, MIN_VERSION))
        raise ZjgraphError(f"Neo4j at {settings.uri} is version {version}; zjgraph needs Neo4j {needed} or newer: "
                           "upgrade the server or point NEO4J_URI at a newer one")
    return version
