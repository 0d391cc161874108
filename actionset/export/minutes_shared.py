"""A meeting's minutes as they may leave the set: for its sponsor, or for research.

What each line may show is `actionset.model.audience`'s rule, asked through a `Reader`; the
set's own minutes are `actionset.export.minutes`, whose heading and next meeting these share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from actionset.model import Action, Meeting
from actionset.model.action_status import Progress
from actionset.model.audience import Reader
from actionset.model.coach_log import LoggedPrompt
from actionset.model.codebook import codebook_for
from actionset.model.contributions import Contribution, same_member
from actionset.model.history import percent, share
from actionset.model.record import actions_by_presenter, presenters_of
from actionset.model.stats import tally
from actionset.model.voice import Voice


def shared_record(
    reader: Reader,
    date: dt.date,
    meeting: Meeting | None,
    actions: Sequence[Action],
    contributions: Sequence[Contribution],
    prompts: Sequence[LoggedPrompt],
    voice: Voice | None = None,
) -> str:
    """The meeting's record as `reader` (a sponsor, research) may read it: counts, and the
    actions and outcomes where the rule lets them show."""
    from actionset.export.minutes import meeting_heading, next_meeting_lines

    out = meeting_heading(reader, date, meeting)
    if meeting is not None:
        out += _attendance(reader, meeting)
        out += _report_backs(reader, actions, date)
        out += _presenters(reader, meeting)
    out += _actions_agreed(reader, actions, date, meeting)
    if contributions:
        out += _questioning(reader, contributions)
    if prompts:
        count = len(prompts)
        out += ["### Coach prompts", "", f"- {count} prompt{'s' * (count != 1)} shown", ""]
    if voice is not None:
        out += _voice(reader, voice)
    if meeting is not None:
        out += next_meeting_lines(reader, date, meeting)
    return "\n".join(out)


def _voice(reader: Reader, voice: Voice) -> list[str]:
    """Each rated round's averages, each a figure about those who rated it; never a line."""
    from actionset.export.voice import SCALE_WORDS, rounds_as_counted
    from actionset.model.voice import average_text, averages_of

    out = []
    for rounds in rounds_as_counted(voice):
        if not rounds[0].statements:
            continue
        count = sum(r.count for r in rounds)
        out += [f"- {rounds[0].name.capitalize()}: {count} answered"]
        for average in averages_of(rounds):
            what = average.text if reader.may_word(average.text) else average.id
            mean = "–" if average.mean is None else f"{average_text(average.mean)} (n={average.n})"
            out.append(f"  - {what}: {reader.figure(average.n, mean)}")
    if not out:
        return []
    return ["### Members' voice", "", f"Anonymous ratings, {SCALE_WORDS}.", "", *out, ""]


def _attendance(reader: Reader, meeting: Meeting) -> list[str]:
    roll = meeting.attendance
    present = (
        roll.present if roll.taken else [m.name for m in reader.the_set.members_at(meeting.date)]
    )
    expected = [*roll.present, *roll.apologies, *roll.absent] if roll.taken else present
    counted = reader.figure(expected, f"{len(present)} of {len(expected)} expected")
    return ["### Attendance", "", f"- Present: {counted}", ""]


def _report_backs(reader: Reader, actions: Sequence[Action], date: dt.date) -> list[str]:
    """Each report-back a sponsor may read (its action, progress, outcome and value, never
    its note), or for research how many of each progress, and the values added up."""
    reported = [(a, u) for a in actions for u in a.updates if u.meeting == date]
    if not reported:
        return []
    out = ["### Report-backs", ""]
    if not reader.may_show("ReportBack.outcome"):
        owners = [a.owner for a, _ in reported]
        counts = ", ".join(
            f"{sum(1 for _, u in reported if u.progress is p)} {p.value.replace('-', ' ')}"
            for p in Progress
        )
        out.append(f"- Actions reported on: {reader.figure(owners, f'{len(reported)} ({counts})')}")
        valued = [(a, u) for a, u in reported if u.outcome or u.value is not None]
        if valued:
            from actionset.export.history import values_text

            totals: dict[str, float] = {}
            for _, u in valued:
                if u.value is not None:
                    totals[u.value_unit] = totals.get(u.value_unit, 0) + u.value
            worth = f"{len(valued)}; value {values_text(totals)}"
            out.append(f"- With an outcome: {reader.figure([a.owner for a, _ in valued], worth)}")
        return [*out, ""]
    for action, update in reported:
        if not reader.individual(action.owner):
            continue
        owner = f"{action.owner}, " if reader.may_name(action.owner) else ""
        progress = update.progress.value.replace("-", " ")
        out.append(f"- {owner}{action.text}: **{progress}**")
        if update.outcome or update.value_text:
            worth = f" ({update.value_text})" if update.value_text else ""
            out.append(f"  - Outcome: {update.outcome or 'value'}{worth}")
    return [*out, ""] if len(out) > 2 else []


def _presenters(reader: Reader, meeting: Meeting) -> list[str]:
    """How many presented; their names too, when the reader may have every one of them."""
    names = presenters_of(meeting)
    if not names:
        return []
    count = f"{len(names)} member{'s' * (len(names) != 1)} presented an issue"
    if reader.may_list(names):
        count += f": {', '.join(names)}"
    return ["### Presenters", "", f"- {count}", ""]


def _actions_agreed(
    reader: Reader, actions: Sequence[Action], date: dt.date, meeting: Meeting | None
) -> list[str]:
    """The actions agreed, as far as the reader may read them: each one's text, due date and
    status since (under its presenter, when named), else how many."""
    agreed = (
        actions_by_presenter(actions, meeting)
        if meeting
        else [("", [a for a in actions if a.agreed_at == date])]
    )
    every = [action for _, listed in agreed for action in listed]
    if not every:
        return []
    out = ["### Actions agreed", ""]
    if not reader.may_show("Action.text"):
        count = reader.figure([a.owner for a in every], str(len(every)))
        return [*out, f"- Actions agreed: {count}", ""]
    for presenter, listed in agreed:
        shown = [a for a in listed if reader.individual(a.owner)]
        if not shown:
            continue
        heading = presenter and reader.may_name(presenter)
        if heading:
            out.append(f"- {presenter}:")
        for action in shown:
            due = f" (due {action.due})" if action.due else ""
            later = "" if action.is_open else f"; since {action.status.value}"
            own = heading and same_member(action.owner) == same_member(presenter)
            owner = f"{action.owner}: " if reader.may_name(action.owner) and not own else ""
            out.append(f"{'  ' if heading else ''}- {owner}{action.text}{due}{later}")
    return [*out, ""] if len(out) > 2 else []


def _questioning(reader: Reader, contributions: Sequence[Contribution]) -> list[str]:
    """The whole meeting's questioning, counted: never who asked what."""
    counts = tally(contributions, codebook_for(reader.the_set))
    people = {c.member for c in contributions}
    total = counts.total
    shares = (
        f"{total} contributions tagged from {len(people)} members: "
        f"{percent(share(counts.questions, total))} questions, "
        f"{percent(share(counts.advice, total))} advice (leading questions included), "
        f"{percent(share(counts.other, total))} statements"
    )
    return ["### Questioning", "", f"- {reader.figure(people, shares)}", ""]
