"""Project decorators that are another decorator under a new name: `def task(f): return invoke.task(f)`.

A module `def` that hands what it decorates to a decorator and returns what that gives back makes whatever it
decorates exactly what that decorator makes: kotori's `@task` from `tasks/util.py` makes invoke tasks. It takes
one parameter and passes it alone (`return invoke.task(f)`, `return click.command()(f)`), or takes `*args,
**kwargs` and passes both on (`return app.task(*args, **kwargs)`), perhaps with arguments of its own that run
nothing (`klass=ProjectTask`), and may before that set attributes of that one parameter to values that run
nothing (`f.__annotations__ = {}`). One that does any other work (stores the function in a registry, starts a
thread, calls anything else), returns something else, is decorated itself, async, or bound twice in its module
is no alias. The tag, made at the `def`, names the decorator as the `def`'s module resolves it; the project
phase puts that name in place of the alias wherever a function is decorated with it
(project/decorator_aliases.py), so every table of framework decorators knows it.
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import KindOf, chain_root, descendants
from prr_lint.wrapper_defs import undecorated_module_def

# The tag of a module function that is another decorator under its name, + that decorator's qualified name.
DECORATES_AS = "decorates-as:"
# What a value set on the decorated function may not hold: anything that runs code or reads the function.
_RUNS = KindOf(cst.Call, cst.Lambda, cst.Await, cst.Yield, cst.NamedExpr, cst.ListComp, cst.SetComp, cst.DictComp,
               cst.GeneratorExp)
_Passed = Tuple[Tuple[str, str], ...]  # (star, name) of each argument the alias hands on, in order


def alias_tags(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """`[DECORATES_AS + name]` when the module function `node` (in the resolver's scope of it) is the decorator
    `name` under its own name, else `[]`."""
    if not undecorated_module_def(node, resolver.scope) or not isinstance(node.body, cst.IndentedBlock):
        return []
    passed = _passed(node.params)
    lines = node.body.body
    if passed is None or not all(isinstance(line, cst.SimpleStatementLine) for line in lines):
        return []
    statements = [small for line in lines for small in line.body]  # type: ignore[union-attr]
    if statements and _is_docstring(statements[0]):
        statements = statements[1:]
    if not statements or not all(_sets_attribute(statement, passed) for statement in statements[:-1]):
        return []
    name = _returned_decorator(statements[-1], passed, resolver)
    return [DECORATES_AS + name] if name else []


def _passed(params: cst.Parameters) -> Optional[_Passed]:
    """What an alias with these parameters hands on: its one parameter, or its `*args, **kwargs`; None for others."""
    if params.posonly_params or params.kwonly_params:
        return None
    star, double = params.star_arg, params.star_kwarg
    if len(params.params) == 1 and not isinstance(star, cst.Param) and double is None and params.params[0].default is None:
        return (("", params.params[0].name.value),)
    if not params.params and isinstance(star, cst.Param) and double is not None:
        return (("*", star.name.value), ("**", double.name.value))
    return None


def _is_docstring(statement: cst.BaseSmallStatement) -> bool:
    return isinstance(statement, cst.Expr) and isinstance(statement.value, (cst.SimpleString, cst.ConcatenatedString))


def _sets_attribute(statement: cst.BaseSmallStatement, passed: _Passed) -> bool:
    """`f.__annotations__ = {}`: an attribute of the one parameter set to a value that runs nothing and holds no
    parameter (the function stored nowhere)."""
    if len(passed) != 1 or not isinstance(statement, cst.Assign) or len(statement.targets) != 1:
        return False
    target = statement.targets[0].target
    if not isinstance(target, cst.Attribute) or not isinstance(target.value, cst.Name) or target.value.value != passed[0][1]:
        return False
    return _inert(statement.value, passed)


def _inert(value: cst.BaseExpression, passed: _Passed) -> bool:
    """`value` runs nothing and holds none of the alias's parameters."""
    names = {name for _, name in passed}
    return not any(_RUNS[type(part)] or isinstance(part, cst.Name) and part.value in names for part in (value, *descendants(value)))


def _returned_decorator(statement: cst.BaseSmallStatement, passed: _Passed, resolver: Resolver) -> str:
    """The qualified name of the decorator `return deco(f)` (or `return deco(*args, **kwargs)`, `return deco(...)(f)`)
    hands exactly the alias's parameters to, with arguments of its own that run nothing (`klass=ProjectTask`), ""
    for any other statement."""
    if not isinstance(statement, cst.Return) or not isinstance(statement.value, cst.Call):
        return ""
    call = statement.value
    decorator = call.func
    if isinstance(decorator, cst.Call):  # `return click.command()(f)`: what `@click.command()` makes
        if not all(_inert(arg.value, passed) for arg in decorator.args):
            return ""
        decorator = decorator.func
    if _arguments(call.args, passed) != passed or chain_root(decorator) in {name for _, name in passed}:
        return ""
    return resolver.qualified_name(decorator) or ""


def _arguments(args: Sequence[cst.Arg], passed: _Passed) -> Optional[_Passed]:
    """(star, name) of the arguments a call hands on but its keywords, None when one is anything else."""
    handed = [arg for arg in args if arg.keyword is None]
    if not all(isinstance(arg.value, cst.Name) for arg in handed) \
            or not all(_inert(arg.value, passed) for arg in args if arg.keyword is not None):
        return None
    return tuple((arg.star, arg.value.value) for arg in handed)  # type: ignore[attr-defined]
