"""The sets folder and one set's folder: slugs, the files of a set, agenda templates."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from actionset.model.glance import (
    ActionGlance,
    Doubt,
    MeetingGlance,
    SetGlance,
    glance_actions,
    glance_meeting,
    glance_set,
)
from actionset.store.files import (
    load_model,
    parse_toml,
    read_text,
    read_toml,
    write_toml,
)
from actionset.store.locate import Problem, StoreError, key_lines, validation_problems

if TYPE_CHECKING:
    from pydantic import BaseModel

    from actionset.model import Action, Issue, Meeting, Set
    from actionset.model.agenda import Template
    from actionset.model.programme_file import ProgrammeFile
    from actionset.model.voice import Voice
    from actionset.store.cache import CheckCache, HistoryCache
    from actionset.store.journal import JournalRead, TagJournal
    from actionset.store.lock import FollowedMeeting, SetLock
    from actionset.store.voice import VoiceRead

    ModelT = TypeVar("ModelT", bound=BaseModel)

SET_FILE = "set.toml"
ISSUES_FILE = "issues.toml"
ACTIONS_FILE = "actions.toml"
MEETINGS_DIR = "meetings"
TAGS_SUFFIX = ".tags.jsonl"  # a meeting's tag journal, beside its file: 2026-11-02.tags.jsonl
ENV_SETS_DIR = "ACTIONSET_SETS_DIR"
MAX_SLUG = 60


_DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(10)]
)


def slugify(name: str) -> str:
    """A safe folder name for a set: lowercase ASCII words joined by '-', never empty."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-")
    if slug in _DEVICE_NAMES:
        return f"{slug}-set"  # Windows will not make a folder with a device's name
    if slug:
        return slug
    # A name with no Latin letters or digits still needs a distinct, stable folder.
    import hashlib

    return "set-" + hashlib.sha1(name.encode()).hexdigest()[:8]


def resolve_sets_dir(given: str | os.PathLike[str] | None = None) -> Path:
    """--sets-dir, else $ACTIONSET_SETS_DIR, else ./sets when it exists, else the data folder."""
    if given:
        return Path(given).expanduser()
    if env := os.environ.get(ENV_SETS_DIR):
        return Path(env).expanduser()
    local = Path.cwd() / "sets"
    if local.is_dir():
        return local
    from platformdirs import user_data_path

    return user_data_path("actionset", appauthor=False) / "sets"


def set_slugs(sets_dir: Path) -> list[str]:
    """Folders in the sets folder that hold a set, in name order (app folders `_*` excluded)."""
    if not sets_dir.is_dir():
        return []
    return sorted(
        p.name
        for p in sets_dir.iterdir()
        # A set.toml that is a folder or a broken link still marks a set: a damaged one.
        if p.is_dir() and not p.name.startswith(("_", ".")) and os.path.lexists(p / SET_FILE)
    )


def meeting_date_problem(path: Path, given: dt.date, date: dt.date) -> Problem | None:
    """A meeting file's `date` must be the date of its name."""
    if given == date:
        return None
    line = key_lines(read_text(path)).get(("date",), 1)
    return Problem(path, line, "date", f"{given} does not match the file name {date}")


