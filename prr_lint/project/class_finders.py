"""Code that finds or loads classes without naming them, and which classes it can reach.

`Base.__subclasses__()` finds the subclasses of `Base`, a base's `__init_subclass__` those of its own
class: only classes of that lineage, never a plain class. `inspect.getmembers(cls, inspect.ismethod)`
finds methods, no class. A loader of a literal module (`importlib.import_module("voyageai")`) loads
that library; one of a path built on a literal package (`import_module("pkg.plugins." + name)`, maybe
a request's plug-in name) may load any class of that package. A loader of a path read whole from
settings (`import_string(settings.LIMITER)`, `import_class(limiter)`) loads what the operator
configures: a class some shipped file names (a settings string, a configuration file, the
documentation or a sample configuration tells the operator its dotted path; a bare name in prose, a
changelog's "remove MFAStep", configures nothing). `getmembers` finds classes only as `inspect`'s
(not a tarfile's `tar.getmembers()`), and not where the scan keeps only members a no-class predicate
admits (`if not inspect.isfunction(member): continue`). What cannot be told
(`clazz.__subclasses__()` on a parameter, a literal project module whose attributes code reads by
name, a predicate of unknown kind) may find any class.
"""

from __future__ import annotations

import ast
import builtins
from typing import Callable, Dict, Iterable, Iterator, Optional, Set, Tuple

# Words that show code finding classes without naming them, or loading them by a computed dotted path.
SCANNING = ("__subclasses__", "getmembers", "__init_subclass__", "import_string", "import_module", "import_class")
_LOADERS = frozenset({"import_string", "import_module", "import_class"})
# `inspect` predicates that admit no class.
_NO_CLASSES = frozenset({"isfunction", "ismethod", "isroutine", "ismethoddescriptor", "isbuiltin", "iscoroutinefunction",
                         "isgeneratorfunction", "isdatadescriptor", "isgetsetdescriptor", "ismemberdescriptor"})


class Finders:
    """What a project's class-finding code reaches: `bases` (project classes or external names) whose
    subclasses it finds, `packages` (dotted prefixes) whose classes it may load, and whether a loader
    takes a whole dotted path from configuration (`configured`)."""

    def __init__(self) -> None:
        self.bases: Set[str] = set()
        self.packages: Set[str] = set()
        self.configured = False


def class_finders(index, trees: Iterable[Tuple[str, ast.AST]],
                  naming: Callable[[str], Iterable[Tuple[str, ast.AST]]]) -> Optional[Finders]:
    """What the class-finding code of `trees` (module name, parsed file) reaches; None when any
    class may be found. `naming` gives the parsed files that name a word: the callers of a function
    that walks the subclasses of its parameter (`walk_class_hierarchy(webob.exc.HTTPError)`)."""
    found = Finders()
    for module, tree in trees:
        predicates = _predicate_names(tree)
        walked: Set[ast.AST] = _filtered_scans(tree)
        for function, position, calls in _parameter_walks(tree):
            walked.update(calls)
            for home, other in naming(function.name):
                for call in ast.walk(other):
                    if call in calls or not _calls(call, function.name):
                        continue  # its own recursion hands over what it found
                    base = _argument(index, home, call, position)  # type: ignore[arg-type]
                    if not base:
                        return None
                    found.bases.add(base)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(item, ast.FunctionDef) and item.name == "__init_subclass__" for item in node.body):
                found.bases.add(index.canonical(f"{module}.{node.name}") or f"{module}.{node.name}")
            elif isinstance(node, ast.Call) and node not in walked and not _reach(index, module, node, predicates, found):
                return None
    return found


def _parameter_walks(tree: ast.AST) -> Iterator[Tuple[ast.FunctionDef, int, Set[ast.AST]]]:
    """Functions that call `__subclasses__()` on a positional parameter: the function, the
    parameter's position and the function's own calls."""
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        params = [arg.arg for arg in function.args.posonlyargs + function.args.args]
        calls = {node for node in ast.walk(function) if isinstance(node, ast.Call)}
        for call in calls:
            func = call.func
            if isinstance(func, ast.Attribute) and func.attr == "__subclasses__" and isinstance(func.value, ast.Name) \
                    and func.value.id in params:
                yield function, params.index(func.value.id), calls  # type: ignore[misc]
                break


def _filtered_scans(tree: ast.AST) -> Set[ast.AST]:
    """`getmembers(obj)` calls whose members a loop or comprehension keeps only when a predicate that
    admits no class holds (`for name, value in inspect.getmembers(cls): if callable(value) and
    inspect.iscoroutinefunction(value): ...`, or `if not inspect.isfunction(value): continue`): such a
    scan uses no class it finds."""
    scans: Set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.For):
            loops = [(node.iter, node.target, _guards(node.body))]
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            loops = [(loop.iter, loop.target, loop.ifs) for loop in node.generators]
        else:
            continue
        for scan, target, tests in loops:
            value = target.elts[-1] if isinstance(target, ast.Tuple) and target.elts else None
            if isinstance(scan, ast.Call) and _calls(scan, "getmembers") and isinstance(value, ast.Name) \
                    and any(_admits_no_class(test, value.id) for test in tests):
                scans.add(scan)
    return scans


