"""A Footer that redraws only when the keys it shows change, and in place when it can.

Textual's Footer rebuilds all its keys whenever the screen's bindings may have changed: on
every focus change, every screen pushed or popped and every `refresh_bindings`. The console
refreshes its bindings after most keys, and each rebuild mounts and styles a dozen widgets.
This one compares what it would show with what it shows, and keeps it when they are the same;
asks that come together (a key that refreshes the bindings and moves the focus) are answered
once.
When only the keys' words or their state differ (as many keys, in the same groups: a key
lit where it was dimmed, `Pause` where it said `Start`), it writes them on the keys it has,
and draws again only the keys whose words changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.screen import Screen

Shown = tuple[tuple[str, str, str, bool, str, str | None], ...]
Shape = tuple["Binding.Group | None", ...]


class SteadyFooter(Footer):
    """The Footer, rebuilt only when the number of keys it shows or their groups change;
    their words and whether they are lit are written in place."""

    _shown: Shown | None = None
    _shape: Shape | None = None
    _asked: Screen[object] | None = None
    _built_dim: frozenset[str] | set[str] = frozenset()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Answered once for the asks that come together: `t` refreshes the bindings and
        moves the focus, and each asks, where every answer reads all the screen's keys."""
        first = self._asked is None
        self._asked = screen
        if first:
            self.call_next(self._show_bindings)

    def _show_bindings(self) -> None:
        screen, self._asked = self._asked, None
        if screen is None:
            return
        active = [
            (key, b, enabled, tooltip)
            for key, (_, b, enabled, tooltip) in screen.active_bindings.items()
            if b.show
        ]
        shown = tuple(
            (key, b.action, b.description, enabled, tooltip, b.key_display)
            for key, b, enabled, tooltip in active
        )
        if shown == self._shown and self.children:
            return
        # One key a command, in the order the Footer lays them out (`Footer.compose`).
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _, b, enabled, tooltip in active:
            first.setdefault(b.action, (b, enabled, tooltip))
        shape = tuple(b.group for b, _, _ in first.values())
        self._shown = shown
        if shape == self._shape and self.children and self.relabel(list(first.values())):
            return
        self._shape = shape
        # A key the Footer builds dimmed bells when clicked, even once lit: it is built again
        self._built_dim = {b.action for b, enabled, _ in first.values() if not enabled}
        super().bindings_changed(screen)

    def relabel(self, bindings: list[tuple[Binding, bool, str]]) -> bool:
        """Write each binding on the key shown in its place; whether the keys were there."""
        keys = list(self.query("FooterKey").exclude(".-command-palette"))  # ^p: its own
        if len(keys) != len(bindings):
            return False
        if any(enabled and binding.action in self._built_dim for binding, enabled, _ in bindings):
            return False
        restyled = []
        for widget, (binding, enabled, tooltip) in zip(keys, bindings, strict=True):
            grouped = widget.has_class("-grouped")
            if widget.disabled == enabled:
                # dimmed or lit in place, as the Footer draws a key that does not act: no
                # layout, and no click; the keys restyled together below, not one by one
                widget.set_reactive(Widget.disabled, not enabled)
                widget.set_class(not enabled, "-disabled", update=False)
                restyled.append(widget)
            widget.key = binding.key  # type: ignore[attr-defined]
            widget.action = binding.action  # type: ignore[attr-defined]
            tip = (tooltip or binding.description) if grouped else (tooltip or None)
            if widget.tooltip != tip:
                widget.tooltip = tip
            words = (self.app.get_key_display(binding), "" if grouped else binding.description)
            shown = (widget.key_display, widget.description)  # type: ignore[attr-defined]
            if words == shown:
                continue  # the same on screen: not drawn again
            widget.key_display, widget.description = words  # type: ignore[attr-defined]
            # as wide as before: drawn again where it is, without laying the Footer out again
            widget.refresh(layout=[len(w) for w in words] != [len(w) for w in shown])
        if restyled:
            self.app.stylesheet.update_nodes(restyled, animate=False)
        return True
