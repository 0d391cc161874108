"""`actionset sync`: a set, or every set in the folder, synced with its shared copy.

Light to import (the command line's help loads it): dulwich and the steps load when a sync
runs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from actionset.cli_base import Context, UsageError
from actionset.safe_text import safe
from actionset.store import StoreError

if TYPE_CHECKING:
    from actionset.sync.steps import Synced

SUMMARY = "share SET's record through git: commit, fetch, merge record by record, push"
FORMS = """\
  actionset sync SET [--remote PATH|URL [--remember]]
                                     commit SET's changes, bring in the shared copy's, send
                                     them back; the first --remote reached is remembered,
                                     another one with --remember
  actionset sync --all               every set in the folder, one line each
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "set", metavar="SET", nargs="?", help="the set's folder name (slug) or its full name"
    )
    parser.add_argument(
        "--remote",
        metavar="PATH|URL",
        default=None,
        help="the set's shared copy: a folder on a shared drive or USB stick (made when new "
        "or empty), or a git server's address; remembered the first time it is reached",
    )
    parser.add_argument(
        "--remember",
        action="store_true",
        help="with --remote: the set syncs with this shared copy from now on, in place of "
        "the one it remembers",
    )
    parser.add_argument(
        "--all", action="store_true", help="every set in the folder with a shared copy"
    )


def cmd_sync(args: argparse.Namespace, context: Context) -> int:
    if args.all:
        if args.set or args.remote or args.remember:
            raise UsageError("--all syncs every set with its own shared copy: give no SET")
        return _sync_all(context)
    if not args.set:
        raise UsageError("name the set: actionset sync SET (or --all for every set)")
    if args.remember and not args.remote:
        raise UsageError("--remember keeps the --remote given: give it, --remote PATH|URL")
    from actionset.sync.steps import SyncFailed

    try:
        synced = _sync_one(args.set, args.remote, context, remember=args.remember)
    except SyncFailed as exc:
        print(safe(str(exc)), file=sys.stderr)
        return 1
    print(safe(synced.line()))
    for conflict in synced.conflicts:
        print(safe(f"  {conflict}"))
    return 1 if synced.conflicts else 0


def _sync_one(key: str, remote: str | None, context: Context, *, remember: bool) -> Synced:
    from actionset.sync.steps import sync_set

    folder = context.folder()
    try:
        found = folder.find(key)
    except StoreError:
        if remote is None:
            raise
        return _gathered(folder.root, key, remote)
    return sync_set(found.folder, remote, remember=remember)


def _gathered(root: Path, key: str, remote: str) -> Synced:
    """A set this laptop does not have yet, brought from its shared copy."""
    from actionset.store import SetsFolder, slugify
    from actionset.sync.repository import has_repository
    from actionset.sync.steps import SyncFailed, sync_set

    slug = slugify(key)
    target = SetsFolder(root).path_for(slug)
    if target.exists() and not has_repository(target):  # else a gathering cut short: go on
        raise StoreError(f"{target} is in the way: it is not a set (no set.toml)")
    try:
        synced = sync_set(target, remote, clone=True)
        if not (target / "set.toml").exists():
            raise SyncFailed(f"{slug}: not brought in: {remote} holds no set yet")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return synced


def _sync_all(context: Context) -> int:
    from actionset.sync.repository import has_repository
    from actionset.sync.steps import SyncFailed, sync_set

    folder = context.folder()
    slugs = folder.slugs()
    if not slugs:
        raise StoreError(f"no sets in {folder.root}")
    status = 0
    for slug in slugs:
        path = folder.path_for(slug)
        if not has_repository(path):
            print(safe(f"{slug}: not shared yet (sync it once with --remote PATH|URL)"))
            continue
        try:
            synced = sync_set(path, None)
        except SyncFailed as exc:
            print(safe(str(exc)))
            status = 1
            continue
        print(safe(synced.line()))
        if synced.conflicts or synced.remote is None:
            status = 1
    return status
