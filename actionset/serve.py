"""The projector served to browser tabs: each tab runs its own read-only projector of one set,
a command fixed here that nothing a browser sends can change; on loopback, or on the room's
network behind a random token."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import errno
import hmac
import json
import secrets
import shlex
import signal
import socket
import sys
import time
import webbrowser
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from actionset import store as disk
from actionset.members_address import MEMBERS_PAGE_ENV, members_address, members_lines
from actionset.members_page import MembersPage
from actionset.model.clock import MeetingClock
from actionset.model.clock_words import DOT, phase_label
from actionset.safe_text import safe

DEFAULT_PORT = 8110
PORTS_TRIED = 20
TEMPLATES = Path(__file__).parent / "templates"
LOOPBACK = "127.0.0.1"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost"})
# How long a tab's projector has to quit when asked before it is killed.
QUIT_SECONDS = 3.0
TITLE_EVERY_MS = 1000
# A browser may claim any terminal size; more cells than a 4K screen at the smallest letters
# would only make the projector work for nothing.
MOST_COLUMNS, MOST_ROWS = 500, 200


class ServeError(Exception):
    """The page cannot be served (no free port): one line for the facilitator."""


def projector_command(set_store: disk.SetStore, *, today: dt.date, theme: str | None) -> list[str]:
    """The one command a tab runs: the quit-only projector of this set in this sets folder."""
    command = [
        sys.executable,
        "-m",
        "actionset",
        "--sets-dir",
        str(set_store.folder.parent.resolve()),
        "--today",
        today.isoformat(),
        "project",
        set_store.slug,
        "--served",
    ]
    return [*command, "--theme", theme] if theme else command


def page_title(set_name: str, clock: MeetingClock | None) -> str:
    """The browser tab's title: the set's name and the phase the room is in."""
    if clock is None or clock.phase is None:
        return f"{set_name}{DOT}waiting for the meeting"
    if clock.ended:
        return f"{set_name}{DOT}meeting ended"
    return f"{set_name}{DOT}{phase_label(clock.phase)}"


class TabProjector(AppService):
    """One tab's projector process, started from its argument list with no shell between."""

    def __init__(
        self, argv: Sequence[str], *, environment: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = list(argv)
        self.environment = environment or {}

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(width=width, height=height) | self.environment
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(
            max(1, min(width, MOST_COLUMNS)), max(1, min(height, MOST_ROWS))
        )

    async def end(self) -> None:
        """Ask the projector to quit; kill it if it has not within a few seconds."""
        process = self._process
        if process is None or process.returncode is not None:
            return
        await self.send_meta({"type": "quit"})
        try:
            await asyncio.wait_for(process.wait(), QUIT_SECONDS)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
KINDS = frozenset({"stdin", "resize", "ping", "blur", "focus"})  # what textual-serve's page sends


class MessageDropped(Exception):
    """A tab's message that is not one its page sends: why, in a few words."""


def _is_size(data: dict[str, Any]) -> bool:
    return all(type(data.get(side)) is int for side in ("width", "height"))


class ProjectorServer(Server):
    """textual-serve's server with a fixed command, a guard on every request and a title."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        set_store: disk.SetStore,
        today: dt.date,
        set_name: str,
        colours: tuple[str, str] = ("#000000", "#FFFFFF"),
        lan: bool = False,
        token: str | None = None,
    ) -> None:
        super().__init__(shlex.join(argv), title=set_name, templates_path=TEMPLATES)
        self.argv = list(argv)
        self.set_store = set_store
        self.followed = set_store.followed_meeting(today)  # as each tab's projector follows
        self.set_name = set_name
        self.background, self.foreground = colours
        self.lan = lan
        self.token = token
        self.tabs: dict[TabProjector, web.WebSocketResponse] = {}
        self._title = page_title(set_name, None)
        self._seen = -1.0
        self.members_page = MembersPage(set_store, today=today, set_name=set_name)
        self.members_address: str | None = None

    @property
    def cookie(self) -> str:
        # Cookies ignore the port: two servers on one machine keep one each.
        return f"actionset-{self.port}"

    def allowed(self, request: web.Request) -> bool:
        """A request from a page of this server (and, under --lan, with the token)."""
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"{request.scheme}://{request.host}":
            return False  # another site's page reaching for the projector
        if self.token is None:
            # Only names of this machine: a web page cannot rebind its own name to us.
            return request.url.host in LOOPBACK_NAMES
        given = request.query.get("token") or request.cookies.get(self.cookie) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.allowed(request):
            from actionset.members_page import REFUSED, is_members

            projector = "this projector needs the address it printed"
            said = REFUSED if is_members(request.path) else projector
            raise web.HTTPForbidden(text=f"403: {said}.\n")
        response = await handler(request)
        if self.token is not None and request.path == "/" and not response.prepared:
            # The page's own requests (script, font, title, the terminal) carry the token.
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict")
        return response

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        app.router.add_get("/title", self.handle_title)
        app.router.add_routes(self.members_page.routes())
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing: `serve_projector` prints the address once it is bound."""

    @aiohttp_jinja2.template("projector.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        return {
            "name": self.set_name,
            "title": self._title,
            "background": self.background,
            "foreground": self.foreground,
            "title_every_ms": TITLE_EVERY_MS,
        }

    async def handle_title(self, request: web.Request) -> web.Response:
        return web.json_response({"title": await asyncio.to_thread(self.read_title)})

    def read_title(self) -> str:
        """The title as the set's files have it now, read again only when they changed."""
        if self.followed.follow():
            self._seen = -1.0
        stamp = self.set_store.meeting_mtime(self.followed.date)
        if stamp != self._seen:
            try:
                meeting = self.set_store.load_meeting(self.followed.date)
            except disk.StoreError:
                self.set_store.damaged.clear()  # keep the title it had
                return self._title
            self._seen = stamp
            clock = MeetingClock(meeting, time.time) if meeting and meeting.agenda else None
            self._title = page_title(self.set_name, clock)
        return self._title

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """A tab's terminal: its own projector process, which ends when the tab goes."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = max(1, min(to_int(request.query.get("width", "80"), 80), MOST_COLUMNS))
        height = max(1, min(to_int(request.query.get("height", "24"), 24), MOST_ROWS))
        await websocket.prepare(request)
        tab = TabProjector(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            environment={MEMBERS_PAGE_ENV: self.members_address} if self.members_address else None,
        )
        self.tabs[tab] = websocket
        try:
            await tab.start(width, height)
            await self.take_messages(websocket, tab)
        except asyncio.CancelledError:
            pass
        finally:
            await tab.end()
            await tab.stop()
            self.tabs.pop(tab, None)
            await websocket.close()
        return websocket

    async def take_messages(self, websocket: web.WebSocketResponse, tab: TabProjector) -> None:
        """What the tab's page sends, until it goes: keys, its size, a ping, focus and blur.

        Anything else (what no page of this server sends) is dropped and said in one line on
        stderr; textual-serve's own loop would end the tab on an assertion's traceback."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                await self.take_message(websocket, tab, message.data)
            except MessageDropped as exc:
                shown = message.data if len(message.data) <= 60 else message.data[:60] + "…"
                print(f"actionset: a tab sent {shown!r}; dropped it ({exc})", file=sys.stderr)

    async def take_message(
        self, websocket: web.WebSocketResponse, tab: TabProjector, text: str
    ) -> None:
        """One message of the page, as textual-serve's page sends it: `[kind, data]`."""
        try:
            envelope = json.loads(text)
        except ValueError:
            raise MessageDropped("not JSON") from None
        if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
            raise MessageDropped("not a [kind, data] list")
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await tab.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict) and _is_size(data):
            await tab.set_terminal_size(data["width"], data["height"])
        elif kind == "ping" and len(envelope) > 1:
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await tab.blur()
        elif kind == "focus":
            await tab.focus()
        else:
            raise MessageDropped(f"not a {kind} message" if kind in KINDS else "no such kind")

    async def end_tabs(self) -> None:
        """Every tab's projector asked to quit (killed if it will not) and its page told."""
        tabs = list(self.tabs.items())
        await asyncio.gather(*(tab.end() for tab, _ in tabs))
        await asyncio.gather(*(websocket.close() for _, websocket in tabs))

    async def bind(self, runner: web.AppRunner, port: int | None) -> int:
        """Listen on the port asked for, or on the first free one from 8110."""
        host = None if self.lan else LOOPBACK  # None: every address of the machine
        ports = [port] if port is not None else range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TRIED)
        for candidate in ports:
            self.port = candidate
            try:
                await web.TCPSite(runner, host=host, port=candidate).start()
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE and exc.errno != getattr(
                    errno, "WSAEADDRINUSE", None
                ):
                    raise ServeError(f"cannot listen on port {candidate}: {exc}") from None
                continue
            return candidate
        if port is not None:
            raise ServeError(f"port {port} is in use; choose another with --port N")
        raise ServeError(
            f"ports {DEFAULT_PORT} to {DEFAULT_PORT + PORTS_TRIED - 1} are all in use; "
            "choose one with --port N"
        )


