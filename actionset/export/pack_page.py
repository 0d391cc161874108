"""The sponsor's pack as a page: one HTML file that loads nothing (its styles inline, its
charts inline SVG, a policy that refuses any address) and prints on A4 from a browser.

Every word a person typed reaches the page escaped (`text`); only the page's own markup and
the charts' SVG are written as they are.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from actionset.model.audience import TOO_FEW

CSS = """
:root { color-scheme: light; --ink: #1d232a; --quiet: #5b6570; --rule: #d9dee3;
        --gap: #b8474d; --band: #f3f6f8; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 60rem; padding: 1.5rem 2rem 3rem; line-height: 1.45;
       font-size: 15px; background: white; }
header { border-bottom: 3px solid var(--ink); margin-bottom: 1.25rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--rule);
     padding-bottom: .2rem; }
h2 .level { color: var(--quiet); font-weight: 600; margin-right: .4rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
p { margin: .3rem 0 .6rem; }
.told, .question, .source, .how { color: var(--quiet); }
.question { font-style: italic; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr));
         gap: .6rem; margin: 1rem 0; }
.tile { background: var(--band); padding: .6rem .8rem; border-radius: 4px; }
.tile .figure { font-size: 1.45rem; font-weight: 700; display: block; }
.tile .label { color: var(--quiet); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--rule);
         vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.number, th.number { text-align: right; white-space: nowrap; }
td:first-child { min-width: 6rem; }
td.whole { white-space: nowrap; }
table.ledger td:nth-child(2) { min-width: 14rem; }
.gap { color: var(--gap); font-weight: 600; }
.held-back { color: var(--quiet); font-weight: normal; }
.chart { margin: .5rem 0 1rem; }
.chart svg { width: 100%; height: auto; max-width: 720px; display: block; }
ul.warnings li { margin-bottom: .3rem; }
ul.how { font-size: .85rem; padding-left: 1.2rem; }
footer { margin-top: 2rem; border-top: 1px solid var(--rule); color: var(--quiet);
         font-size: .85rem; padding-top: .5rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 11pt; }
  tr, .chart, .tiles, p.question { break-inside: avoid; }
  h2, h3, p.question { break-after: avoid; }
  table { font-size: 9.5pt; }
  a { color: inherit; text-decoration: none; }
}
"""

POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The page's own content security policy: nothing is fetched from anywhere, no script runs."""


def text(words: object) -> str:
    """What a person typed, or a figure, escaped for the page."""
    return html.escape(str(words), quote=True)


def paragraph(words: str, css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f"<p{klass}>{text(words)}</p>"


def figure_cell(value: str, gap_words: Sequence[str]) -> str:
    """A figure; one reading one of `gap_words` marked: in red as a gap when nothing was
    collected, in plain grey when it is held back as too few to show (the app has it, and
    keeps it from this reader: no error)."""
    css = ""
    if gap_words and value.startswith(tuple(gap_words)):
        css = ' class="held-back"' if value.startswith(TOO_FEW) else ' class="gap"'
    return f"<span{css}>{text(value)}</span>"


def html_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[int] = (),
    marked: Sequence[str] = (),
    whole: Sequence[int] = (),
    css: str = "",
) -> str:
    """A table of escaped cells; the columns in `numeric` aligned right, those in `whole`
    kept on one line (dates); a cell reading one of `marked` ("not collected", "too few to
    show") shown as a gap."""

    def cell(tag: str, index: int, value: str) -> str:
        css = ' class="number"' if index in numeric else ' class="whole"' * (index in whole)
        return f"<{tag}{css}>{figure_cell(value, marked)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in rows
    )
    klass = f' class="{css}"' if css else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def tiles(figures: Sequence[tuple[str, str]], marked: Sequence[str] = ()) -> str:
    """The pack's headline figures, each a tile: (figure, what it is)."""
    cells = "".join(
        f'<div class="tile"><span class="figure">{figure_cell(value, marked)}</span>'
        f'<span class="label">{text(label)}</span></div>'
        for value, label in figures
    )
    return f'<div class="tiles">{cells}</div>'


def chart(svg: str) -> str:
    """A chart's SVG, as the charts module made it fit to sit inline."""
    return f'<div class="chart">{svg}</div>' if svg else ""


def bullets(lines: Sequence[str], css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f"<ul{klass}>" + "".join(f"<li>{text(line)}</li>" for line in lines) + "</ul>"


def page(title: str, body: Sequence[str]) -> str:
    """The whole page: its policy, its styles and its body."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
