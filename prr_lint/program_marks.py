"""Facts about the whole program that one statement states, kept as tags of its module's summary."""

from __future__ import annotations

from typing import List

import libcst as cst

from prr_lint.http_handlers import HANDLES_HTTP_EXCEPTION, registered_http_handler
from prr_lint.model import KEEPS_TASK_STDOUT
from prr_lint.resolve import Resolver
from prr_lint.task_stdout import keeps_task_stdout


def program_marks(node: cst.CSTNode, resolver: Resolver, current: str = "") -> List[str]:
    """Celery's output redirection turned off (task_stdout.py); a handler registered for
    `HTTPException` (http_handlers.py), named; `current` is the function a decorator call is on."""
    marks = [KEEPS_TASK_STDOUT] if keeps_task_stdout(node) else []
    handler = registered_http_handler(node, resolver, current) if isinstance(node, cst.Call) else None
    return marks + ([HANDLES_HTTP_EXCEPTION + handler] if handler else [])
