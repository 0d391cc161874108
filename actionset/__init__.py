"""actionset: run Action Learning set meetings from the terminal."""

__version__ = "0.1.0"
