"""The store: layout on disk, round trips, atomic writes, the lock, problems, slugs, folders."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actionset.model import (
    Action,
    AgendaPhase,
    Attendance,
    ClockState,
    Issue,
    IssueStatus,
    Meeting,
    Member,
    PlanChange,
    Presentation,
    Progress,
    ReportBack,
    Set,
    StatusChange,
)
from actionset.model.meeting import PhaseKind, PhaseStatus
from actionset.store import (
    SetLock,
    SetLocked,
    SetsFolder,
    SetStore,
    StoreError,
    TagJournal,
    atomic_write,
    dump_toml,
    read_journal,
    resolve_sets_dir,
    slugify,
)

SEPT = dt.date(2026, 9, 14)
OCT = dt.date(2026, 10, 26)
BST = dt.timezone(dt.timedelta(hours=1))
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def a_set() -> Set:
    return Set(
        name="Northern Leaders",
        facilitator="Jo Park",
        cadence_weeks=6,
        organisations=["NHS North", "City Council"],
        usual_time="09:30",
        ground_rules=["Questions, not advice", "What is said here stays here"],
        members=[
            Member(name="Priya Shah", organisation="NHS North", role="Ward manager"),
            Member(name="Tom Reyes", organisation="City Council"),
            Member(name="Ann Lee", retired=True),
        ],
    )


def some_actions() -> list[Action]:
    call = Action(
        id="call-finance",
        owner="Priya Shah",
        text="Call finance about the budget",
        issue="budget",
        agreed_at=SEPT,
        due=OCT,
    )
    call.report(ReportBack(meeting=OCT, progress=Progress.partly, note="left a message"))
    rota = Action(id="draft-rota", owner="Tom Reyes", text="Draft a new rota", agreed_at=SEPT)
    rota.report(ReportBack(meeting=OCT, progress=Progress.done))
    return [call, rota]


def a_meeting() -> Meeting:
    return Meeting(
        date=SEPT,
        place="Room 4",
        attendance=Attendance(present=["Priya Shah", "Tom Reyes"], apologies=["Ann Lee"]),
        presenters=[
            Presentation(member="Priya Shah", issue="budget"),
            Presentation(member="Tom Reyes"),
        ],
        reflections=["We asked more open questions than last time"],
        clock=ClockState(
            phase=1,
            running=True,
            since=dt.datetime(2026, 9, 14, 9, 47, 5, tzinfo=BST),
            elapsed_seconds=12.5,
            started_at=dt.datetime(2026, 9, 14, 9, 30, tzinfo=BST),
            ends_at=dt.datetime(2026, 9, 14, 12, 30, tzinfo=dt.UTC),
        ),
        agenda=[
            AgendaPhase(
                title="Check-in",
                kind=PhaseKind.check_in,
                planned_minutes=15,
                actual_seconds=1020,
                status=PhaseStatus.done,
            ),
            AgendaPhase(
                title="Present",
                kind=PhaseKind.present,
                planned_minutes=5,
                presenter="Priya Shah",
                allotted_seconds=420,
                status=PhaseStatus.current,
            ),
            AgendaPhase(title="Stretch", planned_minutes=0, added=True),
        ],
        changes=[
            PlanChange(
                at=dt.datetime(2026, 9, 14, 9, 48, tzinfo=BST),
                change="extend",
                phase="Present",
                seconds=120,
            )
        ],
    )


@pytest.fixture
def folder(tmp_path: Path) -> SetsFolder:
    return SetsFolder(tmp_path / "sets")


@pytest.fixture
def store(folder: SetsFolder) -> SetStore:
    return folder.create(a_set())


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems(caught: pytest.ExceptionInfo[StoreError]) -> list[str]:
    """The problems, without the folder, as `file:line: field: message`."""
    return [f"{p.path.name}:{p.line}: {p.field}: {p.message}" for p in caught.value.problems]


# ---------------------------------------------------------------------------- layout, round trips


def test_a_new_set_is_laid_out_as_documented(store: SetStore) -> None:
    assert store.folder.name == "northern-leaders"
    assert (store.folder / "meetings").is_dir()
    assert (store.folder / "set.toml").read_text(encoding="utf-8") == textwrap.dedent("""\
        name = "Northern Leaders"
        facilitator = "Jo Park"
        cadence_weeks = 6
        kind = "horizontal"
        organisations = [
            "NHS North",
            "City Council",
        ]
        agenda_template = "half-day"
        usual_time = "09:30"
        ground_rules = [
            "Questions, not advice",
            "What is said here stays here",
        ]

        [[members]]
        name = "Priya Shah"
        organisation = "NHS North"
        role = "Ward manager"
        retired = false

        [[members]]
        name = "Tom Reyes"
        organisation = "City Council"
        retired = false

        [[members]]
        name = "Ann Lee"
        retired = true
        """)


def test_records_stay_tables_however_long_their_lines() -> None:
    the_set = Set(name="N", members=[Member(name="A"), Member(name="B", role="x" * 200)])
    text = dump_toml(the_set.model_dump()).decode()
    assert text.count("[[members]]") == 2
    assert "{" not in text


def test_set_round_trip(store: SetStore) -> None:
    assert store.load_set() == a_set()


def test_issues_round_trip(store: SetStore) -> None:
    issues = [
        Issue(
            id="budget",
            owner="Priya Shah",
            title="Budget cut",
            description="Two lines\nof it",
            history=[StatusChange(meeting=SEPT, status=IssueStatus.worked, note="first go")],
        ),
        Issue(id="rota", owner="Tom Reyes", title="Night rota"),
    ]
    store.save_issues(issues)
    assert store.load_issues() == issues


def test_actions_round_trip_with_their_report_backs(store: SetStore) -> None:
    actions = some_actions()
    store.save_actions(actions)
    loaded = store.load_actions()
    assert loaded == actions
    assert [a.status.value for a in loaded] == ["open", "done"]
    text = (store.folder / "actions.toml").read_text(encoding="utf-8")
    assert '[[actions.updates]]\nmeeting = 2026-10-26\nprogress = "partly"' in text


def test_meeting_round_trip(store: SetStore) -> None:
    meeting = a_meeting()
    store.save_meeting(meeting)
    path = store.folder / "meetings" / "2026-09-14.toml"
    assert path.is_file()
    loaded = store.load_meeting(SEPT)
    assert loaded == meeting
    assert loaded is not None and loaded.clock.since is not None
    assert loaded.clock.since.utcoffset() == dt.timedelta(hours=1)
    text = path.read_text(encoding="utf-8")
    assert "date = 2026-09-14\n" in text
    assert "since = 2026-09-14 09:47:05+01:00\n" in text  # a TOML offset date-time
    assert "\n[clock]\n" in text
    assert store.meeting_dates() == [SEPT]
    assert store.load_meetings() == [meeting]


def test_saving_twice_gives_identical_bytes(store: SetStore) -> None:
    paths = [store.folder / name for name in ("set.toml", "issues.toml", "actions.toml")]
    paths.append(store.meeting_path(SEPT))

    def save_all() -> list[bytes]:
        store.save_set(store.load_set())
        store.save_issues([Issue(id="budget", owner="Priya Shah", title="Budget cut")])
        store.save_actions(store.load_actions() or some_actions())
        store.save_meeting(store.load_meeting(SEPT) or a_meeting())
        return [p.read_bytes() for p in paths]

    assert save_all() == save_all()


def test_microseconds_are_not_written(store: SetStore) -> None:
    meeting = Meeting(
        date=SEPT,
        clock=ClockState(running=True, since=dt.datetime(2026, 9, 14, 9, 0, 0, 654321, tzinfo=BST)),
    )
    store.save_meeting(meeting)
    loaded = store.load_meeting(SEPT)
    assert loaded is not None
    assert loaded.clock.since == dt.datetime(2026, 9, 14, 9, 0, 0, tzinfo=BST)


def test_missing_files_load_as_nothing(store: SetStore) -> None:
    assert store.load_issues() == []
    assert store.load_actions() == []
    assert store.load_meeting(SEPT) is None
    assert store.meeting_mtime(SEPT) == 0


def test_a_folder_without_set_toml_is_not_a_set(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"set\.toml is missing"):
        SetStore(tmp_path).load_set()


# ---------------------------------------------------------------------------- atomic writes


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_leaves_the_old_file_and_no_temp(
    store: SetStore, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = store.folder / "set.toml"
    before = path.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    changed = a_set()
    changed.cadence_weeks = 8
    with pytest.raises(OSError, match="No space"):
        store.save_set(changed)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert no_temp_files(store.folder)
    assert store.load_set() == a_set()


def test_a_write_syncs_the_file_and_then_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append("folder" if os.path.isdir(f"/proc/self/fd/{fd}") else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    atomic_write(tmp_path / "x.toml", b"a = 1\n")
    assert (tmp_path / "x.toml").read_bytes() == b"a = 1\n"
    if Path("/proc/self/fd").is_dir():
        assert synced == ["file", "folder"]
    else:
        assert len(synced) == 2


def test_a_temp_file_left_by_a_crash_is_ignored(store: SetStore) -> None:
    store.save_meeting(a_meeting())
    (store.folder / ".set.toml.99999.tmp").write_bytes(b'name = "Half wri')
    (store.meetings_dir / ".2026-10-26.toml.99999.tmp").write_bytes(b"date = 2026-10-")
    assert store.load_set() == a_set()
    assert store.meeting_dates() == [SEPT]
    store.save_set(a_set())
    assert store.load_set() == a_set()


# ---------------------------------------------------------------------------- the lock

HOLD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from actionset.store import SetLock
    lock = SetLock(Path(sys.argv[1]), "northern-leaders")
    lock.acquire()
    print("locked", flush=True)
    time.sleep(60)
""")

