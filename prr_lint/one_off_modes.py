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

A program may instead pick its subcommand by comparing the parsed namespace's `dest` attribute with the sub-parser's
name (`plugin_subparsers = parser_plugins.add_subparsers(dest="plugincmd")`, `...add_parser("update")`, then
`if args.plugincmd == "update": return update(config)`, an `elif`, or `match args.plugincmd: case "update":`).
Each sub-parser of a subparsers action with a `dest` is tagged with that attribute and its words
(model.SUBCOMMAND_WORD), and each call in such a branch with the attribute, the word and what the namespace holds
(model.SUBCOMMAND_BRANCH); project/deployed_subcommands.py `dest_modes` takes those whose attribute and word a sub-parser
declares and whose namespace a `parse_args()` gives. A nested sub-parser's words follow its parents' (`plugins
update`), for `set_defaults` too.

A program may also pick a mode by an option (`if args.filter: enqueue_from_api(args.filter); return`, before the
queue loop the deployment runs): each call in a branch taken only when options are given (`args.x`, `args.x is not
None`, `args.x == "word"`, joined by `or`, or one side of an `and`) is tagged with the options' attributes and what the
namespace holds (model.OPTION_BRANCH), and each option a parser declares with its option strings and whether it is
off unless typed (model.OPTION_STRINGS); project/deployed_options.py reads them against the deployment's command lines.
"""

from __future__ import annotations

import re
from typing import AbstractSet, List, Optional, Tuple

import libcst as cst

from prr_lint.model import (DISPATCH_KEY, HANDED_BY_KEYWORD, ONE_OFF_CALL, OPTION_BRANCH, OPTION_STRINGS, SUBCOMMAND_BRANCH,
                            SUBCOMMAND_WORD, SUBPARSERS)
from prr_lint.option_defaults import off_unless_typed, unset
from prr_lint.receivers import held
from prr_lint.resolve import Resolver
from prr_lint.rules.output_message import ends_process
from prr_lint.switch_keys import option_dest
from prr_lint.tree import descendants, dotted_name


def branch_tags(resolver: Resolver, node: cst.If) -> List[str]:
    """The one-off modes an `if` (or `elif`) picks: in a function, a branch that ends the process (model.ONE_OFF_CALL);
    anywhere, a branch taken on one subcommand's name (model.SUBCOMMAND_BRANCH: module docstring)."""
    ending = ending_branch_calls(resolver, node) if resolver.enclosing_function is not None else []
    return [ONE_OFF_CALL + name for name in ending] + _dest_branch(resolver, node.test, node.body) + _option_branch(resolver, node)


def _option_branch(resolver: Resolver, node: cst.If) -> List[str]:
    """model.OPTION_BRANCH tags of the calls of a branch taken only when options are given (module docstring)."""
    tests = _given(node.test)
    if not tests or len({namespace.value.value for namespace in tests}) != 1:
        return []
    origin = held(resolver, tests[0].value, resolver.scope)
    if not _parsed(origin):
        return []
    dests = ",".join(dict.fromkeys(namespace.attr.value for namespace in tests))
    # a call in a nested option branch is that branch's alone (tagged once, so that counting tags against calls holds)
    inner = {id(call) for nested in descendants(node.body) if isinstance(nested, cst.If) and _given(nested.test)
             for call in descendants(nested.body)}
    return [f"{OPTION_BRANCH}{dests}={name}@{origin}" for name in _calls(resolver, node.body, inner)]


def _given(test: cst.BaseExpression, depth: int = 0) -> List[cst.Attribute]:
    """The option attributes a test needs given (all of them off keeps the branch off): `args.x`, `args.x is not None`,
    `args.x == "word"` (a non-empty string or non-zero number, either side), each side of an `or`, one side of an
    `and`; [] for any other test (`if not args.quiet:` runs by default), and below _TEST_DEPTH levels of them."""
    if depth >= _TEST_DEPTH:
        return []
    if isinstance(test, cst.BooleanOperation):
        left, right = _given(test.left, depth + 1), _given(test.right, depth + 1)
        if isinstance(test.operator, cst.Or):
            return left + right if left and right else []
        return left or right
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        operator, right = test.comparisons[0].operator, test.comparisons[0].comparator
        if isinstance(operator, cst.IsNot) and isinstance(right, cst.Name) and right.value == "None":
            return _given(test.left, depth + 1)
        if isinstance(operator, cst.Equal):
            sides = [(test.left, right), (right, test.left)]
            return next((_given(option, depth + 1) for option, value in sides if _truthy_literal(value) and _given(option, depth + 1)), [])
        return []
    return [test] if _dest_of(test) else []


