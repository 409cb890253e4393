"""No lost load, no half-written folder, no replaced device (issue 14, items 2, 3 and 6).

Loads and exports run as real processes, killed with SIGKILL at each stage by a small patch that the process applies
to itself; the folder must then hold its old content or its new one, never a mix, and the next run must succeed and
leave no temporary file behind, in the folder's parent or in the system's temporary folder.
"""

import fcntl
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

BUREAU = Path(__file__).parents[1] / "zjgraph" / "examples" / "bureau"
MAPPING = BUREAU / "mapping.toml"
REPORT = Path(__file__).parent / "fixtures" / "mini" / "corpus" / "mini.txt"

DIE = """
import os, shutil, signal, sys
import zjgraph.files as files
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
"""


def zjgraph(*args, patch: str = "", tmpdir: Path, stdin=None) -> subprocess.CompletedProcess:
    """Run the command line in a new Python process, after ``patch`` (Python run first, with ``die()`` defined)."""
    script = DIE + patch + "\nfrom zjgraph.cli import main\nsys.argv = ['zjgraph', *sys.argv[1:]]\nmain()\n"
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, env=env,
                          timeout=300, stdin=stdin)


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path, tmpdir: Path) -> list[str]:
    """Whatever a writer of ``folder`` left next to it or in the temporary folder (the lock file excepted)."""
    beside = [p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}")
              and p.name != f".{folder.name}.lock"]
    return beside + [p.name for p in tmpdir.iterdir()]


def load(into: Path, table: str, tmpdir: Path, patch: str = "") -> subprocess.CompletedProcess:
    return zjgraph("load", BUREAU / table, "--mapping", MAPPING, "--into", into, patch=patch, tmpdir=tmpdir)


@pytest.fixture
def tmpdir_(tmp_path) -> Path:
    """The system temporary folder the processes see."""
    (tmp_path / "tmp").mkdir()
    return tmp_path / "tmp"


@pytest.fixture
def before_after(tmp_path, tmpdir_) -> tuple[Path, dict, dict]:
    """A data folder holding one loaded table, its content, and its content once a second table is loaded."""
    done = tmp_path / "done"
    assert load(done, "schools.csv", tmpdir_).returncode == 0
    into = tmp_path / "data"
    assert load(into, "schools.csv", tmpdir_).returncode == 0
    assert load(done, "enterprises.csv", tmpdir_).returncode == 0
    return into, snapshot(into), snapshot(done)


STAGES = {
    "copying": """
copyfile = shutil.copyfile
copied = []
def slow(*args, **kwargs):
    copied.append(args)
    if len(copied) > 5:
        die()
    return copyfile(*args, **kwargs)
shutil.copyfile = slow
""",
    "writing": "import zjgraph.loaders.spreadsheet as s\ns._write_table = die\n",
    "before the swap": "files._take_place = die\n",
    # where names cannot be exchanged in one step: the old folder is aside, the new one not yet in place
    "between the renames": """
files._exchange = lambda a, b: False
rename, renamed = os.rename, []
def killing(a, b):
    if renamed and str(renamed[-1]).endswith("aside"):
        die()
    renamed.append(b)
    return rename(a, b)
os.rename = killing
""",
    "deleting the old folder": """
def half(path, *args, **kwargs):
    for root, _, names in os.walk(path):
        for name in names[:1]:
            os.unlink(os.path.join(root, name))
    die()
shutil.rmtree = half
""",
}


@pytest.mark.parametrize("stage", STAGES)
def test_a_load_killed_at_any_stage_loses_nothing(before_after, tmpdir_, stage):
    into, old, new = before_after
    killed = load(into, "enterprises.csv", tmpdir_, patch=STAGES[stage])
    assert killed.returncode == -9, killed.stderr
    after = snapshot(into) if into.exists() else None
    if stage == "between the renames":
        assert after is None  # only the aside copy is left: the next run puts it back
    else:
        assert after == (new if stage == "deleting the old folder" else old)
    rerun = load(into, "enterprises.csv", tmpdir_)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(into) == new
    assert leftovers(into, tmpdir_) == []


