"""The README's console examples are made by running the commands (cog blocks, docs/readme_examples.py).

``cog --check`` fails when a command's output, as zjgraph gives it today, differs from what the README shows,
and when an example no longer runs, or no longer fails where the README shows an error.
"""

from pathlib import Path

import cogapp

README = Path(__file__).resolve().parent.parent / "README.md"
REGENERATE = "the README's examples are out of date: regenerate them with `cog -r README.md` and commit the result"
NOT_RUN = "<!-- not generated:"  # precedes a block that needs what the tests do not have (a Neo4j server)


def test_readme_examples_are_current(capsys):
    status = cogapp.Cog().main(["cog", "--check", "--diff", "--check-fail-msg", REGENERATE, str(README)])
    out = capsys.readouterr().out
    assert status == 0, f"{REGENERATE}\n{out}"


def test_every_console_example_with_output_is_generated():
    """Output outside a cog block is written by hand and goes stale; only a block marked NOT_RUN may have it."""
    text = README.read_text(encoding="utf-8")
    outside = [part.split("[[[end]]]", 1)[-1] for part in text.split("[[[cog")]
    by_hand = []
    for part in outside:
        pieces = part.split("```console")
        for before, block in zip(pieces, pieces[1:]):
            lines = block.split("```", 1)[0].strip().splitlines()
            if any(not line.startswith("$ ") for line in lines) and NOT_RUN not in before.rsplit("\n\n", 1)[-1]:
                by_hand.append("\n".join(lines))
    assert not by_hand, "console output written by hand (make it a cog block):\n\n" + "\n\n".join(by_hand)
