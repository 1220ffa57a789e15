"""PRR501: a django-q task's timeout, the deadline of a function the cluster runs (django-q, django-q2).

A django-q worker runs each task under a timer: past the task's timeout the cluster's sentinel kills the
worker process (django-q2 also raises `TimeoutException` in it first, by SIGALRM). The timeout is the
task's own, when its send gives one (`async_task(f, timeout=30)`, `q_options={"timeout": 30}`, which wins
over the keyword; a `None` leaves no number, so no deadline is known), else the cluster's
`Q_CLUSTER["timeout"]`, unset by default: then nothing kills a task. A send with `sync=True` (its own, its
`q_options`', or `Q_CLUSTER["sync"]` when the send names none) runs the task at once in the caller's
process, with no timer: that send bounds nothing (django_q/tasks.py `async_task`, `_sync`; worker.py).

Sends read (django_q/tasks.py), each with the options it hands `async_task`:
* `async_task(f, ...)`, `schedule(f, ...)` (the scheduler passes the schedule's keywords on) and
  `AsyncTask(f, ...)`: the call's keywords;
* `async_iter(f, args, ...)`: its `q_options` alone when given, else its keywords; `Iter(f, kwargs=...)`
  likewise, with its own `sync`;
* `async_chain([(f, args, kwargs), g], sync=...)` and `Chain(...)`, `chain.append(f, ..., timeout=...)`:
  each link's keywords, with the chain's `sync` (a link's `q_options` still wins);
* a `Schedule` row made with `Schedule(...)`, `Schedule.objects.create/get_or_create/update_or_create(func=...)`:
  its `kwargs` field, whose options the scheduler hands on: none named there, the cluster's;
* a django-q-registry `@register_task(...)` schedule: the cluster's, unless it gives `kwargs` or `q_options`.
The function is named by reference or by its dotted path (`"svc.jobs.notify"`). A function is time-limited
when every send of it outside tests has a known timeout within MAX_SECONDS (any of them may run it). An
`AsyncTask`, `Iter` or `Chain` object used other than by calling its public methods
(handed on, an attribute set or read: `task.sync = True`, `task.kwargs["sync"] = True`), or a send of a computed function (a wrapper's parameter)
whose options may be synchronous or unbounded, may run any function so: then django-q bounds nothing.
Another django-q call handed a project function (one not read here) leaves that function unbounded.

The cluster's timeout and `sync` come from the settings variants that may be deployed (django_q_settings.py).

Limit: a `Schedule` row changed after it is made (a queryset's `update(kwargs=...)`, a row's `save()`) is not
followed; nor is a task put on the broker by hand.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.model import ModuleSummary
from prr_lint.paths import is_test_path
from prr_lint.project.deadline_values import MAX_SECONDS, Sources, known_seconds, longest
from prr_lint.project.django_q_settings import Cluster, cluster_settings, string_dict
from prr_lint.project.index import ProjectIndex
from prr_lint.project.job_reach import entry
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.names import resolve_name
from prr_lint.project.support import test_modules
from prr_lint.switch_keys import is_false
from prr_lint.tree import SCOPE_NODES, descendants, dotted_name, keyword_value

if TYPE_CHECKING:
    from prr_lint.project.analysis import ServingAnalysis

_TASKS = "django_q.tasks."
# Sends whose first argument is the function and whose keywords are async_task's options.
_SENDS = frozenset({"django_q.tasks.async_task", "django_q.tasks.schedule", "django_q.tasks.AsyncTask"})
_OBJECTS = frozenset({"django_q.tasks.AsyncTask", "django_q.tasks.Iter", "django_q.tasks.Chain"})
_SCHEDULE = "django_q.models.Schedule"
_ROWS = frozenset({f"{_SCHEDULE}.objects.{method}" for method in ("create", "get_or_create", "update_or_create")} | {_SCHEDULE})
_REGISTRY = frozenset({"django_q_registry.register_task", "django_q_registry.registry.register_task"})
_OPTIONS = ("timeout", "sync")  # the options that decide a task's deadline
_SENDER_WORDS = frozenset({"async_task", "schedule", "AsyncTask", "async_iter", "Iter", "async_chain", "Chain"})
_WORDS = re.compile(rf"\b(?:{'|'.join(sorted(_SENDER_WORDS | {'Schedule', 'register_task', 'django_q'}))})\b")  # a module that may send
_CALL_COMMAND = re.compile(r"\bcall_command\(\s*['\"]([\w-]+)['\"]")
_CLUSTER_SYNC = cst.Name("_cluster_sync")  # a send that names no `sync`: the cluster's


def uses_django_q(index: ProjectIndex) -> bool:
    """Whether some module imports django-q or django-q-registry."""
    return any(target.split(".")[0] in ("django_q", "django_q_registry") for module in index.modules.values()
               for target in module.imports.values())


def django_q_limited(analysis: "ServingAnalysis", sources: Sources, launch_files: Sequence[str]) -> Set[str]:
    """The django-q tasks a timeout bounds (module doc), and the management commands only they run (`call_command`)."""
    index = analysis.index
    cluster = cluster_settings(analysis, sources, launch_files)
    tests = test_modules(index)
    sends = _Sends(index, sources, cluster)
    for module in index.modules.values():
        text = sources.texts.get(module.path)
        if text is None or module.module in tests or is_test_path(module.path) or not _WORDS.search(text):
            continue  # a test's sends run no deployed task
        tree = sources.tree(module.path)
        if tree is not None:
            sends.read(module, tree)
    if sends.open:
        return set()
    limited = {name for name, values in sends.found.items()
               if (top := longest(values)) is not None and top <= MAX_SECONDS and min(values) > 0}  # type: ignore[type-var]
    return limited | _commands_run_by(index, sources, limited, launch_files)


class _Sends:
    """Each function sent to django-q, with the deadline of each send (None: none known); `open` when some
    send may run functions it does not name without one."""

    def __init__(self, index: ProjectIndex, sources: Sources, cluster: Cluster) -> None:
        self.index, self.sources, self.cluster = index, sources, cluster
        self.found: Dict[str, List[Optional[float]]] = {}
        self.open = False

    def read(self, module: ModuleSummary, tree: cst.Module) -> None:
        for node in (tree, *descendants(tree, stop_at=())):
            if isinstance(node, (cst.Module, cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                self._scope(module, node)
            if isinstance(node, cst.ClassDef) and any(_sender(self.index, module, base.value) for base in node.bases):
                self.open = True  # a subclass of AsyncTask, Iter or Chain: how it sends is not read
        for statement in tree.body:
            if isinstance(statement, cst.FunctionDef):
                self._decorators(module, statement)

    def _scope(self, module: ModuleSummary, scope: cst.CSTNode) -> None:
        """The sends of one scope, its nested definitions apart (each is a scope of its own)."""
        nodes = _below(scope, SCOPE_NODES)
        local = _local_names(scope)
        placed: Dict[int, str] = {}  # id of an object's constructor call -> the local name bound to it, "" when used in place
        for node in nodes:
            if isinstance(node, cst.Assign) and isinstance(node.value, cst.Call) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
                placed[id(node.value)] = node.targets[0].target.value
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Call) \
                    and not node.func.attr.value.startswith("_"):
                placed[id(node.func.value)] = ""  # a method called in place: `AsyncTask(f, ...).run()`
        stored = {id(target.value) for node in nodes for target in _targets(node) if isinstance(target, (cst.Attribute, cst.Subscript))}
        called = {id(node.func) for node in nodes if isinstance(node, cst.Call)} | _labels(nodes)
        called |= {id(inner) for node in nodes if isinstance(node, (cst.Import, cst.ImportFrom)) for inner in descendants(node, stop_at=())}
        for node in nodes:
            if isinstance(node, (cst.Name, cst.Attribute)) and id(node) not in called and (dotted_name(node) or ".").split(".")[0] not in local \
                    and _sender(self.index, module, node):
                self.open = True  # a sender used as a value (`run = async_task`, a subclass of AsyncTask): its sends are not read
            if not isinstance(node, cst.Call):
                continue
            name = _resolved(self.index, module, node.func)
            if name in _OBJECTS and (id(node) not in placed or id(node) in stored or placed[id(node)] and _escapes(scope, placed[id(node)])):
                self.open = True  # the object is handed on or changed: what it runs, and how, is not read here
            if name in _SENDS:
                self._send(module, local, _argument(node, "func", 0), _keywords(node))
            elif name == "django_q.tasks.async_iter":
                self._send(module, local, _argument(node, "func", 0), _iter_options(_keywords(node)))
            elif name == "django_q.tasks.Iter":
                given = _argument(node, "kwargs", 2)
                options = string_dict(given) if given is not None else {}
                sync = _given(_argument(node, "sync", 4))
                options = None if options is None or _splat(node) else options if "q_options" in options else {**options, "sync": sync}
                self._send(module, local, _argument(node, "func", 0), _iter_options(options))
            elif name in ("django_q.tasks.async_chain", "django_q.tasks.Chain"):
                self._chain(module, local, node, scope, placed.get(id(node), ""))
            elif name in _ROWS:
                self._row(module, local, node)
            elif name.startswith(_TASKS):
                for arg in node.args:  # another django-q call handed a project function: not read, no deadline
                    self._record(module, local, arg.value, None, unread_call=True)

    def _send(self, module: ModuleSummary, local: Set[str], target: Optional[cst.BaseExpression],
              options: Optional[Dict[str, cst.BaseExpression]], sync: Optional[cst.BaseExpression] = None) -> None:
        if target is not None:
            self._record(module, local, target, self._deadline(module, options, sync))

    def _deadline(self, module: ModuleSummary, options: Optional[Dict[str, cst.BaseExpression]],
                  sync: Optional[cst.BaseExpression] = None) -> Optional[float]:
        """The deadline of a send given `options` (None: not read): `q_options` wins over the keywords, `sync`
        (the chain's) over the keywords' own."""
        if options is None:
            return None
        merged = dict(options)
        if sync is not None:
            merged["sync"] = sync
        if "q_options" in options:
            inner = string_dict(options["q_options"])
            if inner is None:
                return None
            merged.update((key, inner[key]) for key in _OPTIONS if key in inner)
        given = merged.get("sync", _CLUSTER_SYNC)
        if (self.cluster.sync if given is _CLUSTER_SYNC else not is_false(given)):
            return None  # run at once in the caller's process, with no timer
        if "timeout" not in merged:
            return self.cluster.timeout
        return known_seconds(merged["timeout"], self.sources.bindings(module.path), self.sources)

    def _chain(self, module: ModuleSummary, local: Set[str], call: cst.Call, scope: cst.CSTNode, bound: str) -> None:
        """`async_chain([...], sync=...)`, `Chain([...], sync=...)` and the `append` calls on a Chain bound to `bound`."""
        sync = _given(_argument(call, "sync", 3))
        links = _argument(call, "chain", 0)
        if links is not None and not isinstance(links, (cst.List, cst.Tuple)) or _splat(call):
            self.open = True  # links built elsewhere: which functions, with what options, is not read
            return
        for element in links.elements if links is not None else ():
            value = element.value
            parts = [e.value for e in value.elements] if isinstance(value, cst.Tuple) else [value]
            if isinstance(element, cst.StarredElement) or isinstance(value, cst.Tuple) and any(isinstance(e, cst.StarredElement) for e in value.elements):
                self.open = True
                continue
            self._send(module, local, parts[0] if parts else None, string_dict(parts[2]) if len(parts) > 2 else {}, sync)
        for node in _below(scope, ()) if bound else ():
            func = node.func if isinstance(node, cst.Call) else None
            if isinstance(func, cst.Attribute) and func.attr.value == "append" and isinstance(func.value, cst.Name) and func.value.value == bound:
                self._send(module, local, _argument(node, "func", 0), _keywords(node), sync)  # type: ignore[arg-type]

    def _row(self, module: ModuleSummary, local: Set[str], call: cst.Call) -> None:
        """A Schedule row: its `func` (also in `defaults=`), its `kwargs` handed to the task."""
        fields = _keywords(call)
        defaults = string_dict(fields["defaults"]) if fields is not None and "defaults" in fields else {}
        if fields is None or defaults is None:
            self.open = True  # a row of fields not read: any function, any options
            return
        fields = {**fields, **defaults}
        if "func" not in fields:
            return
        given = fields.get("kwargs")
        options: Optional[Dict[str, cst.BaseExpression]] = {}
        if given is not None:
            text = given.evaluated_value if isinstance(given, cst.SimpleString) else None
            names = string_dict(given)
            if not (isinstance(text, str) and not re.search(r"\b(?:timeout|sync|q_options)\b", text)
                    or names is not None and not any(key in names for key in (*_OPTIONS, "q_options"))):
                options = None  # options handed to the task in a way not read
        self._send(module, local, fields["func"], options)

    def _decorators(self, module: ModuleSummary, function: cst.FunctionDef) -> None:
        """A django-q-registry `@register_task(...)` schedules the module function it decorates."""
        for decorator in function.decorators:
            call = decorator.decorator if isinstance(decorator.decorator, cst.Call) else None
            if _resolved(self.index, module, call.func if call is not None else decorator.decorator) not in _REGISTRY:
                continue
            options = _keywords(call) if call is not None else {}
            seconds = None if options is None or "kwargs" in options or "q_options" in options else self._deadline(module, {})
            qualname = f"{module.module}.{function.name.value}"
            if qualname in self.index.functions:
                self.found.setdefault(qualname, []).append(seconds)

    def _record(self, module: ModuleSummary, local: Set[str], target: cst.BaseExpression, seconds: Optional[float], unread_call: bool = False) -> None:
        """Counts a send of the project function `target` names (a reference, or a string of its dotted path). A
        computed one (a parameter, a local, a project name that is no function) may be any function: sent with no
        deadline, django-q then bounds nothing. A library's function is no project code."""
        name: Optional[str] = None
        if isinstance(target, cst.SimpleString) and isinstance(target.evaluated_value, str):
            name = resolve_name(self.index, target.evaluated_value)
        elif not isinstance(target, cst.ConcatenatedString):
            dotted = dotted_name(target)
            name = resolve_name(self.index, f"{module.module}.{dotted}") if dotted and dotted.split(".")[0] not in local else None
        if name is not None and name in self.index.functions:
            self.found.setdefault(name, []).append(seconds)
        elif seconds is None and not unread_call and (name is None or name.rpartition(".")[0] in self.index.modules or name in self.index.classes):
            self.open = True


def _resolved(index: ProjectIndex, module: ModuleSummary, expression: cst.BaseExpression) -> str:
    """The qualified name a name chain stands for through the module's imports ("" for anything else)."""
    dotted = dotted_name(expression)
    return resolve_name(index, f"{module.module}.{dotted}") if dotted else ""


def _argument(call: cst.Call, keyword: str, position: int) -> Optional[cst.BaseExpression]:
    given = keyword_value(call, keyword)
    if given is not None:
        return given
    positional = [arg for arg in call.args if arg.keyword is None]
    if any(arg.star for arg in positional[:position + 1]):
        return None
    return positional[position].value if position < len(positional) else None


def _keywords(call: cst.Call) -> Optional[Dict[str, cst.BaseExpression]]:
    """The call's keywords, None when a `**` splat may hold more."""
    if any(arg.star == "**" for arg in call.args):
        return None
    return {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}


def _given(sync: Optional[cst.BaseExpression]) -> cst.BaseExpression:
    """A `sync` argument, or the cluster's when the call gives none."""
    return _CLUSTER_SYNC if sync is None else sync


def _splat(call: cst.Call) -> bool:
    return any(arg.star == "**" for arg in call.args)


def _iter_options(options: Optional[Dict[str, cst.BaseExpression]]) -> Optional[Dict[str, cst.BaseExpression]]:
    """async_iter hands each task `q_options` alone when it is given (`kwargs.get("q_options", kwargs)`)."""
    if options is None or "q_options" not in options:
        return options
    return string_dict(options["q_options"])


def _below(scope: cst.CSTNode, stop_at: Tuple[type, ...]) -> List[cst.CSTNode]:
    """The nodes of a scope (a module, a function, a lambda, a class body), not entering nested definitions with
    `SCOPE_NODES`."""
    if isinstance(scope, cst.Module):
        return list(descendants(scope, stop_at=stop_at))
    body = scope.body  # type: ignore[attr-defined]
    return [body, *descendants(body, stop_at=stop_at)]


def _labels(nodes: List[cst.CSTNode]) -> Set[int]:
    """The ids of the names that label rather than use: an attribute's name (`task.sync`), a keyword's."""
    return {id(node.attr) for node in nodes if isinstance(node, cst.Attribute)} | {id(node.keyword) for node in nodes if isinstance(node, cst.Arg)}


def _targets(node: cst.CSTNode) -> List[cst.BaseExpression]:
    """What an assignment, augmented assignment or `del` binds or changes."""
    if isinstance(node, cst.Assign):
        return [target.target for target in node.targets]
    if isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.Del)):
        return [node.target]
    return []


