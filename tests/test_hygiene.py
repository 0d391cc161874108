"""Import hygiene: the record and the store stay free of Textual, and pydantic waits for a load."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    return done.stdout


def test_model_store_and_session_do_not_import_textual() -> None:
    assert (
        run("""
        import sys
        import actionset.model, actionset.store, actionset.session
        print("textual" in sys.modules, "rich" in sys.modules)
    """)
        == "False False\n"
    )


def test_opening_a_session_does_not_import_textual(tmp_path: Path) -> None:
    from conftest import DEMO, copy_set

    copy_set(DEMO, tmp_path / "demo")
    assert (
        run(f"""
        import sys, datetime as dt
        from pathlib import Path
        from actionset import store
        from actionset.session import open_console
        folder = store.SetsFolder(Path({str(tmp_path)!r}))
        with open_console(folder.find("demo"), folder, dt.date(2026, 11, 21)) as session:
            print(session.meeting.date, "textual" in sys.modules)
    """)
        == "2026-11-21 False\n"
    )


def test_the_store_imports_pydantic_only_when_a_file_is_loaded(tmp_path: Path) -> None:
    (tmp_path / "set.toml").write_text('name = "North"\n', encoding="utf-8", newline="\n")
    assert (
        run(f"""
        import sys
        from pathlib import Path
        from actionset.store import SetStore
        print("pydantic" in sys.modules)
        store = SetStore(Path({str(tmp_path)!r}))
        store.meeting_dates()
        print("pydantic" in sys.modules)
        print(store.load_set().name)
        print("pydantic" in sys.modules)
    """)
        == "False\nFalse\nNorth\nTrue\n"
    )
