"""``zjgraph cache``: what the cache keeps and where, and clearing it."""

from __future__ import annotations

import time

import click

from zjgraph import cache as kept
from zjgraph.cli.app import cli
from zjgraph.cli.common import emit, fail
from zjgraph.problems import ZjgraphError


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024


def _when(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t))


@cli.group(invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def cache(ctx, fmt):
    """Show what the cache keeps (built graphs, LadybugDB databases) and where: each entry, its size and when
    it was last used, most recent first, and the total against the cap.

    Each entry is keyed by the content of the data folder, the ontology and zjgraph's code, so an edit builds
    afresh and the old entry stays until it is the least recently used past the cap. Environment:
    ZJGRAPH_CACHE_DIR (the folder), ZJGRAPH_CACHE_MAX (the cap, e.g. 500M or 20G; default 5G),
    ZJGRAPH_NO_CACHE=1 (neither read nor write it).

    \b
    Examples:
      zjgraph cache                    entries, sizes, last use, total, folder
      zjgraph cache --format json
      zjgraph cache clear              remove every entry
      ZJGRAPH_CACHE_MAX=2G zjgraph --data big-folder coverage
    """
    if ctx.invoked_subcommand:
        return
    try:
        cap = kept.max_bytes()
    except ZjgraphError as err:
        fail(f"zjgraph: {err}")
    found = kept.entries()
    total = sum(e.size for e in found)
    folder = str(kept.cache_dir())
    if fmt == "json":
        emit("json", [], [], obj={
            "folder": folder, "total_bytes": total, "max_bytes": cap, "enabled": kept.enabled(),
            "entries": [{"name": e.name, "kind": "folder" if e.folder else "file", "bytes": e.size,
                         "last_used": _when(e.last_used)} for e in found]})
        return
    click.echo(f"cache folder: {folder}")
    if found:
        emit("table", ["entry", "kind", "size", "last used"],
             [[e.name, "folder" if e.folder else "file", _size(e.size), _when(e.last_used)] for e in found],
             max_width=80)
    click.echo(f"{len(found)} entr{'y' if len(found) == 1 else 'ies'}, {_size(total)} of at most {_size(cap)} "
               f"(ZJGRAPH_CACHE_MAX)" + ("" if kept.enabled() else "; not used now: ZJGRAPH_NO_CACHE is set"))


@cache.command()
def clear():
    """Remove every entry of the cache (each is rebuilt when next needed).

    \b
    Example:
      zjgraph cache clear
    """
    try:
        removed = kept.clear()
    except OSError as err:
        fail(f"zjgraph: cannot clear {kept.cache_dir()}: {err.strerror}")
    click.echo(f"removed {len(removed)} entr{'y' if len(removed) == 1 else 'ies'} "
               f"({_size(sum(e.size for e in removed))}) from {kept.cache_dir()}")
