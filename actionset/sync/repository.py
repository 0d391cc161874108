"""A set's folder as a git repository, through dulwich: no git install is needed.

The repository is the set's own folder (`sets/<set>/.git`): each set has its own history and
its own shared copy, so a set hands over to its next facilitator on its own, a programme lead
gathers sets from many facilitators, and no member of one set is sent another set's record.
What the app writes beside the record for itself (the console's lock and holder file, a save
caught halfway as a temporary file) is kept out by the `.gitignore` written here; the caches
are kept in the user's cache folder already (`actionset.store.cache`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, cast

from actionset.store import atomic_write

if TYPE_CHECKING:
    from dulwich.objects import ObjectID
    from dulwich.pack import UnpackedObject
    from dulwich.refs import Ref
    from dulwich.repo import Repo

BRANCH = cast("Ref", b"refs/heads/main")
REMOTE = "origin"
TRACKING = cast("Ref", b"refs/remotes/origin/main")
GITIGNORE = """\
# What actionset writes beside the record for itself (the locks of the console and of the
# members' answers, who holds the console, a save caught halfway): never shared.
.*.lock
*.lock.pid
.console.json
.*.tmp
"""
MERGING = "ACTIONSET_MERGE"
"""In .git: the commit being merged in, written before the merge touches a file, removed once
the merge is committed; a sync finds it after a crash and completes that merge."""
SYNCED_SECTION = (b"actionset",)
SYNCED_KEY = b"synced"
STALE_LOCKS = ("index.lock", "HEAD.lock", "config.lock", "packed-refs.lock")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://|^[^/\\:]+@[^/\\:]+:")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")

Files = dict[str, bytes]
"""A set's files by their path in the set's folder ("meetings/2027-01-18.toml")."""


def is_url(remote: str) -> bool:
    """A git server's address (scheme://..., or git's user@host:path), not a folder. Anything
    else is a folder, a colon in it or not: a drive letter (`E:\\sets`, `E:/sets`), a folder
    named `a:b`. The one rule for it: dulwich takes any address with a colon for ssh, so
    `fetch` and `push` hand a folder to dulwich's local client, never as an address."""
    return bool(_URL.match(remote)) and not _DRIVE.match(remote)


def is_drive_path(remote: str) -> bool:
    """A Windows drive's folder (`E:\\sets\\demo.git`, `E:/sets`)."""
    return bool(_DRIVE.match(remote))


def has_repository(folder: Path) -> bool:
    return (folder / ".git").is_dir()


@contextmanager
def opened(folder: Path) -> Iterator[Repo]:
    """The set's repository, made when there is none yet; closed afterwards."""
    from dulwich.repo import Repo

    repo = Repo(str(folder)) if has_repository(folder) else _made(folder)
    try:
        yield repo
    finally:
        repo.close()


def _made(folder: Path) -> Repo:
    from dulwich.repo import Repo

    from actionset.merge.driver import GITATTRIBUTES

    folder.mkdir(parents=True, exist_ok=True)
    repo = Repo.init(str(folder))
    repo.refs.set_symbolic_ref(cast("Ref", b"HEAD"), BRANCH)
    for name, text in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        if not (folder / name).exists():
            atomic_write(folder / name, text.encode())
    return repo


def name_the_merge_driver(repo: Repo) -> None:
    """Name actionset's merge driver in the repository's config, with this laptop's Python,
    so that a `git pull` by hand merges as sync does (`.gitattributes` gives it the files)."""
    from actionset.merge.driver import driver_config

    config = repo.get_config()
    wanted = {
        tuple(key.split(".")): value.encode("utf-8") for key, value in driver_config().items()
    }
    changed = False
    for (section, name, key), value in wanted.items():
        try:
            if config.get((section.encode(), name.encode()), key.encode()) == value:
                continue
        except KeyError:
            pass
        config.set((section.encode(), name.encode()), key.encode(), value)
        changed = True
    if changed:
        config.write_to_path()


def clear_stale_locks(repo: Repo) -> None:
    """Lock files a killed sync left in .git. The set's own lock, held for the whole sync,
    keeps any other sync out, so a lock file found now is stale."""
    control = Path(repo.controldir())
    for name in (*STALE_LOCKS, "refs/heads/main.lock", "refs/remotes/origin/main.lock"):
        with suppress(OSError):
            (control / name).unlink()


def make_bare(path: Path) -> None:
    """A new shared copy: a bare repository in a folder that is new or empty, its HEAD naming
    the branch sync sends, so that `git clone` and `git log` work on it by hand."""
    from dulwich.repo import Repo

    path.mkdir(exist_ok=True)
    Repo.init_bare(str(path)).close()
    name_the_branch(str(path))


