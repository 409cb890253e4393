"""A password written into the Neo4j address is never printed, by zjgraph or by the driver (issue 14, item 4).

Every command that connects runs as a real process with the real driver against a closed loopback port.
"""

import os
import socket
import subprocess
import sys

import pytest

from zjgraph.cypher.neo4j_server import Settings, redact, split_userinfo

pytest.importorskip("neo4j")

PASSWORD = "Tr0ub4dor-3"
ODD_PASSWORD = "p@ss/w:rd"  # what a URI parser might split in the wrong place


@pytest.fixture(scope="module")
def port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed when the socket is


def addresses(port: int) -> list[str]:
    return [f"neo4j://bob:{PASSWORD}@127.0.0.1:{port}", f"bolt://bob:{PASSWORD}@127.0.0.1:{port}",
            f"bolt+s://bob:{PASSWORD}@127.0.0.1:{port}", f"neo4j://bob:{ODD_PASSWORD}@127.0.0.1:{port}",
            f"http://bob:{PASSWORD}@127.0.0.1:{port}", f"neo4j://bob:{PASSWORD}@[::1",
            f"bolt://bob:{PASSWORD}@127.0.0.1:{port}?routing=x", f"neo4j://bob:{PASSWORD}@127.0.0.1:99999"]


COMMANDS = {
    "load": ["load", "--to", "neo4j"],
    "query": ["query", "enterprises-spanning-schools", "--backend", "neo4j"],
    "cypher": ["cypher", "RETURN 1", "--backend", "neo4j"],
    "show": ["show", "交职校", "--backend", "neo4j"],
    "coverage": ["coverage", "--backend", "neo4j"],
}


def zjgraph(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in {**os.environ, **(env or {})}.items() if not k.startswith("NEO4J_") or k in (env or {})}
    return subprocess.run([sys.executable, "-m", "zjgraph", *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_prints_the_password(port, command):
    """Every address with ``load``; with the other commands (the same connection code), one of each kind; given
    by --uri and by NEO4J_URI in turn."""
    uris = addresses(port) if command == "load" else addresses(port)[::3]
    for i, uri in enumerate(uris):
        result = (zjgraph([*COMMANDS[command], "--uri", uri]) if i % 2 == 0 else
                  zjgraph(COMMANDS[command], env={"NEO4J_URI": uri}))
        out = result.stdout + result.stderr
        assert result.returncode != 0, (uri, out)
        assert PASSWORD not in out and ODD_PASSWORD not in out and "p@ss" not in out, (uri, out)
        assert "Traceback" not in out and len(result.stderr.strip().splitlines()) == 1, (uri, out)
        assert result.stderr.startswith("zjgraph: "), (uri, out)


def test_the_cypher_command_finds_the_server_from_the_environment(port):
    result = zjgraph(["cypher", "RETURN 1"], env={"NEO4J_URI": f"neo4j://bob:{PASSWORD}@127.0.0.1:{port}"})
    assert f"cannot reach Neo4j at neo4j://127.0.0.1:{port}" in result.stderr and PASSWORD not in result.stderr


def test_the_address_gives_user_and_password_unless_flags_do():
    s = Settings.from_env(uri=f"bolt://bob:{ODD_PASSWORD.replace('@', '%40')}@db.example:7687")
    assert (s.uri, s.username, s.password) == ("bolt://db.example:7687", "bob", ODD_PASSWORD)
    s = Settings.from_env(uri=f"bolt://bob:{PASSWORD}@db:7687", username="alice", password="flag")
    assert (s.uri, s.username, s.password) == ("bolt://db:7687", "alice", "flag")
    assert PASSWORD not in repr(Settings(uri=f"bolt://bob:{PASSWORD}@db:7687"))
    assert split_userinfo("neo4j://localhost:7687") == ("neo4j://localhost:7687", None, None)


def test_redact_masks_every_address_with_a_password():
    text = f"failed: 'neo4j://bob:{PASSWORD}@h:1' and http://u:{PASSWORD}@x/y, not bolt://h:2"
    assert redact(text) == "failed: 'neo4j://bob:***@h:1' and http://u:***@x/y, not bolt://h:2"
