"""Three versions of a set's files brought together, file by file: what changed on one side
only is taken; a file changed on both is merged record by record (`actionset.merge`)."""

from __future__ import annotations

from actionset.sync.repository import Files


def merged_files(base: Files, ours: Files, theirs: Files) -> tuple[Files, list[str]]:
    """The merged files, and each conflict in words. A file removed on one side and changed
    on the other is kept: nothing is lost."""
    from actionset.merge import merge_file

    merged: Files = {}
    conflicts: list[str] = []
    for path in sorted(base.keys() | ours.keys() | theirs.keys()):
        old, mine, other = base.get(path), ours.get(path), theirs.get(path)
        if mine == other or old == other:
            chosen = mine
        elif old == mine:
            chosen = other
        elif mine is None or other is None:
            chosen = mine if other is None else other
        else:
            try:
                result = merge_file(
                    path,
                    None if old is None else old.decode("utf-8"),
                    mine.decode("utf-8"),
                    other.decode("utf-8"),
                )
            except UnicodeDecodeError:
                chosen = mine
                conflicts.append(f"{path}: changed on both laptops and not text: kept this one")
            else:
                chosen = result.text.encode("utf-8")
                conflicts += [str(conflict) for conflict in result.conflicts]
        if chosen is not None:
            merged[path] = chosen
    return merged, conflicts
