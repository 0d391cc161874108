"""`actionset check`: every file of a set read and validated, then checked against the others.

Each problem is a `path:line: field: message`; the files are never changed.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actionset.store import Problem, StoreError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from actionset.model import Meeting, Set
    from actionset.store import SetsFolder, SetStore
    from actionset.store.cache import Entries


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


def check_programme(folder: SetsFolder, result: CheckResult) -> None:
    """programme.toml beside the sets, when there is one, validated into `result`."""
    from actionset.model.programme_file import PROGRAMME_FILE

    path = folder.root / PROGRAMME_FILE
    if os.path.lexists(path):
        result.files += 1
        try:
            folder.load_programme()
        except StoreError as exc:
            result.problems += _problems_of(exc, path)


def _problems_of(exc: StoreError, path: Path) -> list[Problem]:
    return exc.problems or [Problem(path, 1, "file", str(exc))]


def check_set(store: SetStore, candidate: Set | None = None, *, cache: bool = True) -> CheckResult:
    """Validate every file of a set, then check that the files agree with one another.

    `candidate`: a changed set.toml not yet written, checked against the set's other files
    in its place (the set screen asks before it saves a change).

    With `cache`, a meeting whose file and journal were found without a problem and have not
    changed since (`actionset.store.CheckCache`) is not read again: what it names is checked
    against the set's other files, which are always read; if any of it no longer agrees, the
    meeting is read again. Nothing is written for a set with problems."""
    from actionset.model import Action, Issue, Meeting, Set
    from actionset.model.codebook import codebook_for
    from actionset.model.journal import is_code, is_person, journal_faults, journal_names
    from actionset.store import ACTIONS_FILE, ISSUES_FILE, SET_FILE, meeting_date_problem, salvage

    result = CheckResult()
    problems = result.problems

    def load(
        path: Path,
        loader: Callable[[], Any],
        model: type[BaseModel],
        key: str | None = None,
        unread: set[tuple[str | int, ...]] | None = None,
    ) -> Any:
        """The file's model (under `key`, its records); a file with problems is named and read
        with what is wrong left out (`actionset.store.salvage`), so that what it names is
        still checked against the other files: a record that cannot stand is None. Into
        `unread` go the parts left out because they could not be read."""
        if not os.path.lexists(path):  # a folder or a broken link in its place is a problem
            return None
        result.files += 1
        try:
            return loader()
        except StoreError as exc:
            problems.extend(_problems_of(exc, path))
        found = salvage(path, model, key)
        if found is None:
            return None
        problems.extend(problem for read in found for problem in read.problems)
        if unread is not None:
            unread.update(*(read.unread for read in found))
        records = [read.record for read in found]
        return records if key is not None else records[0]

    set_path = store.folder / SET_FILE
    unread: set[tuple[str | int, ...]] = set()
    the_set: Set | None = candidate
    if candidate is None:
        the_set = load(set_path, store.load_set, Set, unread=unread)

    def lost(*keys: str) -> bool:
        """Whether set.toml, read with its faults left out, lost one of `keys` or an item of
        it (a member, a code), so that it no longer says who or what the file holds."""
        return any(part[0] in keys and len(part) <= 2 for part in unread)

    if not os.path.lexists(set_path):
        problems.append(Problem(set_path, 1, "file", "set.toml is missing"))
    issues_path, actions_path = store.folder / ISSUES_FILE, store.folder / ACTIONS_FILE
    issues: list[Issue | None] | None = load(issues_path, store.load_issues, Issue, "issues")
    actions: list[Action | None] | None = load(actions_path, store.load_actions, Action, "actions")
    issue_ids = None  # unknown while an issue cannot be read: none of its ids is missing
    if issues is not None and None not in issues:
        issue_ids = {issue.id for issue in issues if issue is not None}
    # None: not known (set.toml cannot say), and so nothing is missing from it.
    names: set[str] | None = None
    codes: set[str] | None = None
    facilitator: str | None = None
    advisers: set[str] = set()
    if the_set is not None:
        if not lost("members"):
            names = {m.name.casefold() for m in the_set.members}
        if not lost("codebook", "codebook_mode"):
            codes = {code.name for code in codebook_for(the_set)}
        if not lost("facilitator"):
            facilitator = the_set.facilitator.casefold()
        advisers = {name.casefold() for name in the_set.facilitators}
    people = None
    if names is not None and facilitator is not None:
        people = names | advisers | {facilitator} - {""}

    def holds(ref: _Reference) -> bool:
        """Whether what a file names is in the set's other files."""
        if ref.kind == "issue":
            return not ref.value or issue_ids is None or ref.value in issue_ids
        if ref.kind == "facilitator" and (
            not ref.value or facilitator is None or ref.value.casefold() in {facilitator, *advisers}
        ):
            return True  # a meeting's facilitator is a member, the set's or one of its advisers
        return names is None or ref.value.casefold() in names

    def need(ref: _Reference, path: Path) -> None:
        if not holds(ref):
            problems.append(_cross(path, ref.loc, ref.missing()))

    issue_list = [(i, issue) for i, issue in enumerate(issues or []) if issue is not None]
    for i, issue in issue_list:
        need(_Reference("member", issue.owner, ("issues", i, "owner"), "issue owner"), issues_path)
        if [other.id for _, other in issue_list].count(issue.id) > 1:
            problems.append(
                _cross(issues_path, ("issues", i, "id"), f"issue id {issue.id!r} is used twice")
            )
    action_list = [(i, action) for i, action in enumerate(actions or []) if action is not None]
    for i, action in action_list:
        owner = _Reference("member", action.owner, ("actions", i, "owner"), "action owner")
        need(owner, actions_path)
        need(_Reference("issue", action.issue, ("actions", i, "issue")), actions_path)
        if [other.id for _, other in action_list].count(action.id) > 1:
            problems.append(
                _cross(actions_path, ("actions", i, "id"), f"action id {action.id!r} is used twice")
            )

    def check_meeting(date: dt.date) -> _Facts | None:
        """The meeting's file and journal read, validated and checked against the set; what
        the cache keeps of them (kept only if the whole set has no problem), or None."""
        files = result.files
        path = store.meeting_path(date)
        meeting: Meeting | None = load(path, functools.partial(store.load_meeting, date), Meeting)
        if meeting is not None and (wrong := meeting_date_problem(path, meeting.date, date)):
            problems.append(wrong)  # the store names it only once the rest of the file holds
        references = _references(meeting) if meeting is not None else []
        for ref in references:
            need(ref, path)
        path = store.tags_path(date)
        tagged: tuple[set[str], set[str]] | None = (set(), set())
        if os.path.lexists(path):
            result.files += 1
            journal = store.read_journal(date)
            problems.extend(journal.problems)
            result.warnings.extend(journal.warnings)
            faults = journal_faults(
                journal.with_lines(),  # the journal read once, its lines kept
                people=people,
                codes=codes,
            )
            problems.extend(Problem(path, f.line, f.field, f.message) for f in faults)
            tagged = journal_names(journal.events)
        if tagged is None:
            return None  # a code that is not text
        return _Facts(result.files - files, frozenset(references), *map(frozenset, tagged))

    def still_holds(facts: _Facts) -> bool:
        """Whether a meeting that was found without a problem still agrees with the set."""
        if not all(holds(ref) for ref in facts.references):
            return False
        return (people is None or all(is_person(m, people) for m in facts.tagged)) and (
            codes is None or all(is_code(c, codes) for c in facts.coded)
        )

    kept = store.check_cache.load() if cache else {}
    fresh: Entries = {}
    for date in store.meeting_dates():
        key = date.isoformat()
        # The stamp is taken before the files are read (as `read_set_record` does, in
        # `actionset.export.set_record`).
        stamp = store.meeting_stamp(date) if cache else None
        facts = _kept_facts(stamp, kept.get(key))
        if facts is not None and still_holds(facts):
            result.files += facts.files
            fresh[key] = kept[key]
            continue
        # Not kept, changed, or no longer agreeing with the set: read again, so that every
        # problem is named at its line exactly as without the cache.
        facts = check_meeting(date)
        if facts is not None and stamp is not None:
            fresh[key] = (stamp, facts.data())

    from actionset.check_voice import check_voice
    from actionset.store import load_templates

    check_voice(store, None if lost("members") else the_set, result)

    problems.extend(load_templates(store.folder.parent, store.folder)[1])
    if cache and not problems and not result.warnings and fresh != kept:
        store.check_cache.save(fresh)  # nothing is written for a set with problems
    return result


