"""The collector of cyclic garbage, tuned for an app that draws a screen at every key.

Python looks for cycles after every 700 new objects, and a key that redraws the console makes
tens of thousands (Textual's strips, segments and styles, nearly all freed at once by their
counts): 8 to 24 ms of a key's CPU went to the collector looking at objects that were alive,
most of them built at start-up and kept until the app stops (the widgets, the stylesheet, the
set), and a full collection, looking at all of them, took about 90 ms every few keys.

Once the first frame is drawn, those objects are set aside (`gc.freeze`), so that no
collection looks at them again, and the collector waits for more new objects before it looks.
The few thousand start-up objects already garbage by then (some hundred kB) are set aside with
them rather than collected (a collection there takes 70 to 110 ms). When the last app running
stops, all of them are handed back, so that the process (a test run holds many apps in turn)
collects their cycles as before.
"""

from __future__ import annotations

import gc

YOUNG = 10_000
"""New objects (less those freed meanwhile) before the collector looks for cycles among
them: about a key's redraw, where Python's default is 700."""

_before: list[tuple[int, int, int]] = []
"""The thresholds Python had before the first app running settled, once per app running."""


def settle() -> None:
    """After an app's first frame: set aside what lives on, and look less often."""
    before = _before[0] if _before else gc.get_threshold()
    _before.append(before)
    gc.freeze()
    _, middle, old = before
    gc.set_threshold(YOUNG, middle, old)


def restore() -> None:
    """When an app that settled stops: once none is left, the objects set aside can be
    collected again, and the thresholds are Python's own again."""
    if not _before:
        return
    before = _before.pop()
    if not _before:
        gc.unfreeze()
        gc.set_threshold(*before)