TRY = textwrap.dedent("""
    import sys
    from pathlib import Path
    from actionset.store import SetLock, SetLocked
    try:
        SetLock(Path(sys.argv[1]), "northern-leaders").acquire()
    except SetLocked as exc:
        print(exc)
    else:
        print("acquired")
""")


def hold_in_another_process(folder: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder)],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "locked\n"
    return holder


def test_a_second_console_is_refused_with_who_holds_the_set(store: SetStore) -> None:
    holder = hold_in_another_process(store.folder)
    try:
        with pytest.raises(SetLocked) as caught:
            store.lock().acquire()
        message = str(caught.value)
        assert f"process {holder.pid} on " in message
        assert "`actionset project northern-leaders` shows the meeting read-only" in message
        assert "\n" not in message
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_killed_console_is_taken_over(store: SetStore) -> None:
    holder = hold_in_another_process(store.folder)
    holder.kill()  # SIGKILL: no chance to release or tidy up
    holder.wait()
    lock = store.lock()
    assert f"process {holder.pid}" in lock.holder()  # the stale note is still there
    with lock:
        assert f"process {os.getpid()} on " in lock.holder()
        tried = subprocess.run(
            [sys.executable, "-c", TRY, str(store.folder)],
            capture_output=True,
            text=True,
            check=True,
            encoding="utf-8",
        )
        assert f"process {os.getpid()} on " in tried.stdout
    assert not (store.folder / ".console.json").exists()
    tried = subprocess.run(
        [sys.executable, "-c", TRY, str(store.folder)],
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    assert tried.stdout == "acquired\n"


def test_the_same_process_cannot_take_the_lock_twice(store: SetStore) -> None:
    with store.lock(), pytest.raises(SetLocked):
        store.lock().acquire()
    with store.lock():  # released on leaving
        pass


def test_holder_without_a_note_is_another_process(tmp_path: Path) -> None:
    assert SetLock(tmp_path, "x").holder() == "another process"
    (tmp_path / ".console.json").write_text("{not json", encoding="utf-8", newline="\n")
    assert SetLock(tmp_path, "x").holder() == "another process"


# ---------------------------------------------------------------------------- problems


def test_toml_syntax_error_has_its_line(store: SetStore) -> None:
    write(
        store.folder / "set.toml",
        """
        name = "North"
        cadence_weeks = 6
        facilitator = Jo
        """,
    )
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert problems(caught) == ["set.toml:3: toml: Invalid value"]
    assert str(caught.value) == f"{store.folder / 'set.toml'}:3: toml: Invalid value"


def test_toml_error_at_the_end_is_on_the_last_line(store: SetStore) -> None:
    (store.folder / "set.toml").write_text(
        'name = "North"\n\nfacilitator = ', encoding="utf-8", newline="\n"
    )
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert problems(caught) == ["set.toml:3: toml: Invalid value"]


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(store: SetStore) -> None:
    (store.folder / "set.toml").write_bytes(
        'name = "North"\n\nfacilitator = "Jö"\n'.encode("latin-1")
    )
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert problems(caught) == ["set.toml:3: file: not UTF-8 text (byte 0xf6); save it as UTF-8"]


SET_WITH_MEMBERS = """
    name = "North"
    cadence_weeks = 6

    [[members]]
    name = "Priya Shah"

    [[members]]
    name = "Tom Reyes"
    organisation = "Council"

    [[members]]
    role = "Ward manager"
    name = {member_name}
    """


@pytest.mark.parametrize(
    ("member_name", "expected"),
    [
        ("3", "set.toml:13: members.2.name: Input should be a valid string"),
        ('""', "set.toml:13: members.2.name: String should have at least 1 character"),
        ('"priya shah"', "set.toml:13: members.2.name: member 'priya shah' appears twice"),
    ],
)
def test_member_problems_name_the_member_and_its_line(
    store: SetStore, member_name: str, expected: str
) -> None:
    write(store.folder / "set.toml", SET_WITH_MEMBERS.replace("{member_name}", member_name))
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert problems(caught) == [expected]


def test_missing_and_unknown_keys(store: SetStore) -> None:
    write(
        store.folder / "set.toml",
        """
        name = "North"
        cadense_weeks = 4

        [[members]]
        name = "Priya Shah"

        [[members]]
        nmae = "Tom Reyes"
        """,
    )
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert problems(caught) == [
        "set.toml:7: members.1.name: Field required",
        "set.toml:8: members.1.nmae: unknown key (check its spelling)",
        "set.toml:2: cadense_weeks: unknown key (check its spelling)",
    ]


def test_wrong_types_at_the_top(store: SetStore) -> None:
    write(
        store.folder / "set.toml",
        """
        name = "North"
        # how often
        cadence_weeks = "six"
        members = "everyone"
        """,
    )
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert problems(caught) == [
        "set.toml:3: cadence_weeks: Input should be a valid integer, "
        "unable to parse string as an integer",
        "set.toml:4: members: Input should be a valid list",
    ]


def test_lines_are_counted_as_toml_counts_them(store: SetStore) -> None:
    # A multi-line string that looks like tables, and a line separator inside a string.
    write(
        store.folder / "set.toml",
        '''
        name = "North \u2028 Leaders"
        ground_rules = ["""
        [[members]]
        name = "not a member"
        """]

        [[members]]
        name = "Priya Shah"
        retired = "nope"
        ''',
    )
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert problems(caught) == [
        "set.toml:9: members.0.retired: Input should be a valid boolean, unable to interpret input"
    ]


def test_actions_with_nested_updates_name_the_right_update(store: SetStore) -> None:
    write(
        store.folder / "actions.toml",
        """
        [[actions]]
        id = "call-finance"
        owner = "Priya Shah"
        text = "Call finance"
        agreed_at = 2026-09-14

        [[actions.updates]]
        meeting = 2026-10-26
        progress = "partly"

        [[actions.updates]]
        meeting = 2026-12-07
        progress = "done"

        [[actions]]
        id = "draft-rota"
        owner = "Tom Reyes"
        text = "Draft a rota"
        agreed_at = "2026-02-30"
        due = 2026-01-01

        [[actions.updates]]
        meeting = 2026-10-26
        progress = "half"
        """,
    )
    with pytest.raises(StoreError) as caught:
        store.load_actions()
    assert problems(caught) == [
        "actions.toml:19: actions.1.agreed_at: Input should be a valid date or datetime, "
        "day value is outside expected range",
        "actions.toml:24: actions.1.updates.0.progress: Input should be 'done', 'partly', "
        "'not-done' or 'dropped'",
    ]


def test_a_record_wide_check_points_at_its_field(store: SetStore) -> None:
    write(
        store.folder / "actions.toml",
        """
        [[actions]]
        id = "draft-rota"
        owner = "Tom Reyes"
        text = "Draft a rota"
        agreed_at = 2026-09-14
        due = 2026-09-01
        """,
    )
    with pytest.raises(StoreError) as caught:
        store.load_actions()
    assert problems(caught) == [
        "actions.toml:6: actions.0.due: due date is before the meeting the action was agreed at"
    ]


def test_a_saved_file_edited_by_hand_reports_the_edited_line(store: SetStore) -> None:
    store.save_actions(some_actions())
    path = store.folder / "actions.toml"
    lines = path.read_text(encoding="utf-8").split("\n")
    edited = lines.index('progress = "done"')
    lines[edited] = 'progress = "finished"'
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")
    with pytest.raises(StoreError) as caught:
        store.load_actions()
    assert problems(caught) == [
        f"actions.toml:{edited + 1}: actions.1.updates.0.progress: "
        "Input should be 'done', 'partly', 'not-done' or 'dropped'"
    ]


def test_inline_records_one_per_line_are_located(store: SetStore) -> None:
    write(
        store.folder / "set.toml",
        """
        name = "North"
        members = [
            { name = "Priya Shah" },
            { name = "Tom Reyes", retired = "nope" },
        ]
        """,
    )
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert problems(caught) == [
        "set.toml:4: members.1.retired: Input should be a valid boolean, unable to interpret input"
    ]


def test_only_records_in_the_issues_file(store: SetStore) -> None:
    write(
        store.folder / "issues.toml",
        """
        version = 1

        [[issues]]
        id = "budget"
        owner = "Priya Shah"
        title = "Budget"

        [[issuse]]
        id = "rota"
        """,
    )
    with pytest.raises(StoreError) as caught:
        store.load_issues()
    assert problems(caught) == [
        "issues.toml:8: issuse: unknown key (this file holds only [[issues]] tables)",
        "issues.toml:1: version: unknown key (this file holds only [[issues]] tables)",
    ]


def test_meeting_clock_problems_name_their_line(store: SetStore) -> None:
    write(
        store.meeting_path(SEPT),
        """
        date = 2026-09-14

        [clock]
        phase = 2
        running = true
        since = 2026-09-14T09:47:05+01:00
        view = "big"

        [[agenda]]
        title = "Check-in"
        planned_minutes = 15
        """,
    )
    with pytest.raises(StoreError) as caught:
        store.load_meeting(SEPT)
    assert problems(caught) == [
        "2026-09-14.toml:7: clock.view: String should match pattern '^(countdown|elapsed|clock)$'"
    ]
    text = (
        store.meeting_path(SEPT)
        .read_text(encoding="utf-8")
        .replace('view = "big"', 'view = "clock"')
    )
    store.meeting_path(SEPT).write_text(text, encoding="utf-8", newline="\n")
    with pytest.raises(StoreError) as caught:
        store.load_meeting(SEPT)
    assert problems(caught) == [
        "2026-09-14.toml:4: clock.phase: phase 2 is past the last agenda phase"
    ]


def test_a_running_clock_without_since(store: SetStore) -> None:
    write(
        store.meeting_path(SEPT),
        """
        date = 2026-09-14

        [clock]
        phase = 0
        running = true
        """,
    )
    with pytest.raises(StoreError) as caught:
        store.load_meeting(SEPT)
    assert problems(caught) == ["2026-09-14.toml:5: clock.running: a running clock needs `since`"]


def test_meeting_date_must_match_its_file_name(store: SetStore) -> None:
    write(
        store.meeting_path(SEPT),
        """
        # moved from October
        date = 2026-10-26
        """,
    )
    with pytest.raises(StoreError) as caught:
        store.load_meeting(SEPT)
    assert problems(caught) == [
        "2026-09-14.toml:2: date: 2026-10-26 does not match the file name 2026-09-14"
    ]
    with pytest.raises(StoreError):
        store.save_meeting(Meeting(date=SEPT))


# ---------------------------------------------------------------------------- damaged files


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("set.toml", 'name = "North"\ncadence_weeks = 0\n'),
        ("set.toml", "name = \n"),
        ("issues.toml", '[[issues]]\nid = "Not A Slug"\nowner = "A"\ntitle = "B"\n'),
        ("actions.toml", '[[actions]]\nid = "x"\n'),
        ("meetings/2026-09-14.toml", "date = 2026-09-14\nclosed = maybe\n"),
    ],
)
def test_a_file_that_did_not_load_is_never_written_over(
    store: SetStore, name: str, text: str
) -> None:
    path = store.folder / name
    write(path, text)
    before = path.read_bytes()
    load: Callable[[], object]
    save: Callable[[], None]
    load, save = {
        "set.toml": (store.load_set, lambda: store.save_set(a_set())),
        "issues.toml": (store.load_issues, lambda: store.save_issues([])),
        "actions.toml": (store.load_actions, lambda: store.save_actions(some_actions())),
        "meetings/2026-09-14.toml": (
            lambda: store.load_meeting(SEPT),
            lambda: store.save_meeting(a_meeting()),
        ),
    }[name]
    with pytest.raises(StoreError):
        load()
    assert path in store.damaged
    with pytest.raises(StoreError, match="not saved, because the file has problems"):
        save()
    assert path.read_bytes() == before
    assert no_temp_files(store.folder)


