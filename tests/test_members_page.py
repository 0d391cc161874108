"""The members' page served beside the projector: the open round, answers checked, the token.

The server is the projector's (`ProjectorServer`) in this process, through aiohttp's test
client; the phones' real browser is in tests/test_members_browser.py."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from conftest import TODAY

from actionset import store as disk
from actionset.members_page import ANSWER_BYTES
from actionset.model.voice import DEFAULT_SCALES, close_line, round_line
from actionset.serve import ProjectorServer, projector_command

AT = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
DEVICE = "d" * 20
TOKEN = "s3cret-token-of-the-room"


def store_of(sets_dir: Path) -> disk.SetStore:
    return disk.SetStore(sets_dir / "demo")


def open_round(sets_dir: Path, kind: str = "pulse", round_id: str = "r1") -> None:
    """The console opened a round (its line, as the console writes it)."""
    scale = DEFAULT_SCALES[kind]  # type: ignore[index]
    store_of(sets_dir).append_voice(TODAY, round_line(round_id, scale, AT))


def pulse_answer(device: str = DEVICE, rating: int = 4, **more: Any) -> dict[str, Any]:
    ratings = {s.id: rating for s in DEFAULT_SCALES["pulse"].statements}
    return {"round": "r1", "device": device, "ratings": ratings, "line": "Good day", **more}


async def client_for(sets_dir: Path, token: str | None = None) -> TestClient[Any, Any]:
    store = store_of(sets_dir)
    server = ProjectorServer(
        projector_command(store, today=TODAY, theme=None),
        set_store=store,
        today=TODAY,
        set_name="Heads <b>of</b> Service",
        lan=token is not None,
        token=token,
    )
    return TestClient(TestServer(await server._make_app()))


@pytest.fixture
async def client(sets_dir: Path) -> AsyncIterator[TestClient[Any, Any]]:
    async with await client_for(sets_dir) as client:
        yield client


def answers_in(sets_dir: Path) -> list[dict[str, Any]]:
    path = store_of(sets_dir).meetings_dir / f"{TODAY.isoformat()}.voice.jsonl"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line["type"] == "answer"]


async def test_the_page_names_the_set_as_text_and_needs_nothing_from_outside(
    client: TestClient[Any, Any],
) -> None:
    page = await client.get("/voice")
    assert page.status == 200
    text = await page.text()
    assert "Heads &lt;b&gt;of&lt;/b&gt; Service" in text and "<b>of</b>" not in text
    assert "http://" not in text and "https://" not in text and "src=" not in text
    assert '<meta name="viewport"' in text


async def test_no_round_open_then_the_round_the_console_opened(
    client: TestClient[Any, Any], sets_dir: Path
) -> None:
    assert await (await client.get("/voice/round")).json() == {"round": None, "answer": None}
    open_round(sets_dir)
    shown = await (await client.get("/voice/round", params={"device": DEVICE})).json()
    assert shown["round"]["id"] == "r1" and shown["round"]["kind"] == "pulse"
    assert [s["id"] for s in shown["round"]["statements"]] == [
        s.id for s in DEFAULT_SCALES["pulse"].statements
    ]
    assert shown["answer"] is None


async def test_an_answer_is_kept_and_a_second_from_the_device_replaces_it(
    client: TestClient[Any, Any], sets_dir: Path
) -> None:
    open_round(sets_dir)
    assert (await client.post("/voice/answer", json=pulse_answer())).status == 200
    assert (await client.post("/voice/answer", json=pulse_answer(rating=2))).status == 200
    assert len(answers_in(sets_dir)) == 2  # appended as they came: the last counts
    voice = store_of(sets_dir).read_voice(TODAY).voice
    assert voice.rounds["r1"].count == 1
    assert set(voice.rounds["r1"].answers[DEVICE].ratings.values()) == {2}
    shown = await (await client.get("/voice/round", params={"device": DEVICE})).json()
    assert shown["answer"]["line"] == "Good day"


async def test_an_answer_to_a_closed_round_or_to_none_is_refused(
    client: TestClient[Any, Any], sets_dir: Path
) -> None:
    assert (await client.post("/voice/answer", json=pulse_answer())).status == 409
    open_round(sets_dir)
    store_of(sets_dir).append_voice(TODAY, close_line("r1", AT))
    refused = await client.post("/voice/answer", json=pulse_answer())
    assert refused.status == 409
    assert "closed" in (await refused.json())["refused"]
    assert answers_in(sets_dir) == []


@pytest.mark.parametrize(
    "change",
    [
        {"ratings": {"useful": 6}},
        {"ratings": {"useful": True}},
        {"ratings": {"useful": "5"}},
        {"ratings": {"nonsense": 3}},
        {"ratings": []},
        {"line": 5},
        {"line": "x" * 501},
        {"device": "short"},
        {"device": "../../etc/passwd-xxxxxxxx"},
        {"round": 1},
        {"name": "Priya Shah"},
    ],
)
async def test_an_answer_the_page_would_not_send_is_refused(
    client: TestClient[Any, Any], sets_dir: Path, change: dict[str, Any]
) -> None:
    open_round(sets_dir)
    answer = pulse_answer() | change
    assert (await client.post("/voice/answer", json=answer)).status == 400
    assert answers_in(sets_dir) == []


async def test_an_answer_beyond_its_size_is_refused_unread(
    client: TestClient[Any, Any], sets_dir: Path
) -> None:
    open_round(sets_dir)
    heavy = json.dumps(pulse_answer(line="y" * ANSWER_BYTES))
    assert (await client.post("/voice/answer", data=heavy)).status == 413

    async def chunks() -> AsyncIterator[bytes]:  # no length said beforehand
        for _ in range(8):
            yield b" " * 1024

    assert (await client.post("/voice/answer", data=chunks())).status == 413
    assert (await client.post("/voice/answer", data=b"not json")).status == 400
    assert answers_in(sets_dir) == []


async def test_a_round_takes_the_members_and_two_more_devices(
    client: TestClient[Any, Any], sets_dir: Path
) -> None:
    open_round(sets_dir)
    members = len(store_of(sets_dir).load_set().members_at(TODAY))
    for n in range(members + 2):
        answer = pulse_answer(device=f"phone-{n:02d}-{'x' * 12}")
        assert (await client.post("/voice/answer", json=answer)).status == 200
    one_more = await client.post("/voice/answer", json=pulse_answer(device="z" * 20))
    assert one_more.status == 409
    again = pulse_answer(device=f"phone-00-{'x' * 12}", rating=1)
    assert (await client.post("/voice/answer", json=again)).status == 200  # a change still is
    assert len(answers_in(sets_dir)) == members + 3


async def test_under_lan_every_request_of_the_page_needs_the_token(sets_dir: Path) -> None:
    open_round(sets_dir)
    async with await client_for(sets_dir, TOKEN) as client:
        for method, path in (("GET", "/voice"), ("GET", "/voice/round"), ("POST", "/voice/answer")):
            for query in ({}, {"token": TOKEN + "x"}, {"token": ""}):
                response = await client.request(method, path, params=query, json=pulse_answer())
                assert response.status == 403, (method, path, query)
        assert answers_in(sets_dir) == [] if _voice_exists(sets_dir) else True
        page = await client.get("/voice", params={"token": TOKEN})
        assert page.status == 200
        answer = await client.post("/voice/answer", params={"token": TOKEN}, json=pulse_answer())
        assert answer.status == 200
        assert len(answers_in(sets_dir)) == 1


def _voice_exists(sets_dir: Path) -> bool:
    return (store_of(sets_dir).meetings_dir / f"{TODAY.isoformat()}.voice.jsonl").exists()


async def test_another_sites_page_cannot_send_an_answer(
    client: TestClient[Any, Any], sets_dir: Path
) -> None:
    open_round(sets_dir)
    posted = await client.post(
        "/voice/answer", json=pulse_answer(), headers={"Origin": "http://evil.test"}
    )
    assert posted.status == 403


def test_the_qr_code_is_the_address_module_for_module() -> None:
    import segno

    from actionset.qr import BORDER, CELLS, qr_lines

    address = "http://192.168.1.20:8110/voice?token=Pv6InrgQ_2C7ukPYw95n_A"
    lines = qr_lines(address)
    assert len({len(line) for line in lines}) == 1
    drawn = {char: pair for pair, char in CELLS.items()}
    rows = [[drawn[c][half] for c in line] for line in lines for half in (0, 1)]
    matrix = [
        [bool(m) for m in row] for row in segno.make(address, error="m").matrix_iter(border=BORDER)
    ]
    assert rows[: len(matrix)] == matrix
    assert not any(any(row) for row in rows[len(matrix) :])  # the half row below, if any


def test_the_members_page_is_printed_with_its_code() -> None:
    from actionset.members_address import members_address, members_lines

    address = members_address("192.168.1.20", 8110, "tok")
    assert address == "http://192.168.1.20:8110/voice?token=tok"
    lines = members_lines(address, lan=True, colour=False)
    assert lines[0] == f"The members' page, for their phones: {address}"
    assert all(set(line) <= set("█▀▄ ") for line in lines[1:]) and len(lines) > 10
    coloured = members_lines(address, lan=True, colour=True)
    assert coloured[1].startswith("\x1b[30;47m") and coloured[1].endswith("\x1b[0m")
    here = members_lines(members_address("127.0.0.1", 8110, None), lan=False, colour=False)
    assert "on this machine only" in here[1]
