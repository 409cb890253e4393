"""zjgraph: a knowledge graph of the industry–education–city ecosystem of Chinese vocational education.

Start with :class:`KnowledgeGraph`::

    from zjgraph import KnowledgeGraph
    kg = KnowledgeGraph.load()
    kg.describe("永川职教中心")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "DataError", "Problem", "__version__"]

# Imported on first use (PEP 562), so that `zjgraph --help` and the modules of one command do not pay for
# NetworkX and the rest when they do not need them.
_LAZY = {"KnowledgeGraph": "zjgraph.graph", "DataError": "zjgraph.problems", "Problem": "zjgraph.problems"}

# Installed, loaders/, queries/ and ontology/ are zjgraph's subpackages (pyproject's package-dir). Python started
# in a source checkout imports this folder instead of the installed copy, and the mapped folders sit beside it:
# let them resolve the same way, or `python -c "import zjgraph.loaders"` fails there.
_checkout = Path(__file__).resolve().parent.parent
if (_checkout / "pyproject.toml").is_file() and (_checkout / "loaders" / "__init__.py").is_file():
    __path__.append(str(_checkout))

if TYPE_CHECKING:
    from zjgraph.graph import KnowledgeGraph
    from zjgraph.problems import DataError, Problem


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'zjgraph' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