def name_the_branch(path: str) -> None:
    """Point a shared copy's HEAD at main, the branch sync sends (a copy made before HEAD was
    named pointed at master, which it never had)."""
    from dulwich.repo import Repo

    with Repo(path) as shared:
        if shared.refs.read_ref(cast("Ref", b"HEAD")) != b"ref: " + BRANCH:
            shared.refs.set_symbolic_ref(cast("Ref", b"HEAD"), BRANCH)


# ---------------------------------------------------------------------------- files


def head(repo: Repo) -> ObjectID | None:
    try:
        return repo.refs[BRANCH]
    except KeyError:
        return None


def files_at(repo: Repo, commit: ObjectID | None) -> Files:
    """Every file of a commit (none for no commit)."""
    if commit is None:
        return {}
    return files_of_tree(repo, repo[commit].tree)  # type: ignore[attr-defined]


def files_of_tree(repo: Repo, tree: ObjectID) -> Files:
    store = repo.object_store
    return {
        entry.path.decode("utf-8", "surrogateescape"): store[entry.sha].data  # type: ignore[attr-defined]
        for entry in store.iter_tree_contents(tree)
        if entry.path is not None and entry.sha is not None
    }


def changed_files(
    repo: Repo, old_tree: ObjectID | None, new_tree: ObjectID | None
) -> tuple[Files, Files]:
    """The files that differ between two trees, as they were and as they are: only those are
    read, so that the words for a meeting's change do not read a hundred meetings."""
    store = repo.object_store
    before: Files = {}
    after: Files = {}
    if old_tree == new_tree:
        return before, after
    for (old_path, new_path), _, (old_sha, new_sha) in store.tree_changes(old_tree, new_tree):
        for path, sha, side in ((old_path, old_sha, before), (new_path, new_sha, after)):
            if path is not None and sha is not None:
                side[path.decode("utf-8", "surrogateescape")] = store[sha].data  # type: ignore[attr-defined]
    return before, after


def staged_tree(repo: Repo) -> ObjectID:
    """Stage every file of the folder (new, changed and removed ones) and return its tree."""
    from dulwich import porcelain

    porcelain.add(repo, paths=None)
    return repo.open_index().commit(repo.object_store)


def tree_of(repo: Repo, commit: ObjectID | None) -> ObjectID | None:
    return None if commit is None else repo[commit].tree  # type: ignore[attr-defined]


def commit(repo: Repo, message: str, tree: ObjectID, merging: ObjectID | None = None) -> ObjectID:
    """Commit `tree` (the index's) on main, with `merging` as a second parent."""
    worktree = repo.get_worktree()
    return worktree.commit(
        message.encode("utf-8"),
        tree=tree,
        ref=BRANCH,
        merge_heads=[merging] if merging else None,
    )


WRITE_ORDER = ("set.toml", "issues.toml", "actions.toml", "meetings/")
"""What is named before what names it: the members, then their issues, then the actions on
them, then the meetings that hold them all, so that a merge cut short between two files leaves
no file naming what the others do not have yet."""


def _written_before(path: str) -> tuple[int, str]:
    for place, start in enumerate(WRITE_ORDER):
        if path.startswith(start):
            return place, path
    return len(WRITE_ORDER), path


def write_files(folder: Path, now: Files, wanted: Files) -> None:
    """Bring the folder from `now` to `wanted`: each changed file replaced atomically, in
    `WRITE_ORDER`, then each file no longer wanted removed."""
    for path in sorted(wanted, key=_written_before):
        if now.get(path) != wanted[path]:
            atomic_write(folder / path, wanted[path])
    for path in now.keys() - wanted.keys():
        with suppress(FileNotFoundError):
            (folder / path).unlink()


def is_ancestor(repo: Repo, older: ObjectID, newer: ObjectID) -> bool:
    from dulwich.graph import can_fast_forward

    return older == newer or can_fast_forward(repo, older, newer)


def merge_base(repo: Repo, ours: ObjectID, theirs: ObjectID) -> ObjectID | None:
    from dulwich.graph import find_merge_base

    bases = find_merge_base(repo, [ours, theirs])
    return bases[0] if bases else None


# ---------------------------------------------------------------------------- the merge mark


def merging(folder: Path) -> ObjectID | None:
    """The commit a killed sync was merging in, if any."""
    try:
        text = (folder / ".git" / MERGING).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return cast("ObjectID", text.encode()) if re.fullmatch(r"[0-9a-f]{40}", text) else None


