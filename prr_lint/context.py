"""What a rule sees of the file it checks: path, resolver, ancestors, settings, and a way to report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, FrozenSet, Iterator, List, Mapping, Optional, Tuple

import libcst as cst

from prr_lint.model import Severity
from prr_lint.resolve import Resolver
from prr_lint.tree import Enclosing, KindOf, descendants, dotted_name, flat_statements, literal_value

_IS_IF, _IS_FUNCTION = KindOf(cst.If), KindOf(cst.FunctionDef)
# For FileContext.nearest, shared by the rules: the innermost class, the innermost except handler.
CLASSES, HANDLERS = KindOf(cst.ClassDef), KindOf(cst.ExceptHandler)

CLI_DECORATORS = frozenset(
    {
        "click.command",
        "click.group",
        "click.decorators.command",
        "click.decorators.group",
        "click.Group.command",
        "click.Group.group",
        "typer.Typer.command",
        "typer.Typer.callback",
    }
)


@dataclass
class RawFinding:
    """A finding before positions are known: the node it points at."""

    rule: Any
    node: cst.CSTNode
    message: str
    context: str
    condition: Optional[str] = None
    subjects: Tuple[str, ...] = ()
    severity: Optional[Severity] = None  # a lower severity than the rule's, for this finding only
    end_node: Optional[cst.CSTNode] = None  # where the finding ends, when it spans several statements


@dataclass
class FileContext:
    path: str
    module_name: str
    source: str
    resolver: Resolver
    options: Mapping[str, Mapping[str, Any]]
    ancestors: List[cst.CSTNode] = field(default_factory=list)
    raw_findings: List[RawFinding] = field(default_factory=list)
    metadata_wrapper: Optional[cst.MetadataWrapper] = None
    # The rule codes enabled for this file (read-only; None when unknown: every rule counts as enabled).
    enabled: Optional[FrozenSet[str]] = None
    _script_entries: Optional[FrozenSet[str]] = None
    # id(an `if` being walked) -> whether it or an `if` around it is a `__main__` guard (in_main_guard).
    _guarded: Dict[int, bool] = field(default_factory=dict)
    # id(a KindOf) -> its tree.Enclosing over the ancestors (enclosing()).
    _enclosing: Dict[int, Enclosing] = field(default_factory=dict)

    @property
    def module(self) -> cst.Module:
        return self.resolver.module

    def report(
        self,
        rule: Any,
        node: cst.CSTNode,
        message: str,
        condition: Optional[str] = None,
        subjects: Tuple[str, ...] = (),
        severity: Optional[Severity] = None,
        end_node: Optional[cst.CSTNode] = None,
    ) -> None:
        """Record a finding; with a `condition`, the project phase confirms or drops it (model.Pending).
        A `severity` below the rule's configured one demotes this finding (a higher one is ignored);
        `end_node` makes it span from `node` to the end of `end_node`."""
        function = self.resolver.enclosing_function
        context = function.qualname if function is not None else self.module_name
        self.raw_findings.append(RawFinding(rule, node, message, context, condition, subjects, severity, end_node))

    def rule_enabled(self, code: str) -> bool:
        """Whether rule `code` runs on this file: a rule that defers to a more specific one asks first."""
        return self.enabled is None or code in self.enabled

    def section(self, name: str) -> Mapping[str, Any]:
        """The knobs of `[tool.prr-lint.<name>]`, defaults filled in."""
        return self.options.get(name, {})

    def metadata(self, provider: type, node: cst.CSTNode) -> Any:
        """libcst metadata for rules that declared `metadata = {provider}`."""
        if self.metadata_wrapper is None:
            raise LookupError("the rule did not declare this metadata provider")
        return self.metadata_wrapper.resolve(provider)[node]

    # ----- where the current node is -----


    def functions(self) -> Iterator[cst.FunctionDef]:
        """Enclosing function definitions, innermost first."""
        return iter(self.enclosing(_IS_FUNCTION))  # type: ignore[arg-type]

    def enclosing(self, kinds: KindOf) -> Tuple[cst.CSTNode, ...]:
        """The ancestors of `kinds`, innermost first. Remembered per ancestor (tree.Enclosing, one per
        `kinds`): asked for every call, and a call in a long `elif` chain has thousands of ancestors."""
        finder = self._enclosing.get(id(kinds))
        if finder is None:
            finder = self._enclosing[id(kinds)] = Enclosing(self.ancestors, kinds)
        return finder()

    def nearest(self, kinds: KindOf) -> Optional[cst.CSTNode]:
        """The innermost ancestor of `kinds`, or None (enclosing())."""
        found = self.enclosing(kinds)
        return found[0] if found else None

    def in_main_guard(self) -> bool:
        """Inside `if __name__ == "__main__":` (code that runs only as a script)."""
        return self.inside(_IS_IF, lambda node: is_main_guard(node.test), self._guarded)

    def inside(self, kinds: KindOf, holds: Callable[[cst.CSTNode], bool], judged: Dict[int, bool]) -> bool:
        """Some ancestor of `kinds` is one that `holds` accepts. Each is judged once (`judged`, per file
        walked: by id, whether it or one of `kinds` around it holds), and the walk up stops at one judged:
        an `elif` is an `if` in the one before, so a long chain puts thousands among the ancestors."""
        unjudged: List[cst.CSTNode] = []
        found = False
        for node in reversed(self.ancestors):
            if kinds[type(node)]:
                known = judged.get(id(node))
                if known is not None:
                    found = known
                    break
                unjudged.append(node)
        for node in reversed(unjudged):
            found = found or holds(node)
            judged[id(node)] = found
        return found

    def in_cli_command(self) -> bool:
        """Inside a script entry point: a click/typer command, an argparse-based `main`, or a
        function the module's `if __name__ == "__main__":` block calls (operator tools, not serving code)."""
        for function in self.functions():
            if self.is_cli_function(function) or function.name.value in self.script_entry_names():
                return True
            if function.name.value == "main" and "argparse" in self.source:
                return True
        return False

    def script_entry_names(self) -> FrozenSet[str]:
        """Names of the functions called from the module's `__main__` block."""
        if self._script_entries is None:
            names = set()
            for statement in flat_statements(self.module):
                if isinstance(statement, cst.If) and is_main_guard(statement.test):
                    names.update(
                        node.func.value
                        for node in descendants(statement.body)
                        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name)
                    )
            self._script_entries = frozenset(names)
        return self._script_entries

    def is_cli_function(self, function: cst.FunctionDef) -> bool:
        for decorator in function.decorators:
            target = decorator.decorator
            if isinstance(target, cst.Call):
                target = target.func
            if self.resolver.qualified_name(target) in CLI_DECORATORS:
                return True
            # `@cli.command()` where `cli` is itself a click group defined in this module.
            if isinstance(target, cst.Attribute) and target.attr.value in ("command", "group"):
                group = self.resolver.definition(target.value)
                if isinstance(group, cst.FunctionDef) and group is not function and self.is_cli_function(group):
                    return True
        return False


def is_main_guard(test: cst.BaseExpression) -> bool:
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    sides: Tuple[cst.BaseExpression, cst.BaseExpression] = (test.left, test.comparisons[0].comparator)
    names = {dotted_name(side) for side in sides}
    strings = {literal_value(side) for side in sides if isinstance(side, cst.SimpleString)}
    return isinstance(test.comparisons[0].operator, cst.Equal) and "__name__" in names and "__main__" in strings
