"""What every full screen of the app shares: typed access to the app's folder, store and clock."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from actionset.app import ActionSetApp


class AppScreen(Screen[None]):
    """A screen of ActionSetApp."""

    @property
    def actionset(self) -> ActionSetApp:
        return cast("ActionSetApp", self.app)
