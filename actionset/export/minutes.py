"""A meeting's record as Markdown minutes, for `actionset report`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from actionset.model import Action, Issue, Meeting, Set
from actionset.model.codebook import codebook_for
from actionset.model.contributions import Contribution
from actionset.model.dates import long_date
from actionset.model.meeting import PhaseStatus, who_counts
from actionset.model.record import actions_by_presenter, facilitator_of
from actionset.model.stats import not_yet_asked, tally, tally_by_member


def report_markdown(
    the_set: Set,
    meetings: Sequence[tuple[dt.date, Meeting | None, list[Contribution]]],
    issues: list[Issue],
    actions: list[Action],
) -> str:
    """The set's name, then each meeting's record (date, its file or None, its
    contributions), in the order given."""
    parts = [f"# {the_set.name}\n"]
    for date, meeting, contributions in meetings:
        parts.append(meeting_markdown(the_set, date, meeting, issues, actions, contributions))
    return "\n".join(parts)


def _minutes(seconds: int) -> str:
    return f"{round(seconds / 60)}"


def meeting_markdown(
    the_set: Set,
    date: dt.date,
    meeting: Meeting | None,
    issues: list[Issue],
    actions: list[Action],
    contributions: list[Contribution],
) -> str:
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
        if facilitator := facilitator_of(meeting, the_set):
            out.append(f"- Facilitated by: {facilitator}")
        clock = meeting.clock
        # Meetings closed before the end time was kept fall back on their planned end.
        ended = clock.ended_at or (clock.ends_at if meeting.closed else None)
        if clock.started_at:
            end = f" to {ended:%H:%M}" if ended else ""
            out.append(f"- Time: {clock.started_at:%H:%M}{end}")
        out.append("")

        out += ["### Attendance", ""]
        present = (
            meeting.attendance.present
            if meeting.attendance.taken
            else [m.name for m in the_set.current_members]
        )
        out.append(f"- Present: {', '.join(present) or 'nobody'}")
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
                    f"{issue.title} (`{issue.id}`, now {issue.status.value})"
                    if issue
                    else (presentation.issue or "issue not recorded")
                )
                out.append(f"{number}. {presentation.member}: {what}")
            out.append("")

        if meeting.agenda:
            out += [
                "### Agenda: planned and actual minutes",
                "",
                "| phase | presenter | planned | actual | difference |",
                "|---|---|--:|--:|--:|",
            ]
            planned_total = actual_total = 0
            for phase in meeting.agenda:  # planned: as this meeting planned it at its start
                planned_total += phase.planned
                ran = phase.status in (PhaseStatus.done, PhaseStatus.current)
                actual_total += phase.actual_seconds
                actual = _minutes(phase.actual_seconds) if ran else phase.status.value
                diff = round(phase.actual_seconds / 60) - round(phase.planned / 60)
                planned = "added" if phase.added and phase.plan_seconds is None else ""
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
                out.append(f"  - {action.owner}: {action.text}{due}; now {action.status.value}")
        out.append("")

    codebook = codebook_for(the_set)
    roster = (
        meeting.attendance.present
        if meeting and meeting.attendance.present
        else [m.name for m in the_set.current_members]
    )
    if contributions:
        out += [
            "### Contributions",
            "",
            "| member | questions | advice | statements | total |",
            "|---|--:|--:|--:|--:|",
        ]
        for member, count in tally_by_member(contributions, codebook, roster).items():
            out.append(
                f"| {member} | {count.questions} | {count.advice} | {count.other} | {count.total} |"
            )
        totals = tally(contributions, codebook)
        out.append(
            f"| **All** | {totals.questions} | {totals.advice} | {totals.other} | {totals.total} |"
        )
        counting = who_counts(
            [m.name for m in the_set.current_members], meeting, facilitator=the_set.facilitator
        )
        silent = not_yet_asked(contributions, codebook, counting)
        out.append("")
        out.append(
            "Advice counts leading questions (advice dressed as a question); statements "
            "are opinions or stories nobody asked for."
        )
        if silent:
            out.append(f"Asked no questions: {', '.join(silent)}.")
        out.append("")

    if meeting:
        out += _reflections(meeting)
        if meeting.next_meeting:
            following = meeting.next_meeting
            out += [
                "### Next meeting",
                "",
                "- "
                + ", ".join(
                    filter(
                        None,
                        (long_date(following.date, weekday=True), following.time, following.place),
                    )
                ),
            ]
            if following.facilitator:
                out.append(f"- Facilitated by: {following.facilitator}")
            out.append("")
    return "\n".join(out)


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
