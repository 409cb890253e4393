"""Randomly corrupted inputs fed to every reading command (issue 14): each run ends in success or in a clean
error (non-zero exit, a message, no traceback, no "internal error" line of the last-resort handler), and a
failed command leaves no output file behind.

Seeded and bounded: the same corruptions on every run, a few seconds each on the small fixture data.
"""

import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINI

from zjgraph.cli import cli

SEED = 14
CASES = 12  # corrupted data folders; as many spreadsheets and exports each

GARBAGE = [b"\x00", b"\xff\xfe", b"\x80\x81", b"[[", b"]]", b"=", b'"', b"\n", b"[[entity]]\n", b"id = 5\n",
           b"aliases = \"x\"\n", b"value = inf\n", b"\xe4\xb8", "\u3000".encode(), b"\x1b[31m", b"\r", b",", b"\t",
           "名".encode("gb18030"), b"{", b"type = []\n", b"quote = 1\n", b"[fact]\n", b"file = 5\n"]


def corrupt(data: bytes, rng: random.Random) -> bytes:
    """One random damage: truncation, flipped or inserted bytes, a line lost or doubled, or emptied."""
    kind = rng.choice(["truncate", "flip", "insert", "insert", "drop-line", "double-line", "empty"])
    if not data or kind == "empty":
        return b""
    at = rng.randrange(len(data))
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
    if kind == "insert":
        return data[:at] + rng.choice(GARBAGE) + data[at:]
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    return b"\n".join(lines[:i] + lines[i + 1:] if kind == "drop-line" else lines[:i + 1] + lines[i:])


def damage_folder(folder: Path, rng: random.Random) -> str:
    """Damage one file of ``folder`` (sometimes two); returns what was done, for the failure message."""
    done = []
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for _ in range(rng.choice([1, 1, 2])):
        path = rng.choice(files)
        how = rng.random()
        if how < 0.08 and path.exists():
            path.unlink()
            done.append(f"deleted {path.relative_to(folder)}")
        elif how < 0.12 and path.exists():
            path.unlink()
            path.mkdir()
            done.append(f"{path.relative_to(folder)} made a folder")
        elif path.is_file():
            path.write_bytes(corrupt(path.read_bytes(), rng))
            done.append(f"corrupted {path.relative_to(folder)}")
    return "; ".join(done)


def check(args: list, what: str, outputs: tuple[Path, ...] = (), expect_success: bool = False) -> None:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)
    said = result.output
    context = f"{what}\n$ zjgraph {' '.join(map(str, args))}\nexit {result.exit_code}\n{said[-2000:]}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"escaped exception {result.exception!r}\n{context}") from result.exception
    assert "Traceback" not in said, context
    assert "internal error" not in said, context
    assert result.exit_code == 0 or not expect_success, context
    if result.exit_code:
        assert result.stderr.strip(), f"a failure must say why\n{context}"
        assert result.exit_code in (1, 2), context
        for out in outputs:
            assert not out.exists(), f"a failed command left {out}\n{context}"


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> Path:
    """A KGX folder and a Turtle file of the fixture data, to corrupt."""
    folder = tmp_path_factory.mktemp("exports")
    for fmt, out in (("kgx", folder / "kgx"), ("turtle", folder / "g.ttl")):
        result = CliRunner().invoke(cli, ["--no-cache", "--data", str(MINI), "export", "--format", fmt, "-o",
                                          str(out)])
        assert result.exit_code == 0, result.output
    return folder


@pytest.mark.parametrize("case", range(CASES))
def test_corrupted_data_folder(tmp_path, case):
    rng = random.Random(SEED * 1000 + case)
    data = Path(shutil.copytree(MINI, tmp_path / "data"))
    what = damage_folder(data, rng)
    check(["--no-cache", "--data", data, "validate", "--no-shacl"], what)
    check(["--no-cache", "--data", data, "stats"], what)
    check(["--no-cache", "--data", data, "search", "学校"], what)
    check(["--no-cache", "--data", data, "coverage"], what)
    out = tmp_path / "out.ttl"
    check(["--no-cache", "--data", data, "export", "--format", "turtle", "-o", out], what, (out,))


@pytest.mark.parametrize("case", range(CASES))
def test_corrupted_export(tmp_path, exports, case):
    rng = random.Random(SEED * 2000 + case)
    kgx = Path(shutil.copytree(exports / "kgx", tmp_path / "kgx"))
    ttl = Path(shutil.copy(exports / "g.ttl", tmp_path / "g.ttl"))
    target = rng.choice([kgx / "nodes.tsv", kgx / "edges.tsv", ttl])
    target.write_bytes(corrupt(target.read_bytes(), rng))
    what = f"corrupted {target.name}"
    check(["load", kgx, ttl], what)
    check(["--no-cache", "--data", target.parent if target.suffix == ".tsv" else target, "stats"], what)


ORDERS = "学校,订单班,企业,类型\n交职校,轨道订单班,长安汽车,订单班\n重庆市交通职业学校,高速订单班,,学徒制班\n"


@pytest.mark.parametrize("case", range(CASES))
def test_corrupted_spreadsheet(tmp_path, case):
    from test_spreadsheet import MAPPING

    rng = random.Random(SEED * 3000 + case)
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    mapping = sheets / "mapping.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    table = sheets / "orders.csv"
    table.write_bytes(ORDERS.encode(rng.choice(["utf-8-sig", "utf-8", "gb18030"])))
    target = rng.choice([table, table, mapping])
    target.write_bytes(corrupt(target.read_bytes(), rng))
    what = f"corrupted {target.name}"
    into = tmp_path / "into"
    check(["--no-cache", "--data", MINI, "load", table, "--mapping", mapping, "--check"], what)
    check(["--no-cache", "--data", MINI, "load", table, "--mapping", mapping, "--into", into], what)
    if into.exists():  # the good rows of a table with bad ones are loaded (exit 1): into is then a whole, valid folder
        check(["--no-cache", "--data", into, "validate", "--no-shacl"], f"{what}, then loaded", expect_success=True)


@pytest.mark.parametrize("case", range(CASES // 2))
def test_corrupted_report(tmp_path, case):
    rng = random.Random(SEED * 4000 + case)
    report = tmp_path / "report.txt"
    report.write_bytes(corrupt((MINI / "corpus" / "mini.txt").read_bytes(), rng))
    out = tmp_path / "proposal.toml"
    check(["--no-cache", "--data", MINI, "extract", report, "-o", out], "corrupted report", (out,))
