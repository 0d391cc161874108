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
stops, all of them are handed back, so that the process collects their cycles as before. A
process that sets objects aside itself (the test run does, `tests/conftest.py`) keeps its own
settings: unfreezing them would hand its own back too.
"""

from __future__ import annotations

import gc

YOUNG = 10_000
"""New objects (less those freed meanwhile) before the collector looks for cycles among
them: about a key's redraw, where Python's default is 700."""

_apps = 0
"""The apps running that have drawn their first frame."""
_before: tuple[int, int, int] | None = None
"""The thresholds Python had before the first of them settled the collector; None while the
collector is as it was (no app running, or a process that sets its own objects aside)."""


def settle() -> None:
    """After an app's first frame: set aside what lives on, and look less often. A process
    that has set objects aside already (a test run does, once its tests are collected) keeps
    the collector as it set it."""
    global _apps, _before
    _apps += 1
    if _apps > 1 or gc.get_freeze_count():
        return
    _before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG, _before[1], _before[2])


def restore() -> None:
    """When an app that settled stops: once none is left, the objects set aside can be
    collected again, and the thresholds are Python's own again."""
    global _apps, _before
    if not _apps:
        return
    _apps -= 1
    if _apps or _before is None:
        return
    gc.unfreeze()
    gc.set_threshold(*_before)
    _before = None
