"""A content-keyed cache of built things (the graph, a LadybugDB database), so commands do not rebuild them.

The key hashes every input (data files, ontology files) and zjgraph's own code, so any change to them builds
afresh. Set ``ZJGRAPH_CACHE_DIR`` to move the cache, ``ZJGRAPH_NO_CACHE=1`` to bypass it, ``ZJGRAPH_CACHE_MAX``
to cap its size (default :data:`DEFAULT_MAX`): past the cap, the least recently used entries are removed.
A cache that cannot be read or written is ignored: it only ever saves time.

**Layout** (shared by every kind of entry): each entry is a file or folder directly in :func:`cache_dir`, its
name starting with its key (a SHA-256 in hexadecimal; nothing else in the folder is an entry, so nothing else
is listed, evicted or cleared). A reader marks its use with :func:`touch`; a writer writes under a hidden name from
:func:`temporary` and renames it into place with :func:`publish`, so that no reader and no eviction ever sees a
half-written entry. Hidden names (a leading dot) are never entries.

**Trust.** Pickle runs code as it loads, so a value is read only when it carries the keyed BLAKE2b digest
(a MAC) made with a secret only this user can read (``.secret``, mode 0600, in the folder, which is kept 0700
and must belong to the user). An entry anyone else wrote or changed fails the check and is rebuilt, never loaded.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from zjgraph import collector
from zjgraph.problems import ZjgraphError

MAGIC = b"zjgraph-cache 2\n"  # a format change makes old entries unreadable, so they are rebuilt
DIGEST = 32
SECRET = ".secret"
DEFAULT_MAX = "5G"
STALE_SECONDS = 24 * 3600  # a hidden temporary this old was left by a writer that died: clear removes it


def cache_dir() -> Path:
    if os.environ.get("ZJGRAPH_CACHE_DIR"):
        return Path(os.environ["ZJGRAPH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "zjgraph"


def enabled() -> bool:
    return os.environ.get("ZJGRAPH_NO_CACHE", "") in ("", "0")


def _files(folder: Path) -> list[tuple[str, str]]:
    """(path relative to ``folder``, path) of every file under ``folder``, sorted; like ``folder.rglob("*")``
    it does not descend into linked folders, and it leaves ``__pycache__`` out."""
    found = []

    def visit(path: str, rel: str) -> None:
        with os.scandir(path) as entries:
            for e in entries:
                if e.name == "__pycache__":
                    continue
                if e.is_dir() and not e.is_symlink():
                    visit(e.path, f"{rel}{e.name}/")
                elif e.is_file():
                    found.append((rel + e.name, e.path))

    if folder.is_dir():
        visit(str(folder), "")
    return sorted(found)


def content_key(*folders_or_files: Path) -> str:
    """A hash of the path (relative to the folder given) and bytes of every file under the given paths.

    Every byte is read each time (about a megabyte for the bundled data and code, a few milliseconds): a
    shortcut on sizes and modification times could miss an edit that keeps both.
    """
    h = hashlib.sha256()
    for root in folders_or_files:
        for rel, path in [(root.name, str(root))] if root.is_file() else _files(root):
            with open(path, "rb") as f:
                data = f.read()
            h.update(f"{rel}\0{len(data)}\0".encode())
            h.update(data)
    return h.hexdigest()


# ---------------------------------------------------------------- a private folder and its secret

def _mine(st: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or st.st_uid == os.getuid()


def private_dir() -> Path:
    """:func:`cache_dir`, made if missing, and made private (0700). Raises OSError when it belongs to another
    user: whoever owns it could change what is read from it."""
    folder = cache_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = folder.stat()
    if not _mine(st):
        raise PermissionError(f"{folder} belongs to another user")
    if os.name == "posix" and st.st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def _secret(folder: Path) -> bytes:
    """This user's key for the entries' digests: read from ``.secret`` if it is a private regular file of this
    user's, otherwise made anew (which makes every entry unreadable, so each is rebuilt once)."""
    path = folder / SECRET
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            secret = f.read(65)
        if _mine(st) and (os.name != "posix" or not st.st_mode & 0o077) and 32 <= len(secret) <= 64:
            return secret
    except OSError:
        pass
    secret = os.urandom(32)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-secret-")  # mkstemp makes it 0600
    with os.fdopen(fd, "wb") as f:
        f.write(secret)
    os.replace(tmp, path)
    return secret


def _mac(secret: bytes, name: str):
    mac = hashlib.blake2b(key=secret, digest_size=DIGEST)
    mac.update(name.encode() + b"\0")  # an entry moved to another name does not verify
    return mac


class _Signing:
    """A file that feeds what is written to it into a MAC as well (pickle writes frames of 64 kB)."""

    def __init__(self, f, mac):
        self.f, self.mac = f, mac

    def write(self, data) -> int:
        self.mac.update(data)
        return self.f.write(data)


# ---------------------------------------------------------------- values (pickled, authenticated)

def get(key: str, suffix: str = ".graph"):
    """The value kept under ``key``, or None when there is none or it does not verify (then it is rebuilt)."""
    name = key + suffix
    try:
        folder = private_dir()
        path = folder / name
        with path.open("rb") as f:
            head = f.read(len(MAGIC) + DIGEST)
            mac = _mac(_secret(folder), name)
            for block in iter(lambda: f.read(1 << 20), b""):
                mac.update(block)
            if head[:len(MAGIC)] != MAGIC or not hmac.compare_digest(head[len(MAGIC):], mac.digest()):
                return None
            # Read twice rather than held in memory: only this user can write to the private folder meanwhile.
            f.seek(len(head))
            with collector.paused():  # unpickling makes millions of objects and no garbage
                value = pickle.load(f)
        touch(path)
        return value
    except Exception:  # noqa: BLE001 - a missing, partial or stale-format entry is simply rebuilt
        return None


