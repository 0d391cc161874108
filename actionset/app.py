"""The App: themes, preferences, and the three ways in (home, console, projector)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from actionset import garbage
from actionset import store as disk
from actionset.model import Meeting
from actionset.safe_text import safe
from actionset.session import ConsoleSession, open_console

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from actionset.screens.meeting import MeetingScreen

Now = Callable[[], float]

KEY_CLOCK: Now = time.monotonic
"""The clock an app times its keys by unless it is given its own (`ActionSetApp.key_clock`)."""


@runtime_checkable
class KeyWatcher(Protocol):
    """A screen that sees each key before the bindings do, and after they ran it (the
    console's, `actionset.screens.console_burst`)."""

    async def key_arrives(self, event: events.Key) -> bool: ...
    async def key_done(self, event: events.Key) -> None: ...


PROJECTOR_THEMES = (
    Theme(
        name="projector-dark",
        primary="#FFD700",
        secondary="#00E5FF",
        accent="#00E5FF",
        foreground="#FFFFFF",
        background="#000000",
        surface="#0A0A0A",
        panel="#1A1A1A",
        warning="#FFB000",
        error="#FF3B3B",
        success="#00E676",
        dark=True,
    ),
    Theme(
        name="projector-light",
        primary="#0033CC",
        secondary="#6A00A8",
        accent="#6A00A8",
        foreground="#000000",
        background="#FFFFFF",
        surface="#F2F2F2",
        panel="#E0E0E0",
        warning="#B35900",
        error="#C00000",
        success="#006B2E",
        dark=False,
    ),
)
DEFAULT_THEME = "projector-dark"


class ActionSetApp(App[None]):
    """One app for the home screen, the facilitator console and the projector window."""

    CSS_PATH = "app.tcss"
    TITLE = "actionset"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", key_display="^q", id="quit")
    ]

    def __init__(
        self,
        first_screen: Callable[[ActionSetApp], Screen[None]],
        *,
        folder: disk.SetsFolder,
        today: dt.date,
        now: Now = time.time,
        key_clock: Now | None = None,
        theme: str | None = None,
        remember_theme: bool = True,
    ) -> None:
        super().__init__()
        self.folder = folder
        self.today = today
        self.now = now
        self.key_clock = key_clock or KEY_CLOCK
        """Seconds, read as each key comes, that tell a key pressed on its own from typing
        (`actionset.model.keyboard.Burst`)."""
        self.blink = False
        self.session: ConsoleSession | None = None
        """The set's meeting open in the console, once there is one; closed when the app stops."""
        self._held = ExitStack()
        self._first_screen = first_screen
        self._save_lock = threading.Lock()
        self._saves_asked = self._saves_written = 0
        self._remember_theme = remember_theme
        self._settled = False  # the collector tuned for the app's run (`garbage`)
        for projector_theme in PROJECTOR_THEMES:
            self.register_theme(projector_theme)
        chosen = theme or (disk.load_preferences().get("theme") if remember_theme else None)
        self.theme = chosen if chosen in self.available_themes else DEFAULT_THEME

    def on_mount(self) -> None:
        self.push_screen(self._first_screen(self))

    def on_ready(self) -> None:
        if not self._settled:  # the first frame is drawn: what it built lives on
            garbage.settle()
            self._settled = True

    def watch_theme(self, theme: str) -> None:
        if self._remember_theme and self.is_running:
            disk.save_preferences({**disk.load_preferences(), "theme": theme})

    def on_unmount(self) -> None:
        self.close_session()
        if self._settled:
            garbage.restore()
            self._settled = False

    async def on_event(self, event: events.Event) -> None:
        """A key goes to the screen's keyboard first, where it has one (the console's: a
        burst of typing runs no command), then to the bindings as Textual sends it."""
        keyboard = None
        if isinstance(event, events.Key) and not event.is_forwarded and self.screen_stack:
            keyboard = self.screen_stack[-1]
        if not isinstance(event, events.Key) or not isinstance(keyboard, KeyWatcher):
            await super().on_event(event)
            return
        if await keyboard.key_arrives(event):
            return
        await super().on_event(event)
        await keyboard.key_done(event)

    # -- the console's session

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice, with the controls of any name or note it quotes shown escaped."""
        super().notify(
            safe(message), title=safe(title), severity=severity, timeout=timeout, markup=markup
        )

    def hold(self, session: ConsoleSession) -> None:
        """Keep an open session (and so the set's lock) until the app stops."""
        self.session = self._held.enter_context(session)
        session.meeting_saver = self.save_now  # in order with the console's saves

    def close_session(self) -> None:
        """Let go of the set the app holds, if any; again does nothing more."""
        self._held.close()

    def open_console(self, set_store: disk.SetStore) -> None:
        """Open today's meeting of a set in the console, or say why it cannot be opened."""
        try:
            session = open_console(set_store, self.folder, self.today)
        except disk.StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        self.hold(session)
        self.push_screen(self.console_screen())

    def console_screen(self) -> MeetingScreen:
        """The console on the session's meeting; the facilitator is told of any journal warning."""
        from actionset.model.clock import MeetingClock
        from actionset.model.clock_words import report_back_given_away
        from actionset.screens.meeting import MeetingScreen

        session = self.session
        assert session is not None
        for warning in session.warnings:
            self.notify(warning, severity="warning", timeout=10, markup=False)
        if notice := report_back_given_away(session.meeting):
            self.notify(notice, timeout=10, markup=False)
        return MeetingScreen(
            MeetingClock(session.meeting, self.now),
            session.the_set,
            journal=session.journal,
            events=session.events,
            template=session.template,
        )

    def save_meeting(self, meeting: Meeting) -> None:
        """Save through the store; a failure is shown, never raised at the facilitator."""
        if self.session is None:
            return
        try:
            self.session.set_store.save_meeting(meeting)
        except (disk.StoreError, OSError) as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=10, markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, the room's themes and blink, and the screen's keys as words.

        A screen with its own quit key (the console's saves first) replaces Textual's Quit; a
        key that is half of a two-key sequence (a member's number) is left out.
        """
        bindings = [b for b in getattr(screen, "BINDINGS", []) if isinstance(b, Binding)]
        own_quit = any(b.id == "quit" for b in bindings)
        for command in super().get_system_commands(screen):
            if not (own_quit and command.title == "Quit"):
                yield command
        for name in ("projector-dark", "projector-light"):
            yield SystemCommand(
                f"Theme: {name}",
                "High-contrast theme for the room's projector",
                lambda name=name: setattr(self, "theme", name),
            )
        yield SystemCommand(
            "Blink when over time",
            "Toggle a slow blink of the clock once a phase runs over",
            self.toggle_blink,
        )
        yield from getattr(screen, "commands", tuple)()
        halves = tuple(getattr(screen, "KEY_SEQUENCES", ()))
        for binding in bindings:
            half = any((binding.id or "").startswith(prefix) for prefix in halves)
            if half or not binding.description:
                continue
            key = binding.key_display or binding.key
            yield SystemCommand(
                f"{binding.description} ({key})",
                f"Same as pressing {key}",
                lambda action=binding.action: self.run_action(action, screen),
            )

    def toggle_blink(self) -> None:
        self.blink = not self.blink
        self.notify("The clock blinks when over time." if self.blink else "No blinking.")

    # -- saving off the event loop: the clock never waits on the disk

    def save_soon(self, meeting: Meeting) -> None:
        """Save a copy of the meeting as it stands now, in a thread. Saves land in the order
        they were asked for: one overtaken by a later save is not written."""
        number, copy = self._ask_save(), meeting.model_copy(deep=True)
        self.run_worker(
            partial(self._save_in_order, number, copy), name="save", group="save", thread=True
        )

    def save_now(self, meeting: Meeting) -> None:
        """Save at once (quitting): after it, no earlier save still waiting is written."""
        self._save_in_order(self._ask_save(), meeting)

    async def saved(self) -> None:
        """Wait until every save asked for is on disk."""
        await self.workers.wait_for_complete([w for w in self.workers if w.group == "save"])

    def _ask_save(self) -> int:
        self._saves_asked += 1
        return self._saves_asked

    def _save_in_order(self, number: int, meeting: Meeting) -> None:
        with self._save_lock:
            if number <= self._saves_written:
                return
            self._saves_written = number
            self.save_meeting(meeting)  # notify, on a failure, is thread-safe


# ---------------------------------------------------------------------------- ways in


def console_app(
    set_store: disk.SetStore,
    folder: disk.SetsFolder,
    *,
    today: dt.date,
    theme: str | None = None,
    now: Now = time.time,
    key_clock: Now | None = None,
    remember_theme: bool = True,
) -> ActionSetApp:
    """The console app for a set: the set locked and its meeting loaded before the first frame."""
    return session_app(
        open_console(set_store, folder, today),
        folder,
        theme=theme,
        now=now,
        key_clock=key_clock,
        remember_theme=remember_theme,
    )


def session_app(
    session: ConsoleSession,
    folder: disk.SetsFolder,
    *,
    theme: str | None = None,
    now: Now = time.time,
    key_clock: Now | None = None,
    remember_theme: bool = True,
) -> ActionSetApp:
    """The console app on an open session, which it closes when it stops."""
    app = ActionSetApp(
        lambda app: app.console_screen(),
        folder=folder,
        today=session.meeting.date,
        now=now,
        key_clock=key_clock,
        theme=theme,
        remember_theme=remember_theme,
    )
    app.hold(session)
    return app


def run_console(session: ConsoleSession, *, theme: str | None = None, now: Now = time.time) -> int:
    """`actionset run SET`: the facilitator console on the session the command line opened."""
    folder = disk.SetsFolder(session.set_store.folder.parent)
    return _run(session_app(session, folder, theme=theme, now=now))


class ServedProjectorApp(ActionSetApp):
    """The projector in a browser tab: anyone who can open the page can press keys in it, so
    there is no command palette and no action but quit."""

    ENABLE_COMMAND_PALETTE = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action == "quit"


def projector_app(
    set_store: disk.SetStore,
    *,
    today: dt.date,
    theme: str | None = None,
    now: Now = time.time,
    remember_theme: bool = True,
    served: bool = False,
) -> ActionSetApp:
    """The projector window; `served`, the quit-only one a browser tab runs."""
    from actionset.screens.projector import ProjectorScreen

    folder = disk.SetsFolder(set_store.folder.parent)
    the_set = set_store.load_set()
    from actionset.members_address import MEMBERS_PAGE_ENV

    address = os.environ.get(MEMBERS_PAGE_ENV) if served else None  # from the server
    return (ServedProjectorApp if served else ActionSetApp)(
        lambda app: ProjectorScreen(set_store, the_set, today, members_address=address),
        folder=folder,
        today=today,
        now=now,
        theme=theme,
        remember_theme=remember_theme and not served,
    )


def run_projector(
    set_store: disk.SetStore,
    *,
    today: dt.date,
    theme: str | None = None,
    now: Now = time.time,
    served: bool = False,
) -> int:
    """`actionset project SET`: the read-only window the room sees."""
    try:
        app = projector_app(set_store, today=today, theme=theme, now=now, served=served)
    except disk.StoreError as exc:
        from actionset.safe_text import safe

        print(safe(str(exc), "\n"), file=sys.stderr)
        return 1
    return _run(app)


def home_app(
    folder: disk.SetsFolder,
    *,
    today: dt.date,
    theme: str | None = None,
    now: Now = time.time,
    remember_theme: bool = True,
) -> ActionSetApp:
    from actionset.screens.home import HomeScreen

    return ActionSetApp(
        lambda app: HomeScreen(),
        folder=folder,
        today=today,
        now=now,
        theme=theme,
        remember_theme=remember_theme,
    )


def run_home(
    folder: disk.SetsFolder | Path,
    *,
    today: dt.date,
    theme: str | None = None,
    now: Now = time.time,
) -> int:
    """`actionset`: the sets in the folder; open or create one."""
    if isinstance(folder, Path):
        folder = disk.SetsFolder(folder)
    return _run(home_app(folder, today=today, theme=theme, now=now))


def _run(app: ActionSetApp) -> int:
    """Run the app; whatever happens, let go of the set it held (state is saved as it goes)."""
    try:
        app.run()
    finally:
        app.close_session()
    return app.return_code or 0
