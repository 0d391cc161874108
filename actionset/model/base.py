"""The strict base every record on disk is validated with."""

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """A record a person may edit by hand: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
