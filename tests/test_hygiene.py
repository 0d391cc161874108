"""Import hygiene: the record and the store stay free of Textual, and pydantic waits for a load."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, check=True, encoding="utf-8")
    return done.stdout


def test_model_and_store_do_not_import_textual() -> None:
    assert run("""
        import sys
        import actionset.model, actionset.store
        print("textual" in sys.modules, "rich" in sys.modules)
    """) == "False False\n"


def test_the_store_imports_pydantic_only_when_a_file_is_loaded(tmp_path: Path) -> None:
    (tmp_path / "set.toml").write_text('name = "North"\n', encoding="utf-8", newline="\n")
    assert run(f"""
        import sys
        from pathlib import Path
        from actionset.store import SetStore
        print("pydantic" in sys.modules)
        store = SetStore(Path({str(tmp_path)!r}))
        store.meeting_dates()
        print("pydantic" in sys.modules)
        print(store.load_set().name)
        print("pydantic" in sys.modules)
    """) == "False\nFalse\nNorth\nTrue\n"
