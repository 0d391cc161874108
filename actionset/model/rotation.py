"""Who facilitates in turn: the set's rotation, the close's proposal and `f`'s round."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from actionset.model.set import ROTATION_MEMBERS, Set


def rotation_of(the_set: Set) -> list[str]:
    """Who takes the role in turn, in order: set.toml's `rotation` (`"members"`: the current
    members in roster order), without a member who has left the set, each name once; empty:
    the set has no rotation."""
    if the_set.rotation is None:
        return []
    if the_set.rotation == ROTATION_MEMBERS:
        named = [m.name for m in the_set.current_members]
    else:
        named = []
        for name in the_set.rotation:
            member = the_set.member(name)
            if member is None or not member.retired:
                named.append(member.name if member is not None else name)
    return _once(named)


def the_round(the_set: Set) -> list[str]:
    """Whom `f` at the close moves through: the rotation, else the set's facilitator and then
    each current member in the roster's order; each name once, round and round."""
    return rotation_of(the_set) or _once(
        [the_set.facilitator, *(m.name for m in the_set.current_members)]
    )


def after(turn: Sequence[str], name: str) -> str:
    """The one after `name` in `turn`, back round to the first; the first when `name` is not
    in it; empty for an empty turn."""
    if not turn:
        return ""
    folded = [n.casefold() for n in turn]
    if name.casefold() not in folded:
        return turn[0]
    return turn[(folded.index(name.casefold()) + 1) % len(turn)]


def in_turn(
    the_set: Set,
    today: str,
    *,
    was_present: Callable[[str], bool],
    presenting: Collection[str] = (),
) -> str:
    """Who facilitates the next meeting in turn after `today`'s facilitator: the next in the
    rotation who was present today and is not to present next (`presenting`), absentees
    skipped; with nobody such, simply the next in turn. `today` itself without a rotation."""
    turn = rotation_of(the_set)
    if not turn:
        return today
    away = {name.casefold() for name in presenting}
    name = today
    for _ in turn:
        name = after(turn, name)
        if name.casefold() not in away and was_present(name):
            return name
    return after(turn, today)


def _once(names: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for name in names:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return kept
