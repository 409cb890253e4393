"""The ``zjgraph`` command group; each command lives in the module named for what it does."""

from __future__ import annotations

import click

from zjgraph.cli.common import Group, State, data_option, utf8_streams


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@data_option(envvar="ZJGRAPH_DATA")
@click.option("--no-cache", is_flag=True, help="Rebuild the graph instead of using the cached build.")
@click.version_option(package_name="zjgraph")
@click.pass_context
def cli(ctx, data_dir, no_cache):
    """zjgraph: the industry–education ecosystem of Chinese vocational education (产教融合) as a graph.

    Every relation carries its source document and a verbatim quote. With no setup, the bundled
    corpus (five reports from Chongqing's Yongchuan, Bishan, Banan and Jiangjin) is loaded in memory.

    \b
    Examples:
      zjgraph stats                      counts by type, relation and source document
      zjgraph show 交职校                 one entity, its attributes and every relation with evidence
      zjgraph search 职教中心             find entities by partial or approximate name
      zjgraph validate                   check the data: quotes, references, aliases, SHACL shapes
    """
    utf8_streams()
    ctx.obj = State(data_dir, not no_cache)
