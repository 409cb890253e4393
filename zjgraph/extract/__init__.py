"""``zjgraph extract``: propose entities and facts from the text of a new report, for a person to review."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from zjgraph.extract.reading import ReadError, read_document

__all__ = ["ReadError", "document_id", "extract_files", "read_document"]


def document_id(path: Path) -> str:
    """``doc:<file name>`` in the id alphabet (a-z, 0-9, -); a hash when the name has no such characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return f"doc:{slug or hashlib.sha1(path.stem.encode()).hexdigest()[:8]}"


def extract_files(paths: list[Path], kg, ids: list[str] | None = None) -> list:
    """A :class:`~zjgraph.extract.proposal.Proposal` per file, known entities resolved through ``kg``'s registry.

    Reads every file first: raises :class:`ReadError` (listing each unreadable file) before extracting any.
    """
    from zjgraph.extract.pipeline import extract
    from zjgraph.extract.registry import Registry

    texts, errors = [], []
    for path in paths:
        try:
            texts.append(read_document(path))
        except ReadError as e:
            errors.append(e)
    if errors:
        raise ReadError("; ".join(e.path for e in errors), "\n".join(str(e) for e in errors)) from errors[0]
    registry = Registry.from_graph(kg.graph)
    out = []
    for i, (path, text) in enumerate(zip(paths, texts)):
        proposal = extract(text, registry, kg.schema, ids[i] if ids else document_id(path), str(path))
        proposal.assign_ids(kg.schema)
        out.append(proposal)
    return out
