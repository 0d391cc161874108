"""What holds of every merge of a set's files, whatever the two laptops did (hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import tomli
from hypothesis import example, given, settings
from hypothesis import strategies as st

from actionset.merge import merge_file
from actionset.store import dump_toml

IDS = [f"action-{n}" for n in range(6)]
TEXTS = ["a", "b", "c"]


def action(ident: str, text: str, due: int | None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": ident,
        "owner": "Tom Reyes",
        "text": text,
        "agreed_at": dt.date(2026, 9, 21),
    }
    if due is not None:
        record["due"] = dt.date(2026, 11, due)
    return record


actions = st.builds(
    action, st.sampled_from(IDS), st.sampled_from(TEXTS), st.none() | st.integers(1, 3)
)


@st.composite
def edited(draw: st.DrawFn, base: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One laptop's version: some of the base's actions deleted or changed, some added."""
    out = []
    for record in base:
        what = draw(st.sampled_from(["keep", "keep", "delete", "change"]))
        if what == "keep":
            out.append(record)
        elif what == "change":
            texts, due = st.sampled_from(TEXTS), st.none() | st.integers(1, 3)
            out.append(action(record["id"], draw(texts), draw(due)))
    taken = {r["id"] for r in base}
    for record in draw(st.lists(actions, max_size=3, unique_by=lambda r: r["id"])):
        if record["id"] not in taken:
            out.insert(draw(st.integers(0, len(out))), record)
            taken.add(record["id"])
    return out


@st.composite
def three(draw: st.DrawFn) -> tuple[str, str, str]:
    base = draw(st.lists(actions, max_size=5, unique_by=lambda r: r["id"]))
    ours, theirs = draw(edited(base)), draw(edited(base))
    return tuple(dump_toml({"actions": side}).decode() for side in (base, ours, theirs))  # type: ignore[return-value]


def by_id(text: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in tomli.loads(text).get("actions", [])}


def without_conflicts(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "conflict"}


@settings(max_examples=300, deadline=None)
@given(three())
def test_merging_is_symmetric_up_to_conflicts(sides: tuple[str, str, str]) -> None:
    base, ours, theirs = sides
    one = merge_file("actions.toml", base, ours, theirs)
    other = merge_file("actions.toml", base, theirs, ours)
    a, b = by_id(one.text), by_id(other.text)
    assert sorted(a) == sorted(b)  # the same records
    both_added = (by_id(ours).keys() & by_id(theirs).keys()) - by_id(base).keys()
    if not both_added:  # in the same order, unless both added one, each in its own place
        assert list(a) == list(b)
    for ident in a:
        disputed = set(a[ident].get("conflict", {}))
        assert disputed == set(b[ident].get("conflict", {}))
        for key in a[ident].keys() - disputed - {"conflict"}:
            assert a[ident][key] == b[ident][key]
        for key in disputed:  # both values, each side keeping its own in the field
            assert a[ident][key] == b[ident]["conflict"][key]
            assert b[ident][key] == a[ident]["conflict"][key]
    assert sorted((c.record, c.field, c.here, c.there) for c in one.conflicts) == sorted(
        (c.record, c.field, c.there, c.here) for c in other.conflicts
    )


@settings(max_examples=200, deadline=None)
@given(three())
def test_a_side_merged_with_itself_or_with_the_base_is_given_back(
    sides: tuple[str, str, str],
) -> None:
    base, ours, _ = sides
    assert merge_file("actions.toml", base, ours, ours).text == ours
    assert merge_file("actions.toml", base, ours, base).text == ours
    assert merge_file("actions.toml", base, base, ours).text == ours


@settings(max_examples=300, deadline=None)
@given(three())
def test_no_record_of_either_side_is_lost(sides: tuple[str, str, str]) -> None:
    base, ours, theirs = sides
    merged = merge_file("actions.toml", base, ours, theirs)
    old, mine, other, result = by_id(base), by_id(ours), by_id(theirs), by_id(merged.text)
    for side, rest in ((mine, other), (other, mine)):
        for ident, record in side.items():
            deleted_there = ident in old and ident not in rest and record == old[ident]
            if deleted_there:
                assert ident not in result
            else:
                assert ident in result
                # Every value either side wrote is in the file, in the field or its conflict.
                kept = result[ident]
                for key, value in record.items():
                    written = (kept.get(key), kept.get("conflict", {}).get(key))
                    assert value in written or value == old.get(ident, {}).get(key)
    # As the store writes it, and valid TOML whatever the conflicts.
    assert dump_toml(tomli.loads(merged.text)).decode() == merged.text
    assert len(merged.conflicts) == sum(len(r.get("conflict", {})) for r in result.values())


def line(n: int, minute: int) -> str:
    return json.dumps(
        {"op": "tag", "id": n, "at": f"2027-01-18T10:{minute:02d}:00+00:00", "member": "Tom"},
        separators=(",", ":"),
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 19), max_size=5),
    st.lists(st.integers(20, 59), max_size=5),
    st.lists(st.integers(20, 59), max_size=5),
)
def test_a_journal_keeps_every_line_once_in_time_order(
    base_minutes: list[int], our_minutes: list[int], their_minutes: list[int]
) -> None:
    """Each side appended, in time, to what the two had in common."""
    base = [line(n, m) for n, m in enumerate(sorted(base_minutes))]
    start = len(base)
    ours = [*base, *(line(start + n, m) for n, m in enumerate(sorted(our_minutes)))]
    theirs = [*base, *(line(100 + n, m) for n, m in enumerate(sorted(their_minutes)))]

    def text(lines: list[str]) -> str:
        return "".join(f"{x}\n" for x in lines)

    merged = merge_file("meetings/2027-01-18.tags.jsonl", text(base), text(ours), text(theirs))
    lines = merged.text.splitlines()
    assert sorted(lines) == sorted(set(ours) | set(theirs))
    times = [json.loads(x)["at"] for x in lines]
    assert times == sorted(times)
    other = merge_file("meetings/2027-01-18.tags.jsonl", text(base), text(theirs), text(ours))
    assert other.text == merged.text


scalars = (
    st.text(max_size=3)
    | st.integers(-3, 3)
    | st.booleans()
    | st.dates(dt.date(2026, 1, 1), dt.date(2026, 1, 5))
)
keys = st.sampled_from(["id", "name", "text", "conflict", "updates", "meeting", "x"])
values = st.recursive(
    scalars | st.lists(scalars, max_size=3),
    lambda inner: (
        st.dictionaries(keys, inner, max_size=3)
        | st.lists(st.dictionaries(keys, inner, max_size=3), max_size=3)
    ),
    max_leaves=12,
)
documents = st.dictionaries(keys, values, max_size=4)


@settings(max_examples=300, deadline=None)
@given(documents, documents, documents, st.sampled_from(["set.toml", "meetings/2027-01-18.toml"]))
@example({}, {"id": [{"id": "0"}]}, {"id": [{"id": [""]}]}, "set.toml")  # a list named by a list
def test_any_three_documents_merge_into_toml_without_an_error(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], name: str
) -> None:
    texts = [dump_toml(side).decode() for side in (base, ours, theirs)]
    merged = merge_file(name, *texts)
    data = tomli.loads(merged.text)
    assert merge_file(name, texts[0], merged.text, merged.text).text == merged.text
    if not merged.conflicts:
        assert "conflict" not in data or "conflict" in ours or "conflict" in theirs
