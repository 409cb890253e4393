"""The ``zjgraph`` command: a thin layer over :class:`zjgraph.KnowledgeGraph`.

The group is in :mod:`zjgraph.cli.app`; each module beside it registers the commands named for what it holds.
"""

from zjgraph.cli import browse, cache, common, coverage, diff, extract, interchange, queries, review, serve, view  # noqa: F401,E501  (they register commands)
from zjgraph.cli.app import cli

__all__ = ["cli", "main"]


def main():
    """The ``zjgraph`` console script: one command, and one line for any error, even outside a command."""
    common.ONE_COMMAND = True
    try:
        cli(prog_name="zjgraph")
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as err:  # noqa: BLE001  (the last resort: while parsing options, printing help …)
        common.last_resort(err)