def _local_names(scope: cst.CSTNode) -> Set[str]:
    """A function's parameters and the names its body binds: a send of one is of a computed function."""
    params = scope.params if isinstance(scope, (cst.FunctionDef, cst.Lambda)) else None
    if params is None:
        return set()
    names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    names.update(star.name.value for star in (params.star_arg, params.star_kwarg) if isinstance(star, cst.Param))
    for node in descendants(scope.body, stop_at=()):
        bound = [*_targets(node), *([node.target] if isinstance(node, (cst.For, cst.CompFor)) else []),
                 *([node.name] if isinstance(node, cst.AsName) else [])]
        names.update(target.value for target in bound if isinstance(target, cst.Name))
    return names


def _escapes(scope: cst.CSTNode, name: str) -> bool:
    """Whether a local object bound once to `name` is used other than by calling a public method of it
    (`task.run()`, `chain.append(...)`): handed on, returned, bound again, an attribute of it set
    (`task.sync = True`), or one read at all (`task.kwargs["sync"] = True`, `task.kwargs.update(sync=True)`,
    `chain.chain[0][2]["sync"] = True`: django-q's options live in such attributes, so any read may change them)."""
    nodes = _below(scope, ())
    labels = _labels(nodes)
    uses = [node for node in nodes if isinstance(node, cst.Name) and node.value == name and id(node) not in labels]
    methods = {id(node.func.value) for node in nodes if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
               and not node.func.attr.value.startswith("_")}
    bindings = [target for node in nodes for target in _targets(node) if isinstance(target, cst.Name) and target.value == name]
    return len(bindings) != 1 or any(id(use) not in methods and use is not bindings[0] for use in uses)


