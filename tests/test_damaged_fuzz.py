"""Every kind of file damaged every way hypothesis can think of: `check`, `list`, `report`,
`calendar` and opening the console never show a traceback, never hang, name the file and its
line, and change nothing on disk.

A few cases in the everyday run; ACTIONSET_LONG_TESTS=1 runs 1,000.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DEMO, copy_set
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bad_files import snapshot

from actionset import cli
from actionset import store as disk
from actionset.session import open_console

LONG = os.environ.get("ACTIONSET_LONG_TESTS") == "1"
TODAY = "2026-11-21"
PROBLEM = re.compile(r"^(?P<path>/.+):(?P<line>\d+): (?P<field>[\w.-]+): .+$")
TEMPLATE = (
    b'name = "spare"\ndescription = "a spare"\n[[before]]\ntitle = "Check-in"\n'
    b'minutes = 10\n[[presenter]]\ntitle = "Presenting"\nminutes = 20\n'
)
TODAYS_JOURNAL = (
    b'{"op":"tag","id":1,"at":"2026-11-21T10:00:00+00:00","member":"Ben Osei","code":"Q"}\n'
    b'{"op":"recode","id":1,"code":"S"}\n{"op":"note","id":1,"note":"caf\\u00e9"}\n'
)
FILES = [
    "set.toml",
    "issues.toml",
    "actions.toml",
    "meetings/2026-05-18.toml",
    "meetings/2026-05-18.tags.jsonl",
    f"meetings/{TODAY}.toml",
    f"meetings/{TODAY}.tags.jsonl",
    "templates/spare.toml",
    "../_templates/shared.toml",
]


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("original") / "sets"
    copy_set(DEMO, root / "demo")
    (root / "demo" / "templates").mkdir()
    (root / "demo" / "templates" / "spare.toml").write_bytes(TEMPLATE)
    (root / "_templates").mkdir()
    (root / "_templates" / "shared.toml").write_bytes(TEMPLATE.replace(b"spare", b"shared"))
    folder = disk.SetsFolder(root)
    with open_console(folder.find("demo"), folder, dt.date.fromisoformat(TODAY)):
        pass  # today's meeting planned, as a console leaves it
    (root / "demo" / "meetings" / f"{TODAY}.tags.jsonl").write_bytes(TODAYS_JOURNAL)
    return root


VALUES = [
    b"[1, 2]",
    b"{ a = 1 }",
    b'"text"',
    b"1.5",
    b"true",
    b"-1",
    b"inf",
    b"nan",
    b"1979-05-27T07:32:00Z",
    b"9999-12-31",
    b"0001-01-01",
    b"1" + b"0" * 30,
    b"9" * 5000,
    b'"' + b"x" * 100_000 + b'"',
    b"[" * 1000 + b"]" * 1000,
    b'"\\ud800"',
    b'"\\u0000"',
    b'"../../etc"',
]

mutations = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=8)),
    st.tuples(
        st.just("byte"),
        st.floats(0, 1),
        st.sampled_from([b"\x00", b"\xff", b"\xc3", b"\n", b"\r", b'"', b"["]),
    ),
    st.tuples(st.just("value"), st.integers(0, 40), st.sampled_from(VALUES)),
    st.tuples(
        st.just("line"),
        st.integers(0, 40),
        st.sampled_from(
            [
                b"unknown_key = 1",
                b"[unknown]",
                b"[[issues]]",
                b"{}",
                b"[]",
                b'{"op": "tag"}',
                b'{"op":"tag","id":9,"code":{"a":1}}',
                b'{"op":"tag","id":' + b"9" * 5000 + b"}",
                b"[" * 1000 + b"]" * 1000,
                b'{"op":"delete","id":99}',
            ]
        ),
    ),
    st.tuples(st.just("duplicate"), st.integers(0, 40)),
    st.tuples(st.just("utf16")),
    st.tuples(
        st.just("replace"),
        st.sampled_from(
            ["folder", "dangling link", "link loop", "fifo", "/dev/zero", "empty", "huge"]
        ),
    ),
)

ASSIGN = re.compile(rb"^(\s*[A-Za-z0-9_\-.\"]+\s*=\s*)(.*)$")


def mutate(path: Path, mutation: tuple) -> None:  # type: ignore[type-arg]
    kind, *args = mutation
    data = path.read_bytes()
    lines = data.split(b"\n")
    if kind == "truncate":
        data = data[: int(len(data) * args[0])]
    elif kind in ("insert", "byte"):
        at = int(len(data) * args[0])
        data = data[:at] + args[1] + data[at + (kind == "byte") :]
    elif kind == "value":
        assigns = [i for i, line in enumerate(lines) if ASSIGN.match(line)]
        if assigns:
            i = assigns[args[0] % len(assigns)]
            match = ASSIGN.match(lines[i])
            assert match is not None
            lines[i] = match.group(1) + args[1]
        else:  # a journal: a value of the first record
            value = b":" + args[1]
            lines[0] = re.sub(rb':("[^"]*"|\d+)', lambda _: value, lines[0], count=1)
        data = b"\n".join(lines)
    elif kind == "line":
        lines.insert(args[0] % (len(lines) + 1), args[1])
        data = b"\n".join(lines)
    elif kind == "duplicate":
        i = args[0] % len(lines)
        lines.insert(i, lines[i])
        data = b"\n".join(lines)
    elif kind == "utf16":
        data = data.decode("utf-8").encode("utf-16")
    else:
        path.unlink()
        how = args[0]
        if how == "folder":
            path.mkdir()
        elif how == "dangling link":
            path.symlink_to(path.with_name("nowhere"))
        elif how == "link loop":
            path.symlink_to(path.name)
        elif how == "fifo":
            os.mkfifo(path)
        elif how == "/dev/zero":
            path.symlink_to("/dev/zero")
        elif how == "huge":
            with open(path, "wb") as out:
                out.truncate(disk.files.MAX_FILE_BYTES + 1)  # sparse: no disk used
        else:
            path.write_bytes(b"")
        return
    path.write_bytes(data)


class Hung(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hung


@pytest.fixture
def no_hang() -> Iterator[None]:
    old = signal.signal(signal.SIGALRM, _alarm)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def command(capsys: pytest.CaptureFixture[str], root: Path, *argv: str) -> tuple[int, str, str]:
    signal.alarm(30)  # a hang is a failure, not a stuck suite
    try:
        code = cli.main([*argv, "--sets-dir", str(root), "--today", TODAY])
    finally:
        signal.alarm(0)
    out, err = capsys.readouterr()
    out.encode("utf-8")  # output any terminal or file can take
    err.encode("utf-8")
    for line in err.splitlines():  # each a problem at its line, or one plain sentence
        assert (
            PROBLEM.match(line)
            or line.startswith(("actionset: ", "warning: "))
            or (re.match(r"^\d+ problems? in \d+ sets?;", line))
        ), (argv, line)
    return code, out, err


@pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and links")
@settings(
    max_examples=1000 if LONG else 12,
    deadline=None,
    derandomize=not LONG,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=st.sampled_from(FILES), mutation=mutations)
def test_damaged_files_are_named_and_left_alone(
    original: Path,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    no_hang: None,
    name: str,
    mutation: tuple,  # type: ignore[type-arg]
) -> None:
    root = tmp_path_factory.mktemp("fuzz") / "sets"
    shutil.copytree(original, root, symlinks=True)
    path = (root / "demo" / name).resolve()
    mutate(path, mutation)
    before = snapshot(root)

    code, out, _ = command(capsys, root, "check")
    found = [m for line in out.splitlines() if (m := PROBLEM.match(line))]
    assert code in (0, 1)
    if code == 1:
        assert found and all(
            PROBLEM.match(line) or line.startswith("warning: ") for line in out.splitlines()
        )
    for argv in (
        ["list"],
        ["report", "demo", "--all"],
        ["report", "demo", "--all", "--format", "csv"],
        ["calendar", "demo"],
        ["actions", "demo"],
    ):
        command(capsys, root, *argv)
    folder = disk.SetsFolder(root)
    signal.alarm(30)
    try:
        with open_console(disk.SetStore(root / "demo"), folder, dt.date.fromisoformat(TODAY)):
            pass
    except disk.StoreError as exc:
        for line in str(exc).splitlines():
            assert PROBLEM.match(line) or not line.startswith("Traceback"), line
    finally:
        signal.alarm(0)
    after = snapshot(root)
    for key in [f"demo/meetings/{TODAY}.toml", f"demo/meetings/{TODAY}.tags.jsonl"]:
        if key not in before:  # opening the console may plan today's meeting
            after.pop(key, None)
    for key in [k for k in after if k.endswith(".torn") and k not in before]:
        # A last line cut off mid-write is set aside by the console: moved, never lost.
        journal = key.removesuffix(".torn")
        assert after[journal] + after.pop(key) == before[journal]  # type: ignore[operator]
        after[journal] = before[journal]
    assert after == before
