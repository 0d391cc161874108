"""The only door to the disk: sets folders, TOML records, the tag journal and the set lock.

Every write goes through `atomic_write`; every file a person damaged by hand is reported as
`path:line: field: message` and never written over. The rest of actionset imports from here
(`from actionset import store`, `from actionset.store import SetStore`), never from the
modules inside:

- `locate`: `Problem`, `StoreError` and the line of a key in a TOML text;
- `files`: the atomic write, TOML written and read, a file validated as a model;
- `keep`: a TOML file saved again with the comments, blank lines and key order a person wrote;
- `journal`: the append-only tag journal;
- `voice`: a meeting's voice file, the members' rounds and answers, appended under a lock;
- `cache`: what reports and checks computed from each meeting's files, kept in the user's
  cache folder;
- `lock`: one facilitator console per set;
- `sets`: the sets folder, a set's folder, slugs and agenda templates;
- `preferences`: the facilitator's remembered choices.

Only `locate` comes with the package; the other modules are imported on first use
(`store.SetStore` imports `sets`), so that a command that only lists reads no more of the
store than it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from actionset.lazy import names_on_first_use
from actionset.store.locate import (
    Problem,
    StoreError,
    key_lines,
    line_of,
    nearest_line,
    validation_problems,
)

if TYPE_CHECKING:
    from actionset.store.cache import ENV_CACHE_DIR, CheckCache, HistoryCache, set_cache_folder
    from actionset.store.files import (
        REPLACE_WAITS,
        atomic_write,
        dump_toml,
        load_model,
        problems_in,
        read_toml,
        to_toml_data,
    )
    from actionset.store.journal import (
        JournalRead,
        TagJournal,
        read_journal,
    )
    from actionset.store.lock import HOLDER_FILE, LOCK_FILE, FollowedMeeting, SetLock, SetLocked
    from actionset.store.preferences import (
        ENV_CONFIG_DIR,
        PREFERENCES_FILE,
        config_dir,
        load_preferences,
        save_preferences,
    )
    from actionset.store.salvage import Salvaged, salvage
    from actionset.store.sets import (
        ACTIONS_FILE,
        ENV_SETS_DIR,
        ISSUES_FILE,
        MAX_SLUG,
        MEETINGS_DIR,
        SET_FILE,
        SET_TEMPLATES_DIR,
        TAGS_SUFFIX,
        TEMPLATES_DIR,
        SetsFolder,
        SetStore,
        load_template,
        load_templates,
        meeting_date_problem,
        resolve_sets_dir,
        set_slugs,
        slugify,
    )
    from actionset.store.voice import (
        VOICE_LOCK,
        VOICE_SUFFIX,
        VoiceRead,
        VoiceRefused,
        append_voice,
        read_voice,
        voice_dates,
    )

_HOMES = {
    "ENV_CACHE_DIR": "cache",
    "set_cache_folder": "cache",
    "HistoryCache": "cache",
    "CheckCache": "cache",
    "REPLACE_WAITS": "files",
    "atomic_write": "files",
    "dump_toml": "files",
    "load_model": "files",
    "problems_in": "files",
    "read_toml": "files",
    "to_toml_data": "files",
    "TAGS_SUFFIX": "sets",
    "JournalRead": "journal",
    "TagJournal": "journal",
    "read_journal": "journal",
    "HOLDER_FILE": "lock",
    "FollowedMeeting": "lock",
    "LOCK_FILE": "lock",
    "SetLock": "lock",
    "SetLocked": "lock",
    "ENV_CONFIG_DIR": "preferences",
    "PREFERENCES_FILE": "preferences",
    "config_dir": "preferences",
    "load_preferences": "preferences",
    "save_preferences": "preferences",
    "Salvaged": "salvage",
    "salvage": "salvage",
    "ACTIONS_FILE": "sets",
    "ENV_SETS_DIR": "sets",
    "ISSUES_FILE": "sets",
    "MAX_SLUG": "sets",
    "MEETINGS_DIR": "sets",
    "SET_FILE": "sets",
    "SET_TEMPLATES_DIR": "sets",
    "TEMPLATES_DIR": "sets",
    "SetsFolder": "sets",
    "SetStore": "sets",
    "load_template": "sets",
    "load_templates": "sets",
    "meeting_date_problem": "sets",
    "resolve_sets_dir": "sets",
    "set_slugs": "sets",
    "slugify": "sets",
    "VOICE_LOCK": "voice",
    "VOICE_SUFFIX": "voice",
    "VoiceRead": "voice",
    "VoiceRefused": "voice",
    "append_voice": "voice",
    "read_voice": "voice",
    "voice_dates": "voice",
}

__all__ = [
    "ACTIONS_FILE",
    "ENV_CACHE_DIR",
    "ENV_CONFIG_DIR",
    "ENV_SETS_DIR",
    "HOLDER_FILE",
    "ISSUES_FILE",
    "LOCK_FILE",
    "MAX_SLUG",
    "MEETINGS_DIR",
    "PREFERENCES_FILE",
    "REPLACE_WAITS",
    "SET_FILE",
    "SET_TEMPLATES_DIR",
    "TAGS_SUFFIX",
    "TEMPLATES_DIR",
    "VOICE_LOCK",
    "VOICE_SUFFIX",
    "CheckCache",
    "FollowedMeeting",
    "HistoryCache",
    "JournalRead",
    "Problem",
    "Salvaged",
    "SetLock",
    "SetLocked",
    "SetStore",
    "SetsFolder",
    "StoreError",
    "TagJournal",
    "VoiceRead",
    "VoiceRefused",
    "append_voice",
    "atomic_write",
    "config_dir",
    "dump_toml",
    "key_lines",
    "line_of",
    "load_model",
    "load_preferences",
    "load_template",
    "load_templates",
    "meeting_date_problem",
    "nearest_line",
    "problems_in",
    "read_journal",
    "read_toml",
    "read_voice",
    "resolve_sets_dir",
    "salvage",
    "save_preferences",
    "set_cache_folder",
    "set_slugs",
    "slugify",
    "to_toml_data",
    "validation_problems",
    "voice_dates",
]


__getattr__ = names_on_first_use(__name__, _HOMES, globals())