class SetStore:
    """A set's folder: `set.toml`, `issues.toml`, `actions.toml` and `meetings/`.

    `damaged` holds the files that failed to load since, until they load again. (A plain class:
    `dataclasses` is slow to import, and `actionset list` reads a set through this.)
    """

    def __init__(self, folder: Path, damaged: set[Path] | None = None) -> None:
        self.folder = folder
        self.damaged: set[Path] = set() if damaged is None else damaged

    def __repr__(self) -> str:
        return f"SetStore({self.folder!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SetStore) and (other.folder, other.damaged) == (
            self.folder,
            self.damaged,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq is

    @property
    def slug(self) -> str:
        return self.folder.name

    @property
    def meetings_dir(self) -> Path:
        return self.folder / MEETINGS_DIR

    def meeting_path(self, date: dt.date) -> Path:
        return self.meetings_dir / f"{date.isoformat()}.toml"

    def tags_path(self, date: dt.date) -> Path:
        return self.meetings_dir / f"{date.isoformat()}{TAGS_SUFFIX}"

    def lock(self, meeting: dt.date | None = None) -> SetLock:
        """The set's lock; a console names the `meeting` it holds the set for."""
        from actionset.store.lock import SetLock

        return SetLock(self.folder, self.slug, meeting)

    def followed_meeting(self, today: dt.date) -> FollowedMeeting:
        """The meeting a projector follows: the console's, else `today`'s."""
        from actionset.store.lock import FollowedMeeting

        return FollowedMeeting(self.folder, today)

    # -- reading

    def _load(self, path: Path, model: type[ModelT], key: str | None = None) -> Any:
        try:
            result = load_model(path, model, key)
        except StoreError:
            self.damaged.add(path)
            raise
        self.damaged.discard(path)  # mended by hand since it last failed
        return result

    def _glance(self, path: Path) -> dict[str, Any] | None:
        """A file's TOML data for a glance: None when there is no file; `Doubt` when it cannot
        be read or parsed (the full load then names the damage)."""
        if not os.path.lexists(path):
            return None
        try:
            return parse_toml(path, read_text(path))
        except StoreError:
            raise Doubt(path.name) from None

    def glance_set(self) -> SetGlance:
        """set.toml at a glance, without the models (`actionset.model.glance`)."""
        data = self._glance(self.folder / SET_FILE)
        if data is None:
            raise Doubt(SET_FILE)
        return glance_set(data)

    def glance_actions(self) -> list[ActionGlance]:
        data = self._glance(self.folder / ACTIONS_FILE)
        return [] if data is None else glance_actions(data)

    def glance_meeting(self, date: dt.date) -> MeetingGlance | None:
        data = self._glance(self.meeting_path(date))
        return None if data is None else glance_meeting(data, date)

    def load_set(self) -> Set:
        from actionset.model import Set

        path = self.folder / SET_FILE
        if not os.path.lexists(path):
            raise StoreError(f"{path}: no set here (set.toml is missing)")
        result: Set = self._load(path, Set)
        return result

    def load_issues(self) -> list[Issue]:
        from actionset.model import Issue

        path = self.folder / ISSUES_FILE
        return self._load(path, Issue, "issues") if os.path.lexists(path) else []

    def load_actions(self) -> list[Action]:
        from actionset.model import Action

        path = self.folder / ACTIONS_FILE
        return self._load(path, Action, "actions") if os.path.lexists(path) else []

    def meeting_dates(self) -> list[dt.date]:
        """Dates with anything on disk (a meeting file or a tag journal), oldest first."""
        dates: set[dt.date] = set()
        if self.meetings_dir.is_dir():
            try:
                names = [path.name for path in self.meetings_dir.iterdir()]
            except OSError as exc:
                raise StoreError(
                    problems=[Problem(self.meetings_dir, 1, "folder", exc.strerror or str(exc))]
                ) from None
            for name in names:
                stem = name.removesuffix(TAGS_SUFFIX).removesuffix(".toml")
                if stem != name:
                    with suppress(ValueError):
                        dates.add(dt.date.fromisoformat(stem))
        return sorted(dates)

    def load_meeting(self, date: dt.date) -> Meeting | None:
        from actionset.model import Meeting

        path = self.meeting_path(date)
        if not os.path.lexists(path):
            return None  # a folder or a broken link in its place is a problem, not no meeting
        meeting: Meeting = self._load(path, Meeting)
        if wrong := meeting_date_problem(path, meeting.date, date):
            self.damaged.add(path)
            raise StoreError(problems=[wrong])
        return meeting

    def load_meetings(self) -> list[Meeting]:
        """Every meeting file, oldest first."""
        meetings = [self.load_meeting(d) for d in self.meeting_dates()]
        return [m for m in meetings if m is not None]

    def load_meeting_before(self, date: dt.date) -> Meeting | None:
        """The latest meeting before `date` (the one whose presenters report back first)."""
        for earlier in sorted((d for d in self.meeting_dates() if d < date), reverse=True):
            meeting = self.load_meeting(earlier)
            if meeting is not None:
                return meeting
        return None

    # -- writing

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        if path in self.damaged:
            raise StoreError(
                f"{path}: not saved, because the file has problems; "
                "run `actionset check` and mend it first"
            )
        write_toml(path, data)

    def save_set(self, the_set: Set) -> None:
        data = the_set.model_dump(by_alias=True)
        _leave_out_unset_sharing(data)
        if the_set.coach is not None:  # what the set changed, not every threshold
            data["coach"] = the_set.coach.model_dump(by_alias=True, exclude_defaults=True)
        self._write(self.folder / SET_FILE, data)

    def save_issues(self, issues: list[Issue]) -> None:
        self._write(self.folder / ISSUES_FILE, {"issues": [i.model_dump() for i in issues]})

    def save_actions(self, actions: list[Action]) -> None:
        self._write(self.folder / ACTIONS_FILE, {"actions": [a.model_dump() for a in actions]})

    def save_meeting(self, meeting: Meeting) -> None:
        self._write(self.meeting_path(meeting.date), meeting.model_dump())

    def meeting_mtime(self, date: dt.date) -> float:
        """When the meeting's files last changed (0 when there are none): cheap to poll."""
        stamps = []
        for path in (self.meeting_path(date), self.tags_path(date)):
            with suppress(OSError):
                stamps.append(path.stat().st_mtime_ns)
        return max(stamps, default=0) / 1e9

    def record_mtime(self) -> float:
        """When the set's actions or issues last changed (0 when there are none)."""
        stamps = []
        for path in (self.folder / ACTIONS_FILE, self.folder / ISSUES_FILE):
            with suppress(OSError):
                stamps.append(path.stat().st_mtime_ns)
        return max(stamps, default=0) / 1e9

    # -- the cache of what reports and checks computed

    @property
    def history_cache(self) -> HistoryCache:
        from actionset.store.cache import HistoryCache

        return HistoryCache(self.folder)

    @property
    def check_cache(self) -> CheckCache:
        from actionset.store.cache import CheckCache

        return CheckCache(self.folder)

    def meeting_stamp(self, date: dt.date) -> str | None:
        """The stat stamps of the meeting's file and tag journal, which key its entry in the
        cache; None when what is there may not be cached (see `files_stamp`)."""
        from actionset.store.cache import files_stamp

        return files_stamp([self.meeting_path(date), self.tags_path(date)])

    # -- the tag journal

    def journal(self, date: dt.date) -> TagJournal:
        from actionset.store.journal import TagJournal

        return TagJournal(self.tags_path(date))

    def read_journal(self, date: dt.date) -> JournalRead:
        from actionset.store.journal import read_journal

        return read_journal(self.tags_path(date))

    # -- the members' voice (`actionset.store.voice`)

    def voice_path(self, date: dt.date) -> Path:
        from actionset.store.voice import VOICE_SUFFIX

        return self.meetings_dir / f"{date.isoformat()}{VOICE_SUFFIX}"

    def read_voice(self, date: dt.date, limit: int | None = None) -> VoiceRead:
        from actionset.store.voice import read_voice

        return read_voice(self.voice_path(date), limit)

    def append_voice(
        self, date: dt.date, record: dict[str, Any], limit: int | None = None
    ) -> Voice:
        """Append a line to the meeting's voice file, if it may take it (else `VoiceRefused`)."""
        from actionset.store.voice import VOICE_LOCK, append_voice

        return append_voice(self.voice_path(date), record, self.folder / VOICE_LOCK, limit)

    def voice_dates(self) -> list[dt.date]:
        from actionset.store.voice import voice_dates

        return voice_dates(self.meetings_dir)

    # -- a member renamed in every file

    def rename_member(self, old: str, new: str) -> None:
        """Call member `old` `new` in every file of the set: the meetings and their tag
        journals, the actions and issues, then set.toml last, so that a rename cut short is
        finished by asking for it again. Every file is read (and so checked) before any is
        written; hold the set's lock around it."""
        from actionset.model.members import (
            rename_in_event,
            rename_in_meeting,
            rename_in_record,
            rename_in_set,
        )
        from actionset.store.journal import rewrite_journal

        renamed = rename_in_set(self.load_set(), old, new)
        actions, issues = self.load_actions(), self.load_issues()
        meetings = self.load_meetings()
        for date in self.meeting_dates():
            journal = self.read_journal(date)
            if journal.refused or journal.problems:
                raise StoreError(problems=journal.problems)
        for meeting in meetings:
            if rename_in_meeting(meeting, old, new):
                self.save_meeting(meeting)
        for date in self.meeting_dates():
            rewrite_journal(self.tags_path(date), lambda e: rename_in_event(e, old, new))
        if rename_in_record(actions, issues, old, new):
            self.save_actions(actions)
            self.save_issues(issues)
        self.save_set(renamed)


