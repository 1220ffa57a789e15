"""Exception handlers a FastAPI/Starlette app registers for `HTTPException` (per file, for the summary).

Starlette's `ExceptionMiddleware` hands every raised `HTTPException` to the handler registered for its
class (`@app.exception_handler(HTTPException)` or `app.add_exception_handler(HTTPException, fn)`); when
that handler logs at error level, a 5xx `HTTPException` a route raises is reported there, whatever the
route did (project/http_exceptions.py decides whether the handler reports).
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver

HTTP_EXCEPTION_CLASSES = frozenset({"fastapi.HTTPException", "fastapi.exceptions.HTTPException", "starlette.exceptions.HTTPException"})
HANDLES_HTTP_EXCEPTION = "handles-http-exception:"  # prefix of a module tag naming the registered handler


def registered_http_handler(node: cst.Call, resolver: Resolver, current: str) -> Optional[str]:
    """The handler this call registers for `HTTPException`: the second argument of
    `add_exception_handler`, or `current` (the decorated function) for an `exception_handler(...)`
    decorator; None for any other call."""
    if not isinstance(node.func, cst.Attribute) or not node.args or node.args[0].keyword is not None:
        return None
    method = node.func.attr.value
    if method not in ("exception_handler", "add_exception_handler"):
        return None
    if resolver.qualified_name(node.args[0].value) not in HTTP_EXCEPTION_CLASSES:
        return None
    if method == "exception_handler":
        return current
    return resolver.qualified_name(node.args[1].value) if len(node.args) > 1 else None
