"""The members' voice in the minutes, the history and the command line: each round's
averages with n, its free lines, and a reflection's lines once released."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from actionset.export.pack_scope import counted
from actionset.model.voice import Average, Round, Voice, average_text, averages_of
from actionset.model.voice_report import MeetingVoice, meeting_voice
from actionset.safe_text import safe

if TYPE_CHECKING:
    from actionset.model.audience import Reader
    from actionset.store import SetStore

SCALE_WORDS = "rated from 1 (not at all) to 5 (very much); n: how many rated it"


def _quoted(line: str) -> str:
    """A free line on one line of the report, whatever the file holds (a line edited by hand
    may hold a newline, which would end a Markdown list's item)."""
    return f"“{' '.join(line.split())}”"


def round_heading(the_round: Round) -> str:
    """A round's heading: `Pulse (r1): 5 answered, closed 12:44`."""
    count = the_round.count
    if the_round.for_paper:
        return f"{the_round.name.capitalize()} ({the_round.id}) for paper answers: {count} answered"
    state = "open" if the_round.is_open else f"closed {the_round.closed:%H:%M}"
    if the_round.released is not None:
        state += ", released to the room"
    return f"{the_round.name.capitalize()} ({the_round.id}): {count} answered, {state}"


def average_rows(averages: Sequence[Average]) -> list[str]:
    """A Markdown table of each statement's average and n."""
    out = ["| statement | average | n |", "|---|--:|--:|"]
    for average in averages:
        mean = "-" if average.mean is None else average_text(average.mean)
        text = " ".join(average.text.split()).replace("|", "\\|")
        out.append(f"| {text} | {mean} | {average.n} |")
    return out


def shown_lines(the_round: Round) -> list[str] | None:
    """The free lines the minutes give: a pulse's or a self-assessment's always; a
    reflection's once released to the room (None: not released)."""
    if the_round.kind == "reflection" and the_round.released is None:
        return None
    return the_round.lines()


def voice_markdown(voice: Voice) -> list[str]:
    """The minutes' section on the members' voice: each round, its averages and its lines."""
    if not voice.rounds:
        return []
    out = ["### Members' voice", "", f"Anonymous answers; statements {SCALE_WORDS}.", ""]
    for rounds in rounds_as_counted(voice):
        out += [f"{pooled_heading(rounds)}.", ""]
        if rounds[0].statements:
            out += [*average_rows(averages_of(rounds)), ""]
        for the_round in rounds:
            lines = shown_lines(the_round)
            if lines is None:
                given = counted(len(the_round.lines()), "line", "lines")
                out += [f"{given}, not released to the room.", ""]
            elif lines:
                out += [f"- {_quoted(line)}" for line in lines] + [""]
    return out


def rounds_as_counted(voice: Voice) -> list[list[Round]]:
    """The meeting's rounds as the history counts them: the rounds of a kind with statements
    pooled into one (a second pulse at one meeting adds to the first), each reflection apart
    (its lines are released to the room round by round)."""
    out: list[list[Round]] = []
    for the_round in voice.rounds.values():
        if the_round.kind == "reflection":
            out.append([the_round])
        elif the_round is voice.of_kind(the_round.kind)[0]:
            out.append(voice.of_kind(the_round.kind))
    return out


def pooled_heading(rounds: Sequence[Round]) -> str:
    """One round's heading, or rounds of one kind pooled: `Pulse (r1 and r3, pooled): 7
    answered, the last closed 12:58`."""
    if len(rounds) == 1:
        return round_heading(rounds[0])
    last = rounds[-1]
    ids = ", ".join(r.id for r in rounds[:-1]) + f" and {last.id}"
    state = "the last open" if last.is_open else f"the last closed {last.closed:%H:%M}"
    count = sum(r.count for r in rounds)
    return f"{last.name.capitalize()} ({ids}, pooled): {count} answered, {state}"


def voice_text(date: dt.date, voice: Voice) -> str:
    """A meeting's rounds for the terminal (`actionset voice SET`): each statement numbered
    in the order `--ratings` takes them."""
    if not voice.rounds:
        return (
            f"No rounds at the meeting of {date}: --new pulse (or self, reflection) opens one "
            "to type paper answers into.\n"
        )
    out = []
    for the_round in voice.rounds.values():
        out.append(round_heading(the_round))
        for number, average in enumerate(the_round.averages(), start=1):
            out.append(f"  {number}. {average.text}: {average}")
        if the_round.ask:
            out.append(f"  {the_round.ask}")  # the question words itself: no label
        for line in the_round.lines():
            out.append(f"    {_quoted(line)}")
        out.append("")
    return "\n".join(out)


def _cell(average: Average, reader: Reader | None = None) -> str:
    if average.mean is None:
        return "–"
    text = f"{average_text(average.mean)} ({average.n})"
    return text if reader is None else reader.figure(average.n, text)


def history_section(
    meetings: Sequence[MeetingVoice], *, markdown: bool, reader: Reader | None = None
) -> list[str]:
    """The history's section: per meeting, each pulse statement's average with n, and each
    self-assessment's; then what each statement says; as `reader` may read it (an average of
    fewer than three answers is too few to show outside the set, and research has no
    statement's words)."""
    from actionset.export.history import heading, table

    out: list[str] = []
    for title, kind in (("Pulse", "pulse"), ("Self-assessment", "self_assessment")):
        held = [(m, getattr(m, kind)) for m in meetings if getattr(m, kind)]
        if not held:
            continue
        ids = list(dict.fromkeys(a.id for _, averages in held for a in averages))
        rows = []
        for meeting, averages in held:
            by_id = {a.id: a for a in averages}
            answered = meeting.pulse_answers if kind == "pulse" else meeting.self_answers
            cells = [_cell(by_id[i], reader) if i in by_id else "–" for i in ids]
            rows.append([meeting.date.isoformat(), str(answered), *cells])
        out += heading(f"{title}: the average of each statement (n)", 3, markdown)
        out += table(["date", "answered", *ids], rows, markdown)
        texts = {a.id: a.text for _, averages in held for a in averages}
        if reader is not None:
            texts = {key: words for key, words in texts.items() if reader.may_word(words)}
        said = [f"{'- ' if markdown else '  '}{key}: {texts[key]}" for key in texts]
        out += ["", *said, ""] if said else [""]
    if not out:
        return []
    from actionset.model.voice_report import HOW

    intro = f"Anonymous answers from the members; statements {SCALE_WORDS}."
    how = [f"{'- ' if markdown else '  '}{name}: {HOW[name]}" for name in HOW]
    return [*heading("Members' voice", 2, markdown), intro, "", *out, *how]


def read_voice(store: SetStore, date: dt.date, *, warn: bool = True) -> Voice:
    """A meeting's voice as its file holds it; with `warn`, what had to be left out (a
    damaged line, `actionset check` names it) goes to stderr."""
    read = store.read_voice(date)
    if warn:
        for note in [*read.warnings, *(str(p) for p in read.problems)]:
            print(safe(f"actionset: warning: {note}"), file=sys.stderr)
    return read.voice


def read_set_voice(store: SetStore, *, warn: bool = True) -> list[MeetingVoice]:
    """Every meeting's voice of a set, oldest first (the meetings with a voice file)."""
    return [meeting_voice(d, read_voice(store, d, warn=warn)) for d in store.voice_dates()]
