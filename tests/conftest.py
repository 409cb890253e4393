import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from zjgraph.cli import cli
from zjgraph.graph import bundled_data_dir

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Each test session caches built graphs in its own folder, never in the user's."""
    monkeypatch.setenv("ZJGRAPH_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("ZJGRAPH_DATA", raising=False)
    monkeypatch.delenv("ZJGRAPH_NO_CACHE", raising=False)


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of the small, valid fixture data folder."""
    return Path(shutil.copytree(MINI, tmp_path / "mini"))


@pytest.fixture(scope="session")
def bundled() -> Path:
    return bundled_data_dir()


def run(*args):
    """Run the zjgraph command line in-process; returns click's Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


CYPHER_LINT = Path(__file__).parent / "cypher_lint"


@pytest.fixture(scope="session")
def cypher_lint():
    """Neo4j's own Cypher parser and linter (tests/cypher_lint): a function taking {id: (query, parameters)}
    and returning the diagnostics as dicts. Skipped, with the reason, when Node or the npm package is missing,
    except in CI, where .ci/run installs them and a missing linter is a failure."""
    import json
    import os
    import subprocess

    node = shutil.which("node")
    missing = not node or not (CYPHER_LINT / "node_modules" / "@neo4j-cypher").is_dir()
    if missing:
        message = "Neo4j's Cypher linter is not installed: npm ci --prefix tests/cypher_lint (needs Node)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)

    def lint(queries: dict[str, tuple[str, dict]]) -> list[dict]:
        items = [{"id": k, "query": q, "parameters": p} for k, (q, p) in queries.items()]
        done = subprocess.run([node, str(CYPHER_LINT / "lint.mjs")], input=json.dumps(items), capture_output=True,
                              text=True, encoding="utf-8", check=True)
        return json.loads(done.stdout)

    return lint
