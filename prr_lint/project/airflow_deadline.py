"""PRR501: an Airflow task's `execution_timeout`, the deadline of an operator's `execute` and its callable.

Airflow runs an operator's `execute` (for a `PythonOperator`, its `python_callable`; for `@task`, the
function) under `execution_timeout`: when it expires a SIGALRM raises `AirflowTaskTimeout` in the task's
main thread, wherever it blocks, a socket read included, and the task fails. Airflow sets none by
default. An operator class bounds its instances when every instance gets a finite timeout:

* the nearest class of its chain (the class, then its project bases) whose `__init__` passes
  `execution_timeout=...` to `super().__init__` or sets `self.execution_timeout = ...` at its top level
  gives a `timedelta(...)` (or a module name bound to one); or gives a parameter of its `__init__` whose
  default is one (`execution_timeout=timedelta(minutes=30)`), which no class below it passes on as
  another value, no call building the class gives a value not known (`execution_timeout=None`, the
  name a subclass passes it on under, `**options`), and, for a parameter named `execution_timeout`
  (which a DAG's `default_args` fill), no mapping gives an unknown value;
* and no method of the chain sets `self.execution_timeout` to anything else (`= None` in a branch).
  Airflow's own bases set none. Operators take keyword arguments only (Airflow refuses positional ones).

A bounded class's `execute` (its own or a project base's) is a time-limited start, and so is the
`python_callable` its `__init__` gives `super().__init__` (`python_callable=self.start`). So are the
callables of operator instances (`PythonOperator(..., python_callable=f, execution_timeout=...)`, a
bounded project operator given `python_callable=f`, or one in a module every DAG of which has
`default_args={"execution_timeout": timedelta(...)}`) and `@task(execution_timeout=...)` functions (or
`@task` in such a module).
Every other operator's `execute` and callable, an instance with an unknown timeout, and a function a
`*_callback=` names (callbacks run after the timeout) count as code run elsewhere, and so do the hooks
Airflow calls outside `execute` (`__init__` at DAG parsing, `pre_execute`, `post_execute`, `on_kill`,
template rendering). The timeout stops the main thread only: what `execute` hands to a thread or an
executor is not bounded (`MainThreadCalls`). An Airflow task is a batch run of its own (a process, a
pod), whose timeout is sized to the whole run: any finite one counts, unlike a Celery worker's
limit, which holds the queue behind it. Airflow's `default_task_execution_timeout` setting is not read.
"""

from __future__ import annotations

import re
from typing import Dict, Iterator, List, NamedTuple, Optional, Set, Tuple

import libcst as cst

from prr_lint.dispatch import BY_NAME
from prr_lint.project.callgraph import GraphView
from prr_lint.project.deadline_values import Sources, timedelta_seconds
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors, resolve_name, written_in
from prr_lint.tree import descendants, dotted_name

# BaseOperator methods Airflow calls itself outside `execute`, so outside the timeout.
_OUTSIDE = frozenset({"__init__", "pre_execute", "post_execute", "on_kill", "render_template_fields", "render_template",
                      "prepare_template", "resolve_template_files", "get_template_env", "dry_run"})
_DAGS = frozenset({"airflow.DAG", "airflow.models.DAG", "airflow.models.dag.DAG", "airflow.sdk.DAG", "airflow.decorators.dag", "airflow.sdk.dag"})
_ANY = "**"  # a call passing a mapping (`Operator(**options)`) may give any keyword
_TASK_DECORATORS = ("airflow.decorators.task", "airflow.sdk.task", "airflow.sdk.definitions.decorators.task")


class AirflowTasks(NamedTuple):
    """`starts`: what runs under a finite timeout; `elsewhere`: the entries run without one; `inner`:
    methods of bounded operators Airflow does not call itself (not entries, whatever the batch set says)."""

    starts: Set[str]
    elsewhere: Set[str]
    inner: Set[str]


class MainThreadCalls(GraphView):
    """The call graph without hand-offs to threads or executors, nor nested definitions: what runs in the
    thread a SIGALRM interrupts."""

    def _derive(self, qualname: str) -> Tuple[str, ...]:
        function = self.graph.index.functions.get(qualname)
        found: Dict[str, None] = {}
        unbound = self.graph.unbound(qualname)  # a call that cannot bind runs nothing (unbound.py)
        for name in (*function.calls, *function.chained) if function is not None else ():
            targets = self.graph.by_name(name[len(BY_NAME):]) if name.startswith(BY_NAME) else self.graph.targets(name)
            found.update((target, None) for target in targets if target != qualname and target not in unbound.get(name, ()))
        return tuple(found)


