"""A meeting's record as Markdown minutes, for `actionset report`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from actionset.model import Action, Issue, Meeting, Set
from actionset.model.audience import Audience, Reader
from actionset.model.coach_log import LoggedPrompt
from actionset.model.codebook import codebook_for
from actionset.model.contributions import Contribution, moment_of, same_member
from actionset.model.dates import long_date
from actionset.model.history import percent, share
from actionset.model.issue import IssueStatus
from actionset.model.meeting import PhaseStatus, with_a_row
from actionset.model.record import actions_by_presenter, facilitator_of
from actionset.model.schedule import next_meeting
from actionset.model.stats import process_review
from actionset.model.voice import Voice


def minutes_markdown(
    the_set: Set,
    date: dt.date,
    meeting: Meeting | None,
    issues: list[Issue],
    actions: list[Action],
    contributions: list[Contribution],
    *,
    anonymous: bool = False,
    prompts: Sequence[LoggedPrompt] = (),
    voice: Voice | None = None,
    reader: Reader | None = None,
) -> str:
    """A meeting's minutes to send as they are: the set's name, then the meeting's record,
    as `reader` may read it (default: the set's own minutes)."""
    reader = reader or Reader(Audience.set, the_set)
    record = meeting_markdown(
        the_set,
        date,
        meeting,
        issues,
        actions,
        contributions,
        anonymous=anonymous,
        prompts=prompts,
        voice=voice,
        reader=reader,
    )
    told = f"{reader.leaves_out()}\n\n" if not reader.is_set else ""
    return f"# {reader.set_label()}\n\n{told}{record}".rstrip() + "\n"


def minutes_are_anonymous(the_set: Set, asked: bool) -> bool:
    """Whether the minutes name who asked what: not with --anonymous, nor when the set's
    default (`summary = "anonymous"` in set.toml) keeps the room's summary anonymous."""
    return asked or the_set.summary == "anonymous"


def _minutes(seconds: int) -> str:
    return f"{round(seconds / 60)}"


def meeting_markdown(
    the_set: Set,
    date: dt.date,
    meeting: Meeting | None,
    issues: list[Issue],
    actions: list[Action],
    contributions: list[Contribution],
    *,
    anonymous: bool = False,
    prompts: Sequence[LoggedPrompt] = (),
    voice: Voice | None = None,
    reader: Reader | None = None,
) -> str:
    """A meeting's record, readable as it is and rendered well by any markdown viewer; what
    leaves the set is what `reader` may read (`actionset.model.audience`)."""
    reader = reader or Reader(Audience.set, the_set)
    if not reader.is_set:
        from actionset.export.minutes_shared import shared_record

        return shared_record(reader, date, meeting, actions, contributions, prompts, voice)

    out = meeting_heading(reader, date, meeting)
    if meeting is not None:
        out += ["### Attendance", ""]
        present = (
            meeting.attendance.present
            if meeting.attendance.taken
            else [m.name for m in the_set.members_at(meeting.date)]
        )
        out.append(f"- Present ({len(present)}): {', '.join(present) or 'nobody'}")
        if meeting.attendance.apologies:
            out.append(f"- Apologies: {', '.join(meeting.attendance.apologies)}")
        if meeting.attendance.absent:
            out.append(f"- Absent: {', '.join(meeting.attendance.absent)}")
        out.append("")
        out += _report_backs(actions, date)

        if meeting.presenters:
            out += ["### Presenters and issues", ""]
            by_id = {issue.id: issue for issue in issues}
            for number, presentation in enumerate(meeting.presenters, start=1):
                issue = by_id.get(presentation.issue)
                what = (
                    issue.title + _since(issue, date)
                    if issue
                    else (presentation.issue or "issue not recorded")
                )
                out.append(f"{number}. {presentation.member}: {what}")
            out.append("")

        if meeting.agenda:
            out += [
                "### Agenda: planned and actual minutes",
                "",
                "| phase | presenter | planned | actual | drift |",
                "|---|---|--:|--:|--:|",
            ]
            planned_total = actual_total = 0
            for phase in meeting.agenda:  # planned: as this meeting planned it at its start
                planned_total += phase.planned
                ran = phase.status in (PhaseStatus.done, PhaseStatus.current)
                actual_total += phase.actual_seconds
                actual = _minutes(phase.actual_seconds) if ran else phase.status.value
                diff = round(phase.actual_seconds / 60) - round(phase.planned / 60)
                # a phase added while the meeting ran had no plan at the start: the minutes
                # it was given then, beside the word
                added = phase.added and phase.plan_seconds is None
                planned = f"added, {_minutes(phase.allotted)}" if added else ""
                out.append(
                    f"| {phase.title} | {phase.presenter} | {planned or _minutes(phase.planned)} | "
                    f"{actual} | {f'{diff:+d}' if ran else ''} |"
                )
            diff_total = round(actual_total / 60) - round(planned_total / 60)
            out += [
                f"| **Total** | | {_minutes(planned_total)} | {_minutes(actual_total)} | "
                f"{diff_total:+d} |",
                "",
            ]

    agreed = (
        actions_by_presenter(actions, meeting)
        if meeting
        else [("", [a for a in actions if a.agreed_at == date])]
    )
    if any(listed for _, listed in agreed):
        out += ["### Actions agreed", ""]
        for presenter, listed in agreed:
            out.append(f"- {presenter or 'Other actions'}:")
            for action in listed:
                due = f" (due {action.due})" if action.due else ""
                later = "" if action.is_open else f"; since {action.status.value}"
                # the presenter's own actions need no name: they are listed under it
                own = presenter and same_member(action.owner) == same_member(presenter)
                owner = "" if own else f"{action.owner}: "
                out.append(f"  - {owner}{action.text}{due}{later}")
        out.append("")

    if contributions:
        out += _questioning(the_set, date, meeting, contributions, anonymous)

    out += _coach_prompts(prompts, anonymous)
    if voice is not None:
        from actionset.export.voice import voice_markdown

        out += voice_markdown(voice)

    if meeting:
        out += _reflections(meeting)
        out += next_meeting_lines(reader, date, meeting)
    return "\n".join(out)


def meeting_heading(reader: Reader, date: dt.date, meeting: Meeting | None) -> list[str]:
    """The meeting's date, then (with its file) its status, place, facilitator and time, as
    far as `reader` may read them."""
    the_set = reader.the_set
    out: list[str] = [f"## Meeting of {long_date(date, weekday=True)} ({date})", ""]
    if meeting is None:
        return [*out, "In progress: only the tags have been saved so far.", ""]
    place = meeting.place or the_set.usual_place
    if not meeting.closed:
        out.append("- Status: in progress; these minutes are a draft")
    if place and reader.may_show("Meeting.place"):
        out.append(f"- Place: {place}")
    facilitator = facilitator_of(meeting, the_set)
    if facilitator and reader.may_name(facilitator):
        out.append(f"- Facilitated by: {facilitator}")
    if reader.may_show("Meeting.time") and (time := _time(meeting, the_set)):
        out.append(f"- Time: {time}")
    return [*out, ""] if out[-1] else out


def _time(meeting: Meeting, the_set: Set) -> str:
    """When the meeting ran ("09:32 to 12:30"), else when it was called for."""
    clock = meeting.clock
    # Meetings closed before the end time was kept fall back on their planned end.
    ended = clock.ended_at or (clock.ends_at if meeting.closed else None)
    if clock.started_at:
        end = f" to {ended:%H:%M}" if ended else ""
        return f"{clock.started_at:%H:%M}{end}"
    return meeting.time or the_set.usual_time


def next_meeting_lines(reader: Reader, date: dt.date, meeting: Meeting) -> list[str]:
    """The next meeting: confirmed at the close, else due one cadence on (the one next-date
    rule), as far as `reader` may read it."""
    following = next_meeting(reader.the_set, [date], meeting)
    if following is None:
        return []
    time = following.time if reader.may_show("NextMeeting.time") else ""
    place = following.place if reader.may_show("NextMeeting.place") else ""
    when = (long_date(following.date, weekday=True), time, place)
    out = ["### Next meeting", "", "- " + ", ".join(filter(None, when))]
    if not following.confirmed:
        out[-1] += " (due by the set's cadence; not confirmed at this meeting)"
    if following.facilitator and reader.may_name(following.facilitator):
        out.append(f"- Facilitated by: {following.facilitator}")
    return [*out, ""]


def _report_backs(actions: list[Action], date: dt.date) -> list[str]:
    """What each owner said at this meeting about their actions, with outcomes and values."""
    reported = [(a, u) for a in actions for u in a.updates if u.meeting == date]
    if not reported:
        return []
    out = ["### Report-backs", ""]
    for action, update in reported:
        note = f": {update.note}" if update.note else ""
        progress = update.progress.value.replace("-", " ")  # "not done", as said
        out.append(f"- {action.owner}, {action.text}: **{progress}**{note}")
        if update.outcome or update.value_text:
            worth = f" ({update.value_text})" if update.value_text else ""
            out.append(f"  - Outcome: {update.outcome or 'value'}{worth}")
    out.append("")
    return out


def _reflections(meeting: Meeting) -> list[str]:
    """The presenters' reflections, each under their name, then the set's."""
    out: list[str] = []
    for presentation in meeting.presenters:
        if presentation.reflections:
            out += [f"- {presentation.member}:"]
            out += [f"  - {line}" for line in presentation.reflections]
    if meeting.reflections:
        if out:
            out.append("- The set:")
            out += [f"  - {line}" for line in meeting.reflections]
        else:
            out += [f"- {line}" for line in meeting.reflections]
    return ["### Reflections", "", *out, ""] if out else []


def _since(issue: Issue, date: dt.date) -> str:
    """ " (since resolved)" when the issue was resolved or parked after this meeting."""
    later = [c for c in issue.history if c.meeting > date]
    if later and later[-1].status in (IssueStatus.resolved, IssueStatus.parked):
        return f" (since {later[-1].status.value})"
    at = [c for c in issue.history if c.meeting == date]
    if at and at[-1].status in (IssueStatus.resolved, IssueStatus.parked):
        return f" ({at[-1].status.value})"
    return ""


def _questioning(
    the_set: Set,
    date: dt.date,
    meeting: Meeting | None,
    contributions: list[Contribution],
    anonymous: bool,
) -> list[str]:
    """Who asked, advised and stated: per member counts and question share, named or as
    Member A, B, ... (the process review's own letters); then the whole meeting's."""
    codebook = codebook_for(the_set)
    facilitator = facilitator_of(meeting, the_set)
    rows = with_a_row([m.name for m in the_set.members_at(date)], meeting, facilitator=facilitator)
    review = process_review(
        contributions,
        codebook,
        rows,
        anonymous=anonymous,
        seed=date.isoformat(),
        facilitating=facilitator,
    )
    out = [
        "### Questioning",
        "",
        "| member | questions | advice | statements | total | question share |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for row in review.rows:
        total = row.questions + row.advice + row.other
        out.append(
            f"| {row.label} | {row.questions} | {row.advice} | {row.other} | {total} | "
            f"{percent(share(row.questions, total))} |"
        )
    totals = review.totals
    out += [
        f"| **All** | {totals.questions} | {totals.advice} | {totals.other} | {totals.total} | "
        f"{percent(share(totals.questions, totals.total))} |",
        "",
        "Advice counts leading questions (advice dressed as a question); statements "
        "are opinions or stories nobody asked for. "
        + (review.adds() or "All is the sum of the rows above."),
    ]
    if review.not_asked:
        out.append(f"Asked no questions: {', '.join(review.not_asked)}.")
    elif anonymous and review.silent_count:
        count = review.silent_count
        out.append(f"{count} member{'s' * (count != 1)} asked no questions.")
    out.append("")
    return out


def _coach_prompts(prompts: Sequence[LoggedPrompt], anonymous: bool) -> list[str]:
    """Each coach prompt shown: its time, its kind's name, where, and (named minutes) what
    it said."""
    out = []
    for logged in prompts:
        moment = moment_of(logged.at)
        when = f"{moment:%H:%M}" if moment else "--:--"
        where = logged.prompt.phase
        said = "" if anonymous else f": {logged.prompt.said}"
        out.append(f"- {when} `{logged.prompt.kind.value}` in {where}{said}")
    return ["### Coach prompts", "", *out, ""] if out else []
