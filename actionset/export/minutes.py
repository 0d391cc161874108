"""A meeting's record as Markdown minutes, for `actionset report`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from actionset.model import Action, Issue, Meeting, Set
from actionset.model.dates import long_date
from actionset.model.meeting import PhaseStatus, who_counts
from actionset.model.tags import (
    Contribution,
    codebook_for,
    not_yet_asked,
    tally,
    tally_by_member,
)


def report_markdown(the_set: Set,
                    meetings: Sequence[tuple[dt.date, Meeting | None, list[Contribution]]],
                    issues: list[Issue], actions: list[Action]) -> str:
    """The set's name, then each meeting's record (date, its file or None, its
    contributions), in the order given."""
    parts = [f"# {the_set.name}\n"]
    for date, meeting, contributions in meetings:
        parts.append(meeting_markdown(the_set, date, meeting, issues, actions, contributions))
    return "\n".join(parts)


def _minutes(seconds: int) -> str:
    return f"{round(seconds / 60)}"


def meeting_markdown(the_set: Set, date: dt.date, meeting: Meeting | None, issues: list[Issue],
                     actions: list[Action], contributions: list[Contribution]) -> str:
    """A meeting's record, readable as it is and rendered well by any markdown viewer."""

    out: list[str] = [f"## Meeting of {long_date(date, weekday=True)} ({date})", ""]
    if meeting is None:
        out += ["In progress: only the tags have been saved so far.", ""]
    else:
        state = "closed" if meeting.closed else "in progress"
        place = meeting.place or the_set.usual_place
        out.append(f"- Status: {state}")
        if place:
            out.append(f"- Place: {place}")
        if the_set.facilitator:
            out.append(f"- Facilitator: {the_set.facilitator}")
        clock = meeting.clock
        # Meetings closed before the end time was kept fall back on their planned end.
        ended = clock.ended_at or (clock.ends_at if meeting.closed else None)
        if clock.started_at:
            end = f" to {ended:%H:%M}" if ended else ""
            out.append(f"- Time: {clock.started_at:%H:%M}{end}")
        out.append("")

        out += ["### Attendance", ""]
        present = meeting.attendance.present or [m.name for m in the_set.current_members]
        out.append(f"- Present: {', '.join(present)}")
        if meeting.attendance.apologies:
            out.append(f"- Apologies: {', '.join(meeting.attendance.apologies)}")
        out.append("")

        if meeting.presenters:
            out += ["### Presenters and issues", ""]
            by_id = {issue.id: issue for issue in issues}
            for number, presentation in enumerate(meeting.presenters, start=1):
                issue = by_id.get(presentation.issue)
                what = f"{issue.title} (`{issue.id}`, now {issue.status.value})" if issue else (
                    presentation.issue or "issue not recorded")
                out.append(f"{number}. {presentation.member}: {what}")
            out.append("")

        if meeting.agenda:
            out += ["### Agenda: planned and actual minutes", "",
                    "| phase | presenter | planned | actual | difference |",
                    "|---|---|--:|--:|--:|"]
            planned_total = actual_total = 0
            for phase in meeting.agenda:
                planned_total += phase.planned_minutes * 60
                ran = phase.status in (PhaseStatus.done, PhaseStatus.current)
                actual_total += phase.actual_seconds
                actual = _minutes(phase.actual_seconds) if ran else phase.status.value
                diff = round(phase.actual_seconds / 60) - phase.planned_minutes
                out.append(f"| {phase.title} | {phase.presenter} | {phase.planned_minutes} | "
                           f"{actual} | {f'{diff:+d}' if ran else ''} |")
            diff_total = round(actual_total / 60) - round(planned_total / 60)
            out += [f"| **Total** | | {_minutes(planned_total)} | {_minutes(actual_total)} | "
                    f"{diff_total:+d} |", ""]

    agreed = [a for a in actions if a.agreed_at == date]
    if agreed:
        out += ["### Actions agreed", ""]
        for action in agreed:
            due = f" (due {action.due})" if action.due else ""
            out.append(f"- {action.owner}: {action.text}{due}; now {action.status.value}")
        out.append("")

    reported = [(a, u) for a in actions for u in a.updates if u.meeting == date]
    if reported:
        out += ["### Report-backs", ""]
        for action, update in reported:
            note = f": {update.note}" if update.note else ""
            out.append(f"- {action.owner}, {action.text}: **{update.progress.value}**{note}")
        out.append("")

    out += ["### Contributions", ""]
    codebook = codebook_for(the_set)
    roster = (meeting.attendance.present if meeting and meeting.attendance.present
              else [m.name for m in the_set.current_members])
    if not contributions:
        out += ["No contributions were tagged.", ""]
    else:
        out += ["| member | questions | advice | statements | total |", "|---|--:|--:|--:|--:|"]
        for member, count in tally_by_member(contributions, codebook, roster).items():
            out.append(f"| {member} | {count.questions} | {count.advice} | "
                       f"{count.other} | {count.total} |")
        totals = tally(contributions, codebook)
        out.append(f"| **All** | {totals.questions} | {totals.advice} | "
                   f"{totals.other} | {totals.total} |")
        counting = who_counts([m.name for m in the_set.current_members], meeting,
                              facilitator=the_set.facilitator)
        silent = not_yet_asked(contributions, codebook, counting)
        out.append("")
        out.append("Advice counts leading questions (advice dressed as a question); statements "
                   "are opinions or stories nobody asked for.")
        if silent:
            out.append(f"Asked no questions: {', '.join(silent)}.")
        out.append("")

    if meeting and meeting.reflections:
        out += ["### Reflections", ""]
        out += [f"- {reflection}" for reflection in meeting.reflections]
        out.append("")
    return "\n".join(out)
