"""The strict base every record on disk is validated with."""

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError


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


Found = list[tuple[tuple[str | int, ...], str]]
"""Record-wide problems, each where it is (`problem_at`) and what is wrong."""


def every_problem(record: BaseModel, found: Found) -> None:
    """Raise every record-wide problem of `record` at once (none: return), so that a file
    names them all in one go, not only the first that a check came to."""
    if found:
        errors = [
            InitErrorDetails(type=problem_at(at, text), loc=(), input=None) for at, text in found
        ]
        raise ValidationError.from_exception_data(type(record).__name__, errors)