def _truthy_literal(expr: cst.BaseExpression) -> bool:
    """A literal no unset option (None, False) equals: a non-empty string, a non-zero number."""
    value = expr.evaluated_value if isinstance(expr, cst.SimpleString) else None
    return bool(value) if isinstance(expr, cst.SimpleString) else isinstance(expr, (cst.Integer, cst.Float)) and bool(expr.evaluated_value)


def _parsed(origin: Optional[str]) -> bool:
    """What a namespace holds is a parsed command line: a parameter (project/deployed_subcommands.py follows its
    callers), or what `parse_args()` gave."""
    return origin is not None and (origin.startswith("[") or origin.endswith((".parse_args()", "argparse.Namespace")))


def _calls(resolver: Resolver, body: cst.CSTNode, skipped: AbstractSet[int] = frozenset()) -> List[str]:
    """The qualified names of the calls below `body` but builtins' and the `skipped` (by id), one per call."""
    found = []
    for call in descendants(body):
        name = resolver.qualified_name(call.func) if isinstance(call, cst.Call) and id(call) not in skipped else None
        if name is not None and not name.startswith("builtins."):
            found.append(name)
    return found


def option_tags(node: cst.Call) -> List[str]:
    """model.OPTION_STRINGS tags of an option a parser declares (`add_argument("--filter", "-f", action="append")`, optparse's
    `add_option`), and of the keywords of `set_defaults(...)`, which set those attributes when nothing is typed."""
    if not isinstance(node.func, cst.Attribute):
        return []
    if node.func.attr.value == "set_defaults":
        return [f"{OPTION_STRINGS}{arg.keyword.value if arg.keyword is not None else '*'}=on:" for arg in node.args
                if arg.star == "**" or arg.keyword is not None and not unset(arg.value)]
    if node.func.attr.value in _PARSES:  # `parse_args(["--filter", "x"])` parses words of the code's, which may give any
        return [] if all(_command_line(arg.value) for arg in node.args) else [f"{OPTION_STRINGS}*=on:"]
    given = [arg for arg in node.args if arg.keyword is None]
    strings = [value for arg in given if not arg.star
               and isinstance(value := arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None, str)]
    dest = option_dest(node) if strings and all(string.startswith("-") for string in strings) else None
    if not dest:
        return []
    spelled = len(strings) == len(given)  # every spelling known: not `add_argument(*flags)`, nor one built
    return [f"{OPTION_STRINGS}{dest}={'off' if spelled and off_unless_typed(node) else 'on'}:{','.join(strings)}"]


def _command_line(expr: cst.BaseExpression) -> bool:
    """`None` or `sys.argv[1:]`: what argparse parses is the process's command line."""
    argv = expr.value if isinstance(expr, cst.Subscript) else expr
    return unset(expr) or dotted_name(argv) == "sys.argv"


def match_tags(resolver: Resolver, node: cst.Match) -> List[str]:
    """model.SUBCOMMAND_BRANCH tags of `match args.plugincmd:` cases that name subcommands (`case "update" | "up":`)."""
    found: List[str] = []
    for case in node.cases if _dest_of(node.subject) else ():
        words = _case_words(case.pattern)
        if words:
            found.extend(_branch_calls(resolver, node.subject, _dest_of(node.subject), words, case.body))
    return found


