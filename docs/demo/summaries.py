"""The demo's pydantic model: ``casefile-validate --schema py:summaries:SessionSummary``."""

from typing import Literal

from pydantic import BaseModel, Field


class SessionSummary(BaseModel):
    """One session of a casefile, as the summary endpoint lists it."""

    session_id: str
    kind: Literal["interview", "call"]
    minutes: int = Field(default=0, ge=0)
