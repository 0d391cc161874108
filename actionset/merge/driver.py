"""git's merge driver for a set's files: `actionset merge-file %O %A %B %P`.

git runs the driver for each file the `.gitattributes` lines give to `merge=actionset`, once the
driver is named in the repository's config (`driver_config`): it writes the merged file over
`%A` and exits 0 when the merge is clean, 1 when a field changed on both sides (git then lists
the file as conflicted, and `check` names the field at its line). `actionset sync` registers
both, so that a `git pull` by hand merges exactly as `sync` does.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

DRIVER = "actionset"
"""The driver's name in `.gitattributes` (`merge=actionset`) and git's config."""

GITATTRIBUTES = f"""\
# A set's files merge record by record (actionset merge-file), not line by line.
*.toml merge={DRIVER}
*.jsonl merge={DRIVER}
"""
"""The lines of a set's `.gitattributes`: its TOML records and its journals, in any folder."""


def driver_command(python: str | None = None) -> str:
    """The command git runs to merge one file, with git's placeholders: this Python running
    actionset, so that it works where `actionset` is not on the PATH git sees."""
    return f"{shlex.quote(python or sys.executable)} -m actionset merge-file %O %A %B %P"


def driver_config(python: str | None = None) -> dict[str, str]:
    """The repository config that names the driver: `git config KEY VALUE` for each."""
    return {
        f"merge.{DRIVER}.name": "a set's records merged record by record",
        f"merge.{DRIVER}.driver": driver_command(python),
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """git's placeholders, in the order `driver_command` passes them."""
    parser.add_argument("base", metavar="BASE", help="the common version (git's %%O)")
    parser.add_argument(
        "ours", metavar="OURS", help="this side's version; the merge is written here (%%A)"
    )
    parser.add_argument("theirs", metavar="THEIRS", help="the other side's version (%%B)")
    parser.add_argument("path", metavar="PATH", help="the file's path in the repository (%%P)")


def merge_driver(base: Path, ours: Path, theirs: Path, path: str) -> int:
    """Merge the three files git gives; 0 when clean, 1 when a person must choose."""
    from actionset.merge import merge_file
    from actionset.store.files import atomic_write, decode_text, read_bytes
    from actionset.store.locate import StoreError

    try:
        texts = []
        for file in (base, ours, theirs):
            raw = read_bytes(file, missing_ok=True) or b""
            texts.append(decode_text(Path(path), raw))
    except StoreError as exc:
        print(f"{exc}; not merged: {path} keeps this side's version", file=sys.stderr)
        return 1
    old, mine, other = texts
    merged = merge_file(path, old or None, mine, other)
    if merged.text != mine:
        atomic_write(ours, merged.text.encode())
    for conflict in merged.conflicts:
        print(f"{path}: {conflict}", file=sys.stderr)
    return 1 if merged.conflicts else 0


def cmd_merge_file(args: argparse.Namespace, context: object) -> int:
    """`actionset merge-file BASE OURS THEIRS PATH`, as git runs it."""
    return merge_driver(Path(args.base), Path(args.ours), Path(args.theirs), args.path)
