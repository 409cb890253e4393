"""Turtle of :func:`zjgraph.rdf.triples`, written as the triples come: nothing but the graph is held.

The export of a national graph is tens of millions of triples, more than an rdflib ``Graph`` can hold
or serialize. Here each triple is written when it is made, its subject's triples grouped as they come
(``s p o ;`` … ``.``). Prefixed names are used for the prefixes of :data:`zjgraph.rdf.BINDINGS` (and
``rdf``, ``rdfs``, ``xsd``) when the local name is a plain Turtle ``PN_LOCAL``, else the full ``<IRI>``;
literals are always written on one line with ``\\`` escapes, so any text is valid Turtle.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import TextIO

import networkx as nx
from rdflib import RDF, RDFS, XSD, BNode, Literal, URIRef

from zjgraph.rdf import BINDINGS, triples
from zjgraph.schema import Schema

PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD)}

# PN_LOCAL of the Turtle grammar, without the %-escapes and \-escapes (such a name is written as <IRI>).
_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
         "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_CHARS = _BASE + "_\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PN_LOCAL = re.compile(f"[{_BASE}_:0-9](?:[{_CHARS}.:]*[{_CHARS}:])?")
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_BLANK = re.compile(r"[A-Za-z0-9_]+")

_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_ESCAPES = {i: f"\\u{i:04X}" for i in [*range(0x20), 0x7F]} | {
    ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r", ord("\b"): "\\b", ord("\f"): "\\f",
    ord('"'): '\\"', ord("\\"): "\\\\"}

_CHUNK = 1 << 12  # pieces of text (a triple each) per chunk


def quote(text: str) -> str:
    """``text`` as a Turtle string: ``"…"`` on one line, with quotes, backslashes and controls escaped."""
    return f'"{text.translate(_ESCAPES)}"' if _NEEDS_ESCAPE.search(text) else f'"{text}"'


class _Writer:
    """Turtle text of terms, the text of repeated IRIs remembered (a bounded cache)."""

    def __init__(self, prefixes: dict[str, str], limit: int = 1 << 16):
        # the longest namespace first, so that the most specific prefix is tried first
        self.namespaces = sorted(((ns, prefix) for prefix, ns in prefixes.items()), key=lambda x: -len(x[0]))
        self.iris: dict[URIRef, str] = {}
        self.predicates: dict[URIRef, str] = {RDF.type: "a"}
        self.limit = limit

    def iri(self, iri: URIRef) -> str:
        text = self.iris.get(iri)
        if text is None:
            if len(self.iris) >= self.limit:
                self.iris.clear()
            text = self.iris[iri] = self._iri(iri)
        return text

    def _iri(self, iri: str) -> str:
        iri = str(iri)  # a plain str: rdflib's URIRef.startswith is Python code
        for ns, prefix in self.namespaces:
            if iri.startswith(ns):
                local = iri[len(ns):]
                if not local or _PN_LOCAL.fullmatch(local):
                    return f"{prefix}:{local}"
        if _NOT_IN_IRI.search(iri):
            raise ValueError(f"{iri!r} is not an IRI that Turtle can write")
        return f"<{iri}>"

    def predicate(self, iri: URIRef) -> str:
        text = self.predicates.get(iri)
        if text is None:
            text = self.predicates[iri] = self._iri(iri)
        return text

    def term(self, term) -> str:
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, Literal):
            text = quote(term)
            if term.language:
                return f"{text}@{term.language}"
            datatype = term.datatype
            return f"{text}^^{self.iri(datatype)}" if datatype is not None else text
        if isinstance(term, BNode):
            if not _BLANK.fullmatch(term):
                raise ValueError(f"{term!r} is not a blank node label that Turtle can write")
            return f"_:{term}"
        raise TypeError(f"not an RDF term: {term!r}")


def prefixes() -> dict[str, str]:
    """Prefix -> namespace of the streamed Turtle: the export's bindings, then rdf, rdfs and xsd."""
    return {prefix: str(ns) for prefix, ns in BINDINGS.items()} | PREFIXES


def turtle_chunks(g: nx.MultiDiGraph, schema: Schema) -> Iterator[str]:
    """The Turtle of :func:`zjgraph.rdf.to_rdf` ``(g, schema)``, in pieces of text, made as they are read."""
    names = prefixes()
    yield "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in names.items())
    w = _Writer(names)
    # subjects are not cached: statements are subjects once, entities are cached when they are objects
    subject, predicate, term = w._iri, w.predicate, w.term
    parts: list[str] = []
    last, last_text = None, None
    for s, p, o in triples(g, schema):
        if s is not last:
            last = s
            text = subject(s) if type(s) is URIRef else term(s)
            if text != last_text:
                parts.append(f"{' .' if last_text else ''}\n{text} {predicate(p)} {term(o)}")
                last_text = text
                if len(parts) >= _CHUNK:
                    yield "".join(parts)
                    parts.clear()
                continue
        parts.append(f" ;\n    {predicate(p)} {term(o)}")
    if last_text:
        parts.append(" .\n")
    yield "".join(parts)


def write_turtle(g: nx.MultiDiGraph, schema: Schema, stream: TextIO) -> None:
    """Write the Turtle of ``g`` to the text ``stream`` (open it with ``encoding="utf-8"``)."""
    for chunk in turtle_chunks(g, schema):
        stream.write(chunk)


class TurtleReader(io.RawIOBase):
    """The UTF-8 Turtle of ``g`` as a binary file read from start to end, made as it is read."""

    def __init__(self, g: nx.MultiDiGraph, schema: Schema):
        self._chunks = turtle_chunks(g, schema)
        self._buffer = b""
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while self._at >= len(self._buffer):
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buffer, self._at = chunk.encode("utf-8"), 0
        n = min(len(b), len(self._buffer) - self._at)
        b[:n] = self._buffer[self._at:self._at + n]
        self._at += n
        return n
