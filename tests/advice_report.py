"""A pytest plugin that prints the figures tests measured (`record_property`) after the run."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = [
        f"{name}: {value}"
        for report in terminalreporter.stats.get("passed", [])
        if getattr(report, "when", "") == "call"
        for name, value in getattr(report, "user_properties", [])
    ]
    if lines:
        terminalreporter.section("measured")
        for line in lines:
            terminalreporter.write_line(line)
