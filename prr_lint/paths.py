"""Which files are the service: tests and tool scripts are not (kept free of libcst for cache hits)."""

from __future__ import annotations

import re

_TEST_PATH = re.compile(r"(^|/)(tests?|testing)/|(^|/)test_[^/]*\.pyi?$|_tests?\.pyi?$|(^|/)conftest\.py$")
# Files that run on a developer's or CI machine, never in the service: build and doc scripts, and
# hidden tool folders. Not `tasks.py`: that is where Celery tasks live, which are service code (the
# serving analysis tells batch code from request paths); an invoke `tasks.py` is rare enough.
_TOOL_PATH = re.compile(r"(^|/)(setup|noxfile|fabfile|manage|__main__)\.py$|(^|/)docs?/conf\.py$|(^|/)\.[^/]+/")


def is_service_path(path: str) -> bool:
    """False for tests and for scripts that never run inside the service."""
    return not (_TEST_PATH.search(path) or _TOOL_PATH.search(path))
