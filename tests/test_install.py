"""One install: `pip install zjgraph` gives the three uses (coverage, Cypher, views) with no extra to guess.

Each command runs in a fresh interpreter in which every installed distribution that is not a dependency of
zjgraph (or one of theirs) cannot be imported: what `pip install zjgraph` in a fresh environment gives.
"""

import json
import re
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, requires
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"

PROBE = """
import json, sys
from importlib.metadata import packages_distributions

allowed = set(json.loads(sys.argv[1]))
# Modules of every distribution outside zjgraph's dependencies fail to import, as in a fresh environment.
hidden = {m for m, ds in packages_distributions().items()
          if not {d.lower().replace("_", "-") for d in ds} & allowed and m not in sys.modules}


class Hide:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in hidden:
            raise ModuleNotFoundError(f"No module named {name!r} (not a dependency of zjgraph)", name=name)


sys.meta_path.insert(0, Hide())
from zjgraph.cli import cli

cli(sys.argv[2:], prog_name="zjgraph")
"""


def _name(requirement: str) -> str:
    return re.split(r"[ ;<>=!~\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def installed_with_zjgraph() -> set[str]:
    """The distributions `pip install zjgraph` brings: its dependencies and theirs (not extras)."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    todo, seen = [_name(r) for r in project["dependencies"]], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            todo += [_name(r) for r in requires(name) or [] if "extra ==" not in r]
        except PackageNotFoundError:  # for another platform (appnope on macOS): it provides no module here
            pass
    return seen


@pytest.mark.parametrize("command", [
    ["coverage"],
    ["cypher", "MATCH (s:School) RETURN count(s) AS schools"],
    ["view", "--school", "交职校", "-o", "{tmp}/v.html"],
])
def test_each_use_works_with_only_the_dependencies(tmp_path, command):
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    allowed = json.dumps(sorted(installed_with_zjgraph() | {"zjgraph"}))
    done = subprocess.run([sys.executable, "-c", PROBE, allowed, *args], capture_output=True, text=True,
                          timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    if command[0] == "cypher":
        assert "schools" in done.stdout
    if command[0] == "view":
        assert (tmp_path / "v.html").stat().st_size > 10_000


def test_the_probe_hides_what_is_not_a_dependency(tmp_path):
    """Without pyvis among the allowed distributions, `zjgraph view` fails as it would without pyvis."""
    allowed = json.dumps(sorted(installed_with_zjgraph() - {"pyvis"} | {"zjgraph"}))
    done = subprocess.run([sys.executable, "-c", PROBE, allowed, "view", "-o", str(tmp_path / "v.html")],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode != 0 and "pyvis" in done.stderr


def test_extras_are_only_for_the_few():
    extras = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert set(extras) == {"sparql", "pdf", "notebooks", "all", "test"}
    assert any(_name(r) in ("notebook", "jupyterlab") for r in extras["notebooks"]), "[notebooks] brings Jupyter"
