"""What the console's Footer shows at a given width, and the help's lines, from live bindings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from textual.binding import Binding
from textual.dom import DOMNode

Node = TypeVar("Node", bound=DOMNode)

PALETTE_HINT = len("▏^p palette")
"""The command palette's hint, docked at the Footer's right."""


@dataclass(frozen=True)
class FooterEntry:
    """One entry of the Footer: a key with its word, or a group of keys with one word."""

    name: str  # the binding's id, or the group's first binding's id
    bindings: tuple[Binding, ...]

    def width(self, display: Callable[[Binding], str]) -> int:
        """Cells in the compact Footer, with the space after it."""
        first = self.bindings[0]
        if len(self.bindings) == 1 or first.group is None:
            return len(display(first)) + 1 + len(first.description) + 1
        # Grouped keys each with a space after (the console's CSS), then the group's word.
        keys = sum(len(display(b)) for b in self.bindings) + len(self.bindings)
        return keys + len(first.group.description) + 1


def footer_entries(bindings: Iterable[Binding]) -> list[FooterEntry]:
    """The bindings the Footer may show (`show` set), a group of keys as one entry named
    after its first key."""
    order: list[Binding | Binding.Group] = []
    members: dict[Binding.Group, list[Binding]] = {}
    for binding in bindings:
        if not binding.show or not binding.description:
            continue
        if binding.group is None:
            order.append(binding)
            continue
        if binding.group not in members:
            members[binding.group] = []
            order.append(binding.group)
        members[binding.group].append(binding)
    return [
        FooterEntry(item.id or item.key, (item,))
        if isinstance(item, Binding)
        else FooterEntry(members[item][0].id or members[item][0].key, tuple(members[item]))
        for item in order
    ]


def fit_footer(
    entries: Sequence[FooterEntry],
    width: int,
    first: Sequence[str],
    display: Callable[[Binding], str],
) -> set[str]:
    """The names of the entries to show in `width` cells: taken in the order of `first`
    (a name matches itself or any name it starts, so "tags.code" takes every code), each
    while it still fits; entries not named in `first` come last."""
    room = width - PALETTE_HINT - 1

    def rank(entry: FooterEntry) -> int:
        for index, name in enumerate(first):
            if entry.name == name or entry.name.startswith(name + "."):
                return index
        return len(first)

    shown: set[str] = set()
    for entry in sorted(entries, key=rank):
        cells = entry.width(display)
        if cells <= room:
            shown.add(entry.name)
            room -= cells
    return shown


def help_lines(
    bindings: Iterable[Binding], display: Callable[[Binding], str]
) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding with an id, keys sharing a line merged."""
    lines: dict[str, list[str]] = {}
    for binding in bindings:
        if binding.id is None or not (binding.tooltip or binding.description):
            continue
        what = binding.tooltip or binding.description
        lines.setdefault(what, []).append(display(binding))
    return [(" ".join(keys), what) for what, keys in lines.items()]


CODE = "tags.code"
CODES = Binding.Group("code")


def _short(binding: Binding) -> Binding:
    return replace(binding, description=binding.description.split()[0])


def _grouped(binding: Binding) -> Binding:
    return replace(binding, group=CODES)


def footer_bindings(
    bindings: Sequence[Binding],
    live: Callable[[Binding], bool],
    width: int,
    first: Sequence[str],
    display: Callable[[Binding], str],
) -> list[Binding]:
    """The bindings again, `show` left only on those the Footer has room for at `width`.

    `live` tells which bindings act now (the Footer shows only those). When the codes do not
    all fit with their labels, they take the label's first word, then become one group.
    """

    def is_code(binding: Binding) -> bool:
        return (binding.id or "").startswith(CODE + ".")

    candidates: list[Binding] = list(bindings)
    shown: set[str] = set()
    for variant in (None, _short, _grouped):
        candidates = [variant(b) if variant and is_code(b) else b for b in bindings]
        entries = footer_entries(b for b in candidates if live(b))
        shown = fit_footer(entries, width, first, display)
        if all(e.name in shown for e in entries if e.name.startswith(CODE)):
            break
    names = {b.id: e.name for e in footer_entries(candidates) for b in e.bindings}
    return [replace(b, show=names.get(b.id) in shown) if b.show else b for b in candidates]


_WITH_BINDINGS: dict[tuple[type[DOMNode], tuple[Binding, ...]], type[DOMNode]] = {}


def with_bindings(base: type[Node], bindings: Sequence[Binding]) -> type[Node]:
    """`base` whose BINDINGS are `bindings`: the class of a screen with keys known only at
    run time (a set's codes), since Textual reads keys from the class. Made once per list."""
    shape = (base, tuple(bindings))
    if shape not in _WITH_BINDINGS:
        _WITH_BINDINGS[shape] = type(
            base.__name__,
            (base,),
            {"__module__": base.__module__, "__doc__": base.__doc__, "BINDINGS": list(bindings)},
        )
    return _WITH_BINDINGS[shape]  # type: ignore[return-value]
