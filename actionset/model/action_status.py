"""Where an action stands, and what its owner said of it at a report-back: plain values, no
pydantic, so that a command that only lists actions can read them without the models."""

from __future__ import annotations

from enum import StrEnum


class ActionStatus(StrEnum):
    open = "open"
    done = "done"
    dropped = "dropped"


class Progress(StrEnum):
    done = "done"
    partly = "partly"
    not_done = "not-done"
    dropped = "dropped"


def status_word(status: ActionStatus, latest: Progress | None) -> str:
    """The status `actions` lists: an open action last reported as partly done is "partly"
    (it is still open); any other says its status."""
    if status is ActionStatus.open and latest is Progress.partly:
        return Progress.partly.value
    return status.value