# Documentation addresses (RFC 5737, RFC 3849): a UDP socket "connected" to one asks the
# system which of its addresses it would send from, and sends nothing.
NOWHERE = {socket.AF_INET: "192.0.2.1", socket.AF_INET6: "2001:db8::1"}


def outgoing_address(family: socket.AddressFamily) -> str | None:
    """The address this machine would send from to another network, or None (no route)."""
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect((NOWHERE[family], 9))
            return str(probe.getsockname()[0])
    except OSError:
        return None


def named_addresses() -> list[str]:
    """The addresses this machine's own name resolves to (on many laptops, loopback only)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None)
    except (OSError, UnicodeError):
        return []
    return [str(info[4][0]) for info in infos]


def lan_addresses(
    outgoing: Callable[[socket.AddressFamily], str | None] = outgoing_address,
    named: Callable[[], list[str]] = named_addresses,
) -> list[str]:
    """This machine's addresses that another device in the room might reach, as they go in a
    URL (IPv4 first): the one it sends from, and those of its name; never loopback."""
    import ipaddress

    found: set[ipaddress.IPv4Address | ipaddress.IPv6Address] = set()
    for text in [outgoing(socket.AF_INET), outgoing(socket.AF_INET6), *named()]:
        try:
            address = ipaddress.ip_address(text or "")
        except ValueError:
            continue  # none, or a scoped IPv6 address ("fe80::1%eth0"), which needs its zone
        unreachable = address.is_loopback or address.is_unspecified or address.is_multicast
        if not unreachable and not (address.version == 6 and address.is_link_local):
            found.add(address)
    ordered = sorted(found, key=lambda a: (a.version, a.packed))
    return [str(a) if a.version == 4 else f"[{a}]" for a in ordered]


def address_lines(name: str, port: int, token: str | None, lan: list[str] | None) -> list[str]:
    """What `project --serve` prints of where the page is: this machine's address, and under
    --lan (`lan`: `lan_addresses`) every one another device can reach, or that there is none."""
    query = f"?token={token}" if token else ""
    lines = [f"The projector of {safe(name)} is at http://{LOOPBACK}:{port}/{query}"]
    if lan is None:
        return lines
    if not lan:
        return [
            *lines,
            "  No address another device can reach was found: this machine is on no network. "
            "Join the room's network, then start it again.",
        ]
    return [*lines, *(f"  from another device in the room: http://{a}:{port}/{query}" for a in lan)]


def theme_colours(theme: str) -> tuple[str, str]:
    """(background, foreground) of the theme, for the page around the terminal's cells."""
    from textual.theme import BUILTIN_THEMES

    from actionset.app import PROJECTOR_THEMES

    themes = {t.name: t for t in PROJECTOR_THEMES} | BUILTIN_THEMES
    chosen = themes.get(theme)
    if chosen is None or chosen.background is None:
        return "#000000", "#FFFFFF"
    return chosen.background, chosen.foreground or ("#FFFFFF" if chosen.dark else "#000000")


