"""Code that runs inside logging itself (PRR101/PRR102): a method of a logging handler, filter or
formatter, by the classes it derives from. Logging cannot report its own failure: a record logged
from `Filter.filter` or `Formatter.format` goes through the same filters and formatters again (and
`logging.Handler.handleError` is the standard library's own choice to print and go on). Keyed on the
class's bases, resolved through the module's own classes, never on a method's or class's spelling.
"""

from __future__ import annotations

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.resolve import Resolver
from prr_lint.rules.how_it_runs import in_logging_handler, in_subclass_of, subclasses

# The standard library's logging classes whose methods logging calls while it handles a record.
LOGGING_PARTS = frozenset({"logging.Filter", "logging.Formatter", "logging.BufferingFormatter", "logging.Filterer"})
_PART_SUFFIXES = ("Filter", "Formatter")


def in_logging_plumbing(ctx: FileContext) -> bool:
    """Inside a method of a logging handler (how_it_runs), filter or formatter subclass: the standard
    library's, or a logging library's (`pythonjsonlogger.jsonlogger.JsonFormatter`), directly or
    through classes of this module."""
    return in_logging_handler(ctx) or in_subclass_of(ctx, _logging_part)


def _logging_part(name: str) -> bool:
    """A filter or formatter class of `logging` or of a logging library (its module names logging)."""
    module, _, cls = name.rpartition(".")
    return name in LOGGING_PARTS or (cls.endswith(_PART_SUFFIXES) and "log" in module.lower())


def derives_from_logging_part(node: cst.ClassDef, resolver: Resolver) -> bool:
    """The class derives from a logging filter or formatter (`_logging_part`), through this module's classes too."""
    return subclasses(node, resolver, _logging_part)