def mark_merging(repo: Repo, theirs: ObjectID | None) -> None:
    path = Path(repo.controldir()) / MERGING
    if theirs is None:
        with suppress(FileNotFoundError):
            path.unlink()
    else:
        atomic_write(path, theirs + b"\n")


# ---------------------------------------------------------------------------- the remote


def remembered_remote(repo: Repo) -> str | None:
    try:
        return repo.get_config().get((b"remote", REMOTE.encode()), b"url").decode("utf-8")
    except KeyError:
        return None


def remember_remote(repo: Repo, url: str) -> None:
    config = repo.get_config()
    config.set((b"remote", REMOTE.encode()), b"url", url.encode("utf-8"))
    config.set((b"remote", REMOTE.encode()), b"fetch", b"+refs/heads/*:refs/remotes/origin/*")
    config.set((b"branch", b"main"), b"remote", REMOTE.encode())
    config.set((b"branch", b"main"), b"merge", BRANCH)
    config.write_to_path()


def fetch(repo: Repo, url: str) -> ObjectID | None:
    """The shared copy's main (None when it has no commit yet), its objects brought here."""
    from dulwich import porcelain
    from dulwich.client import LocalGitClient

    if is_url(url):
        result = porcelain.fetch(
            repo, url, outstream=io.StringIO(), errstream=io.BytesIO(), quiet=True
        )
    else:  # a folder, handed over as one whatever it holds (dulwich reads "E:..." as ssh)
        result = LocalGitClient(quiet=True).fetch(url, repo)
    theirs = result.refs.get(BRANCH)
    if theirs is not None:
        repo.refs[TRACKING] = theirs
    return theirs


class PushRefused(Exception):
    """The shared copy moved on since it was fetched: someone else synced first."""


def push(repo: Repo, url: str) -> None:
    from dulwich import porcelain

    if not is_url(url):
        _push_to_folder(repo, url)
        return
    try:
        result = porcelain.push(repo, url, BRANCH, outstream=io.BytesIO(), errstream=io.BytesIO())
    except porcelain.DivergedBranches:
        raise PushRefused from None
    status = getattr(result, "ref_status", None) or {}
    if status.get(BRANCH):
        raise PushRefused
    repo.refs[TRACKING] = repo.refs[BRANCH]


def _push_to_folder(repo: Repo, path: str) -> None:
    """Main sent to the shared copy in a folder, as `porcelain.push` sends it to a server:
    refused when the copy's main is not in ours (someone synced first), or changed meanwhile."""
    from dulwich.client import LocalGitClient

    ours = repo.refs[BRANCH]

    def update_refs(refs: dict[Ref, ObjectID]) -> dict[Ref, ObjectID]:
        theirs = refs.get(BRANCH)
        if theirs is not None and theirs not in repo.object_store:
            raise PushRefused
        if theirs is not None and not is_ancestor(repo, theirs, ours):
            raise PushRefused
        return {BRANCH: ours}

    def pack(
        have: AbstractSet[ObjectID],
        want: AbstractSet[ObjectID],
        *,
        ofs_delta: bool = False,
        progress: Callable[[bytes], None] | None = None,
    ) -> tuple[int, Iterator[UnpackedObject]]:
        return repo.generate_pack_data(set(have), set(want), ofs_delta=ofs_delta)

    result = LocalGitClient(quiet=True).send_pack(path, update_refs, generate_pack_data=pack)
    if (result.ref_status or {}).get(BRANCH):
        raise PushRefused
    name_the_branch(path)
    repo.refs[TRACKING] = ours


def mark_synced(repo: Repo, when: dt.datetime) -> None:
    config = repo.get_config()
    config.set(SYNCED_SECTION, SYNCED_KEY, when.isoformat(timespec="seconds").encode())
    config.write_to_path()


def last_synced(folder: Path) -> dt.datetime | None:
    """When the set last synced with its shared copy, from its repository's own config; None
    when it never has (or has no repository). Read as plain lines (git's config is ini-like
    and ours is one key), for the home screen, which lists every set: dulwich's reader takes
    tens of milliseconds to import."""
    try:
        with open(folder / ".git" / "config", encoding="utf-8") as config:
            lines = config.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    section = ""
    for line in lines:
        text = line.strip()
        if text.startswith("["):
            section = text.strip("[]").strip().lower()
        elif section == SYNCED_SECTION[0].decode() and "=" in text:
            key, _, value = text.partition("=")
            if key.strip().lower() == SYNCED_KEY.decode():
                with suppress(ValueError):
                    return dt.datetime.fromisoformat(value.strip())
    return None