def test_concurrent_loads_take_turns_and_both_land(before_after, tmpdir_):
    into, _, _ = before_after
    lock = os.open(into.parent / f".{into.name}.lock", os.O_RDWR)
    fcntl.flock(lock, fcntl.LOCK_EX)  # held while both start, so they surely overlap
    env = {**os.environ, "TMPDIR": str(tmpdir_)}
    procs = [subprocess.Popen([sys.executable, "-m", "zjgraph", "load", BUREAU / t, "--mapping", MAPPING, "--into",
                               into], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for t in ("enterprises.csv", "majors.csv")]
    try:
        for p in procs:  # each says it waits, then waits
            assert p.stderr.readline().startswith(f"zjgraph: waiting for another load into {into}")
    finally:
        os.close(lock)
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    documents = (into / "corpus" / "documents.toml").read_text(encoding="utf-8")
    for doc in ("doc:example-bureau-schools", "doc:example-bureau-enterprises", "doc:example-bureau-majors"):
        assert f'id = "{doc}"' in documents
    assert leftovers(into, tmpdir_) == []


def test_into_a_folder_that_is_not_a_data_folder_is_refused(tmp_path, tmpdir_):
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.docx").write_text("mine", encoding="utf-8")
    result = load(home, "schools.csv", tmpdir_)
    assert result.returncode == 1 and "not a zjgraph data folder" in result.stderr
    assert snapshot(home) == {"thesis.docx": b"mine"} and leftovers(home, tmpdir_) == []


def test_check_leaves_nothing_in_the_temporary_folder(tmpdir_):
    result = zjgraph("load", BUREAU / "schools.csv", "--mapping", MAPPING, "--check", tmpdir=tmpdir_)
    assert result.returncode == 0 and list(tmpdir_.iterdir()) == []
    killed = zjgraph("load", BUREAU / "schools.csv", "--mapping", MAPPING, "--check", tmpdir=tmpdir_,
                     patch="import zjgraph.loaders.spreadsheet as s\ns._write_table = die\n")
    assert killed.returncode == -9 and list(tmpdir_.iterdir())  # the killed run's scratch copy …
    assert zjgraph("load", BUREAU / "schools.csv", "--mapping", MAPPING, "--check", tmpdir=tmpdir_).returncode == 0
    assert list(tmpdir_.iterdir()) == []  # … is swept by the next


# ---------------------------------------------------------------- folder exports

EXPORTS = {"kgx": ("zjgraph.export.kgx", "_edge_rows"), "neo4j-admin": ("zjgraph.cypher.neo4j_admin", "_relationships")}


OLD = b"an earlier export\n"


def old_export(folder: Path, fmt: str) -> dict:
    """An earlier export in ``folder``: the format's files, each holding only :data:`OLD`."""
    folder.mkdir()
    stems, ends = ("documents", "entities", "load", "relationships"), (".csv", ".header.csv")
    names = ["nodes.tsv", "edges.tsv"] if fmt == "kgx" else [f"{s}{e}" for s in stems for e in ends]
    for name in names:
        (folder / name).write_bytes(OLD)
    return snapshot(folder)


@pytest.mark.parametrize("fmt", EXPORTS)
def test_an_export_killed_midway_changes_nothing(tmp_path, tmpdir_, fmt):
    module, rows = EXPORTS[fmt]
    out = tmp_path / "out"
    old = old_export(out, fmt)
    patch = f"""
import {module} as m
rows = m.{rows}
def some_then_die(*args):
    for i, row in enumerate(rows(*args)):
        if i == 10:
            die()
        yield row
m.{rows} = some_then_die
"""
    killed = zjgraph("export", "--format", fmt, out, patch=patch, tmpdir=tmpdir_)
    assert killed.returncode == -9 and snapshot(out) == old
    done = zjgraph("export", "--format", fmt, out, tmpdir=tmpdir_)
    assert done.returncode == 0, done.stderr
    assert sorted(snapshot(out)) == sorted(old) and all(OLD not in content for content in snapshot(out).values())
    assert leftovers(out, tmpdir_) == []


@pytest.mark.parametrize("fmt", EXPORTS)
def test_an_export_into_a_full_disk_changes_nothing(tmp_path, tmpdir_, fmt):
    out = tmp_path / "out"
    old = old_export(out, fmt)
    # a file may grow to 64 KiB only: the write that goes past it fails as on a full disk
    patch = ("import resource\nsignal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
             "resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))\n")
    result = zjgraph("export", "--format", fmt, out, patch=patch, tmpdir=tmpdir_)
    assert result.returncode == 1 and result.stderr.startswith(f"zjgraph: cannot write {out}: File too large")
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert snapshot(out) == old and leftovers(out, tmpdir_) == []


def test_a_folder_export_never_replaces_other_files(tmp_path, tmpdir_):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = zjgraph("export", "--format", "kgx", tmp_path, tmpdir=tmpdir_)
    assert result.returncode == 1 and "holds other files (notes.txt" in result.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


# ---------------------------------------------------------------- -o to what is not a regular file


def test_output_through_a_symlink_keeps_the_link(tmp_path, tmpdir_):
    (tmp_path / "real.ttl").write_text("old", encoding="utf-8")
    os.chmod(tmp_path / "real.ttl", 0o640)
    (tmp_path / "link.ttl").symlink_to("real.ttl")
    result = zjgraph("export", "--format", "turtle", "-o", tmp_path / "link.ttl", tmpdir=tmpdir_)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "link.ttl").is_symlink() and os.readlink(tmp_path / "link.ttl") == "real.ttl"
    assert (tmp_path / "real.ttl").read_text(encoding="utf-8").startswith("@prefix")
    assert stat.S_IMODE((tmp_path / "real.ttl").stat().st_mode) == 0o640  # the file's permissions are kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.ttl", "real.ttl", "tmp"]