def _guards(body) -> list:
    """The conditions a loop body needs before it uses a member: the test of a lone `if`, or of an
    `if not ...: continue`."""
    if len(body) == 1 and isinstance(body[0], ast.If) and not body[0].orelse:
        return [body[0].test]
    return [statement.test.operand for statement in body
            if isinstance(statement, ast.If) and isinstance(statement.test, ast.UnaryOp) and isinstance(statement.test.op, ast.Not)
            and len(statement.body) == 1 and isinstance(statement.body[0], ast.Continue)]


def _admits_no_class(test: ast.AST, name: str) -> bool:
    """Whether a condition holds only for a `name` that is no class: a call of a no-class `inspect`
    predicate on `name`, an `and` with one, or an `or` of them."""
    if isinstance(test, ast.BoolOp):
        held = [_admits_no_class(value, name) for value in test.values]
        return any(held) if isinstance(test.op, ast.And) else all(held)
    if not isinstance(test, ast.Call) or len(test.args) != 1 or not isinstance(test.args[0], ast.Name) or test.args[0].id != name:
        return False
    func = test.func
    return (func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else "") in _NO_CLASSES


def _calls(node: ast.AST, name: str) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return isinstance(func, ast.Name) and func.id == name or isinstance(func, ast.Attribute) and func.attr == name


def _argument(index, module: str, call: ast.Call, position: int) -> str:
    """The class a call hands over at `position`; "" when unknown (a method's `self` shifts it too)."""
    if position >= len(call.args):
        return ""
    return _dotted(index, module, call.args[position])


def _reach(index, module: str, call: ast.Call, predicates: Dict[str, bool], found: Finders) -> bool:
    """Record what `call` finds; False when it may find any class."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name == "__subclasses__" and isinstance(func, ast.Attribute):
        base = _dotted(index, module, func.value)
        found.bases.update([base] if base else ())
        return bool(base)
    if name == "getmembers":
        if not _inspects(index, module, func):
            return True  # another object's method (`tar.getmembers()`, a tarfile's members): no class
        predicate = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "predicate"), None)
        word = predicate.attr if isinstance(predicate, ast.Attribute) else predicate.id if isinstance(predicate, ast.Name) else ""
        return word in _NO_CLASSES or predicates.get(word, False)
    if name not in _LOADERS or not call.args:
        return True
    path = call.args[0]
    if isinstance(path, ast.Constant) and isinstance(path.value, str):
        return not _project_path(index, path.value)  # a library's module; a project module's attributes may be read by name
    prefix = _leading_text(path).rpartition(".")[0]
    if prefix:
        found.packages.add(prefix)
    else:
        found.configured = True
    return True


def _inspects(index, module: str, func: ast.AST) -> bool:
    """Whether a `getmembers` call may be `inspect.getmembers`: a bare name (imported from `inspect`, or
    of unknown origin) or an attribute of the `inspect` module; a method of another object, a variable
    (`tar.getmembers()`, a tarfile's members) or another module, is not."""
    if isinstance(func, ast.Name):
        return True
    return isinstance(func, ast.Attribute) and _dotted(index, module, func.value) == "inspect"


def _project_path(index, path: str) -> bool:
    """Whether the dotted `path` is or lies in a project module."""
    return bool(index.module_of(path)) or any(module.startswith(f"{path}.") for module in index.modules)


def _leading_text(node: ast.AST) -> str:
    """The literal text a built string starts with (`"pkg.plugins." + name`, f"pkg.{name}", "%s.%s" % ...)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        return _leading_text(node.values[0])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _leading_text(node.left)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) or \
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        text = _leading_text(node.left if isinstance(node, ast.BinOp) else node.func.value)  # type: ignore[attr-defined]
        return text.partition("%")[0].partition("{")[0]
    return ""


def _dotted(index, module: str, node: ast.AST) -> str:
    """The class a `Name.attr` expression stands for: a project class or an external dotted name; ""
    when unknown (a parameter, a call's result)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    summary = index.modules.get(module)
    head = summary.imports.get(node.id) if summary is not None else None
    local = f"{module}.{node.id}"
    if head is None and index.canonical(local) is None:
        return f"builtins.{node.id}" if not parts and isinstance(getattr(builtins, node.id, None), type) else ""  # a variable
    dotted = ".".join([head or local, *reversed(parts)])
    return index.canonical(dotted) or dotted


def _predicate_names(tree: ast.AST) -> Dict[str, bool]:
    """Names the file binds only to predicates that admit no class (`predicate = inspect.isfunction`)."""
    bound: Dict[str, bool] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            value = node.value
            word = value.attr if isinstance(value, ast.Attribute) else value.id if isinstance(value, ast.Name) else ""
            for target in node.targets:
                if isinstance(target, ast.Name):
                    bound[target.id] = bound.get(target.id, True) and word in _NO_CLASSES
    return bound