def _dest_branch(resolver: Resolver, test: cst.BaseExpression, body: cst.BaseSuite) -> List[str]:
    """`args.plugincmd == "update"` (either side; or `in ("update", "up")`): the calls of `body`, tagged."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
        return []
    operator, right = test.comparisons[0].operator, test.comparisons[0].comparator
    left = test.left
    if isinstance(operator, cst.Equal) and not _dest_of(left):
        left, right = right, left
    if isinstance(operator, cst.Equal):
        words = _word(right)
        words = [words] if words else []
    elif isinstance(operator, cst.In) and isinstance(right, (cst.Tuple, cst.List, cst.Set)):
        words = [word for element in right.elements if (word := _word(element.value))]
        words = words if len(words) == len(right.elements) else []
    else:
        return []
    dest = _dest_of(left)
    return _branch_calls(resolver, left, dest, words, body) if dest and words else []


def _dest_of(expr: cst.BaseExpression) -> str:
    """The attribute `args.plugincmd` reads from a plain name (not `self`/`cls`), or ""."""
    ok = isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value not in ("self", "cls")
    return expr.attr.value if ok else ""


def _word(expr: cst.BaseExpression) -> str:
    value = expr.evaluated_value if isinstance(expr, cst.SimpleString) else None
    return value if isinstance(value, str) and re.fullmatch(r"[\w.:-]+", value) else ""


def _case_words(pattern: cst.MatchPattern) -> List[str]:
    """The words a case pattern matches: a string or an or-pattern of strings; [] for anything else."""
    values = [pattern] if isinstance(pattern, cst.MatchValue) else [
        element.pattern for element in pattern.patterns] if isinstance(pattern, cst.MatchOr) else []
    words = [_word(value.value) for value in values if isinstance(value, cst.MatchValue)]
    return words if words and all(words) and len(words) == len(values) else []


def _branch_calls(resolver: Resolver, namespace: cst.Attribute, dest: str, words: List[str], body: cst.BaseSuite) -> List[str]:
    origin = held(resolver, namespace.value, resolver.scope)  # a parameter, or what `parse_args()` gave (`request` is neither)
    return [f"{SUBCOMMAND_BRANCH}{dest}:{','.join(words)}={name}@{origin}" for name in _calls(resolver, body)] if _parsed(origin) else []


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
_TEST_DEPTH = 16  # the nesting of a test (`and`, `or`, comparisons) read for its options
_PARSES = ("parse_args", "parse_known_args")
_NESTING = 4  # the levels of sub-parsers whose words are followed up


def subcommand_tags(resolver: Resolver, node: cst.Call, name: Optional[str]) -> List[str]:
    """The tags of a call `name` (its callee's qualified name, or None): of `set_defaults(func=...)`, each function a
    one-off mode (model.ONE_OFF_CALL) and, when the parser's words are known, a dispatch-table entry per word; of
    any call, the module's functions it is handed by keyword (module docstring)."""
    functions = subcommand_functions(resolver, node)
    words = _parser_words(resolver, node.func.value) if functions and isinstance(node.func, cst.Attribute) else None
    return [ONE_OFF_CALL + function for function in functions] + [
        f"{DISPATCH_KEY}{SUBPARSERS}:{word}={function}" for word in words or () for function in functions] + [
        f"{HANDED_BY_KEYWORD}{name}:{keyword}:{_first_word(node)}={function}" for keyword, function in _handed(resolver, node)
        if name is not None] + _dest_words(resolver, node) + option_tags(node)


def _dest_words(resolver: Resolver, node: cst.Call) -> List[str]:
    """model.SUBCOMMAND_WORD tags of `plugin_subparsers.add_parser("update")` on `add_subparsers(dest="plugincmd")`."""
    if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "add_parser"):
        return []
    action = _bound_once(resolver, node.func.value)
    dest = next((arg.value for arg in action.args if arg.keyword is not None and arg.keyword.value == "dest"), None) \
        if isinstance(action, cst.Call) and isinstance(action.func, cst.Attribute) and action.func.attr.value == "add_subparsers" else None
    value = dest.evaluated_value if isinstance(dest, cst.SimpleString) else None
    words = _parser_words(resolver, node) if isinstance(value, str) and value.isidentifier() else None
    return [f"{SUBCOMMAND_WORD}{value}={word}" for word in words or ()]


def _bound_once(resolver: Resolver, expr: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """The value a name is bound to once (`sub = parser.add_subparsers()`), or the expression itself."""
    if isinstance(expr, cst.Name):
        bindings = resolver.lookup(expr.value) or []
        return bindings[0].value if len(bindings) == 1 and bindings[0].kind == "value" else None
    return expr


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


def _parser_words(resolver: Resolver, parser: Optional[cst.BaseExpression], depth: int = 0) -> Optional[Tuple[str, ...]]:
    """The words that select a parser: a sub-parser's name and aliases after the words of the parsers above it
    (`plugins update`; a parent of no known words adds none), ("",) for the program's own parser (its defaults
    run when no subcommand is given), None when unknown."""
    parser = _bound_once(resolver, parser) if parser is not None else None
    if not isinstance(parser, cst.Call) or depth > _NESTING:
        return None
    if resolver.qualified_name(parser.func) == _PARSER:
        return ("",)
    if not (isinstance(parser.func, cst.Attribute) and parser.func.attr.value == "add_parser" and parser.args):
        return None
    words = [parser.args[0].value] if parser.args[0].keyword is None else []
    words += [element.value for arg in parser.args if arg.keyword is not None and arg.keyword.value == "aliases"
              and isinstance(arg.value, (cst.List, cst.Tuple)) for element in arg.value.elements]
    names = [word.evaluated_value for word in words if isinstance(word, cst.SimpleString)]
    action = _bound_once(resolver, parser.func.value)
    above = action.func.value if isinstance(action, cst.Call) and isinstance(action.func, cst.Attribute) \
        and action.func.attr.value == "add_subparsers" else None
    outer = _parser_words(resolver, above, depth + 1) or ("",)
    return tuple(f"{prefix} {name}".strip() for prefix in outer for name in names if isinstance(name, str) and name) or None


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
