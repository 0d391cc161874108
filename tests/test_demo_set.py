"""The example set in sets/demo is exactly what tests/make_demo_set.py writes."""

from __future__ import annotations

from pathlib import Path

from conftest import DEMO
from make_demo_set import write_demo


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and not path.name.startswith(".console.")
        # where an older version kept its cache, if one ran in the repository's sets
        and ".cache" not in path.relative_to(folder).parts
    }


def test_the_demo_set_is_what_its_generator_writes(tmp_path: Path) -> None:
    write_demo(tmp_path / "demo")
    written, shipped = _files(tmp_path / "demo"), _files(DEMO)
    assert sorted(written) == sorted(shipped)
    differ = [name for name in written if written[name] != shipped[name]]
    assert not differ, (
        "sets/demo differs from its generator; regenerate it with "
        f"`uv run python tests/make_demo_set.py`: {differ}"
    )
