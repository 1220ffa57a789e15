"""PRR1xx: errors that are swallowed instead of reported (checklist item PRR-ERR)."""

from __future__ import annotations

from typing import Optional, Tuple, Union

import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule
from prr_lint.sinks import reports_error
from prr_lint.tree import descendants

BROAD_EXCEPTIONS = frozenset({"builtins.Exception", "builtins.BaseException"})
Handler = Union[cst.ExceptHandler, cst.ExceptStarHandler]


class SwallowedException(Rule):
    """A handler that catches every exception and neither re-raises nor reports it.

    What it does
        Reports `except:`, `except Exception:` and `except BaseException:` (also inside a tuple,
        and `except*`) whose body neither re-raises nor reports the error: logging at error level
        or above (`logger.error/exception/critical`, `log(logging.ERROR, ...)`) on a logger the
        resolver can type, or a call to an error tracker such as `sentry_sdk.capture_exception`.
        Narrow handlers (`except KeyError:`) are left alone: they express an expected case.

    Why is this bad?
        A swallowed error never reaches central logging or error tracking, so the failure it
        causes downstream (a wrong answer, a degraded response, a lost write) cannot be seen,
        counted or alerted on. The PRR asks whether the service reports all exceptional
        conditions; a catch-all that stays silent is the most common way it does not.

    Example
        try:
            charge(order)
        except Exception:
            pass

    Use instead
        try:
            charge(order)
        except Exception:
            logger.exception("charging order %s failed", order.id)
            raise

    Options
        None yet.

    References
        PRR-ERR: "Does the service report errors to central logging systems for analysis? Does it
        report all exceptional conditions that result in degraded responses or failures to the
        end users?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR101"
    name = "swallowed-exception"
    severity = Severity.ERROR
    checklist = ("PRR-ERR",)
    summary = "A catch-all exception handler neither re-raises nor reports the error"
    triggers = ("except",)
    service_only = True
    VALID = (
        Example(
            "import logging\nlog = logging.getLogger(__name__)\n\ndef f():\n    try:\n        g()\n"
            "    except Exception:\n        log.exception('g failed')\n"
        ),
        Example("def f():\n    try:\n        g()\n    except Exception as exc:\n        raise RuntimeError('g') from exc\n"),
        Example("import sentry_sdk as sentry\n\ndef f():\n    try:\n        g()\n    except Exception as exc:\n        sentry.capture_exception(exc)\n"),
        Example("def f(d):\n    try:\n        return d['k']\n    except KeyError:\n        return None\n"),
        Example(
            "import logging\n\ndef f():\n    try:\n        g()\n    except BaseException:\n"
            "        logging.log(logging.CRITICAL, 'g failed')\n"
        ),
        Example("def f():\n    try:\n        g()\n    except Exception:\n        pass\n", path="tests/test_f.py"),
    )
    INVALID = (
        Example("def f():\n    try:\n        g()\n    except Exception:  # expect: PRR101\n        pass\n"),
        Example("def f():\n    try:\n        g()\n    except:  # expect: PRR101\n        return None\n"),
        Example("def f(items):\n    for i in items:\n        try:\n            g(i)\n        except (ValueError, Exception):  # expect: PRR101\n            continue\n"),
        Example(
            "import logging\nlogger = logging.getLogger(__name__)\n\ndef f():\n    try:\n        g()\n"
            "    except Exception as exc:  # expect: PRR101\n        logger.info('g failed: %s', exc)\n"
        ),
        Example("def f():\n    try:\n        g()\n    except* Exception:  # expect: PRR101\n        pass\n"),
        Example(
            "import builtins\n\ndef f():\n    try:\n        g()\n"
            "    except builtins.BaseException:  # expect: PRR101\n        pass\n"
        ),
    )

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._check(node)

    def visit_ExceptStarHandler(self, node: cst.ExceptStarHandler) -> None:
        self._check(node)

    def _check(self, handler: Handler) -> None:
        caught = self._broad_name(handler)
        if caught is None:
            return
        callees = self._callees_unless_reported(handler)
        if callees is None:
            return
        message = f"{caught} swallows the error: {self._describe(handler)}, without re-raising it or reporting it at error level"
        # A call to a project function may be a reporter helper: only the project phase can tell.
        self.report(handler, message, "unless-reporter", callees) if callees else self.report(handler, message)

    def _broad_name(self, handler: Handler) -> Optional[str]:
        if handler.type is None:
            return "a bare `except:`"
        candidates = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
        for candidate in candidates:
            expr = candidate.value if isinstance(candidate, cst.Element) else candidate
            name = self.ctx.resolver.qualified_name(expr)
            if name in BROAD_EXCEPTIONS:
                return f"`except {name.split('.')[-1]}`"
        return None

    def _callees_unless_reported(self, handler: Handler) -> Optional[Tuple[str, ...]]:
        """None when the handler re-raises or reports; else the names of the functions it calls."""
        callees = []
        for node in descendants(handler.body):
            if isinstance(node, cst.Raise):
                return None
            if isinstance(node, cst.Call):
                if reports_error(node, self.ctx.resolver):
                    return None
                name = self.ctx.resolver.qualified_name(node.func)
                if name is not None and not name.startswith("builtins."):
                    callees.append(name)
        return tuple(dict.fromkeys(callees))

    @staticmethod
    def _describe(handler: Handler) -> str:
        body = handler.body.body
        if len(body) == 1 and isinstance(body[0], cst.SimpleStatementLine) and len(body[0].body) == 1:
            only = body[0].body[0]
            if isinstance(only, cst.Pass):
                return "the handler only passes"
            if isinstance(only, cst.Continue):
                return "the handler skips to the next iteration"
            if isinstance(only, cst.Return):
                return "the handler returns a fallback value"
        return "the handler carries on"