def _cross(path: Path, loc: tuple[str | int, ...], message: str) -> Problem:
    from actionset.store import line_of

    return Problem(path, line_of(path, loc), ".".join(str(part) for part in loc), message)


# ---------------------------------------------------------------------------- across files

_KINDS = ("member", "facilitator", "issue")


@dataclass(frozen=True)
class _Reference:
    """A name or an issue id that one file gives and another must hold: a member (in
    set.toml), a meeting's facilitator (a member, or the set's facilitator), an issue (in
    issues.toml; none is no reference)."""

    kind: str
    value: str
    loc: tuple[str | int, ...] = ()
    what: str = ""

    def missing(self) -> str:
        if self.kind == "issue":
            return f"no issue with id {self.value!r} in issues.toml"
        return f"{self.value!r} ({self.what or self.kind}) is not a member of the set"


def _references(meeting: Meeting) -> list[_Reference]:
    """What a meeting's file names that the set's other files must hold."""
    from actionset.model.agenda import is_placeholder

    refs = [
        _Reference("member", name, ("attendance", field_name), field_name)
        for field_name in ("present", "apologies", "absent")
        for name in getattr(meeting.attendance, field_name)
    ]
    for i, bid in enumerate(meeting.bids):
        refs.append(_Reference("member", bid.member, ("bids", i, "member"), "bid"))
        refs.append(_Reference("issue", bid.issue, ("bids", i, "issue")))
    refs.append(_Reference("facilitator", meeting.facilitator, ("facilitator",)))
    if meeting.next_meeting is not None:
        following = meeting.next_meeting.facilitator
        refs.append(_Reference("facilitator", following, ("next_meeting", "facilitator")))
    for i, presentation in enumerate(meeting.presenters):
        refs.append(
            _Reference("member", presentation.member, ("presenters", i, "member"), "presenter")
        )
        refs.append(_Reference("issue", presentation.issue, ("presenters", i, "issue")))
    for i, phase in enumerate(meeting.agenda):
        # Before `w` a slot holds "Presenter 1": the app writes it, so it is no problem.
        if phase.presenter and not is_placeholder(phase.presenter):
            slot = ("agenda", i, "presenter")
            refs.append(_Reference("member", phase.presenter, slot, "presenter"))
    return refs


