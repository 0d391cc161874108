"""`list`, `actions` and `calendar` read a set at a glance, without pydantic
(`actionset.model.glance`): the glance must agree with the models wherever it answers, and
step aside (`Doubt`) wherever the models would refuse what it shows."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_set
from pydantic import ValidationError

from actionset import cli
from actionset import store as disk
from actionset.model.action import Action
from actionset.model.glance import (
    ACTION_KEYS,
    DEFAULT_CADENCE_WEEKS,
    NEXT_MEETING_KEYS,
    SET_KEYS,
    Doubt,
    glance_actions,
    glance_meeting,
    glance_set,
)
from actionset.model.meeting import Meeting, NextMeeting
from actionset.model.set import Set
from actionset.overview import NEEDS_CHECK

ROOT = Path(__file__).parent.parent
SETS = [ROOT / "sets" / "demo", ROOT / "sets" / "ward-to-board"]

# Values of every TOML type and shape, odd ones included: each shown field is set to each.
ODD = [
    "",
    "x",
    "done-it\n",
    "09:30",
    "9:30",
    "24:00",
    "2026-01-05",
    0,
    1,
    6,
    52,
    53,
    -1,
    True,
    False,
    0.5,
    3.0,
    12,
    12.5,
    math.inf,
    math.nan,
    dt.date(2026, 1, 5),
    dt.date(2020, 1, 1),
    dt.datetime(2026, 1, 5, 9, 30),
    dt.time(9, 30),
    [],
    ["x"],
    {},
    {"name": "x"},
]


def _set_data(folder: Path) -> dict[str, Any]:
    return tomllib.loads((folder / "set.toml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------- the same answers


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_the_glance_reads_each_example_set_as_the_models_do(folder: Path) -> None:
    store = disk.SetStore(folder)
    the_set, glance = store.load_set(), store.glance_set()
    for name in (
        "name",
        "facilitator",
        "cadence_weeks",
        "usual_time",
        "usual_place",
        "usual_hours",
        "first_date",
    ):
        assert getattr(glance, name) == getattr(the_set, name), name
    assert [m.name for m in glance.current_members] == [m.name for m in the_set.current_members]
    assert [(a.owner, a.text, a.due, a.status) for a in store.glance_actions()] == [
        (a.owner, a.text, a.due, a.status) for a in store.load_actions()
    ]
    for date in store.meeting_dates():
        meeting, seen = store.load_meeting(date), store.glance_meeting(date)
        if meeting is None:
            assert seen is None
            continue
        assert seen is not None and seen.date == meeting.date
        confirmed = meeting.next_meeting
        assert (seen.next_meeting is None) == (confirmed is None)
        if confirmed is not None and seen.next_meeting is not None:
            assert tuple(seen.next_meeting) == (
                confirmed.date,
                confirmed.time,
                confirmed.place,
                confirmed.facilitator,
            )


def test_the_glance_knows_every_key_and_default_the_models_know() -> None:
    assert set(Set.model_fields) == SET_KEYS
    assert set(Action.model_fields) == ACTION_KEYS
    assert set(NextMeeting.model_fields) == NEXT_MEETING_KEYS
    assert Set(name="x").cadence_weeks == DEFAULT_CADENCE_WEEKS


# ---------------------------------------------------------------------------- never wrongly


def _agrees_with_set(data: dict[str, Any]) -> None:
    """The glance answers exactly when the models accept, and then says the same."""
    try:
        glance = glance_set(data)
    except Doubt:
        glance = None
    try:
        the_set = Set.model_validate(data)
    except ValidationError:
        assert glance is None, f"the glance vouched for {data!r}, which the models refuse"
        return
    if glance is None:  # a doubt is always allowed: the models then answer
        return
    assert glance.name == the_set.name and glance.cadence_weeks == the_set.cadence_weeks
    assert glance.usual_time == the_set.usual_time
    assert glance.usual_hours == the_set.usual_hours
    assert glance.first_date == the_set.first_date
    assert len(glance.current_members) == len(the_set.current_members)


@pytest.mark.parametrize(
    "field",
    [
        "name",
        "facilitator",
        "cadence_weeks",
        "usual_time",
        "usual_place",
        "usual_hours",
        "first_date",
        "members",
        "unknown_key",
    ],
)
def test_a_set_field_the_glance_shows_is_vouched_for_only_when_the_models_accept_it(
    field: str,
) -> None:
    base = _set_data(SETS[0])
    for value in ODD:
        _agrees_with_set({**base, field: value})
    if field == "members":
        member = base["members"][0]
        for key in ("name", "retired"):
            for value in ODD:
                _agrees_with_set({**base, "members": [{**member, key: value}]})
        _agrees_with_set({**base, "members": [member, dict(member)]})  # a name twice


@pytest.mark.parametrize("field", ["owner", "text", "due", "status", "agreed_at", "id", "colour"])
def test_an_action_field_the_glance_shows_is_vouched_for_only_when_the_models_accept_it(
    field: str,
) -> None:
    action = tomllib.loads((SETS[0] / "actions.toml").read_text(encoding="utf-8"))["actions"][0]
    for value in [*ODD, "open", "done", "dropped", "finished"]:
        glance_agrees_with_the_models({**action, field: value})


def glance_agrees_with_the_models(data: dict[str, Any]) -> None:
    """What the glance shows of an action is what the models read, or it steps aside; and it
    never vouches for what the models refuse."""
    try:
        seen = glance_actions({"actions": [data]})
    except Doubt:
        seen = None
    try:
        action_model = Action.model_validate(data)
    except ValidationError:
        assert seen is None, f"the glance vouched for {data!r}"
        return
    if seen is not None:
        assert (
            seen[0].owner,
            seen[0].text,
            seen[0].due,
            seen[0].status,
            seen[0].latest_progress,
        ) == (
            action_model.owner,
            action_model.text,
            action_model.due,
            action_model.status,
            action_model.latest_progress,
        )


@pytest.mark.parametrize(
    "updates",
    [
        [],
        [{"meeting": dt.date(2026, 9, 21), "progress": "partly"}],
        [
            {"meeting": dt.date(2026, 9, 21), "progress": "partly"},
            {"meeting": dt.date(2026, 8, 10), "progress": "not-done"},
        ],
        [{"meeting": dt.date(2026, 9, 21), "progress": "half"}],
        [{"meeting": "2026-09-21", "progress": "partly"}],
        [{"progress": "partly"}],
        ["partly"],
        "partly",
    ],
)
def test_an_actions_latest_report_back_is_vouched_for_only_when_the_models_accept_it(
    updates: object,
) -> None:
    action = tomllib.loads((SETS[0] / "actions.toml").read_text(encoding="utf-8"))["actions"][0]
    glance_agrees_with_the_models({**action, "agreed_at": dt.date(2026, 5, 18), "updates": updates})


@pytest.mark.parametrize("field", ["date", "time", "place", "facilitator", "colour"])
def test_a_confirmed_next_meeting_is_vouched_for_only_when_the_models_accept_it(
    field: str,
) -> None:
    date = dt.date(2026, 9, 21)
    confirmed: dict[str, Any] = {"date": dt.date(2026, 11, 2), "time": "09:30"}
    base = {"date": date, "next_meeting": confirmed}
    for value in ODD:
        data = {**base, "next_meeting": {**confirmed, field: value}}
        try:
            seen = glance_meeting(data, date)
        except Doubt:
            seen = None
        try:
            Meeting.model_validate(data)
        except ValidationError:
            assert seen is None, f"the glance vouched for {data!r}"
    with pytest.raises(Doubt):
        glance_meeting(base, dt.date(2026, 9, 22))  # a file whose date is not its name's


# ---------------------------------------------------------------------------- the commands


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('name = "Heads"\ncadence_weeks = 0\n', 2),
        ('name = "Heads"\nfirst_date = 2026-01-05T09:30:00\n', 2),
        ('name = "Heads"\nusual_hours = inf\n', 2),
        ('name = "Heads"\ncolour = "blue"\n', 2),
        ('name = "Heads"\n[[members]]\nname = ""\n', 3),
    ],
)
def test_a_set_the_glance_doubts_is_read_through_the_models_and_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, line: int
) -> None:
    sets = tmp_path / "sets"
    copy_set(SETS[0], sets / "demo")
    path = sets / "demo" / "set.toml"
    path.write_text(text, encoding="utf-8")
    code = cli.main(["list", "--sets-dir", str(sets), "--today", "2026-11-21"])
    out, err = capsys.readouterr()
    assert code == 1 and NEEDS_CHECK in out and f"{path}:{line}:" in err
    code = cli.main(["actions", "demo", "--sets-dir", str(sets)])
    out, err = capsys.readouterr()
    assert code != 0 and f"{path}:{line}:" in err


def test_a_damaged_action_status_is_named_by_actions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sets = tmp_path / "sets"
    copy_set(SETS[0], sets / "demo")
    path = sets / "demo" / "actions.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('status = "open"', 'status = "finished"', 1), encoding="utf-8")
    assert 'status = "finished"' in path.read_text(encoding="utf-8")
    code = cli.main(["actions", "demo", "--sets-dir", str(sets)])
    _, err = capsys.readouterr()
    assert code != 0 and f"{path}:" in err and "status" in err


@pytest.mark.parametrize(
    "argv", [["list"], ["actions", "demo"], ["actions", "demo", "--open"], ["calendar", "demo"]]
)
def test_listing_commands_do_not_import_pydantic_or_textual(
    tmp_path: Path, argv: list[str]
) -> None:
    sets = tmp_path / "sets"
    copy_set(SETS[0], sets / "demo")
    code = (
        "import sys\n"
        "from actionset.cli import main\n"
        f"status = main({[*argv, '--sets-dir', str(sets), '--today', '2026-11-21']!r})\n"
        "heavy = sorted(m for m in ('pydantic', 'textual', 'rich') if m in sys.modules)\n"
        "print('HEAVY', heavy, status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "HEAVY [] 0"