class SetsFolder(NamedTuple):
    """The sets folder: finds sets by slug or name and creates new ones safely."""

    root: Path

    def slugs(self) -> list[str]:
        return set_slugs(self.root)

    def path_for(self, slug: str) -> Path:
        """The set's folder, checked to lie directly inside the sets folder."""
        folder = (self.root / slug).resolve()
        if folder.parent != self.root.resolve() or slug.startswith(("_", ".")):
            raise StoreError(f"{slug!r} is not a set folder name")
        return self.root / slug

    def find(self, key: str) -> SetStore:
        """The set whose slug or name is `key`; a clear error otherwise."""
        slugs = self.slugs()
        if key in slugs:
            return SetStore(self.path_for(key))
        wanted = slugify(key)
        if wanted in slugs:
            return SetStore(self.path_for(wanted))
        for slug in slugs:
            with suppress(StoreError):
                name = read_toml(self.root / slug / SET_FILE).get("name")
                if isinstance(name, str) and name.casefold() == key.casefold():
                    return SetStore(self.path_for(slug))
        known = ", ".join(slugs) if slugs else "none yet"
        raise StoreError(f"no set {key!r} in {self.root} (sets: {known})")

    def load_programme(self) -> ProgrammeFile | None:
        """programme.toml beside the sets (`actionset.store.programme`); None without one."""
        from actionset.store.programme import load_programme

        return load_programme(self.root)

    def create(self, the_set: Set) -> SetStore:
        """A folder for a new set, refusing to overwrite one that exists."""
        slug = slugify(the_set.name)
        if slug in self.slugs():
            raise StoreError(f"a set already lives in {self.root / slug}")
        store = SetStore(self.path_for(slug))
        store.folder.mkdir(parents=True, exist_ok=True)
        store.meetings_dir.mkdir(exist_ok=True)
        store.save_set(the_set)
        return store