def uses_airflow(index: ProjectIndex) -> bool:
    return any(target.startswith("airflow") for module in index.modules.values() for target in module.imports.values())


def airflow_limited(index: ProjectIndex, sources: Sources) -> AirflowTasks:
    """The Airflow entries with and without a finite `execution_timeout` (module docstring)."""
    operators = {name for name in index.classes if any(_is_operator(base) for base in class_ancestors(index, name))}
    homes = {index.module_of(cls) for cls in operators}
    facts: Dict[str, _Init] = {}
    for module in (index.modules[home] for home in homes if home in index.modules):
        if sources.texts.get(module.path) is not None:
            facts.update((cls, init) for cls, init in _inits(sources.tree(module.path), module.module, sources.bindings(module.path)) if cls in operators)
    # what a DAG module must say to matter: a timeout, a callable, a callback, a mapping passed on (`**options`), or a
    # parameter a timeout default comes from
    carriers = {name for init in facts.values() for name, default in init.params.items() if _seconds(default, init.constants) is not None}
    words = re.compile("|".join(map(re.escape, sorted({"execution_timeout", "python_callable", "_callback", _ANY, *carriers}))))
    scan = _Scan(index, operators)
    for module in index.modules.values():
        text = sources.texts.get(module.path)
        if text is not None and (module.module in homes or any(t.startswith("airflow") or t in operators for t in module.imports.values())
                                 and words.search(text)):
            scan.module(module.module, sources.tree(module.path), sources.bindings(module.path))
    given, callables, elsewhere, loose, defaults = scan.given, scan.callables, scan.elsewhere, scan.loose, scan.defaults
    bounded = {cls for cls in operators if _bounded(index, cls, facts, operators, given, loose)}
    starts: Set[str] = set()
    for cls in operators:
        (starts if cls in bounded else elsewhere).update((index.canonical(f"{cls}.execute") or "", *_own_callables(index, cls, facts, operators)))
        elsewhere.update(_resolve(index, index.module_of(owner), value, cls)  # `self.x` is the built class's `x`
                         for owner in _chain(index, cls, operators) for value in facts.get(owner, _EMPTY).callbacks)
        elsewhere.update(f"{cls}.{method}" for method in _OUTSIDE)
    for function, built in callables.items():  # an instance given no timeout has its class's, or its DAG's
        (starts if all(callee in bounded or (defaults.get(module, False) and callee not in operators) if finite is None else finite
                       for callee, finite, module in built) else elsewhere).add(function)
    for name, finite in _decorated_tasks(index, sources):
        (starts if finite or (finite is None and defaults.get(index.module_of(name), False)) else elsewhere).add(name)
    inner = {name for cls in bounded for name in index.functions
             if name.rpartition(".")[0] == cls and name.rpartition(".")[2] not in _OUTSIDE}
    elsewhere &= index.functions.keys()
    return AirflowTasks((starts & index.functions.keys()) - elsewhere, elsewhere, inner - elsewhere)


class _Scan:
    """What the DAG and operator modules say at their calls and mappings: the keywords each project
    operator is given a value not known finite (`given`), the callables operators are built with,
    the callbacks (`elsewhere`), whether a mapping gives `execution_timeout` an unknown value (`loose`),
    and whether every DAG of a module gives its tasks a finite one (`defaults`)."""

    def __init__(self, index: ProjectIndex, operators: Set[str]) -> None:
        self.index, self.operators = index, operators
        self.given: Dict[str, Set[str]] = {}
        self.callables: Dict[str, List[Tuple[str, Optional[bool], str]]] = {}  # callable -> (operator, timeout finite / None: not given, module)
        self.elsewhere: Set[str] = set()
        self.loose = False
        self.defaults: Dict[str, bool] = {}

    def module(self, module: str, tree: Optional[cst.Module], constants: Dict[str, cst.BaseExpression]) -> None:
        index, operators = self.index, self.operators
        dags: List[bool] = []
        for node in descendants(tree, stop_at=()) if tree is not None else ():
            key = node.key.evaluated_value if isinstance(node, cst.DictElement) and isinstance(node.key, cst.SimpleString) else None
            self.loose |= key == "execution_timeout" and _seconds(node.value, constants) is None
            if isinstance(key, str) and key.endswith("_callback"):
                self.elsewhere.add(_resolve(index, module, node.value, ""))
            if not isinstance(node, cst.Call) or _is_super_init(node.func) or not any(arg.keyword is not None or arg.star == "**" for arg in node.args):
                continue
            callee = _resolve(index, module, _constructor(node.func), "")
            unknown = {arg.keyword.value if arg.keyword is not None else _ANY for arg in node.args
                       if arg.star == "**" or arg.keyword is not None and _seconds(arg.value, constants) is None}
            if callee in operators:
                self.given.setdefault(callee, set()).update(unknown)
            self.loose |= "execution_timeout" in unknown and callee not in operators and not _is_operator(callee)  # `dict(execution_timeout=None)`
            if callee in _DAGS:
                dags.append(_default_timeout(node, constants))
            timeout = "execution_timeout" not in unknown if _keywords(node, "execution_timeout") else None
            for function in _keywords(node, "python_callable") if callee in operators or _is_operator(callee) else ():
                self.callables.setdefault(_resolve(index, module, function, ""), []).append((callee, timeout, module))
            self.elsewhere.update(_resolve(index, module, value, "") for value in _keywords(node, "_callback"))
        self.defaults[module] = bool(dags) and all(dags)