def test_output_to_a_fifo_is_written_through(tmp_path, tmpdir_):
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        result = zjgraph("export", "--format", "turtle", "-o", fifo, tmpdir=tmpdir_)
    finally:
        reader.join(timeout=60)
        if reader.is_alive():  # zjgraph never opened the pipe: release the reader, or it blocks pytest's exit
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert result.returncode == 0, result.stderr
    assert received and received[0].startswith(b"@prefix") and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.ttl", "tmp"]


@pytest.mark.parametrize("args", [["export", "--format", "turtle", "-o"], ["coverage", "-o"],
                                  ["view", "--school", "交职校", "-o"],
                                  ["extract", REPORT, "-o"]])
def test_output_to_dev_full_fails_and_keeps_the_device(tmpdir_, args):
    result = zjgraph(*args, "/dev/full", tmpdir=tmpdir_)
    assert result.returncode == 1
    assert result.stderr.strip() == "zjgraph: cannot write /dev/full: No space left on device"
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


def test_output_to_dev_stdout_writes_where_standard_output_goes(tmp_path, tmpdir_):
    with (tmp_path / "redirected.ttl").open("wb") as f:  # as the shell's `> redirected.ttl` would
        script = "import sys\nfrom zjgraph.cli import main\nsys.argv = ['zjgraph', *sys.argv[1:]]\nmain()\n"
        done = subprocess.run([sys.executable, "-c", script, "export", "--format", "turtle", "-o", "/dev/stdout"],
                              stdout=f, stderr=subprocess.PIPE, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "redirected.ttl").read_text(encoding="utf-8").startswith("@prefix")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["redirected.ttl", "tmp"]
