"""The facilitator's remembered choices (the theme): comfort, never a set's record."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path
from typing import Any

import tomli

from actionset.store.files import atomic_write, dump_toml, read_bytes
from actionset.store.locate import StoreError

ENV_CONFIG_DIR = "ACTIONSET_CONFIG_DIR"
PREFERENCES_FILE = "preferences.toml"


def config_dir() -> Path:
    """Where the app remembers the facilitator's choices (theme), not the sets' records."""
    if env := os.environ.get(ENV_CONFIG_DIR):
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("actionset", appauthor=False)


def load_preferences() -> dict[str, Any]:
    """The remembered choices; a missing or damaged file means none (they are only comfort)."""
    try:
        raw = read_bytes(config_dir() / PREFERENCES_FILE, missing_ok=True) or b""
        return tomli.loads(raw.decode("utf-8"))
    except (StoreError, ValueError, RecursionError):
        return {}


def save_preferences(preferences: dict[str, Any]) -> None:
    with suppress(OSError):
        atomic_write(config_dir() / PREFERENCES_FILE, dump_toml(preferences))
