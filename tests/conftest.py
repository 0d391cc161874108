"""Shared fixtures and plugins for the test suite."""

pytest_plugins = ["advice_report"]
