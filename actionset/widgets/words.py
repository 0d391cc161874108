"""People's words on a screen: a name, a title or a note from the files, with every control
character in it shown escaped by the rule of `actionset.safe_text`, never sent to the terminal.

Textual and Rich drop only a few controls (BEL, BS, VT, FF, CR) from what they draw: an ESC in
an issue's title would turn on reverse video, or swallow the rest of the line. Text that is
built piece by piece is escaped once it is whole, each style kept on its own characters.
"""

from __future__ import annotations

from itertools import accumulate

from rich.text import Span, Text

from actionset.safe_text import safe


def escaped(text: Text) -> Text:
    """`text` with its controls (all but its line breaks) written as `\\x1b`, styles kept."""
    plain = text.plain
    if safe(plain, "\n") == plain:
        return text
    ends = list(accumulate((len(safe(ch, "\n")) for ch in plain), initial=0))
    return Text(
        safe(plain, "\n"),
        style=text.style,
        justify=text.justify,
        overflow=text.overflow,
        no_wrap=text.no_wrap,
        end=text.end,
        tab_size=text.tab_size,
        spans=[Span(ends[s.start], ends[s.end], s.style) for s in text.spans],
    )
