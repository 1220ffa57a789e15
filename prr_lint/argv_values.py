"""Values the process's command line gives: what the person or the deployment typed after the program's name.

A program that imports the module its first argument names (`import_module(".utilities." + sys.argv[1],
package="svc")`) runs the subcommand its command line picks, not every module it could load
(project/loaded_calls.py). A value comes from the command line when it is an item of `sys.argv`, an
attribute of what an argument parser's `parse_args()` or `parse_known_args()` returns (`args.command`), an
item of what docopt returns (`arguments["<utility>"]`), or a parameter of a function that declares its
command-line options (`@click.argument("name")`); and so is a string built of one (`".jobs." + name`,
`f"svc.{args.job}"`, `"svc.%s" % name`, `name.lower()`), through the names every binding of which reaching
the use holds one. What a function makes of one (`os.path.basename(args.plugin)`, a folder listing of a
folder the command line names) is not followed: its answer may be anything.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Binding, Scope
from prr_lint.switch_keys import ARGV_FLAG, string_text

# Decorators that declare a command-line option or argument: the function is a command.
OPTION_DECORATORS = frozenset({"click.option", "click.argument", "click.pass_context", "click.pass_obj", "typer.Option", "typer.Argument"})
_ARGV = "sys.argv"
_PARSES = ("parse_args", "parse_known_args")
_PARSERS = frozenset({"docopt.docopt"})
_MAX_DEPTH = 8
_FLAG = re.compile(r"^--?[A-Za-z0-9][\w-]*$")


def from_command_line(expr: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> bool:
    """Whether `expr`, read in `scope` (by default the resolver's current one), is (or is built of) a command-line value."""
    return _Trace(resolver).value(expr, scope or resolver.scope, 0)


class _Trace:
    """One question's walk through the bindings of the names it meets."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        # (asked whether it holds the parsed command line, binding) -> the answer; None while it is being worked out
        self.answers: Dict[Tuple[bool, int], Optional[bool]] = {}

    def value(self, expr: cst.BaseExpression, scope: Scope, depth: int) -> bool:
        """`expr` is (or is built of) a command-line value."""
        if depth > _MAX_DEPTH:
            return False
        depth += 1
        if isinstance(expr, (cst.Name, cst.Attribute)) and self.resolver.qualified_name(expr, scope) == _ARGV:
            return True
        if isinstance(expr, cst.Attribute):
            return self.parsed(expr.value, scope, depth)  # `args.command`
        if isinstance(expr, cst.Subscript):  # `sys.argv[1]`, `arguments["<utility>"]`
            return self.value(expr.value, scope, depth) or self.parsed(expr.value, scope, depth)
        if isinstance(expr, cst.Name):
            return self.bound(expr, scope, depth, lambda binding: self.binding(binding, depth))
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Modulo)):
            return self.value(expr.left, scope, depth) or self.value(expr.right, scope, depth)
        if isinstance(expr, cst.FormattedString):
            return any(self.value(part.expression, scope, depth) for part in expr.parts if isinstance(part, cst.FormattedStringExpression))
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            if expr.func.attr.value == "format" and isinstance(expr.func.value, cst.SimpleString):
                return any(self.value(arg.value, scope, depth) for arg in expr.args)
            return self.value(expr.func.value, scope, depth)  # a string method of one: `name.lower()`
        return False

    def parsed(self, expr: cst.BaseExpression, scope: Scope, depth: int) -> bool:
        """`expr` holds the parsed command line: an argument parser's or docopt's answer, or a command's parameter."""
        if isinstance(expr, cst.Call):
            func = expr.func
            return (isinstance(func, cst.Attribute) and func.attr.value in _PARSES) or self.resolver.qualified_name(func, scope) in _PARSERS
        if not isinstance(expr, cst.Name) or depth > _MAX_DEPTH:
            return False
        return self.bound(expr, scope, depth + 1, lambda binding: self.parsed_binding(binding, depth + 1), parsed=True)

    def bound(self, name: cst.Name, scope: Scope, depth: int, check: Callable[[Binding], bool], parsed: bool = False) -> bool:
        """Every binding of `name` reaching its use passes `check` (one met again on the way, in a loop, counts for
        neither side); a parameter of a command passes."""
        answers = []
        for binding in self.resolver.reaching_all(name, scope):
            if binding.kind == "param":
                answers.append(self.option(binding.scope))
                continue
            key = (parsed, id(binding))
            if key not in self.answers:
                self.answers[key] = None
                self.answers[key] = check(binding)
            if self.answers[key] is not None:
                answers.append(self.answers[key])
        return bool(answers) and all(answers)

    def binding(self, binding: Binding, depth: int) -> bool:
        source = binding.item_of if binding.item_of is not None else binding.value
        return binding.kind in ("value", "alias", "other") and source is not None and self.value(source, binding.scope, depth)

    def parsed_binding(self, binding: Binding, depth: int) -> bool:
        source = binding.item_of if binding.item_of is not None else binding.value
        return binding.kind in ("value", "alias", "other") and source is not None and self.parsed(source, binding.scope, depth)

    def option(self, scope: Optional[Scope]) -> bool:
        """A parameter of `scope`'s function: one that declares command-line options (`@click.argument(...)`)."""
        if scope is None or scope.parent is None:
            return False
        definitions = scope.parent.bindings.get(scope.qualname.rpartition(".")[2], ())
        return any(isinstance(binding.node, cst.FunctionDef) and any(
            self.resolver.qualified_name(decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator,
                                         scope.parent) in OPTION_DECORATORS
            for decorator in binding.node.decorators) for binding in definitions)


def argv_flag(term: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The key `argv:-x` of a term testing a literal flag on the command line: `"-x" in sys.argv` (switch_keys.ARGV_FLAG)."""
    if not (isinstance(term, cst.Comparison) and len(term.comparisons) == 1 and isinstance(term.comparisons[0].operator, cst.In)):
        return None
    flag = string_text(term.left)  # an f-string with no fields is a flag too (`f"--x"`)
    if flag is None or not _FLAG.match(flag) or resolver.qualified_name(term.comparisons[0].comparator, resolver.module_scope) != _ARGV:
        return None
    return ARGV_FLAG + flag
