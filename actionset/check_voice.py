"""`actionset check` of a set's voice files: every line read and checked, the files left as
they are (see `actionset.model.voice`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actionset.store import Problem

if TYPE_CHECKING:
    from actionset.check import CheckResult
    from actionset.model import Set
    from actionset.store import SetStore


def check_voice(store: SetStore, the_set: Set | None, result: CheckResult) -> None:
    """Each voice file's problems and warnings into `result`. A round is checked against as
    many devices as the set has ever had members, and two more (a member who retired since
    answered then); none when set.toml cannot say."""
    from actionset.model.voice import device_limit

    limit = None if the_set is None else device_limit(len(the_set.members))
    dates = set(store.meeting_dates())
    for date in store.voice_dates():
        result.files += 1
        read = store.read_voice(date, limit)
        result.problems.extend(read.problems)
        result.warnings.extend(read.warnings)
        if date not in dates:
            path = store.voice_path(date)
            result.problems.append(
                Problem(path, 1, "file", f"no meeting on {date} ({date}.toml is missing)")
            )
