"""Console examples for README.md, made by running the commands (cog: ``cog -r README.md``).

Each ``[[[cog`` block in the README calls :func:`console` with the command lines it shows; the commands run
in-process through click's test runner, in a scratch folder that is the same on every run (so output names no
temporary path), and their output is trimmed by code. A command that fails where the README shows success, or
succeeds where it shows an error, stops the generation: the README can only show what zjgraph does.
``tests/test_readme.py`` runs cog in check mode, so CI fails when an example drifts.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

ELLIPSIS = "…"


def head(n: int) -> Callable[[list[str]], list[str]]:
    """Keep the first ``n`` lines, and ``…`` for the rest."""
    return lambda lines: lines[:n] + ([ELLIPSIS] if len(lines) > n else [])


def tail(n: int) -> Callable[[list[str]], list[str]]:
    """``…`` for all but the last ``n`` lines."""
    return lambda lines: ([ELLIPSIS] if len(lines) > n else []) + lines[-n:]


def around(first: int, last: int) -> Callable[[list[str]], list[str]]:
    """The first ``first`` and the last ``last`` lines, with ``…`` between when lines were left out."""
    return lambda lines: lines if len(lines) <= first + last else lines[:first] + [ELLIPSIS] + lines[-last:]


def per_group(n, header: int = 2) -> Callable[[list[str]], list[str]]:
    """For a table whose first column names a group: the header and the first ``n`` rows of each group
    (``…`` where rows were left out); a group's row count can be given by ``{group: n}``."""
    def keep(lines: list[str]) -> list[str]:
        out, seen = lines[:header], {}
        for line in lines[header:]:
            group = line.split(" ", 1)[0]
            limit = n.get(group, 0) if isinstance(n, dict) else n
            seen[group] = seen.get(group, 0) + 1
            if seen[group] <= limit:
                out.append(line)
            elif seen[group] == limit + 1:
                out.append(ELLIPSIS)
        return out
    return keep


def matching(*needles: str, context: int = 0) -> Callable[[list[str]], list[str]]:
    """The lines containing any of ``needles`` and the ``context`` lines after each."""
    def keep(lines: list[str]) -> list[str]:
        wanted = set()
        for i, line in enumerate(lines):
            if any(s in line for s in needles):
                wanted.update(range(i, min(i + context + 1, len(lines))))
        return [lines[i] for i in sorted(wanted)]
    return keep


def sections(*spans: tuple[int, int]) -> Callable[[list[str]], list[str]]:
    """Lines ``[start, end)`` of each span, with ``…`` after each span that stops before the end."""
    def keep(lines: list[str]) -> list[str]:
        out = []
        for start, end in spans:
            out += lines[start:end]
            if end < len(lines):
                out.append(ELLIPSIS)
        return out
    return keep


SCRATCH = Path(tempfile.gettempdir()) / "zjgraph-readme"


@contextmanager
def scratch():
    """Run in an empty folder whose path never appears in the output (commands are given relative paths)."""
    shutil.rmtree(SCRATCH, ignore_errors=True)
    SCRATCH.mkdir(parents=True)
    old = Path.cwd()
    os.chdir(SCRATCH)
    try:
        yield SCRATCH
    finally:
        os.chdir(old)
        shutil.rmtree(SCRATCH, ignore_errors=True)


def run(command: str, fails: bool = False, shell: bool = False) -> list[str]:
    """Run one ``zjgraph …`` command line (what follows ``$ ``; a trailing ``# comment`` is not part of it)
    and return its output lines, standard output and error interleaved as a terminal shows them.

    ``fails``: the command must exit non-zero (the README shows an error); otherwise it must exit 0.
    ``shell``: run through bash (for ``$(…)`` and redirections) with the installed ``zjgraph``.
    """
    line = command.split("  #", 1)[0].strip()
    if shell:
        path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])  # this zjgraph
        done = subprocess.run(["bash", "-c", line], capture_output=True, text=True, encoding="utf-8",
                              env={**os.environ, "PATH": path})
        code, output = done.returncode, done.stdout + done.stderr
    else:
        from click.testing import CliRunner

        from zjgraph.cli import cli

        words = shlex.split(line)
        assert words[0] == "zjgraph", command
        result = CliRunner().invoke(cli, words[1:], prog_name="zjgraph", catch_exceptions=False)
        code, output = result.exit_code, result.output
    if bool(code) != fails:
        raise RuntimeError(f"README example `{line}` exited {code}, expected {'non-zero' if fails else 0}:\n{output}")
    return output.rstrip("\n").splitlines()


def parse(command: str) -> None:
    """Check that a ``zjgraph …`` command line names a command and options that exist, without running it
    (a ``$(…)`` stands for some text; a redirection is left out)."""
    import click

    from zjgraph.cli import cli

    words = shlex.split(command.split("  #", 1)[0])
    words = [("RETURN 1" if w.startswith("$(") else w) for w in words[1:words.index(">") if ">" in words else None]]
    at = next(i for i, w in enumerate(words) if w in cli.commands and (i == 0 or words[i - 1] != "--data"))
    try:
        cli.make_context("zjgraph", words[:at + 1]).close()
        cli.commands[words[at]].make_context(words[at], words[at + 1:]).close()
    except click.ClickException as err:
        raise RuntimeError(f"README example `{command}` does not parse: {err.format_message()}") from err


def console(*commands, setup: Callable[[Path], None] | None = None) -> str:
    """A ``console`` code block of the given commands and their (trimmed) outputs.

    Each command is a string, shown without output, or a tuple ``(command, trim)`` / ``(command, trim,
    options)`` where ``trim`` is ``None`` (no output shown), ``all`` or one of the functions above and options
    are passed to :func:`run`. Commands run in order in one scratch folder (``setup`` gets it first, to put
    files there), so one may read what an earlier one wrote. A command shown without output is only parsed
    (see :func:`parse`): running them all would double the time of the README's test for output nobody sees.
    """
    out = []
    with scratch() as folder:
        if setup:
            setup(folder)
        for item in commands:
            command, trim, options = (item, None, {}) if isinstance(item, str) else (tuple(item) + ({},))[:3]
            if trim is None:
                parse(command)
            else:
                lines = run(command, **options)
            out.append(f"$ {command}")
            if trim is all:
                out += lines
            elif trim is not None:
                out += trim(lines)
    return fence("console", out)


def output(command: str, trim=all, lang: str = "text") -> str:
    """A code block of one command's output alone (the command is named in the prose around it)."""
    with scratch():
        lines = run(command)
    return fence(lang, lines if trim is all else trim(lines))


def stats_json() -> dict:
    """``zjgraph stats --format json`` of the bundled data, for numbers in the README's prose."""
    import json

    return json.loads("\n".join(run("zjgraph stats --format json")))


def fence(lang: str, lines: list[str]) -> str:
    kept = [line.rstrip() for i, line in enumerate(lines) if not (line == ELLIPSIS and i and lines[i - 1] == ELLIPSIS)]
    return "\n".join([f"```{lang}", *kept, "```"])


def write(files: dict[str, str]) -> Callable[[Path], None]:
    """A ``setup`` that writes each ``{relative path: text}`` in UTF-8."""
    def setup(folder: Path) -> None:
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return setup
