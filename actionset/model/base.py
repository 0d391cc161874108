"""The strict base every record on disk is validated with."""

from pydantic import BaseModel, ConfigDict
from pydantic_core import PydanticCustomError


class Record(BaseModel):
    """A record a person may edit by hand: unknown keys are errors, not silently dropped."""

    # allow_inf_nan: `inf` and `nan` are valid TOML floats, but no time or count of ours.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


def problem_at(at: tuple[str | int, ...], message: str) -> PydanticCustomError:
    """An error a record-wide check raises about one field, so the store can point at its line.

    A model validator's errors are located at the record itself; `at` carries the rest of the
    path (`("members", 2, "name")`) in the error's context.
    """
    return PydanticCustomError("record", message, {"at": at})
