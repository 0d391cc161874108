"""`actionset sync` on the 100-meeting set, each figure beside a baseline measured in the same
run: `uv run python benchmarks/sync_bench.py [--pairs N]` (about two minutes).

Two laptops share the set through a bare repository in a folder, as on a shared drive or a USB
stick. Each figure is the median of alternating pairs (A B A B ...; see run.py), each run a
new process as a facilitator starts it; what a run needs first (a meeting held, the other
laptop synced) is done before the clock starts.

  nothing new   `actionset sync` with nothing changed on either side, against `git status` in
                the same repository (git's cheapest look at the folder) and against a plain
                copy of the set's folder (what a facilitator did by hand)
  send          a meeting held here (its file, 20 tags, an action) sent: against the git
                command doing the same (`git add -A`, `git commit`, `git fetch`, `git push`)
                on a laptop with the same change, and against a plain copy
  receive       the other laptop's meeting brought in (fetch, fast-forward), against a copy
  merge         a meeting held here while the other laptop changed an action: commit, fetch,
                merge record by record, push; against a copy
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_big_set import write_big_set  # noqa: E402
from run import (  # noqa: E402
    BIG,
    Row,
    actionset_command,
    alternate,
    compile_bytecode,
    machine,
    print_table,
    record,
)


class Laptops:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.shared = root / "usb" / "long-history.git"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("ACTIONSET_")}
        self.env["ACTIONSET_CONFIG_DIR"] = str(root / "config")
        self.env["ACTIONSET_CACHE_DIR"] = str(root / "cache")
        self.day = dt.date(2026, 12, 1)

    def sets(self, name: str) -> Path:
        return self.root / name / "sets"

    def folder(self, name: str) -> Path:
        return self.sets(name) / BIG

    def sync(self, name: str, *extra: str) -> Callable[[], float]:
        argv = [*actionset_command(), "--sets-dir", str(self.sets(name)), "sync", BIG, *extra]

        def run() -> float:
            started = time.perf_counter()
            done = subprocess.run(argv, capture_output=True, text=True, env=self.env, check=False)
            took = time.perf_counter() - started
            if done.returncode != 0:
                raise SystemExit(f"sync on {name} failed: {done.stdout}{done.stderr}")
            return took

        return run

    def held(self, name: str) -> None:
        """A meeting held on that laptop, through the store (not timed)."""
        from actionset import store as disk
        from actionset.model import Action
        from actionset.model.codebook import codebook_for
        from actionset.model.contributions import Tagger
        from actionset.session import open_meeting

        self.day += dt.timedelta(days=1)
        store = disk.SetStore(self.folder(name))
        meeting = open_meeting(store, disk.SetsFolder(self.sets(name)), self.day)
        the_set = store.load_set()
        members = [m.name for m in the_set.current_members]
        code = codebook_for(the_set)[0].name
        tagger = Tagger(store.read_journal(self.day).events)
        with store.journal(self.day) as journal:
            for n in range(20):
                member = members[n % len(members)]
                journal.append(tagger.tag(member=member, code=code, phase="Probe", presenter=""))
        actions = store.load_actions()
        actions.append(
            Action(id=f"step-{self.day}", owner=members[0], text="A step", agreed_at=self.day)
        )
        store.save_actions(actions)
        meeting.closed = True
        store.save_meeting(meeting)

    def action_changed(self, name: str) -> None:
        from actionset import store as disk

        store = disk.SetStore(self.folder(name))
        actions = store.load_actions()
        actions[0].text = f"{actions[0].text}."
        store.save_actions(actions)


def timed(argv: list[str], env: dict[str, str], before: Callable[[], None] | None = None):  # type: ignore[no-untyped-def]
    def run() -> float:
        if before is not None:
            before()
        started = time.perf_counter()
        subprocess.run(argv, capture_output=True, env=env, check=True)
        return time.perf_counter() - started

    return run


def then(prepare: Callable[[], None], measured: Callable[[], float]) -> Callable[[], float]:
    def run() -> float:
        prepare()
        return measured()

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=7, help="pairs per figure (default 7)")
    pairs = max(3, parser.parse_args(argv).pairs)
    print(f"# actionset sync: {machine()}", file=sys.stderr, flush=True)
    compile_bytecode()
    git = shutil.which("git")
    with tempfile.TemporaryDirectory(prefix="actionset-sync-bench-") as tmp:
        laptops = Laptops(Path(tmp))
        (laptops.root / "usb").mkdir()
        write_big_set(laptops.sets("a"))
        laptops.sync("a", "--remote", str(laptops.shared))()
        laptops.sync("b", "--remote", str(laptops.shared))()
        copy_to = laptops.root / "usb" / "copy"
        source = laptops.folder("a")
        copy = timed(
            [
                sys.executable,
                "-c",
                f"import shutil; shutil.copytree({str(source)!r}, "
                f"{str(copy_to)!r}, ignore=shutil.ignore_patterns('.git'))",
            ],
            laptops.env,
            lambda: shutil.rmtree(copy_to, ignore_errors=True),
        )

        if git:
            a, b, r = alternate(
                laptops.sync("a"), timed([git, "-C", str(source), "status"], laptops.env), pairs
            )
            record(Row("sync, nothing new vs git status", a, b, "s", "git status", paired=r))
        a, b, r = alternate(laptops.sync("a"), copy, pairs)
        record(Row("sync, nothing new vs a copy", a, b, "s", "a copy", paired=r))

        send = then(lambda: laptops.held("a"), laptops.sync("a"))
        a, b, r = alternate(send, copy, pairs)
        record(Row("sync, a meeting sent vs a copy", a, b, "s", "a copy", paired=r))
        if git:
            by_git = laptops.root / "git" / BIG
            subprocess.run(
                [git, "clone", "-q", "-b", "main", str(laptops.shared), str(by_git)],
                check=True,
                capture_output=True,
                env=laptops.env,
            )
            script = (
                "set -e; git add -A; git -c user.name=B -c user.email=b@b commit -qm meeting; "
                "git fetch -q origin; git push -q origin HEAD:refs/heads/side"
            )

            def held_for_git() -> None:
                laptops.held("a")
                laptops.sync("a")()
                shutil.copytree(
                    laptops.folder("a"),
                    by_git,
                    dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".git"),
                )

            a, b, r = alternate(
                then(lambda: laptops.held("a"), laptops.sync("a")),
                timed(["sh", "-c", f"cd {str(by_git)!r} && {script}"], laptops.env, held_for_git),
                pairs,
            )
            record(Row("sync, a meeting sent vs the git command", a, b, "s", "git", paired=r))

        def other_sent() -> None:
            laptops.held("a")
            laptops.sync("a")()

        a, b, r = alternate(then(other_sent, laptops.sync("b")), copy, pairs)
        record(Row("sync, a meeting received vs a copy", a, b, "s", "a copy", paired=r))

        def both_changed() -> None:
            laptops.action_changed("a")
            laptops.sync("a")()
            laptops.held("b")

        a, b, r = alternate(then(both_changed, laptops.sync("b")), copy, pairs)
        record(Row("sync, merged both ways vs a copy", a, b, "s", "a copy", paired=r))
    print(f"\nactionset sync on the 100-meeting set: {machine()}; medians of {pairs} pairs")
    print_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
