"""`actionset check`'s last line says where the problems are: the sets, programme.toml beside
them, or both."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DEMO, copy_set

from actionset import cli


@pytest.fixture
def sets_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "sets"
    copy_set(DEMO, folder / "demo")
    copy_set(DEMO, folder / "other")
    (folder / "programme.toml").write_text("facilitator_days = \n", encoding="utf-8")
    return folder


def checked(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> tuple[int, str]:
    status = cli.main(["--sets-dir", str(sets_dir), "check"])
    return status, capsys.readouterr().err.strip().splitlines()[-1]


def test_a_problem_in_programme_toml_is_named_there(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    status, last = checked(capsys, sets_dir)
    assert status == 1
    assert last == ("1 problem in programme.toml (none in 2 sets); the files are left as they are")


def test_problems_in_both_name_both(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> None:
    set_file = sets_dir / "demo" / "set.toml"
    set_file.write_text(
        set_file.read_text(encoding="utf-8").replace("name = ", 'name = "x"\nname = ', 1),
        encoding="utf-8",
    )
    status, last = checked(capsys, sets_dir)
    assert status == 1
    assert last == "2 problems in 2 sets and programme.toml; the files are left as they are"
