"""The ``zjgraph`` command: a thin layer over :class:`zjgraph.KnowledgeGraph`.

The group is in :mod:`zjgraph.cli.app`; each module beside it registers the commands named for what it holds.
"""

from zjgraph.cli import browse, cache, common, coverage, extract, interchange, queries, serve, view  # noqa: F401  (they register commands)
from zjgraph.cli.app import cli

__all__ = ["cli", "main"]


def main():
    common.ONE_COMMAND = True
    cli(prog_name="zjgraph")
