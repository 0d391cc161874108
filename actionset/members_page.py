"""The members' page: what a phone in the room is served beside the projector, under the same
token, to answer the round the facilitator opened (a pulse, a self-assessment, a reflection).

Anonymous: a phone sends a random key of its own, kept in its browser, so that answering twice
counts once (the last answer counts); no name is asked or kept. Every answer is checked here,
whatever a page sends: its size, the round (open, the one the console opened), the ratings
(each statement's, 1 to 5), the line, and that the round has room for one more device."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import aiohttp_jinja2
from aiohttp import web

from actionset import store as disk
from actionset.members_address import PAGE_PATH
from actionset.model.voice import MAX_LINE, Round, Voice, answer_line

if TYPE_CHECKING:
    from actionset.model import Set

ANSWER_BYTES = 4096
"""The most an answer may weigh: a few ratings and a line are far less."""
ASK_EVERY_MS = 3000
"""How often the page asks whether a round opened or closed."""
REFUSED = "This page needs the address shown on the projector: scan the code again"
"""What a phone is told when its address lacks the token (or has a wrong one)."""


def is_members(path: str) -> bool:
    """A request of the members' page (its page, its round, its answers)."""
    return path == PAGE_PATH or path.startswith(f"{PAGE_PATH}/")


ANSWER_KEYS = frozenset({"round", "device", "ratings", "line"})


class Refused(Exception):
    """An answer the page cannot take: its status and why, in a few words for the phone."""

    def __init__(self, status: int, why: str) -> None:
        super().__init__(why)
        self.status = status


def parse_answer(body: bytes) -> dict[str, Any]:
    """The answer a page sent, as JSON: an object with the answer's keys and no others, of
    the right kinds (what they hold is the voice model's to check)."""
    if len(body) > ANSWER_BYTES:
        raise Refused(413, f"an answer is at most {ANSWER_BYTES} bytes")
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused(400, "the answer is not JSON") from None
    if not isinstance(answer, dict) or not set(answer) <= ANSWER_KEYS:
        raise Refused(400, "the answer has keys it should not")
    kinds = {"round": str, "device": str, "ratings": dict, "line": str}
    for key, kind in kinds.items():
        if not isinstance(answer.get(key, kind()), kind):
            raise Refused(400, f"the answer's {key} is not what the page sends")
    if "round" not in answer or "device" not in answer:
        raise Refused(400, "the answer names no round or no device")
    return answer


def round_shown(a_round: Round | None, device: str) -> dict[str, Any]:
    """What the page is told of the open round, and of this device's answer to it."""
    if a_round is None:
        return {"round": None, "answer": None}
    answer = a_round.answers.get(device)
    return {
        "round": {
            "id": a_round.id,
            "kind": a_round.kind,
            "name": a_round.name,
            "statements": [{"id": s.id, "text": s.text} for s in a_round.statements],
            "ask": a_round.ask,
        },
        "answer": None if answer is None else {"ratings": answer.ratings, "line": answer.line},
    }


class MembersPage:
    """The members' page and its two requests: the round open now, and an answer to it.

    The meeting is the one the console holds (as the projector follows it); its voice file is
    read afresh for each request, and an answer is checked against it and appended in one
    hold of the file's lock, so that two phones at once, or the console closing the round,
    cannot let in an answer the round would refuse."""

    def __init__(
        self,
        set_store: disk.SetStore,
        *,
        today: dt.date,
        set_name: str,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone(),
    ) -> None:
        self.set_store = set_store
        self.followed = set_store.followed_meeting(today)
        self.set_name = set_name
        self.now = now
        self._set: Set | None = None
        self.writing = asyncio.Lock()

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(PAGE_PATH, self.handle_page),
            web.get(f"{PAGE_PATH}/round", self.handle_round),
            web.post(f"{PAGE_PATH}/answer", self.handle_answer),
        ]

    def meeting(self) -> dt.date:
        """The date of the meeting followed: the console's, as the projector's."""
        self.followed.follow()
        return self.followed.date

    def voice(self, date: dt.date) -> Voice:
        """The meeting's rounds as its voice file has them now."""
        return self.set_store.read_voice(date, self.limit(date)).voice

    def limit(self, date: dt.date) -> int | None:
        """How many devices may answer a round of that meeting: the members and two more."""
        if self._set is None:
            try:
                self._set = self.set_store.load_set()
            except disk.StoreError:
                self.set_store.damaged.clear()
                return None
        from actionset.model.voice_settings import answer_limit

        return answer_limit(self._set, date)

    @aiohttp_jinja2.template("voice.html")
    async def handle_page(self, request: web.Request) -> dict[str, Any]:
        return {"name": self.set_name, "ask_every_ms": ASK_EVERY_MS, "line_chars": MAX_LINE}

    async def handle_round(self, request: web.Request) -> web.Response:
        voice = await asyncio.to_thread(lambda: self.voice(self.meeting()))
        shown = round_shown(voice.open_round, request.query.get("device", ""))
        return web.json_response(shown, headers={"Cache-Control": "no-store"})

    async def handle_answer(self, request: web.Request) -> web.Response:
        try:
            if (request.content_length or 0) > ANSWER_BYTES:
                raise Refused(413, f"an answer is at most {ANSWER_BYTES} bytes")
            answer = parse_answer(await request.content.read(ANSWER_BYTES + 1))
            async with self.writing:
                await asyncio.to_thread(self.take, answer)
        except Refused as refused:
            return web.json_response({"refused": str(refused)}, status=refused.status)
        return web.json_response({"thanks": True})

    def take(self, answer: dict[str, Any]) -> None:
        """The answer appended to the open round's file, or refused saying why. The store
        checks it again under the file's lock, against the file as it is then."""
        date = self.meeting()
        line = answer_line(
            answer["round"],
            answer["device"],
            self.now(),
            answer.get("ratings", {}),
            answer.get("line", ""),
        )
        voice = self.voice(date)
        the_round = voice.rounds.get(line["round"])
        if the_round is None or not the_round.is_open:
            raise Refused(409, "this round has closed")
        limit = voice.limit
        new = line["device"] not in the_round.answers
        if new and limit is not None and the_round.count >= limit:
            raise Refused(409, f"this round has answers from {limit} devices already")
        why = voice.refusal(line)
        if why is not None:
            raise Refused(400, why)
        try:
            self.set_store.append_voice(date, line, limit)
        except disk.VoiceRefused:
            raise Refused(409, "this round has closed, or has all its answers") from None
        except disk.StoreError:
            self.set_store.damaged.clear()
            raise Refused(503, "the laptop could not keep it; try again") from None
