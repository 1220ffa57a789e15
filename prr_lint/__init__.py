"""prr-lint: checks Python services against the questions of a Production Readiness Review."""

__version__ = "0.1.0"
