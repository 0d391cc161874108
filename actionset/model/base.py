"""The strict base every record on disk is validated with."""

from pydantic import BaseModel, ConfigDict
from pydantic_core import PydanticCustomError


class Record(BaseModel):
    """A record a person may edit by hand: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def problem_at(at: tuple[str | int, ...], message: str) -> PydanticCustomError:
    """An error a record-wide check raises about one field, so the store can point at its line.

    A model validator's errors are located at the record itself; `at` carries the rest of the
    path (`("members", 2, "name")`) in the error's context.
    """
    return PydanticCustomError("record", message, {"at": at})