class _Init(NamedTuple):
    """What a class does with the timeout: the value its `__init__` gives `super().__init__` or sets on
    `self` at its top level (`timeout`), every other value a method of it sets (`conditional`), the
    callable and callbacks it gives, every keyword it passes `super().__init__`, its `__init__`'s
    parameter defaults and the module's constants."""

    timeout: Optional[cst.BaseExpression]
    conditional: List[cst.BaseExpression]
    callable: Optional[cst.BaseExpression]
    callbacks: List[cst.BaseExpression]
    passes: Dict[str, cst.BaseExpression]
    params: Dict[str, Optional[cst.BaseExpression]]
    constants: Dict[str, cst.BaseExpression]


_EMPTY = _Init(None, [], None, [], {}, {}, {})


def _is_operator(name: str) -> bool:
    return name.startswith("airflow.") and name.rpartition(".")[2].endswith("Operator")


def _inits(tree: Optional[cst.Module], module: str, constants: Dict[str, cst.BaseExpression]) -> Iterator[Tuple[str, _Init]]:
    """(class qualname, what it does with the timeout) for the module's top-level classes."""
    for statement in tree.body if tree is not None else ():
        if not isinstance(statement, cst.ClassDef):
            continue
        init = _Init(None, [], None, [], {}, {}, constants)
        for item in statement.body.body:
            if not isinstance(item, cst.FunctionDef):
                continue
            is_init = item.name.value == "__init__"
            top = {id(small) for line in item.body.body if is_init and isinstance(line, cst.SimpleStatementLine) for small in line.body}
            for node in descendants(item, stop_at=()):
                if isinstance(node, cst.Call) and is_init and _is_super_init(node.func):
                    init = init._replace(timeout=next(iter(_keywords(node, "execution_timeout")), init.timeout),
                                         callable=next(iter(_keywords(node, "python_callable")), init.callable))
                    init.callbacks.extend(_keywords(node, "_callback"))
                    init.passes.update((arg.keyword.value, arg.value) for arg in node.args if arg.keyword is not None)
                for target in (t.target for t in node.targets) if isinstance(node, cst.Assign) else ():
                    name = dotted_name(target) or ""
                    if name == "self.execution_timeout" and id(node) in top:
                        init = init._replace(timeout=node.value)
                    elif name == "self.execution_timeout":
                        init.conditional.append(node.value)
                    elif name.startswith("self.") and name.endswith("_callback"):
                        init.callbacks.append(node.value)
            if is_init:
                init = init._replace(params={p.name.value: p.default for p in (*item.params.params, *item.params.kwonly_params)})
        yield f"{module}.{statement.name.value}", init


def _is_super_init(func: cst.BaseExpression) -> bool:
    """`super().__init__` or `Base.__init__` (called with `self`)."""
    return isinstance(func, cst.Attribute) and func.attr.value == "__init__"


def _keywords(node: cst.Call, suffix: str) -> List[cst.BaseExpression]:
    return [arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value.endswith(suffix)]


def _constructor(func: cst.BaseExpression) -> cst.BaseExpression:
    """`Operator.partial(...)` (dynamic task mapping) builds an `Operator`."""
    return func.value if isinstance(func, cst.Attribute) and func.attr.value == "partial" else func


def _resolve(index: ProjectIndex, module: str, node: cst.BaseExpression, cls: str) -> str:
    """The qualified name an expression names: an import, a module-level name, `self.x` in class `cls`."""
    dotted = dotted_name(node) or ""
    if dotted.startswith("self.") and cls:
        return index.canonical(f"{cls}.{dotted[5:]}") or f"{cls}.{dotted[5:]}"
    resolved = written_in(index, module, dotted)
    return index.canonical(resolved) or resolved


