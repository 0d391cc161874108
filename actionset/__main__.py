"""`python -m actionset` and the `actionset` command: hands the arguments to the command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from actionset.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
