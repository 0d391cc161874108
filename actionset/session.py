"""A set's meeting opened for the facilitator's console: the set's lock, today's meeting and its
tag journal, taken together and let go together.

No Textual here: `actionset run` opens the session (and is refused a locked set) before any
window exists; the home screen and the app open and close the very same one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

from actionset import store as disk

if TYPE_CHECKING:
    from actionset.model import Action, Issue, Meeting, Set
    from actionset.model.agenda import Template


@dataclass
class ConsoleSession:
    """Today's meeting of a set, held by one console until `close` (or the end of `with`).

    The only owner of the set's lock: it is taken by `open_console` and freed by `close`,
    whoever opened the session (the command line, the home screen) and whoever runs it.
    """

    set_store: disk.SetStore
    the_set: Set
    meeting: Meeting
    template: Template | None
    """The meeting's own agenda template, when it still exists (equal time follows attendance)."""
    journal: disk.TagJournal
    events: list[dict[str, object]]
    """The tags already in the journal when it was opened, oldest first."""
    warnings: list[str]
    """What the facilitator should be told about the journal (a torn last tag, a damaged line)."""
    lock: disk.SetLock

    meeting_saver: Callable[[Meeting], None] | None = None
    """How `save_meeting` writes, when a window saves the meeting in its own order (the
    console saves in a thread, in order: a panel's save must never be overtaken by an older
    copy); by default straight through the store."""

    _actions: list[Action] | None = None
    _issues: list[Issue] | None = None
    _past: list[Meeting] | None = None

    # -- the set's record, read when a phase's panel first needs it and saved whole at once

    @property
    def actions(self) -> list[Action]:
        """The set's actions (`actions.toml`); change them in place, then `save_actions`."""
        if self._actions is None:
            self._actions = self.set_store.load_actions()
        return self._actions

    @property
    def issues(self) -> list[Issue]:
        """The set's issues (`issues.toml`); change them in place, then `save_issues`."""
        if self._issues is None:
            self._issues = self.set_store.load_issues()
        return self._issues

    @property
    def past_meetings(self) -> list[Meeting]:
        """The set's meetings before this one, oldest first."""
        if self._past is None:
            self._past = [m for m in self.set_store.load_meetings() if m.date < self.meeting.date]
        return self._past

    def save_actions(self) -> None:
        self.set_store.save_actions(self.actions)

    def save_issues(self) -> None:
        self.set_store.save_issues(self.issues)

    def save_meeting(self) -> None:
        from actionset.model.record import record_stand_ins

        record_stand_ins(self.meeting, self.the_set)  # a facilitator who presents has one
        if self.meeting_saver is not None:
            self.meeting_saver(self.meeting)
        else:
            self.set_store.save_meeting(self.meeting)

    def close(self) -> None:
        """Close the journal and let go of the set; closing twice does nothing more."""
        self.journal.close()
        self.lock.release()

    def __enter__(self) -> ConsoleSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_console(
    set_store: disk.SetStore,
    folder: disk.SetsFolder,
    today: dt.date,
    template: str | None = None,
) -> ConsoleSession:
    """Lock the set, then open or resume the meeting of `today` and its tag journal; a new
    meeting is planned from `template` when one is named, else from the set's.

    A set another console holds is refused (`SetLocked`, naming the holder) before anything is
    read; when anything after that fails, the set is let go again and the error raised.
    """
    lock = set_store.lock(meeting=today)  # the projector follows the meeting it names
    lock.acquire()
    try:
        the_set = set_store.load_set()
        meeting = open_meeting(set_store, folder, today, template, the_set=the_set)
        from actionset.model.record import record_stand_ins

        if not meeting.closed and record_stand_ins(meeting, the_set):
            set_store.save_meeting(meeting)  # the facilitator's own slot has its stand-in
        templates, _ = disk.load_templates(folder.root, set_store.folder)
        journal, events, warnings = open_tags(set_store, meeting.date)
    except BaseException:
        lock.release()
        raise
    return ConsoleSession(
        set_store,
        the_set,
        meeting,
        templates.get(meeting.template),
        journal,
        events,
        warnings,
        lock,
    )