def _seconds(node: Optional[cst.BaseExpression], constants: Dict[str, cst.BaseExpression], depth: int = 0) -> Optional[float]:
    """A finite, positive `timedelta(...)` (or a module name bound to one), in seconds."""
    if isinstance(node, cst.Name) and node.value in constants and depth < 4:
        return _seconds(constants[node.value], constants, depth + 1)
    seconds = timedelta_seconds(node, constants) if isinstance(node, cst.Call) else None
    return seconds if seconds is not None and seconds > 0 else None


def _bounded(index: ProjectIndex, cls: str, facts: Dict[str, _Init], operators: Set[str], given: Dict[str, Set[str]], loose: bool) -> bool:
    """Whether every instance of `cls` gets a finite timeout from its class chain (module docstring): the
    nearest class that sets one sets a finite one, or a parameter whose default is one and that no class
    below it nor a caller of `cls` (`given`: the keywords a call gives an unknown value) replaces; and no
    class of the chain sets another value that is not finite."""
    chain = _chain(index, cls, operators)
    inits = [facts.get(name, _EMPTY) for name in chain]
    if not all(_seconds(value, init.constants) is not None for init in inits for value in init.conditional):
        return False
    level = next((at for at, init in enumerate(inits) if init.timeout is not None), None)
    value = inits[level].timeout if level is not None else None
    if level is None or not (isinstance(value, cst.Name) and value.value in inits[level].params):
        return level is not None and _seconds(value, inits[level].constants) is not None
    param, default, constants = value.value, inits[level].params[value.value], inits[level].constants
    for init in reversed(inits[:level]):  # down the chain: a subclass may pass the parameter on, or another value
        passed = init.passes.get(param)
        if isinstance(passed, cst.Name) and passed.value in init.params:
            param, default, constants = passed.value, init.params[passed.value], init.constants
        elif passed is not None:
            return _seconds(passed, init.constants) is not None
    return not {param, _ANY} & given.get(chain[0], set()) and not (loose and param == "execution_timeout") and _seconds(default, constants) is not None


def _chain(index: ProjectIndex, cls: str, operators: Set[str]) -> List[str]:
    """`cls` and the project operator classes it derives from, nearest first."""
    chain: List[str] = []
    while cls in operators and cls not in chain:
        chain.append(cls)
        cls = next((b for b in (resolve_name(index, b) for b in index.classes.get(cls, ())) if b in operators), "")
    return chain


def _own_callables(index: ProjectIndex, cls: str, facts: Dict[str, _Init], operators: Set[str]) -> Iterator[str]:
    """The callable the `__init__` chain of `cls` gives `super().__init__` (`python_callable=self.start`:
    the built class's `start`); one taken from a parameter comes from the callers (`callables`)."""
    for owner in _chain(index, cls, operators):
        init = facts.get(owner, _EMPTY)
        if init.callable is not None and not (isinstance(init.callable, cst.Name) and init.callable.value in init.params):
            yield _resolve(index, index.module_of(owner), init.callable, cls)
            return


def _decorated_tasks(index: ProjectIndex, sources: Sources) -> Iterator[Tuple[str, Optional[bool]]]:
    """(function, its `@task(execution_timeout=...)` finite; None when not given) for every `@task` function."""
    for name, function in index.functions.items():
        if not any(resolve_name(index, d).startswith(_TASK_DECORATORS) for d in function.decorators):
            continue
        module = index.modules.get(index.module_of(name))
        tree = sources.tree(module.path) if module is not None else None
        constants = sources.bindings(module.path) if module is not None else {}
        short = name.rpartition(".")[2]
        defs = [n for n in descendants(tree, stop_at=()) if isinstance(n, cst.FunctionDef) and n.name.value == short] if tree else []
        values = [arg.value for d in (defs[0].decorators if len(defs) == 1 else ()) if isinstance(d.decorator, cst.Call)
                  for arg in d.decorator.args if arg.keyword is not None and arg.keyword.value == "execution_timeout"]
        yield name, _seconds(values[0], constants) is not None if values else None if len(defs) == 1 else False


def _default_timeout(dag: cst.Call, constants: Dict[str, cst.BaseExpression]) -> bool:
    """`DAG(..., default_args={"execution_timeout": timedelta(...)})` (or a module name bound to the mapping)."""
    given = _keywords(dag, "default_args")
    mapping = constants.get(given[0].value) if given and isinstance(given[0], cst.Name) else given[0] if given else None
    entries = [e.value for e in mapping.elements if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
               and e.key.evaluated_value == "execution_timeout"] if isinstance(mapping, cst.Dict) else []
    return bool(entries) and _seconds(entries[-1], constants) is not None
