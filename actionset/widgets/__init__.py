"""Reusable widgets of the meeting screens."""
