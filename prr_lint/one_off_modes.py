"""The per-file marks of a program's one-off modes: what a branch that ends the process calls, and the
functions argparse sub-command dispatch runs.

`if args.command == "import": migrate(...); sys.exit(0)` and `sub.set_defaults(func=start_list_markets)`
make a program run a mode once and stop; what they call is a command root, not serving code. The
summary walk (summary.py) tags the enclosing function with each such call (model.ONE_OFF_CALL) and the
project phase takes them as roots (project/main_blocks.py). Reading those shapes is this module's job.

A sub-parser's name tells which command line runs its function: `sub.add_parser("poll", aliases=["p"])
.set_defaults(func=poll)` (or through the name the parser is bound to once) is the `poll` (or `p`)
subcommand, and the top-level parser's `parser.set_defaults(func=serve)` the one that runs when none is
given. The function is tagged with them as a dispatch table keyed by those words (model.DISPATCH_KEY, table
`SUBPARSERS`, "" for the default), which project/deployed_subcommands.py reads against the deployment's
command lines.

A program may also build its sub-parsers from objects of its own (`ProCommand("cve", action=action_cve)`, whose
`register` calls `subparsers.add_parser(self.name)` and `parser.set_defaults(action=self.action)`): the function
handed by keyword to the class is the one its attribute of that name holds. Each function of the module handed
so to a call is tagged (model.HANDED_BY_KEYWORD) with the call's first argument when it is a word (the
subcommand's name, as far as can be told), and project/main_blocks.py takes those whose class hands the
attribute to `set_defaults` for one-off modes.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

import libcst as cst

from prr_lint.model import DISPATCH_KEY, HANDED_BY_KEYWORD, ONE_OFF_CALL, SUBPARSERS
from prr_lint.resolve import Resolver
from prr_lint.rules.output_message import ends_process
from prr_lint.tree import descendants


def ending_branch_calls(resolver: Resolver, node: cst.If) -> List[str]:
    """A branch that ends the process (`if args.command == "import": migrate(...); sys.exit(0)`):
    a one-off mode of a program; the project calls it makes before it ends."""
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    if len(body) < 2 or not ends_process(resolver, body[-1]):
        return []
    found = []
    for statement in body[:-1]:
        for call in descendants(statement):
            name = resolver.qualified_name(call.func) if isinstance(call, cst.Call) else None
            if name is not None and not name.startswith("builtins."):
                found.append(name)
    return found


_PARSER = "argparse.ArgumentParser"


def subcommand_tags(resolver: Resolver, node: cst.Call, name: Optional[str]) -> List[str]:
    """The tags of a call `name` (its callee's qualified name, or None): of `set_defaults(func=...)`, each function a
    one-off mode (model.ONE_OFF_CALL) and, when the parser's words are known, a dispatch-table entry per word; of
    any call, the module's functions it is handed by keyword (module docstring)."""
    functions = subcommand_functions(resolver, node)
    words = _parser_words(resolver, node.func.value) if functions and isinstance(node.func, cst.Attribute) else None
    return [ONE_OFF_CALL + function for function in functions] + [
        f"{DISPATCH_KEY}{SUBPARSERS}:{word}={function}" for word in words or () for function in functions] + [
        f"{HANDED_BY_KEYWORD}{name}:{keyword}:{_first_word(node)}={function}" for keyword, function in _handed(resolver, node)
        if name is not None]


def _first_word(node: cst.Call) -> str:
    """The call's first argument when it is a plain word (`ProCommand("cve", ...)`: the subcommand it builds), else ""."""
    first = node.args[0] if node.args and node.args[0].keyword is None else None
    value = first.value.evaluated_value if first is not None and isinstance(first.value, cst.SimpleString) else None
    return value if isinstance(value, str) and re.fullmatch(r"[\w.-]+", value) else ""


def _handed(resolver: Resolver, node: cst.Call) -> List[Tuple[str, str]]:
    """(keyword, function) of each function defined in the module that the call is handed by keyword."""
    found = []
    for arg in node.args:
        if arg.keyword is not None and isinstance(arg.value, cst.Name):
            bindings = resolver.lookup(arg.value.value) or []
            defined = len(bindings) == 1 and bindings[0].kind == "def" and bindings[0].scope is resolver.module_scope
            function = resolver.qualified_name(arg.value) if defined else None
            if function is not None:
                found.append((arg.keyword.value, function))
    return found


def _parser_words(resolver: Resolver, parser: cst.BaseExpression) -> Optional[Tuple[str, ...]]:
    """The words that select a parser: a sub-parser's name and aliases, ("",) for the program's own parser
    (its defaults run when no subcommand is given), None when unknown."""
    if isinstance(parser, cst.Name):
        bindings = resolver.lookup(parser.value) or []
        parser = bindings[0].value if len(bindings) == 1 and bindings[0].kind == "value" else None
    if not isinstance(parser, cst.Call):
        return None
    if resolver.qualified_name(parser.func) == _PARSER:
        return ("",)
    if not (isinstance(parser.func, cst.Attribute) and parser.func.attr.value == "add_parser" and parser.args):
        return None
    words = [parser.args[0].value] if parser.args[0].keyword is None else []
    words += [element.value for arg in parser.args if arg.keyword is not None and arg.keyword.value == "aliases"
              and isinstance(arg.value, (cst.List, cst.Tuple)) for element in arg.value.elements]
    names = [word.evaluated_value for word in words if isinstance(word, cst.SimpleString)]
    return tuple(name for name in names if isinstance(name, str) and name) or None


def subcommand_functions(resolver: Resolver, node: cst.Call) -> List[str]:
    """`sub.set_defaults(func=start_list_markets)` (or `func=partial(start_list_markets, ...)`): the
    function argparse sub-command dispatch runs (`args.func(args)`), a one-off mode of the program."""
    if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "set_defaults"):
        return []
    found = []
    for arg in node.args:
        value = arg.value
        if isinstance(value, cst.Call) and value.args and resolver.qualified_name(value.func) == "functools.partial":
            value = value.args[0].value
        name = resolver.qualified_name(value) if arg.keyword is not None else None
        if name is not None and not name.startswith("builtins."):
            found.append(name)
    return found