def chosen_theme(theme: str | None) -> str:
    """--theme, else the remembered one, else the projector's: fixed for every tab."""
    from actionset.app import DEFAULT_THEME

    return theme or str(disk.load_preferences().get("theme") or DEFAULT_THEME)


def serve_projector(
    set_store: disk.SetStore,
    *,
    today: dt.date,
    theme: str | None = None,
    port: int | None = None,
    lan: bool = False,
    open_browser: bool = True,
) -> int:
    """`actionset project SET --serve`: serve the projector until ctrl+c."""
    the_set = set_store.load_set()
    name = chosen_theme(theme)
    server = ProjectorServer(
        projector_command(set_store, today=today, theme=name),
        set_store=set_store,
        today=today,
        set_name=the_set.name,
        colours=theme_colours(name),
        lan=lan,
        token=secrets.token_urlsafe(16) if lan else None,
    )
    try:
        asyncio.run(_serve(server, port, open_browser))
    except ServeError as exc:
        print(f"actionset: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass  # where no signal handler can be set (Windows): the servers are closed already
    return 0


async def _serve(server: ProjectorServer, port: int | None, open_browser: bool) -> None:
    runner = web.AppRunner(await server._make_app(), handle_signals=False, shutdown_timeout=2)
    await runner.setup()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        bound = await server.bind(runner, port)
        query = f"?token={server.token}" if server.token else ""
        url = f"http://{LOOPBACK}:{bound}/{query}"
        if server.lan:
            print(
                "actionset: warning: anyone on this network who has the address below can see "
                "the clock and whatever you show the room.",
                file=sys.stderr,
            )
        lan = await asyncio.to_thread(lan_addresses) if server.lan else None
        for line in address_lines(server.set_name, bound, server.token, lan):
            print(line, flush=True)
        server.members_address = members_address((lan or [LOOPBACK])[0], bound, server.token)
        for line in members_lines(
            server.members_address, lan=bool(lan), colour=sys.stdout.isatty()
        ):
            print(line, flush=True)
        print("Open it in a browser and press F11 for full screen. Ctrl+C stops it.", flush=True)
        if open_browser:
            await asyncio.to_thread(webbrowser.open, url)
        await stop.wait()
    finally:
        await server.end_tabs()
        await runner.cleanup()