def _sender(index: ProjectIndex, module: ModuleSummary, node: cst.BaseExpression) -> bool:
    """A name of a django-q sender (`async_task`, `AsyncTask` ...), also inside an `Attribute` chain's last part."""
    last = node.value if isinstance(node, cst.Name) else node.attr.value if isinstance(node, cst.Attribute) else ""
    return last in _SENDER_WORDS and _resolved(index, module, node).startswith(_TASKS)


# ----- management commands a task runs ---------------------------------------------------------------


def _commands_run_by(index: ProjectIndex, sources: Sources, tasks: Set[str], launch_files: Sequence[str]) -> Set[str]:
    """The management commands every `call_command("name")` of which is in one of `tasks`, that no
    deployment file names: their classes and methods."""
    if not tasks:
        return set()
    calls: Dict[str, List[bool]] = {}
    for module in index.modules.values():
        text = sources.texts.get(module.path)
        if text is None or "call_command" not in text or is_test_path(module.path):
            continue
        defs = sorted((function.line, name) for name, function in index.functions.items() if index.module_of(name) == module.module)
        for match in _CALL_COMMAND.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            owner = max(((at, name) for at, name in defs if at <= line), default=(0, ""))[1]
            calls.setdefault(match.group(1), []).append(owner in tasks)
    deployed = "\n".join(text for text in map(read_launch_text, launch_files) if text)
    found: Set[str] = set()
    for command, inside in calls.items():
        if not all(inside) or re.search(rf"(?<![\w-]){re.escape(command)}(?![\w-])", deployed):
            continue
        for name in index.classes:
            if name.endswith(f".management.commands.{command}.Command"):
                found.update((name, *entry(index, name)))
    return found