def put(key: str, value, suffix: str = ".graph") -> None:
    """Keep ``value`` under ``key`` (then trim the cache to its cap). Raises :class:`ZjgraphError` only for a
    ``ZJGRAPH_CACHE_MAX`` that is not a size."""
    cap = max_bytes()
    name = key + suffix
    try:
        folder = private_dir()
        mac = _mac(_secret(folder), name)
        tmp = temporary(name)
        try:
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
                f.write(MAGIC + bytes(DIGEST))
                pickle.dump(value, _Signing(f, mac), protocol=pickle.HIGHEST_PROTOCOL)
                f.seek(len(MAGIC))
                f.write(mac.digest())
            publish(tmp, name)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError:
        return
    evict(cap, keep={name})


# ---------------------------------------------------------------- entries of any kind

def temporary(name: str) -> Path:
    """A hidden path in the cache folder to write the entry ``name`` under (a file or a folder), before
    :func:`publish` renames it into place; unique to this process and call."""
    return private_dir() / f".tmp-{name}-{os.getpid()}-{os.urandom(4).hex()}"


def publish(tmp: Path, name: str) -> Path:
    """Rename the written ``tmp`` to the entry ``name``, replacing an older one (a folder too) in one step for
    readers; returns the entry's path."""
    path = tmp.parent / name
    if path.is_dir() and not path.is_symlink():
        old = temporary(name)
        os.replace(path, old)
        os.replace(tmp, path)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, path)
    return path


def touch(path: Path) -> None:
    """Mark an entry as just used: eviction removes the least recently used first."""
    try:
        os.utime(path)
    except OSError:
        pass


@dataclass(frozen=True)
class Entry:
    """One entry: its name (starting with its key), path, size in bytes (a folder's: of all its files), when it
    was last used (a Unix time) and whether it is a folder."""

    name: str
    path: Path
    size: int
    last_used: float
    folder: bool


def _size(path: Path) -> int:
    if not path.is_dir() or path.is_symlink():
        return path.lstat().st_size
    return sum(os.lstat(os.path.join(root, f)).st_size for root, _, files in os.walk(path) for f in files)


def entries() -> list[Entry]:
    """Every entry in the cache, most recently used first (none when the folder does not exist)."""
    folder = cache_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if not KEYED.match(path.name):
            continue  # not an entry: a temporary, the secret, or a file someone else put in the folder
        try:
            st = path.lstat()
            found.append(Entry(path.name, path, _size(path), st.st_mtime, path.is_dir() and not path.is_symlink()))
        except OSError:
            continue  # removed meanwhile by another process
    return sorted(found, key=lambda e: (-e.last_used, e.name))


def remove(entry: Entry) -> None:
    """Remove an entry; a folder is first renamed out of the way, so no reader finds it half removed."""
    try:
        if entry.folder:
            old = temporary(entry.name)
            os.replace(entry.path, old)
            shutil.rmtree(old, ignore_errors=True)
        else:
            entry.path.unlink()
    except FileNotFoundError:
        pass


KEYED = re.compile(r"[0-9a-f]{64}")  # an entry's name starts with its key, a SHA-256 in hexadecimal
SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes in a size such as ``5G``, ``500M``, ``1.5GB`` or ``1000000`` (K, M, G, T are powers of 1024)."""
    match = SIZE.fullmatch(text)
    if not match:
        raise ValueError(text)
    return int(float(match[1]) * 1024 ** " KMGT".index(match[2].upper() or " "))


def max_bytes() -> int:
    """The cap on the cache's size: ``ZJGRAPH_CACHE_MAX`` or :data:`DEFAULT_MAX`."""
    text = os.environ.get("ZJGRAPH_CACHE_MAX") or DEFAULT_MAX
    try:
        return parse_size(text)
    except ValueError:
        raise ZjgraphError(f"ZJGRAPH_CACHE_MAX={text!r} is not a size; expected bytes or a number with K, M, G "
                           f"or T, e.g. 500M or 5G") from None


def evict(cap: int | None = None, keep: set[str] = frozenset()) -> list[Entry]:
    """Remove the least recently used entries until the cache holds at most ``cap`` bytes (default
    :func:`max_bytes`); entries named in ``keep`` stay even past the cap. Returns what was removed."""
    cap = max_bytes() if cap is None else cap
    found = entries()
    total = sum(e.size for e in found)
    removed = []
    for entry in reversed(found):  # least recently used first
        if total <= cap:
            break
        if entry.name in keep:
            continue
        remove(entry)
        removed.append(entry)
        total -= entry.size
    return removed


def clear() -> list[Entry]:
    """Remove every entry, and temporaries left by writers that died (older than a day); returns the entries."""
    removed = entries()
    for entry in removed:
        remove(entry)
    folder = cache_dir()
    if folder.is_dir():
        for path in folder.glob(".tmp-*"):
            try:
                if time.time() - path.lstat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
            except OSError:
                pass
    return removed
