"""A class's decorators as its module's summary records them (ModuleSummary.class_decorators): what may register the
class, each with the first string it is given. `@six.add_metaclass(abc.ABCMeta)`, the Python 2 spelling of
`metaclass=ABCMeta`, makes an abstract base and registers the class nowhere, so it is no decorator here."""

from __future__ import annotations

from typing import List, Tuple

import libcst as cst

from prr_lint.entry_marks import decorator_argument, object_key
from prr_lint.resolve import Resolver

# Class decorators that set a class's metaclass (`@six.add_metaclass(ABCMeta)`).
_METACLASS_SETTERS = frozenset({"six.add_metaclass"})


def class_decorators(node: cst.ClassDef, resolver: Resolver) -> List[Tuple[str, str]]:
    """(name, first string argument) of each of the class's decorators but an abstract base's metaclass setter."""
    decorators = []
    for decorator in node.decorators:
        target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
        name = resolver.qualified_name(target) or object_key(resolver, target)
        if name and not _abstract_base(decorator.decorator, name, resolver):
            decorators.append((name, decorator_argument(decorator)))
    return decorators


def _abstract_base(decorator: cst.BaseExpression, name: str, resolver: Resolver) -> bool:
    return name in _METACLASS_SETTERS and isinstance(decorator, cst.Call) and len(decorator.args) == 1 \
        and resolver.qualified_name(decorator.args[0].value) == "abc.ABCMeta"
