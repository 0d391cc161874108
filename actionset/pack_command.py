"""`report --format html`: the sponsor's pack of the programme, or of one set, read through the
store and written as one HTML page (`actionset.export.pack`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from actionset.model import Set
    from actionset.model.audience import Audience, Reader
    from actionset.store import SetsFolder

HTML = "html"


def programme_pack(folder: SetsFolder, reader_for: Callable[[Set], Reader], today: dt.date) -> str:
    """Every set's pack, with the programme's cost from programme.toml; each set's part as
    `reader_for` it may read it."""
    from actionset.export.pack import pack_html, pack_title
    from actionset.export.set_record import read_set_record
    from actionset.export.voice import read_set_voice
    from actionset.model.audience import Audience
    from actionset.model.programme import programme
    from actionset.model.voice_report import programme_reaction, programme_self_assessment
    from actionset.store import SetStore

    stores = [SetStore(folder.path_for(slug)) for slug in folder.slugs()]
    records = [read_set_record(store) for store in stores]
    voices = [read_set_voice(store) for store in stores]
    figures = programme(records, today, folder.load_programme())
    readers = [reader_for(record.the_set) for record in records]
    audience = readers[0].audience if readers else Audience.set
    return pack_html(
        figures,
        records,
        readers,
        today,
        title=pack_title(figures, None, "", audience),
        reaction=programme_reaction(voices),
        assessment=programme_self_assessment(voices),
    )


def set_pack(folder: SetsFolder, slug: str, audience: Audience, today: dt.date) -> str:
    """One set's pack, with its share of the programme's cost (`value.set_cost`)."""
    from actionset.export.pack import pack_html, pack_title
    from actionset.export.set_record import read_set_record
    from actionset.model.audience import Reader
    from actionset.model.programme import Programme, programme
    from actionset.model.value import set_cost
    from actionset.store import SetStore

    file = folder.load_programme()
    records = [read_set_record(SetStore(folder.path_for(s))) for s in folder.slugs()]
    every = programme(records, today, file)
    index = folder.slugs().index(slug)
    part = every.sets[index]
    if file is not None and file.cost is not None:
        file = file.model_copy(update={"cost": set_cost(file.cost, part, every.sets)})
    from actionset.export.voice import read_set_voice
    from actionset.model.voice_report import reaction, self_assessment

    reader = Reader(audience, records[index].the_set)
    figures = Programme([part], file)
    title = pack_title(figures, part, reader.set_label(), audience)
    voice = read_set_voice(SetStore(folder.path_for(slug)))
    return pack_html(
        figures,
        [records[index]],
        [reader],
        today,
        title=title,
        reaction=reaction(voice),
        assessment=self_assessment(voice),
    )
