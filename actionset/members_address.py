"""Where the members' page is: its address with the token, the lines `project --serve` prints
of it (its QR code among them), and how the server hands it to each tab's projector."""

from __future__ import annotations

PAGE_PATH = "/voice"
"""The members' page on the projector's server (`actionset.members_page`)."""


MEMBERS_PAGE_ENV = "ACTIONSET_MEMBERS_PAGE"
"""The members' page's address, handed by the server to each tab's projector (never on its
command line), so that the projector can draw it as a QR code when the console asks."""


def members_address(host: str, port: int, token: str | None) -> str:
    """The members' page on `host`, with the token the server asks for."""
    query = f"?token={token}" if token else ""
    return f"http://{host}:{port}{PAGE_PATH}{query}"


def members_lines(address: str, *, lan: bool, colour: bool) -> list[str]:
    """What `project --serve` prints of the members' page: its address and its QR code."""
    from actionset.qr import terminal_lines

    lines = [f"The members' page, for their phones: {address}"]
    if not lan:
        lines.append("  on this machine only: --lan serves it to phones on the room's network")
    return [*lines, *terminal_lines(address, colour=colour)]
