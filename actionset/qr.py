"""An address drawn as a QR code in text, two modules to a character (▀ ▄ █), for a terminal
and for the projector: a phone's camera reads it off either."""

from __future__ import annotations

BORDER = 2
"""Light modules around the code: enough for a phone's camera against a light ground."""
CELLS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
"""The character for a column's two modules, (top, bottom), True for dark; drawn dark on
light, the dark ones in the letters' colour."""


def qr_lines(text: str) -> list[str]:
    """`text` as a QR code, in lines of equal length, to be shown dark on light."""
    import segno

    code = segno.make(text, error="m", micro=False)
    rows = [[bool(module) for module in row] for row in code.matrix_iter(border=BORDER)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [
        "".join(CELLS[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]


def terminal_lines(text: str, *, colour: bool) -> list[str]:
    """The code for a terminal: black on white when it takes colours (a dark terminal would
    show it inverted, which some cameras do not read)."""
    lines = qr_lines(text)
    if not colour:
        return lines
    return [f"\x1b[30;47m{line}\x1b[0m" for line in lines]