def open_meeting(
    set_store: disk.SetStore,
    folder: disk.SetsFolder,
    today: dt.date,
    template_name: str | None = None,
    *,
    the_set: Set | None = None,
) -> Meeting:
    """The meeting of `today`: resumed from disk, or planned now from `template_name` (else the
    set's template), at the time and place confirmed for it or the set's usual ones.

    A meeting file without an agenda (written by hand, or by an older version) is completed
    from its template, keeping all it holds; one that cannot be completed is refused with
    `path:line`, never replaced. A meeting already planned from another template is refused.
    """
    from pydantic import ValidationError

    from actionset.model import Meeting
    from actionset.model.agenda import build_agenda, complete_agenda

    if the_set is None:  # the console has read it already; set.toml is read once
        the_set = set_store.load_set()
    meeting = set_store.load_meeting(today)
    if meeting is not None and template_name and template_name != meeting.template:
        raise disk.StoreError(
            f"the meeting of {today} is already planned from template {meeting.template!r}"
        )
    if meeting is not None and meeting.agenda:
        return meeting
    # A damaged template stops the meeting only when it may be the one the meeting needs.
    templates, problems = disk.load_templates(folder.root, set_store.folder)
    if template_name and template_name not in templates:
        raise disk.StoreError(
            f"no agenda template {template_name!r} (templates: {', '.join(sorted(templates))})"
        )
    if meeting is not None:
        path = set_store.meeting_path(today)
        template = templates.get(meeting.template)
        if template is None:
            raise disk.StoreError(
                problems=[
                    *problems,
                    disk.Problem(
                        path,
                        disk.line_of(path, ("template",)),
                        "template",
                        f"no agenda template {meeting.template!r} to plan the missing agenda from "
                        f"(templates: {', '.join(sorted(templates))})",
                    ),
                ]
            )
        present = [m.name for m in the_set.members_at(today) if meeting.is_present(m.name)]
        try:
            complete_agenda(meeting, template, present)
        except ValidationError as exc:
            raise disk.StoreError(problems=disk.problems_in(path, exc)) from None
        set_store.save_meeting(meeting)
        return meeting
    wanted = template_name or the_set.agenda_template
    if wanted not in templates and problems:
        raise disk.StoreError(problems=problems)
    template = templates.get(wanted) or templates["half-day"]
    present = [m.name for m in the_set.members_at(today)]
    meeting = Meeting(date=today, template=template.name, **_called_for(set_store, the_set, today))
    meeting.agenda = build_agenda(template, presenters=[], present_members=present)
    if template.presenters == "all":  # equal time: the booked hours, a slot each from the roll
        from actionset.model.agenda import presenters_from_the_roll
        from actionset.model.equal_time import fill_booked
        from actionset.model.schedule import booked_minutes

        fill_booked(meeting.agenda, booked_minutes(the_set.usual_hours))
        presenters_from_the_roll(meeting)
    _nothing_to_report_back(set_store, meeting, present)
    set_store.save_meeting(meeting)
    return meeting


def _nothing_to_report_back(set_store: disk.SetStore, meeting: Meeting, roster: list[str]) -> None:
    """A meeting planned with no action open to report back on (a set's first) gives its
    report-back's minutes to the rest of the plan; the console says so as it opens."""
    import time

    from actionset.model.clock import MeetingClock
    from actionset.model.record import nothing_to_report

    try:
        actions = set_store.load_actions()
    except disk.StoreError:
        return  # the report-back's panel says what is wrong with actions.toml
    if nothing_to_report(actions, meeting, roster):
        MeetingClock(meeting, time.time).give_report_back_away()


def open_tags(
    set_store: disk.SetStore, date: dt.date
) -> tuple[disk.TagJournal, list[dict[str, object]], list[str]]:
    """The meeting's tag journal opened for appending, the events already in it, and what
    had to be left out of them (a torn last tag, a damaged line) for the facilitator to see.

    Read before opening: opening sets a torn last line aside.
    """
    read = set_store.read_journal(date)
    if read.refused:  # not a file, or not UTF-8: left exactly as it is
        raise disk.StoreError(problems=read.problems)
    warnings = [*read.warnings, *(str(problem) for problem in read.problems)]
    try:
        journal = set_store.journal(date)
    except OSError as exc:
        raise disk.StoreError(f"cannot open the tag journal: {exc}") from exc
    return journal, read.events, warnings


def _called_for(set_store: disk.SetStore, the_set: Set, date: dt.date) -> dict[str, str]:
    """The time, place and facilitator a new meeting is called for: those confirmed for this
    date at the last meeting's close, else the set's usual time and place."""
    from actionset.model.schedule import next_meeting

    dates = [d for d in set_store.meeting_dates() if d < date]
    latest = set_store.load_meeting(dates[-1]) if dates else None
    planned = next_meeting(the_set, dates, latest)
    if planned is not None and planned.date == date:
        from actionset.model.record import facilitates_next

        who = facilitates_next(the_set, latest, planned)  # confirmed, else next in turn
        own = who if who != the_set.facilitator else ""
        return {"time": planned.time, "place": planned.place, "facilitator": own}
    return {"time": the_set.usual_time, "place": the_set.usual_place}
