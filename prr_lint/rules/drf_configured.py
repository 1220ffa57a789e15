"""PRR104's verdict on a `def f(exc, context)` that answers errors itself, which Django settings may name in
`REST_FRAMEWORK["EXCEPTION_HANDLER"]` (the project phase checks that they do: project/phase.py).

It answers for the whole API, so it must report what it answers, unless DRF or a library does: the errors it returns
None for DRF re-raises for Django to log, and drf-standardized-errors' handler, whose answer it may return as it is,
reports a server fault itself (rules/drf_library.py). Its own answers must then be the client's errors
(drf_handlers.py `drf_swallows`), and the class that answers must keep the library's report (project/drf_library.py:
the class the library's settings name, for its function).
"""

from __future__ import annotations

from typing import Callable, Optional, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.model import DRF_LIBRARY_REPORTS
from prr_lint.rules.drf_handlers import drf_swallows, reraises_some
from prr_lint.rules.drf_library import library_answers

CONFIGURED = "configured-drf-handler"  # pending: unless the settings name none of it, or a callee reports (project/phase.py)

Reports = Callable[[cst.FunctionDef], Tuple[bool, Tuple[str, ...]]]


def configured_handler_finding(function: cst.FunctionDef, ctx: FileContext, reports: Reports) -> Optional[Tuple[str, str, Tuple[str, ...]]]:
    """(message, pending condition, subjects) of the finding on the handler, or None when it reports or leaves every
    error it does not answer as the client's to DRF or to a reporting library. `reports`: whether a function reports
    itself, and the callees that might (the rule's decision for every registered handler)."""
    name, qualname = function.name.value, ctx.resolver.scope.qualname
    reraising = reraises_some(function)  # the errors it returns None for, DRF re-raises for Django to log
    handed = library_answers(function, ctx)
    swallows = drf_swallows(function, ctx, reraising, frozenset(handed)) if reraising or handed else True
    if not swallows and not handed:
        return None
    reported, callees = reports(function)
    if reported:
        return None
    start = f"the DRF exception handler `{name}` (REST_FRAMEWORK['EXCEPTION_HANDLER']) answers"
    if not swallows:  # its own answers are the client's errors: the class that answers decides
        answering = tuple(dict.fromkeys(subject for found in handed.values() for subject in found))
        shown = ", ".join(f"`{subject.rsplit('.', 1)[-1]}`" for subject in answering)
        message = (f"{start} API errors through {shown}, which may not report them (the class that answers may drop how "
                   "drf-standardized-errors reports, or is none of its handlers): errors of the whole API go unreported")
        return message, DRF_LIBRARY_REPORTS, (qualname, ",".join(answering), *callees)
    answered = "errors that are not APIExceptions" if reraising else "API errors" if handed else "every API error"
    return f"{start} {answered} itself without reporting it: errors of the whole API go unreported", CONFIGURED, (qualname, *callees)
