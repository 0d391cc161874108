"""Changes to a set made between meetings (the set screen): each one checked as `actionset
check` would, then saved atomically through the store while the set is held, or refused with
a message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence

from pydantic import ValidationError

from actionset import store as disk
from actionset.check import check_set
from actionset.model import IssueStatus, Set
from actionset.model.issue_history import settle_issue


class Refused(Exception):
    """A change that was not saved, and why, in one line for the facilitator."""


RULE_KEY = "ground_rule_"  # a form's lines for the ground rules: ground_rule_1, ground_rule_2, …


def ground_rules_in(answer: Mapping[str, str]) -> list[str] | None:
    """The ground rules on a form's lines, in order, empty lines left out; None: no such lines."""
    keys = sorted(
        (key for key in answer if key.startswith(RULE_KEY)), key=lambda k: int(k[len(RULE_KEY) :])
    )
    if not keys:
        return None
    return [" ".join(answer[key].split()) for key in keys if answer[key].strip()]


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def new_set(
    name: str,
    members: list[str],
    *,
    facilitator: str = "",
    cadence_weeks: int | str = 6,
    first_date: str = "",
    usual_time: str = "",
    usual_hours: float | str | None = None,
    usual_place: str = "",
    kind: str = "horizontal",
    agenda_template: str = "half-day",
    ground_rules: Sequence[str] = (),
    templates: Collection[str] = (),
) -> Set:
    """A new set from what the facilitator typed (`actionset new`, the home screen's form);
    a mistake is refused in one line."""
    from actionset.model import Member

    name = " ".join(name.split())
    if not name:
        raise Refused("the set needs a name")
    names = [" ".join(m.split()) for m in members]
    if not all(names):
        raise Refused("a member's name cannot be empty")
    seen: set[str] = set()
    for member in names:
        if member.casefold() in seen:
            raise Refused(f"member {member!r} is given twice; each member once")
        seen.add(member.casefold())
    if len(names) < 2:
        raise Refused("a set needs at least two members")
    if templates and agenda_template not in templates:
        raise Refused(
            f"no agenda template {agenda_template!r} (templates: {', '.join(sorted(templates))})"
        )
    try:
        return Set.model_validate(
            {
                "name": name,
                "facilitator": " ".join(facilitator.split()),
                "cadence_weeks": cadence_weeks,
                "kind": kind,
                "agenda_template": agenda_template,
                "usual_time": usual_time.strip(),
                "usual_place": " ".join(usual_place.split()),
                "usual_hours": usual_hours or None,
                "first_date": first_date.strip() or None,
                "ground_rules": [" ".join(r.split()) for r in ground_rules if r.strip()],
                "members": [Member(name=member) for member in names],
            }
        )
    except ValidationError as exc:
        raise Refused(_first_error(exc)) from None


def names_in(text: str) -> list[str]:
    """The names typed in one line, a comma between them, each once as first typed."""
    names: list[str] = []
    for name in (" ".join(part.split()) for part in text.split(",")):
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def refuse_facilitator(before: Set, after: Set) -> None:
    """Refuse (`Refused`) a set's new facilitator who is neither a member nor one of the
    advisers named in `facilitators`; the one it had stays accepted, as does none."""
    name = after.facilitator
    if not name or name.casefold() == before.facilitator.casefold():
        return
    if not after.named_to_facilitate(name):
        raise Refused(
            f"{name!r} is not a member nor named in facilitators: choose a member, or add "
            "them to the advisers who may facilitate"
        )


def change_set(set_store: disk.SetStore, change: Callable[[Set], Set]) -> Set:
    """Apply `change` to set.toml and save it, unless it would give the set a problem that
    `actionset check` would report; the set saved is returned."""
    with _held(set_store):
        before = check_set(set_store).sorted_problems()
        try:
            candidate = Set.model_validate(change(set_store.load_set()).model_dump())
        except ValidationError as exc:
            raise Refused(_first_error(exc)) from None
        except ValueError as exc:
            raise Refused(str(exc)) from None
        new = [p for p in check_set(set_store, candidate).sorted_problems() if p not in before]
        if new:
            raise Refused(f"not saved: {new[0]}")
        set_store.save_set(candidate)
        return candidate


def rename_member(set_store: disk.SetStore, old: str, new: str) -> None:
    """Rename a member in every file of the set (see `SetStore.rename_member`)."""
    with _held(set_store):
        try:
            set_store.rename_member(old, new)
        except ValidationError as exc:
            raise Refused(_first_error(exc)) from None
        except ValueError as exc:
            raise Refused(str(exc)) from None


def settle(
    set_store: disk.SetStore, issue_id: str, status: IssueStatus, on: dt.date, note: str
) -> None:
    """Resolve or park an issue, with a note, in issues.toml."""
    with _held(set_store):
        issues = set_store.load_issues()
        issue = next((i for i in issues if i.id == issue_id), None)
        if issue is None:
            raise Refused(f"no issue {issue_id!r} in issues.toml")
        settle_issue(issue, status, on, note)
        set_store.save_issues(issues)


class _held:
    """The set's lock while a change is made: refused while a console has the set open."""

    def __init__(self, set_store: disk.SetStore) -> None:
        self.lock = set_store.lock()

    def __enter__(self) -> None:
        try:
            self.lock.acquire()
        except disk.SetLocked as exc:
            raise Refused(str(exc)) from None

    def __exit__(self, *exc: object) -> None:
        self.lock.release()
