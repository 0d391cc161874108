"""A Footer that redraws only when the keys it shows change.

Textual's Footer rebuilds all its keys whenever the screen's bindings may have changed: on
every focus change, every screen pushed or popped and every `refresh_bindings`. The console
refreshes its bindings after most keys, and each rebuild mounts and styles a dozen widgets.
This one compares what it would show with what it shows, and keeps it when they are the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

Shown = tuple[tuple[str, str, str, bool, str, str | None], ...]


class SteadyFooter(Footer):
    """The Footer, rebuilt only when the keys it shows, their words or their state change."""

    _shown: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = tuple(
            (key, b.action, b.description, enabled, tooltip, b.key_display)
            for key, (_, b, enabled, tooltip) in screen.active_bindings.items()
            if b.show
        )
        if shown == self._shown and self.children:
            return
        self._shown = shown
        super().bindings_changed(screen)
