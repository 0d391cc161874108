"""Windows and macOS laptops, simulated at the operating system's edge: folders that cannot be
opened, files briefly held open, CRLF files from Notepad, a code page that is not UTF-8."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest
from conftest import DEMO, ROOT, TODAY, FakeClock, copy_set, on_disk

from actionset import cli
from actionset import store as disk
from actionset.model import Member, Set
from actionset.model.dates import long_date
from actionset.store import cache as store_cache


class WindowsLike:
    """What Windows does that Linux does not: a folder cannot be opened as a file, and a file
    another process has open (the projector reading the meeting) cannot be replaced."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.refused: list[Path] = []  # each replace refused, by its target
        self.waits: list[float] = []
        real_open, real_replace = os.open, os.replace

        def open_(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
            if os.path.isdir(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        def replace(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
            target = Path(dst)
            if target.exists() and target not in self.refused:
                self.refused.append(target)  # held open by a reader, this once
                raise PermissionError(13, "Access is denied", str(dst))
            return real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(os, "open", open_)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(disk.files, "_wait", self.waits.append)


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> WindowsLike:
    return WindowsLike(monkeypatch)


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def run(capsys: pytest.CaptureFixture[str], sets_dir: Path, *argv: str) -> tuple[int, str, str]:
    """A command's exit code and output, with the folder's path and the calendar's stamp (the
    moment it was written, which two runs may read a second apart) made the same."""
    code = cli.main([*argv, "--sets-dir", str(sets_dir), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    out = re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:NOW", out)
    return code, out.replace(str(sets_dir), "SETS"), err.replace(str(sets_dir), "SETS")


# ---------------------------------------------------------------------------- saving on Windows


def test_every_kind_of_save_lands_on_windows(
    windows: WindowsLike, sets_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = disk.SetStore(sets_dir / "demo")
    the_set = store.load_set()
    the_set.usual_place = "Salle Zoë, Mairie"
    store.save_set(the_set)
    issues = store.load_issues()
    issues[0].title = "Chloé's empty homes"
    store.save_issues(issues)
    actions = store.load_actions()
    actions[0].text = "Walk the home with Łukasz"
    store.save_actions(actions)
    meeting = store.load_meeting(store.meeting_dates()[-1])
    assert meeting is not None
    meeting.reflections.append("We asked more than we told — at last")
    store.save_meeting(meeting)
    disk.save_preferences({"theme": "dracula"})
    disk.save_preferences({"theme": "nord"})  # over the first: a replace
    with store.lock():  # the note of who holds the set is written too
        assert "process" in store.lock().holder()
    with store.journal(TODAY) as journal:  # a new journal: its folder cannot be synced either
        journal.append(
            {
                "op": "tag",
                "id": 1,
                "at": "2026-11-21T09:31:00+00:00",
                "phase": "Clarify",
                "presenter": "Tom Reyes",
                "member": "Priya Shah",
                "code": "open-question",
                "note": "Qu'avez-vous essayé ?",
            }
        )
    new = disk.SetsFolder(sets_dir).create(
        Set(name="Zoë's set", members=[Member(name=n) for n in ("Zoë", "Chloé", "Ana", "Ben")])
    )

    assert store.load_set().usual_place == "Salle Zoë, Mairie"
    assert store.load_issues()[0].title == "Chloé's empty homes"
    assert store.load_actions()[0].text == "Walk the home with Łukasz"
    saved = store.load_meeting(meeting.date)
    assert saved is not None and saved.reflections[-1] == "We asked more than we told — at last"
    assert disk.load_preferences() == {"theme": "nord"}
    assert [e["note"] for e in store.read_journal(TODAY).events] == ["Qu'avez-vous essayé ?"]
    assert new.load_set().name == "Zoë's set"
    # Each existing file was refused once and saved on the next try, after a short wait.
    assert {p.name for p in windows.refused} >= {
        "set.toml",
        "issues.toml",
        "actions.toml",
        f"{meeting.date}.toml",
        "preferences.toml",
    }
    assert windows.waits and all(0 < w <= 0.5 for w in windows.waits)
    assert not [p for p in files_under(sets_dir) if p.name.endswith(".tmp")]
    assert run(capsys, sets_dir, "check")[0] == 0


def test_a_file_held_open_for_too_long_is_reported_and_the_old_one_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "set.toml"
    path.write_bytes(b'name = "North"\n')
    waits: list[float] = []

    def held(src: object, dst: object) -> None:
        raise PermissionError(13, "Access is denied", str(dst))

    monkeypatch.setattr(os, "replace", held)
    monkeypatch.setattr(disk.files, "_wait", waits.append)
    with pytest.raises(PermissionError):
        disk.atomic_write(path, b'name = "South"\n')
    assert path.read_bytes() == b'name = "North"\n'
    assert [p.name for p in tmp_path.iterdir()] == ["set.toml"]
    assert waits == list(disk.REPLACE_WAITS)
    assert sum(waits) < 1  # a projector reads the meeting in well under a second


def test_where_folders_can_be_synced_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[bool] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.path.isdir(f"/proc/self/fd/{fd}") if sys.platform == "linux" else True)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    disk.atomic_write(tmp_path / "set.toml", b'name = "North"\n')
    assert synced == [False, True]  # the file, then its folder


async def test_the_console_saves_on_windows(
    windows: WindowsLike, new_set_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.app import console_app

    store = disk.SetStore(new_set_dir / "demo")
    app = console_app(
        store, disk.SetsFolder(new_set_dir), today=TODAY, now=fake_clock, remember_theme=False
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        fake_clock.advance(60)
        await pilot.press("n", "t", "1", "q")  # the tag pane over the phase's panel
        meeting = await on_disk(app, new_set_dir)
    assert meeting.clock.phase == 1
    assert [e["member"] for e in store.read_journal(TODAY).events] == ["Amira Haddad"]
    assert store.meeting_path(TODAY) in windows.refused


# ---------------------------------------------------------------------------- line endings


def crlf_copy(source: Path, target: Path) -> Path:
    """The set as Notepad would leave it: every line ending \\r\\n."""
    copy_set(source, target)
    for path in files_under(target):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return target


@pytest.fixture
def both(tmp_path: Path) -> tuple[Path, Path]:
    """Two sets folders holding the demo set, with \\n and with \\r\\n line endings."""
    lf, crlf = tmp_path / "lf", tmp_path / "crlf"
    copy_set(DEMO, lf / "demo")
    crlf_copy(DEMO, crlf / "demo")
    assert all(b"\r\n" in p.read_bytes() for p in files_under(crlf))
    return lf, crlf


COMMANDS = [
    ("check",),
    ("list",),
    ("actions", "demo"),
    ("report", "demo", "--all"),
    ("calendar", "demo"),
    *(
        ("report", "demo", "--format", "csv", "--meeting", day.removesuffix(".toml"))
        for day in sorted(os.listdir(DEMO / "meetings"))
        if day.endswith(".toml")
    ),
]


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_a_crlf_set_reads_the_same(
    both: tuple[Path, Path], argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    lf, crlf = both
    expected = run(capsys, lf, *argv)
    assert expected[0] == 0 and expected[1]
    assert run(capsys, crlf, *argv) == expected


HAND_EDITS = [
    ("actions.toml", 'owner = "Tom Reyes"', 'owner = "Tom Rees"'),
    ("meetings/2026-08-10.toml", "planned_minutes = 15", 'planned_minutes = "fifteen"'),
    ("issues.toml", 'status = "resolved"', 'status = "solved"'),
    ("meetings/2026-09-21.toml", 'issue = "depot-merger"', 'issue = "depot-mergers"'),
    ("meetings/2026-06-29.tags.jsonl", '"code":"open-question"', '"code":"open-questoin"'),
]


def test_errors_in_a_crlf_set_name_the_same_lines(
    both: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in both:
        for name, old, new in HAND_EDITS:
            path = folder / "demo" / name
            text = path.read_bytes().decode("utf-8")
            assert old in text
            path.write_bytes(text.replace(old, new).encode("utf-8"))
    expected = run(capsys, both[0], "check")
    assert expected[0] == 1
    assert len(re.findall(r"^SETS/demo/\S+:\d+: ", expected[1], re.MULTILINE)) >= len(HAND_EDITS)
    assert run(capsys, both[1], "check") == expected


def test_a_toml_syntax_error_in_a_crlf_file_names_the_same_line(tmp_path: Path) -> None:
    text = 'name = "North"\n\n# members to come\nfacilitator = \ncadence_weeks = 6\n'
    lines = []
    for ending in ("\n", "\r\n"):
        path = tmp_path / f"set{len(ending)}.toml"
        path.write_bytes(text.replace("\n", ending).encode("utf-8"))
        with pytest.raises(disk.StoreError) as caught:
            disk.read_toml(path)
        lines.append([(p.line, p.field, p.message) for p in caught.value.problems])
    assert lines[0] == lines[1] == [(4, "toml", "Invalid value")]


def test_written_files_hold_no_carriage_returns(
    both: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Saving a set edited in Notepad writes it back with \\n endings, even text that held a
    \\r\\n (pasted from a Windows program), so git shows no change of every line."""
    store = disk.SetStore(both[1] / "demo")
    the_set = store.load_set()
    the_set.ground_rules.append("Pasted from Word:\r\nphones away")
    store.save_set(the_set)
    store.save_issues(store.load_issues())
    store.save_actions(store.load_actions())
    for date in store.meeting_dates():
        meeting = store.load_meeting(date)
        assert meeting is not None
        store.save_meeting(meeting)
    with store.journal(TODAY) as journal:
        journal.append(
            {
                "op": "tag",
                "id": 1,
                "at": "2026-11-21T09:31:00+00:00",
                "phase": "Clarify",
                "presenter": "Tom Reyes",
                "member": "Priya Shah",
                "code": "open-question",
                "note": "two lines\r\nfrom Outlook",
            }
        )
    disk.save_preferences({"theme": "nord"})
    written = [*files_under(both[1]), disk.config_dir() / disk.PREFERENCES_FILE]
    with_cr = {p.name for p in written if b"\r" in p.read_bytes()}
    # Journals are appended to, never rewritten: the old lines keep the endings Notepad gave.
    assert with_cr == {p.name for p in files_under(DEMO) if p.name.endswith(disk.TAGS_SUFFIX)}
    assert store.load_set().ground_rules[-1] == "Pasted from Word:\r\nphones away"
    assert store.read_journal(TODAY).events[0]["note"] == "two lines\r\nfrom Outlook"
    assert run(capsys, both[1], "check")[0] == 0


# ---------------------------------------------------------------------------- text encodings


def test_the_suite_fails_on_an_open_without_an_encoding(tmp_path: Path) -> None:
    assert sys.flags.warn_default_encoding
    with pytest.raises(EncodingWarning):
        (tmp_path / "x.txt").write_text("Zoë")


def test_the_commands_open_nothing_without_an_encoding(sets_dir: Path) -> None:
    """Each command in a fresh interpreter, where imports and start-up open files too."""
    env = {**os.environ, "ACTIONSET_TODAY": TODAY.isoformat()}
    flags = ["-X", "warn_default_encoding", "-W", "error::EncodingWarning"]
    for argv in (
        ["new", "Zoë's set", "--member", "Zoë", "--member", "Chloé"],
        ["list"],
        ["check"],
        ["report", "demo"],
        ["report", "demo", "--format", "csv"],
        ["actions", "demo"],
        ["calendar", "demo"],
    ):
        done = subprocess.run(
            [sys.executable, *flags, "-m", "actionset", *argv, "--sets-dir", str(sets_dir)],
            capture_output=True,
            encoding="utf-8",
            env=env,
            timeout=60,
        )
        assert done.returncode == 0, (argv, done.stderr)
        assert "EncodingWarning" not in done.stderr


@pytest.mark.parametrize(
    "argv",
    [("report", "demo"), ("calendar", "demo"), ("report", "demo", "--format", "csv"), ("list",)],
    ids=" ".join,
)
def test_redirected_output_is_utf8_with_unix_line_endings(
    monkeypatch: pytest.MonkeyPatch, sets_dir: Path, argv: tuple[str, ...]
) -> None:
    store = disk.SetStore(sets_dir / "demo")
    the_set = store.load_set()
    the_set.members[0].name = "Łukasz Wróbel"  # not in cp1252
    the_set.usual_place = "Ζωή's office"
    store.save_set(the_set)
    # stdout redirected to a file on a Windows laptop: the code page, each \n written as \r\n.
    raw = io.BytesIO()
    windows_stdout = io.TextIOWrapper(raw, encoding="cp1252", newline="\r\n")
    monkeypatch.setattr(sys, "stdout", windows_stdout)
    assert cli.main([*argv, "--sets-dir", str(sets_dir), "--today", TODAY.isoformat()]) in (0, 1)
    windows_stdout.flush()
    out = raw.getvalue().decode("utf-8")
    if argv[0] == "calendar":  # iCalendar's own line ending, exactly once
        assert "\r\n" in out and "\r\r" not in out and "Ζωή" in out
    else:
        assert "\r" not in out
    if argv == ("list",):
        assert "Heads of Service — Northfield Borough Council" in out


# ---------------------------------------------------------------------------- dates and folders


def test_long_dates_need_no_glibc() -> None:
    assert long_date(dt.date(2026, 11, 1)) == "1 November 2026"
    assert long_date(dt.date(2026, 9, 21), weekday=True) == "Monday 21 September 2026"


def test_no_format_is_glibc_only() -> None:
    """`%-d` and its kind are refused by Windows' strftime: nowhere in the project."""
    glibc_only = re.compile("[:\"'(]%" + "-[a-zA-Z]")  # in a format, not in these words
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("actionset", "tests", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
        if glibc_only.search(line)
    ]
    assert found == []


def test_the_data_folder_on_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import platformdirs
    import platformdirs.windows

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(disk.ENV_SETS_DIR, raising=False)
    monkeypatch.delenv(disk.ENV_CONFIG_DIR, raising=False)
    monkeypatch.delenv(disk.ENV_CACHE_DIR, raising=False)
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\zoe\AppData\Local")
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(
        platformdirs.windows,
        "_RESOLVE_WIN_FOLDER",
        platformdirs.windows.get_win_folder_from_env_vars,
    )
    assert PureWindowsPath(disk.resolve_sets_dir()) == PureWindowsPath(
        r"C:\Users\zoe\AppData\Local\actionset\sets"
    )
    assert PureWindowsPath(disk.config_dir()) == PureWindowsPath(
        r"C:\Users\zoe\AppData\Local\actionset"
    )
    assert PureWindowsPath(store_cache.cache_dir()) == PureWindowsPath(
        r"C:\Users\zoe\AppData\Local\actionset\Cache"
    )


def test_the_data_folder_on_macos(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import platformdirs
    import platformdirs.macos

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(disk.ENV_SETS_DIR, raising=False)
    monkeypatch.delenv(disk.ENV_CONFIG_DIR, raising=False)
    monkeypatch.delenv(disk.ENV_CACHE_DIR, raising=False)
    monkeypatch.setenv("HOME", "/Users/zoe")
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.macos.MacOS)
    assert disk.resolve_sets_dir() == Path("/Users/zoe/Library/Application Support/actionset/sets")
    assert store_cache.cache_dir() == Path("/Users/zoe/Library/Caches/actionset")
