"""Reading report files into text: .txt (UTF-8, GB18030/GBK), .docx (the standard library) and .pdf (pypdf).

Every failure is a :class:`ReadError` that names the file and says what was expected.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ReadError(Exception):
    """A file that cannot be read as a report; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


def decode(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """(text, encoding) of a plain-text file: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
    if b"\x00" in data[:8192]:
        raise ReadError(path, "binary file (contains NUL bytes); expected text in UTF-8 or GB18030, .docx or .pdf")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text[:8192])) > max(8, len(text[:8192]) // 100):
            break  # decodes, but as control characters: not text
        return text, "utf-8" if encoding == "utf-8-sig" else encoding
    raise ReadError(path, "not text: neither UTF-8 nor GB18030 (GBK); convert it to UTF-8, or give a .docx or .pdf")


DOCX_LIMIT = 256 * 1024 * 1024  # bytes of word/document.xml: a long report's markup is some megabytes


def _docx_text(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            size = z.getinfo("word/document.xml").file_size
            if size > DOCX_LIMIT:  # a zip bomb would fill memory: the size it declares is checked first
                raise ReadError(path, f"word/document.xml expands to {size:,} bytes, more than the "
                                f"{DOCX_LIMIT:,} a report's text takes; save it as .txt if it is real")
            with z.open("word/document.xml") as f:
                xml = f.read(DOCX_LIMIT + 1)  # and the bytes themselves, should the declared size lie
            if len(xml) > DOCX_LIMIT:
                raise ReadError(path, f"word/document.xml expands to more than {DOCX_LIMIT:,} bytes")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError) as e:
        raise ReadError(path, f"not a readable .docx (a zip with word/document.xml): {e}") from e
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as e:
        raise ReadError(path, f"broken word/document.xml: {e}") from e
    paragraphs = []
    for p in root.iter(f"{W}p"):
        parts = []
        for node in p.iter():
            if node.tag == f"{W}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif node.tag == f"{W}tab":
                parts.append("\t")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _pdf_text(path: Path) -> str:
    try:
        import pypdf
    except ImportError as e:
        raise ReadError(path, 'reading PDF needs pypdf: pip install "zjgraph[pdf]" (or save the report as '
                        ".txt or .docx)") from e
    try:
        reader = pypdf.PdfReader(path)
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds of errors on broken files
        raise ReadError(path, f"not a readable PDF: {e}") from e


def read_document(path: Path | str) -> str:
    """The text of a report file; raises :class:`ReadError` when there is none to read."""
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "no such file")
    if path.is_dir():
        raise ReadError(path, "is a folder; give report files (.txt, .docx, .pdf)")
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            text = _docx_text(path)
        elif suffix == ".pdf":
            text = _pdf_text(path)
        elif suffix == ".doc":
            raise ReadError(path, "old Word .doc is not supported; save it as .docx or .txt")
        else:
            text, _ = decode(path.read_bytes(), path)
    except OSError as e:
        raise ReadError(path, f"cannot read: {e.strerror or e}") from e
    if not text.strip():
        raise ReadError(path, "empty: no text to extract from" + (" (a scanned PDF has no text layer; run OCR "
                                                                 "first)" if suffix == ".pdf" else ""))
    return text