def test_a_file_mended_by_hand_can_be_saved_again(store: SetStore) -> None:
    path = store.folder / "set.toml"
    path.write_text('name = "North"\ncadence_weeks = 0\n', encoding="utf-8", newline="\n")
    with pytest.raises(StoreError):
        store.load_set()
    path.write_text('name = "North"\ncadence_weeks = 4\n', encoding="utf-8", newline="\n")
    the_set = store.load_set()
    the_set.facilitator = "Jo Park"
    store.save_set(the_set)
    assert store.load_set().facilitator == "Jo Park"


# ---------------------------------------------------------------------------- slugs


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Northern Leaders", "northern-leaders"),
        ("  Ünïcödé  Set!! ", "unicode-set"),
        ("../x", "x"),
        ("/abs/olute", "abs-olute"),
        ("_private", "private"),
        (".hidden", "hidden"),
        ("CON", "con-set"),
        ("x" * 300, "x" * 60),
    ],
)
def test_slugs(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("name", ["..", ".", "!!!", "東京チーム", "Группа", "🙂"])
def test_names_without_latin_letters_get_a_stable_distinct_slug(name: str) -> None:
    slug = slugify(name)
    assert SLUG.match(slug)
    assert slug.startswith("set-")
    assert slugify(name) == slug
    assert slugify(name + "2") != slug


@pytest.mark.parametrize(
    "name", ["../x", "/abs", "..", ".", "a/../../b", "..\\..\\c", "東京チーム", "x" * 300, "_"]
)
def test_create_writes_only_inside_the_sets_folder(tmp_path: Path, name: str) -> None:
    root = tmp_path / "sets"
    store = SetsFolder(root).create(Set(name=name))
    assert_only_inside(tmp_path, root, store)
    assert store.load_set().name == name


def assert_only_inside(top: Path, root: Path, store: SetStore) -> None:
    assert store.folder.parent == root
    assert SLUG.match(store.slug)
    written = {p for p in top.rglob("*") if p.is_file()}
    assert written == {store.folder / "set.toml"}


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_any_name_is_written_inside_the_sets_folder(name: str) -> None:
    with tempfile.TemporaryDirectory() as top:
        root = Path(top) / "sets"
        store = SetsFolder(root).create(Set(name=name))
        assert_only_inside(Path(top), root, store)
        assert store.load_set().name == name
        assert SetsFolder(root).find(name).folder == store.folder


@pytest.mark.parametrize("slug", ["../x", "..", ".", "_app", ".git", "a/b", "/etc"])
def test_path_for_refuses_what_is_not_a_set_folder(folder: SetsFolder, slug: str) -> None:
    with pytest.raises(StoreError, match="is not a set folder name"):
        folder.path_for(slug)


def test_a_second_set_with_the_same_slug_is_refused(folder: SetsFolder) -> None:
    folder.create(Set(name="North"))
    with pytest.raises(StoreError, match="a set already lives in"):
        folder.create(Set(name="NORTH!"))


# ---------------------------------------------------------------------------- finding sets


def test_find_by_slug_or_name_ignoring_case(folder: SetsFolder) -> None:
    north = folder.create(a_set())
    south = folder.create(Set(name="South Team"))
    assert folder.find("northern-leaders").folder == north.folder
    assert folder.find("NORTHERN leaders").folder == north.folder
    assert folder.find("south team").folder == south.folder


def test_find_by_name_when_the_folder_was_renamed(folder: SetsFolder) -> None:
    store = folder.create(a_set())
    store.folder.rename(folder.root / "north")
    assert folder.find("northern LEADERS").folder == folder.root / "north"


def test_an_unknown_set_is_one_line_naming_the_known_sets(folder: SetsFolder) -> None:
    folder.create(a_set())
    folder.create(Set(name="South Team"))
    (folder.root / "_app").mkdir()
    (folder.root / "odd").mkdir()
    write(folder.root / "odd" / "set.toml", "name = 3\n")
    write(folder.root / "broken" / "set.toml", "name = \n")
    with pytest.raises(StoreError) as caught:
        folder.find("West")
    assert str(caught.value) == (
        f"no set 'West' in {folder.root} (sets: broken, northern-leaders, odd, south-team)"
    )


def test_an_empty_sets_folder_says_so(folder: SetsFolder) -> None:
    with pytest.raises(StoreError, match=r"\(sets: none yet\)$"):
        folder.find("North")


# ---------------------------------------------------------------------------- the sets folder


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder without `sets/`, no $ACTIONSET_SETS_DIR, and a known data folder."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("ACTIONSET_SETS_DIR", raising=False)
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_data_path", lambda app, **_: tmp_path / "data" / app)
    return work


def test_sets_dir_from_the_option_comes_first(
    elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACTIONSET_SETS_DIR", "/from/env")
    (elsewhere / "sets").mkdir()
    assert resolve_sets_dir("/given") == Path("/given")


def test_sets_dir_from_the_environment(elsewhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTIONSET_SETS_DIR", "/from/env")
    (elsewhere / "sets").mkdir()
    assert resolve_sets_dir() == Path("/from/env")


def test_sets_dir_here_when_it_exists(elsewhere: Path) -> None:
    (elsewhere / "sets").mkdir()
    assert resolve_sets_dir() == elsewhere / "sets"


def test_sets_dir_in_the_data_folder_otherwise(elsewhere: Path) -> None:
    assert resolve_sets_dir() == elsewhere.parent / "data" / "actionset" / "sets"


def test_a_sets_file_is_not_a_sets_folder(elsewhere: Path) -> None:
    (elsewhere / "sets").write_text("not a folder", encoding="utf-8", newline="\n")
    assert resolve_sets_dir() == elsewhere.parent / "data" / "actionset" / "sets"


# ---------------------------------------------------------------------------- the tag journal


def test_the_journal_keeps_events_and_leaves_out_a_torn_last_line(store: SetStore) -> None:
    journal = store.journal(SEPT)
    journal.append({"op": "tag", "id": 1, "member": "Tom Reyes", "code": "open-question"})
    journal.append({"op": "delete", "id": 1})
    journal.close()
    path = store.tags_path(SEPT)
    assert path.name == "2026-09-14.tags.jsonl"
    with open(path, "ab") as out:
        out.write(b'{"op": "tag", "id": 2, "mem')
    read = store.read_journal(SEPT)
    assert [e["op"] for e in read.events] == ["tag", "delete"]
    assert read.warnings == [f"{path}:3: the last tag was cut off mid-write and is left out"]
    assert store.meeting_dates() == [SEPT]

    TagJournal(path).close()  # reopening moves the torn tail aside
    assert path.read_bytes().endswith(b"}\n")
    assert (path.parent / "2026-09-14.tags.jsonl.torn").read_bytes().startswith(b'{"op"')


def test_a_damaged_journal_line_is_a_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "2026-09-14.tags.jsonl"
    path.write_text('{"op": "tag", "id": 1}\nnot json\n[1]\n', encoding="utf-8", newline="\n")
    read = read_journal(path)
    assert len(read.events) == 1
    assert [(p.line, p.field) for p in read.problems] == [(2, "line"), (3, "line")]


def test_writes_from_several_threads_do_not_share_a_temp_file(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "2026-09-14.toml"
    contents = [f"writer = {n}\n".encode() * 2000 for n in range(6)]
    failures: list[BaseException] = []

    def writer(data: bytes) -> None:
        try:
            for _ in range(10):
                atomic_write(path, data)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(data,)) for data in contents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert path.read_bytes() in contents
    assert no_temp_files(tmp_path)
