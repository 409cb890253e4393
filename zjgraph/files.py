"""Writing files and folders so that no failure, full disk or kill leaves a half-written output behind.

- :func:`replacing` writes a file: into a temporary file next to it, fsynced, then renamed over it. A symbolic link
  is written through (its target gets the new content; the link stays); a FIFO or a device is written to directly,
  never replaced (``-o /dev/stdout`` works, ``-o /dev/full`` fails with "No space left on device").
- :func:`replacing_folder` writes a folder (a KGX or neo4j-admin export, a data folder) as one unit: a staging
  folder next to it takes its place in one atomic exchange of names, so a reader sees the old folder or the new,
  never a mix.
- :func:`locked` holds an exclusive lock on a folder while it is rewritten, so two writers take turns.

Temporary names carry the writer's process id (``.NAME.zjgraph-PID-…``); leftovers of a process that was killed are
removed by the next writer of the same path.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from zjgraph.problems import ZjgraphError

MARK = ".zjgraph-"  # in every temporary name: .NAME.zjgraph-PID-RANDOM
ASIDE = "aside"  # the old folder, moved aside where names cannot be exchanged atomically


def _prefix(path: Path) -> str:
    return f".{path.name}{MARK}{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def sweep(path: Path) -> None:
    """Remove what killed writers of ``path`` left next to it: temporary files and staging folders.

    A folder moved aside by a writer killed before the new one took its place (only where names cannot be exchanged
    atomically) is the last good copy: it is put back, never deleted.
    """
    if not path.parent.is_dir():
        return
    for entry in path.parent.iterdir():
        name = entry.name
        if not name.startswith(f".{path.name}{MARK}"):
            continue
        pid = name[len(f".{path.name}{MARK}"):].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        if name.endswith(ASIDE) and not os.path.lexists(path):
            os.rename(entry, path)
        elif entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _fsync(path: Path | str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    for root, _, files in os.walk(folder):
        for name in files:
            _fsync(os.path.join(root, name))
        _fsync(root)


def _mode(existing: os.stat_result | None, base: int = 0o666) -> int:
    """The permissions of what is replaced, or the usual ones for a new file (``base`` 0o777 for a folder)."""
    if existing is not None:
        return stat.S_IMODE(existing.st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return base & ~umask


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _descriptor(real: Path) -> bool:
    """Whether ``real`` names an open file descriptor (``/dev/stdout`` is ``/proc/self/fd/1``): whatever it is open
    on, a file the shell redirected to or a pipe, is written through, as the shell's own ``>`` would."""
    return real.parts[1:2] == ("proc",) or real.parts[1:3] == ("dev", "fd")


@contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """A path to write ``path``'s new content to; it takes ``path``'s place only when the ``with`` block succeeds.

    A symbolic link is followed (the file it points to is replaced, the link stays); a FIFO, device, socket or open
    descriptor (``/dev/stdout``) is yielded itself, to be written through, and never replaced; a folder is refused
    (:class:`IsADirectoryError`).
    The new file keeps the permissions of the one it replaces.
    """
    path = Path(path)
    real = Path(os.path.realpath(path))
    existing = _stat(path)
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if existing is not None and not stat.S_ISREG(existing.st_mode) or _descriptor(real):
        yield path
        return
    real.parent.mkdir(parents=True, exist_ok=True)
    sweep(real)
    fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=_prefix(real), suffix=".tmp")
    os.close(fd)
    try:
        os.chmod(tmp, _mode(existing))  # mkstemp makes the file private
        yield Path(tmp)
        _fsync(tmp)
        os.replace(tmp, real)
        _fsync(real.parent)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names ``a`` and ``b`` in one step (Linux ``renameat2``); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _take_place(new: Path, target: Path) -> None:
    """Put the folder ``new`` in place of ``target``; afterwards ``new`` names the old folder (or nothing)."""
    if not target.exists():
        os.rename(new, target)
    elif not _exchange(new, target):
        aside = target.parent / f"{_prefix(target)}{ASIDE}"  # put back by sweep() if we are killed now
        os.rename(target, aside)
        os.rename(new, target)
        os.rename(aside, new)
    _fsync(target.parent)


@contextmanager
def replacing_folder(folder: Path | str, only: set[str] | None = None) -> Iterator[Path]:
    """An empty staging folder next to ``folder``; when the ``with`` block succeeds, every file in it is fsynced and
    it takes ``folder``'s place in one step (the old folder is then deleted). On failure it is deleted.

    ``only``: the names an existing ``folder`` may hold (those of an earlier export); a folder holding anything
    else is refused with :class:`ZjgraphError` rather than replaced, since replacing it would delete those files.
    """
    folder = Path(os.path.realpath(folder))
    existing = _stat(folder)
    if existing is not None and not stat.S_ISDIR(existing.st_mode):
        raise ZjgraphError(f"{folder} exists and is not a folder")
    if existing is not None and only is not None:
        others = sorted(set(os.listdir(folder)) - only)
        if others:
            raise ZjgraphError(f"{folder} holds other files ({', '.join(others[:3])}{' …' if others[3:] else ''}), "
                               "which replacing it would delete: write into a new or empty folder, or one holding "
                               "only an earlier export of this format")
    folder.parent.mkdir(parents=True, exist_ok=True)
    sweep(folder)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=_prefix(folder)))
    try:
        os.chmod(staging, _mode(existing, 0o777))  # mkdtemp makes the folder private
        yield staging
        _fsync_tree(staging)
        _take_place(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def locked(folder: Path | str, waiting: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (on the file ``.NAME.lock`` next to it) for the ``with`` block.

    Another process holding it makes this one wait, after calling ``waiting()``. The lock file stays: removing it
    would let a waiting and a new writer hold two different locks.
    """
    import fcntl

    folder = Path(os.path.realpath(folder))
    folder.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder.parent / f".{folder.name}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextmanager
def scratch(name: str) -> Iterator[Path]:
    """A private folder in the system's temporary folder, deleted after the ``with`` block; one that a killed
    process left behind is deleted by the next user of the same ``name``."""
    anchor = Path(tempfile.gettempdir()) / name
    sweep(anchor)
    folder = Path(tempfile.mkdtemp(prefix=_prefix(anchor)))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
