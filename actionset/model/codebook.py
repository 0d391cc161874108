"""The set's codebook: its codes, the key that picks each, and what each counts as."""

from __future__ import annotations

from collections.abc import Sequence

from actionset.model.set import DEFAULT_CODEBOOK, Code, CountsAs, Set, merge_codebook

__all__ = [
    "DEFAULT_CODEBOOK",
    "code_for_key",
    "code_label",
    "code_name",
    "codebook_for",
    "counts_as",
]


def codebook_for(the_set: Set | None) -> tuple[Code, ...]:
    """The codes this set tags with.

    No `[[codebook]]` in set.toml: the defaults. With entries and `codebook_mode` unset or
    "extend": an entry whose key is a default's key replaces that code, a new key is added
    after the defaults. With `codebook_mode = "replace"`: only the set's entries. Clashes are
    rejected when set.toml is read (see `actionset.model.set`).
    """
    if the_set is None:
        return DEFAULT_CODEBOOK
    return merge_codebook(the_set.codebook, the_set.codebook_mode)


def code_for_key(codebook: Sequence[Code], key: str) -> Code | None:
    """The code a coach gets by pressing `key`, if any."""
    return next((code for code in codebook if code.key == key), None)


def counts_as(codebook: Sequence[Code]) -> dict[str, CountsAs]:
    """Code name (and key, for hand-written journals) to what it counts as."""
    kinds = {code.key: code.counts_as for code in codebook}
    kinds.update({code.name: code.counts_as for code in codebook})
    return kinds


def code_name(codebook: Sequence[Code], code: str) -> str:
    """The code's name, for a code written by its name or (in a hand-written journal) its key."""
    for known in codebook:
        if code == known.name:
            return code
    known_key = code_for_key(codebook, code)
    return known_key.name if known_key else code


def code_label(codebook: Sequence[Code], code: str) -> str:
    """What a person reads for a code (by name or key): its label ("open question"), else its
    name with spaces for hyphens and underscores."""
    name = code_name(codebook, code)
    known = next((c for c in codebook if c.name == name), None)
    if known is not None and known.label:
        return known.label
    return name.replace("-", " ").replace("_", " ")
