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
