"""The import graph of prr_lint: no cycles, dependencies in one direction (DESIGN.md §2), short modules.

Every import statement counts, wherever it stands: inside functions (a lazy import that only dodges
a cycle is still a cycle) and inside `if TYPE_CHECKING:` blocks (an annotation that needs a module
above still says the layering is wrong), plus `importlib.import_module("prr_lint...")` with a
literal name.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Iterator, List, Set

import prr_lint

PACKAGE = Path(prr_lint.__file__).parent

# Who may import a module (or package, with everything in it), by name relative to prr_lint.
# The layering: cli -> commands -> runner -> engine (per file) and project (over summaries)
# -> rules -> resolve / model / context.
ALLOWED_IMPORTERS: Dict[str, Set[str]] = {
    "cli": {"__main__"},
    "commands": {"cli"},
    "runner": {"cli", "commands"},
    "engine": {"runner", "commands", "pool"},
    "pool": {"runner", "commands"},
    "project": {"runner", "commands"},
    "summary": {"engine", "project"},
    "entry_marks": {"summary", "module_bindings", "batch_marks", "graphql_marks", "class_decorators"},
    "module_bindings": {"summary"},
    "batch_marks": {"summary"},
    "graphql_marks": {"summary"},
    "class_decorators": {"summary"},
    "def_lines": {"summary"},
}
# The bottom layers import no rule.
NO_RULES = ("resolve", "scopes", "library_types", "model", "context", "tree", "frameworks")
# Modules with one job stay short enough to read in one sitting.
MAX_LINES = 500


def _modules() -> Dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported_names(module: str, path: Path) -> Iterator[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            yield node.args[0].value


def import_graph() -> Dict[str, Set[str]]:
    """prr_lint module -> the prr_lint modules it imports (a name imported from a package counts as
    an import of the submodule when there is one, else of the package)."""
    modules = _modules()
    graph: Dict[str, Set[str]] = {}
    for module, path in modules.items():
        targets = set()
        for name in _imported_names(module, path):
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def _cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    found: List[List[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _short(module: str) -> str:
    return module.partition(".")[2] or module


def _in(module: str, group: str) -> bool:
    short = _short(module)
    return short == group or short.startswith(group + ".")


def test_the_graph_sees_lazy_and_type_checking_imports() -> None:
    graph = import_graph()
    assert "prr_lint.runner" in graph["prr_lint.cli"]  # imported inside a command function only
    assert "prr_lint.config" in graph["prr_lint.reporters"]  # imported under `if TYPE_CHECKING:` only
    assert "prr_lint.readiness" in graph["prr_lint.reporters.outputs"]  # the formats it renders
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles() -> None:
    cycles = _cycles(import_graph())
    assert not cycles, "import cycles: " + "; ".join(", ".join(map(_short, cycle)) for cycle in cycles)


def test_dependencies_point_down() -> None:
    wrong = []
    for importer, targets in sorted(import_graph().items()):
        for target in sorted(targets):
            for group, allowed in ALLOWED_IMPORTERS.items():
                if _in(target, group) and not _in(importer, group) and not any(_in(importer, a) for a in allowed):
                    wrong.append(f"{_short(importer)} imports {_short(target)}")
            if any(_in(importer, bottom) for bottom in NO_RULES) and _in(target, "rules"):
                wrong.append(f"{_short(importer)} imports {_short(target)}")
    assert not wrong, "imports against the layering:\n" + "\n".join(wrong)


def test_no_import_the_graph_cannot_see() -> None:
    """`import_module` with a computed name hides an edge from the checks above; only the registry
    may do it, to load the rule modules that the catalogue (and installed plug-ins) name."""
    hidden = []
    for module, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
                    and not (node.args and isinstance(node.args[0], ast.Constant)) and _short(module) != "registry"):
                hidden.append(f"{_short(module)}:{node.lineno}")
    assert not hidden, f"imports by computed name: {hidden}"


def test_no_module_is_too_long() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in _modules().items()}
    long = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them by concern): {long}"


def test_what_the_rules_build_on_imports_no_rule() -> None:
    """A module outside rules/ that a rule imports sits below the rules: importing a rule from it is a
    sideways edge (async_deadlines.py took `UNTYPED_CALL` from rules/param_guards.py; it lives in model.py)."""
    graph = import_graph()
    below = {target for importer, targets in graph.items() if _in(importer, "rules") for target in targets if not _in(target, "rules")}
    wrong = sorted(f"{_short(module)} imports {_short(target)}" for module in below for target in graph[module] if _in(target, "rules"))
    assert not wrong, "modules the rules build on import rules:\n" + "\n".join(wrong)


# The file system calls of os and pathlib. The project phase makes them through tree_reads.py only,
# which records what it read for the run cache: a read it did not record would leave a cached run stale
# when only that file changed.
_FILE_SYSTEM_CALLS = frozenset({
    "open", "io.open", "os.stat", "os.lstat", "os.listdir", "os.scandir", "os.walk", "os.readlink", "os.access",
    "os.path.isfile", "os.path.isdir", "os.path.exists", "os.path.lexists", "os.path.getsize", "os.path.getmtime",
    "os.path.islink", "os.path.realpath", "os.path.samefile", "glob.glob", "glob.iglob",
})
_PATH_METHODS = frozenset({"read_text", "read_bytes", "open", "is_file", "is_dir", "exists", "stat", "lstat", "glob", "rglob",
                           "iterdir", "is_symlink", "samefile", "readlink"})


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def test_the_project_phase_reads_the_tree_only_through_tree_reads() -> None:
    found = []
    for module, path in _modules().items():
        if not _in(module, "project"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in ("os", "os.path", "glob", "io"):
                found.append(f"{_short(module)}:{node.lineno} from {node.module} import")
            elif isinstance(node, ast.Call) and (_dotted(node.func) in _FILE_SYSTEM_CALLS
                                                 or isinstance(node.func, ast.Attribute) and node.func.attr in _PATH_METHODS):
                found.append(f"{_short(module)}:{node.lineno} {_dotted(node.func) or node.func.attr}")
    assert not found, "file system calls in the project phase (use prr_lint/tree_reads.py):\n" + "\n".join(found)
