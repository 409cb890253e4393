"""Where a reviewed document lives in a data folder, and how it is written there or taken out again.

A document ``doc:SLUG`` saved by a review is four things: its text ``corpus/SLUG.txt``, its entry in
``corpus/documents.toml``, its facts ``facts/SLUG.toml`` and the entities it first named,
``registry/review-SLUG.toml``. The two TOML files begin with :data:`MARK`: a file without it was written by
someone else, and a review never replaces it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

MARK = "# Written by `zjgraph review`"

_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*document[ \t]*\]\]", re.M)


class Refused(Exception):
    """The review cannot be saved here; the message says why and what to do."""


def document_blocks(text: str) -> tuple[str, list[str]]:
    """``documents.toml`` cut into what precedes the first ``[[document]]`` and one block per document."""
    starts = [m.start() for m in _HEADER.finditer(text)]
    if not starts:
        return text, []
    return text[:starts[0]], [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]


def _block_id(block: str) -> str | None:
    try:
        return tomllib.loads(block)["document"][0].get("id")
    except (tomllib.TOMLDecodeError, KeyError, IndexError, AttributeError):
        return None


class Layout:
    def __init__(self, root: Path | str, doc_id: str):
        self.root, self.doc_id = Path(root), doc_id
        self.slug = doc_id.split(":", 1)[1]
        self.text_name = f"{self.slug}.txt"
        self.corpus = self.root / "corpus" / self.text_name
        self.documents = self.root / "corpus" / "documents.toml"
        self.facts = self.root / "facts" / f"{self.slug}.toml"
        self.registry = self.root / "registry" / f"review-{self.slug}.toml"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    @staticmethod
    def _ours(path: Path) -> bool:
        try:
            return path.read_text(encoding="utf-8").startswith(MARK)
        except (OSError, UnicodeDecodeError):
            return False

    def _entries(self) -> list[tuple[str | None, str]]:
        try:
            text = self.documents.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return []
        return [(_block_id(b), b) for b in document_blocks(text)[1]]

    def saved_before(self) -> bool:
        """Whether an earlier review saved this document here."""
        return self._ours(self.facts)

    def check_ownership(self) -> None:
        """Raise :class:`Refused` when saving would replace what a review did not write."""
        ids = [i for i, _ in self._entries()]
        for path in (self.facts, self.registry):
            if path.exists() and not self._ours(path):
                raise Refused(f"{self.rel(path)} exists and was not written by zjgraph review, so saving "
                              f"{self.doc_id} would replace it; choose another document id (--id)")
        if self.doc_id in ids and not self._ours(self.facts):
            raise Refused(f"{self.doc_id} is already in corpus/documents.toml and was not saved by zjgraph review; "
                          "choose another document id (--id)")
        for doc, block in self._entries():
            if doc != self.doc_id and re.search(rf'^\s*file\s*=\s*"{re.escape(self.text_name)}"', block, re.M):
                raise Refused(f"corpus/{self.text_name} is the text of {doc}; choose another document id (--id)")
        if self.corpus.exists() and self.doc_id not in ids:
            raise Refused(f"corpus/{self.text_name} exists and is not this document's; choose another document id "
                          "(--id)")

    def _documents_with(self, block: str | None) -> str:
        """``documents.toml`` with this document's entry replaced by ``block`` (None: taken out)."""
        text = self.documents.read_text(encoding="utf-8") if self.documents.exists() else ""
        head, blocks = document_blocks(text)
        kept = [b for b in blocks if _block_id(b) != self.doc_id]
        if block is not None:
            if kept and not kept[-1].endswith("\n\n"):
                kept[-1] = kept[-1].rstrip("\n") + "\n\n"
            elif not kept and head and not head.endswith("\n\n"):
                head = head.rstrip("\n") + "\n\n"
            kept.append(block)
        return head + "".join(kept)

    def write(self, text: str, entry: str, facts: str, registry: str | None) -> None:
        """Write the document (its text, ``[[document]]`` entry, facts file and registry file, if any) here,
        replacing an earlier save of it."""
        self.corpus.parent.mkdir(parents=True, exist_ok=True)
        self.corpus.write_text(text, encoding="utf-8")
        self.documents.write_text(self._documents_with(entry), encoding="utf-8")
        self.facts.parent.mkdir(parents=True, exist_ok=True)
        self.facts.write_text(facts, encoding="utf-8")
        if registry is None:
            self.registry.unlink(missing_ok=True)
        else:
            self.registry.parent.mkdir(parents=True, exist_ok=True)
            self.registry.write_text(registry, encoding="utf-8")

    def remove(self) -> None:
        """Take an earlier save of the document out."""
        self.documents.write_text(self._documents_with(None), encoding="utf-8")
        for path in (self.corpus, self.facts, self.registry):
            path.unlink(missing_ok=True)
