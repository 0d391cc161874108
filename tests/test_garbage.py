"""The collector's settings while an app runs (`actionset.garbage`), and the ones after."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from test_console import make_app

from actionset import garbage


@pytest.fixture(autouse=True)
def _nothing_set_aside() -> Iterator[None]:
    """Each test starts with nothing set aside, as a process run by a person does, and ends
    with the test run's own settings back (it sets its imports aside, `conftest.py`)."""
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    gc.unfreeze()
    yield
    garbage._apps, garbage._before = 0, None
    gc.unfreeze()
    gc.set_threshold(*threshold)
    if frozen:
        gc.collect()
        gc.freeze()


def test_an_app_settled_looks_less_often_at_fewer_objects() -> None:
    before = gc.get_threshold()
    garbage.settle()
    assert gc.get_threshold() == (garbage.YOUNG, before[1], before[2])
    assert gc.get_freeze_count() > 0
    garbage.restore()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_objects_come_back_only_when_the_last_app_stops() -> None:
    before = gc.get_threshold()
    garbage.settle()
    garbage.settle()  # a second app in the same process
    garbage.restore()
    assert gc.get_threshold()[0] == garbage.YOUNG
    assert gc.get_freeze_count() > 0
    garbage.restore()
    garbage.restore()  # once more: nothing left to hand back
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_process_that_sets_objects_aside_itself_keeps_its_settings() -> None:
    gc.freeze()
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    garbage.settle()
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, frozen)
    garbage.restore()
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, frozen)


async def test_the_console_settles_after_its_first_frame_and_restores_when_it_stops(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    before = gc.get_threshold()
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert gc.get_threshold()[0] == garbage.YOUNG
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
