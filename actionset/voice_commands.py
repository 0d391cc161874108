"""`actionset voice`: a meeting's rounds as the members answered them, and answers given on
paper typed in after (a member without a phone, a meeting held without the members' page)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from typing import TYPE_CHECKING

from actionset.cli_base import Context, UsageError
from actionset.safe_text import LINES, safe

if TYPE_CHECKING:
    from actionset.model.voice import Round, Voice

SUMMARY = "a meeting's rounds (pulse, self-assessment, reflection); add answers from paper"


def add_voice_arguments(voice: argparse.ArgumentParser) -> None:
    voice.add_argument("set", metavar="SET", help="the set's folder name (slug) or its full name")
    voice.add_argument(
        "--meeting",
        metavar="DATE|latest",
        default=None,
        help="the meeting's date, YYYY-MM-DD (default: latest)",
    )
    voice.add_argument(
        "--new",
        metavar="pulse|self|reflection",
        default=None,
        help="open a round to type paper answers into (closed to phones at once)",
    )
    voice.add_argument(
        "--round", metavar="R", default=None, help="the round a paper answer is for (r1, r2, …)"
    )
    voice.add_argument(
        "--ratings",
        metavar="'4 5 - 3'",
        default=None,
        help="a paper answer's ratings (1 to 5), one per statement in the "
        "order listed; - for one left blank",
    )
    voice.add_argument("--line", metavar="TEXT", default=None, help="a paper answer's free line")


def parse_ratings(text: str, the_round: Round) -> dict[str, int]:
    """`--ratings` as a round's answer: one rating per statement, in their order."""
    from actionset.model.voice import HIGHEST, LOWEST

    given = [part for part in re.split(r"[\s,]+", text.strip()) if part]
    statements = the_round.statements
    if len(given) != len(statements):
        raise UsageError(
            f"--ratings gives {len(given)} ratings; {the_round.id} has {len(statements)} "
            f"statements (- for one left blank)"
        )
    ratings: dict[str, int] = {}
    for statement, rating in zip(statements, given, strict=True):
        if rating == "-":
            continue
        if not rating.isdigit() or not LOWEST <= int(rating) <= HIGHEST:
            raise UsageError(f"--ratings {rating!r} is not a rating from {LOWEST} to {HIGHEST}")
        ratings[statement.id] = int(rating)
    return ratings


def _chosen_round(voice: Voice, wanted: str | None) -> Round:
    rounds = voice.rounds
    if wanted is None and len(rounds) == 1:
        return next(iter(rounds.values()))
    if wanted in rounds:
        return rounds[wanted]
    known = ", ".join(f"{r.id} ({r.name})" for r in rounds.values()) or "none yet: --new opens one"
    which = f"no round {wanted!r}" if wanted else "name the round with --round"
    raise UsageError(f"{which} (rounds: {known})")


def cmd_voice(args: argparse.Namespace, context: Context) -> int:
    from actionset.export.voice import read_voice, voice_text
    from actionset.model.voice import KINDS, answer_line, close_line, new_device, round_line
    from actionset.model.voice_settings import answer_limit, set_scales
    from actionset.record_commands import pick_meeting
    from actionset.store import StoreError

    folder = context.folder()
    store = folder.find(args.set)
    the_set = store.load_set()
    dates = store.meeting_dates()
    if not dates:
        raise StoreError(f"set {store.slug!r} has no meetings yet")
    date = pick_meeting(args.meeting or "latest", dates, store.slug)
    limit = answer_limit(the_set, date)
    # A damaged line is named on stderr and left where it is; the rest is listed and may
    # take more answers (a file that cannot be read as lines at all is refused by the store).
    voice = read_voice(store, date)
    now = dt.datetime.now().astimezone()
    answering = args.ratings is not None or args.line is not None
    if args.new is not None and args.new not in KINDS:
        raise UsageError(f"--new {args.new!r}: open a {', '.join(KINDS)} round")
    if args.new:
        if answering or args.round:
            raise UsageError("--new opens a round: add its answers with --round afterwards")
        programme = folder.load_programme()
        scale = set_scales(the_set.scales, programme.scales if programme else None)[args.new]
        round_id = voice.next_round_id()
        store.append_voice(date, round_line(round_id, scale, now, for_paper=True), limit)
        voice = store.append_voice(date, close_line(round_id, now), limit)
        name = voice.rounds[round_id].name
        print(safe(f"Opened {round_id}, a {name} for paper answers: add them with --round."))
    elif answering:
        the_round = _chosen_round(voice, args.round)
        ratings = parse_ratings(args.ratings or "", the_round) if the_round.statements else {}
        if args.ratings and not the_round.statements:
            raise UsageError(f"{the_round.id} is a reflection: give its --line only")
        device = new_device("paper")
        paper = answer_line(the_round.id, device, now, ratings, args.line or "", "paper")
        voice = store.append_voice(date, paper, limit)
        count = voice.rounds[the_round.id].count
        print(safe(f"Added a paper answer to {the_round.id}: {count} answered."))
    elif args.round:
        raise UsageError("--round takes an answer: give --ratings, --line or both")
    sys.stdout.write(safe(voice_text(date, voice), LINES))
    return 0