# ---------------------------------------------------------------------------- agenda templates

TEMPLATES_DIR = "_templates"  # in the sets folder, shared by every set
SET_TEMPLATES_DIR = "templates"  # in a set's own folder


def load_templates(
    sets_dir: Path, set_folder: Path | None
) -> tuple[dict[str, Template], list[Problem]]:
    """The built-in templates, then the sets folder's, then the set's own, each overriding the
    one before by name. A file with problems is reported and left out, never raised."""
    from actionset.model.agenda import BUILTIN_TEMPLATES

    templates = dict(BUILTIN_TEMPLATES)
    problems: list[Problem] = []
    folders = [sets_dir / TEMPLATES_DIR]
    if set_folder is not None:
        folders.append(set_folder / SET_TEMPLATES_DIR)
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                template = load_template(path)
            except StoreError as exc:
                problems.extend(exc.problems or [Problem(path, 1, "file", str(exc))])
                continue
            templates[template.name] = template
    return templates, problems


def load_template(path: Path) -> Template:
    """One template file; `name` defaults to the file's name without `.toml`."""
    from pydantic import ValidationError

    from actionset.model.agenda import Template

    text = read_text(path)
    data = parse_toml(path, text)
    data.setdefault("name", path.stem)
    try:
        return Template.model_validate(data)
    except ValidationError as exc:
        raise StoreError(problems=validation_problems(path, text, exc)) from None


def _leave_out_unset_sharing(data: dict[str, Any]) -> None:
    """`share_names` and a member's `share` written only when the set changed them, so that
    a set.toml written before they existed reads as it did."""
    if not data.get("share_names"):
        data.pop("share_names", None)
    for member in data.get("members", []):
        if member.get("share", True):
            member.pop("share", None)