@dataclass(frozen=True)
class _Facts:
    """What `check` keeps of a meeting found without a problem: how many files it has, what
    its file names (`_references`) and what its journal's tags name (`journal_names`)."""

    files: int
    references: frozenset[_Reference]
    tagged: frozenset[str]
    coded: frozenset[str]

    def data(self) -> dict[str, Any]:
        """As JSON values, for the cache (each reference once, by kind and value)."""
        pairs = {(ref.kind, ref.value) for ref in self.references}
        return {
            "files": self.files,
            "references": [list(pair) for pair in sorted(pairs)],
            "tagged": sorted(self.tagged),
            "coded": sorted(self.coded),
        }


def _kept_facts(stamp: str | None, entry: tuple[str, object] | None) -> _Facts | None:
    """The cache's facts of a meeting, if its files still have the stamp they were kept under
    and the entry is as `_Facts.data` writes it (anything else is read again, never trusted)."""
    if stamp is None or entry is None or entry[0] != stamp:
        return None
    data = entry[1]
    if not isinstance(data, dict) or set(data) != {"files", "references", "tagged", "coded"}:
        return None
    files, references = data["files"], data["references"]
    if type(files) is not int or not 0 <= files <= 2 or not isinstance(references, list):
        return None
    refs = []
    for ref in references:
        if not (
            isinstance(ref, list) and len(ref) == 2 and ref[0] in _KINDS and isinstance(ref[1], str)
        ):
            return None
        refs.append(_Reference(ref[0], ref[1]))
    texts = [data["tagged"], data["coded"]]
    if not all(isinstance(t, list) and all(isinstance(v, str) for v in t) for t in texts):
        return None
    return _Facts(files, frozenset(refs), frozenset(texts[0]), frozenset(texts[1]))
