"""`actionset check`: every file of a set read and validated, then checked against the others.

Each problem is a `path:line: field: message`; the files are never changed.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actionset.store import Problem, StoreError

if TYPE_CHECKING:
    from actionset.model import Action, Issue, Meeting, Set
    from actionset.store import SetStore


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: int = 0

    def sorted_problems(self) -> list[Problem]:
        """Each problem once, by file, then line, then field."""
        return sorted(set(self.problems), key=lambda p: (str(p.path), p.line, p.field))


def check_sets(stores: Sequence[SetStore]) -> CheckResult:
    """Every set checked; the problems and warnings of all of them, and how many files."""
    total = CheckResult()
    for store in stores:
        result = check_set(store)
        total.problems += result.problems
        total.warnings += result.warnings
        total.files += result.files
    return total


def _problems_of(exc: StoreError, path: Path) -> list[Problem]:
    return exc.problems or [Problem(path, 1, "file", str(exc))]


def check_set(store: SetStore, candidate: Set | None = None) -> CheckResult:
    """Validate every file of a set, then check that the files agree with one another.

    `candidate`: a changed set.toml not yet written, checked against the set's other files
    in its place (the set screen asks before it saves a change)."""
    from actionset.model.agenda import is_placeholder
    from actionset.model.codebook import codebook_for
    from actionset.model.journal import journal_faults
    from actionset.store import ACTIONS_FILE, ISSUES_FILE, SET_FILE

    result = CheckResult()
    problems = result.problems

    def load(path: Path, loader: Callable[[], Any]) -> Any:
        if not os.path.lexists(path):  # a folder or a broken link in its place is a problem
            return None
        result.files += 1
        try:
            return loader()
        except StoreError as exc:
            problems.extend(_problems_of(exc, path))
            return None

    set_path = store.folder / SET_FILE
    the_set: Set | None = load(set_path, store.load_set) if candidate is None else candidate
    if not os.path.lexists(set_path):
        problems.append(Problem(set_path, 1, "file", "set.toml is missing"))
    issues_path, actions_path = store.folder / ISSUES_FILE, store.folder / ACTIONS_FILE
    issues: list[Issue] | None = load(issues_path, store.load_issues)
    actions: list[Action] | None = load(actions_path, store.load_actions)
    meetings: list[tuple[Path, Meeting]] = []
    for date in store.meeting_dates():
        path = store.meeting_path(date)
        meeting = load(path, functools.partial(store.load_meeting, date))
        if meeting is not None:
            meetings.append((path, meeting))

    issue_ids = {issue.id for issue in issues} if issues is not None else None
    names: set[str] = set()
    codes: set[str] = set()
    if the_set is not None:
        names = {m.name.casefold() for m in the_set.members}
        codes = {code.name for code in codebook_for(the_set)}

    def need_member(name: str, path: Path, loc: tuple[str | int, ...], what: str) -> None:
        if the_set is not None and name.casefold() not in names:
            problems.append(_cross(path, loc, f"{name!r} ({what}) is not a member of the set"))

    def need_issue(ident: str, path: Path, loc: tuple[str | int, ...]) -> None:
        if ident and issue_ids is not None and ident not in issue_ids:
            problems.append(_cross(path, loc, f"no issue with id {ident!r} in issues.toml"))

    for i, issue in enumerate(issues or []):
        need_member(issue.owner, issues_path, ("issues", i, "owner"), "issue owner")
        if [other.id for other in issues or []].count(issue.id) > 1:
            problems.append(
                _cross(issues_path, ("issues", i, "id"), f"issue id {issue.id!r} is used twice")
            )
    for i, action in enumerate(actions or []):
        need_member(action.owner, actions_path, ("actions", i, "owner"), "action owner")
        need_issue(action.issue, actions_path, ("actions", i, "issue"))
        if [other.id for other in actions or []].count(action.id) > 1:
            problems.append(
                _cross(actions_path, ("actions", i, "id"), f"action id {action.id!r} is used twice")
            )
    facilitator = the_set.facilitator.casefold() if the_set and the_set.facilitator else ""

    def need_facilitator(name: str, path: Path, loc: tuple[str | int, ...]) -> None:
        """A meeting's facilitator is a member, or the set's own facilitator."""
        if name and name.casefold() != facilitator:
            need_member(name, path, loc, "facilitator")

    for path, meeting in meetings:
        for field_name in ("present", "apologies", "absent"):
            for name in getattr(meeting.attendance, field_name):
                need_member(name, path, ("attendance", field_name), field_name)
        for i, bid in enumerate(meeting.bids):
            need_member(bid.member, path, ("bids", i, "member"), "bid")
            need_issue(bid.issue, path, ("bids", i, "issue"))
        need_facilitator(meeting.facilitator, path, ("facilitator",))
        if meeting.next_meeting is not None:
            need_facilitator(
                meeting.next_meeting.facilitator, path, ("next_meeting", "facilitator")
            )
        for i, presentation in enumerate(meeting.presenters):
            need_member(presentation.member, path, ("presenters", i, "member"), "presenter")
            need_issue(presentation.issue, path, ("presenters", i, "issue"))
        for i, phase in enumerate(meeting.agenda):
            # Before `w` a slot holds "Presenter 1": the app writes it, so it is no problem.
            if phase.presenter and not is_placeholder(phase.presenter):
                need_member(phase.presenter, path, ("agenda", i, "presenter"), "presenter")

    people = set(names)
    if the_set is not None and the_set.facilitator:
        people.add(the_set.facilitator.casefold())
    for date in store.meeting_dates():
        path = store.tags_path(date)
        if os.path.lexists(path):
            result.files += 1
            journal = store.read_journal(date)
            problems.extend(journal.problems)
            result.warnings.extend(journal.warnings)
            known = the_set is not None
            faults = journal_faults(
                journal.with_lines(),  # the journal read once, its lines kept
                people=people if known else None,
                codes=codes if known else None,
            )
            problems.extend(Problem(path, f.line, f.field, f.message) for f in faults)
    from actionset.store import load_templates

    problems.extend(load_templates(store.folder.parent, store.folder)[1])
    return result


def _cross(path: Path, loc: tuple[str | int, ...], message: str) -> Problem:
    from actionset.store import line_of

    return Problem(path, line_of(path, loc), ".".join(str(part) for part in loc), message)
