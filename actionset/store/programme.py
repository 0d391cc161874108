"""programme.toml, beside the sets in the sets folder: the programme's name, currency and cost."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from actionset.store.files import load_model

if TYPE_CHECKING:
    from actionset.model.programme_file import ProgrammeFile


def load_programme(root: Path) -> ProgrammeFile | None:
    """The sets folder's programme.toml; None when there is none."""
    from actionset.model.programme_file import PROGRAMME_FILE, ProgrammeFile

    path = root / PROGRAMME_FILE
    if not os.path.lexists(path):
        return None
    found: ProgrammeFile = load_model(path, ProgrammeFile)  # type: ignore[assignment]
    return found
