"""PRR501: an RQ job's timeout, the deadline of a function RQ runs.

An RQ worker runs each job under a death penalty: past the job's timeout it raises `JobTimeoutException`
in the work horse (SIGALRM), whatever call it blocks in. The timeout is the job's own (`enqueue(f,
job_timeout=60)`, `enqueue_call(func=f, timeout=60)`, `@job(queue, timeout=60)`, rq-scheduler's
`schedule(..., timeout=60)` / `cron(..., timeout=60)`), else its queue's `default_timeout`
(`Queue("low", default_timeout=600)`, django_rq's `get_queue("low", default_timeout=600)` or its
`RQ_QUEUES["low"]["DEFAULT_TIMEOUT"]`), else `Queue.DEFAULT_TIMEOUT`, 180 s (rq/queue.py). A `None`
means the default; `-1` (any value <= 0) means no timeout. django_rq's `RQ` setting holds no job timeout
(`DEFAULT_RESULT_TTL` is how long a result is kept). Settings variants may each set a queue's
`DEFAULT_TIMEOUT`: the longest counts.

A function is an RQ job when a send names it (`queue.enqueue(f)`, `enqueue_call(func=f)`, `enqueue_at`,
`enqueue_in`, `django_rq.enqueue(f)`, a scheduler's `schedule`/`cron`/`enqueue_at`/`enqueue_in`) or it is
decorated `@job` (rq.decorators.job, django_rq.job, flask_rq.job: its `.delay` enqueues it). A send of a
module-level function's own parameter makes that function a wrapper: each call of it sends the job its
caller passes, with the timeout that caller gives or the wrapper's default (rq_wrappers.py). The receiver
is read through imports: an `rq.Queue(...)`, Flask-RQ's `get_queue(...)` (an `rq.Queue` of its keywords),
django_rq's `get_queue(...)` / `get_scheduler(...)` or an rq_scheduler `Scheduler(...)`, made in place or
bound to a module-level name, a local name or `self.x` (in the class). It is time-limited when every send of it has a known timeout within MAX_SECONDS; an
`enqueue` on a receiver that cannot be read as an RQ queue leaves it unbounded. What else reaches it is
decided by task_deadline.py, as for Celery tasks.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, List, NamedTuple, Optional, Set, Tuple

import libcst as cst

from prr_lint.model import ModuleSummary
from prr_lint.paths import is_test_path
from prr_lint.project.deadline_values import MAX_SECONDS, Sources, known_seconds, longest
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import resolve_name
from prr_lint.project.rq_wrappers import Wrapper, wrapper, wrapper_sends
from prr_lint.tree import SCOPE_NODES, descendants, dotted_name, keyword_value

RQ_DEFAULT_TIMEOUT = 180.0  # rq.Queue.DEFAULT_TIMEOUT
_PACKAGES = ("rq", "django_rq", "rq_scheduler", "flask_rq")
# Flask-RQ's get_queue(name, **kwargs) builds rq.Queue(name, **kwargs)
_QUEUES = frozenset({"rq.Queue", "rq.queue.Queue", "django_rq.queues.DjangoRQ", "flask_rq.get_queue"})
_DJANGO_QUEUES = frozenset({"django_rq.get_queue", "django_rq.queues.get_queue"})
_SCHEDULERS = frozenset({"rq_scheduler.Scheduler", "rq_scheduler.scheduler.Scheduler"})
_DJANGO_SCHEDULERS = frozenset({"django_rq.get_scheduler", "django_rq.queues.get_scheduler"})
_ENQUEUES = frozenset({"django_rq.enqueue", "django_rq.queues.enqueue"})
_JOB_DECORATORS = frozenset({"rq.decorators.job", "rq.job", "django_rq.job", "django_rq.decorators.job", "flask_rq.job"})
# send method -> (position of the function, the keyword that sets the job's timeout)
_QUEUE_SENDS = {"enqueue": (0, "job_timeout"), "enqueue_call": (0, "timeout"), "enqueue_at": (1, "job_timeout"),
                "enqueue_in": (1, "job_timeout")}
_SCHEDULER_SENDS = {"schedule": (1, "timeout"), "cron": (1, "timeout"), "enqueue_at": (1, "timeout"), "enqueue_in": (1, "timeout")}
_SENDS = re.compile(r"\b(?:enqueue\w*|schedule|cron)\b")
_UNIT = re.compile(r"(\d+)([dhmsDHMS])")
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_DEFAULT = "default"


class _Receiver(NamedTuple):
    """An RQ queue or scheduler: its default job timeout (None: none, or not known), and for a django_rq
    scheduler the settings its sends' `queue_name=` picks a default from."""

    scheduler: bool
    timeout: Optional[float]
    django: bool = False


def uses_rq(index: ProjectIndex) -> bool:
    """Whether some module imports RQ, django_rq or rq-scheduler."""
    return any(_imports_rq(module) for module in index.modules.values())


def _imports_rq(module: ModuleSummary) -> bool:
    return any(target.split(".")[0] in _PACKAGES for target in module.imports.values())


def rq_limited(index: ProjectIndex, sources: Sources) -> Set[str]:
    """The functions RQ runs as jobs whose every send gives a timeout within MAX_SECONDS."""
    settings = _QueueSettings(sources)
    sends: Dict[str, List[Optional[float]]] = {}
    wrappers: Dict[str, List[Wrapper]] = {}
    for module in index.modules.values():
        text = sources.texts.get(module.path)
        # a send names its method; a `@job` module imports the decorator. Tests' sends run no deployed job.
        wanted = text is not None and not is_test_path(module.path) and (_SENDS.search(text) is not None or _imports_rq(module))
        tree = sources.tree(module.path) if wanted else None
        if tree is not None:
            tree.visit(_Sends(index, sources, settings, module, sends, wrappers))
    if wrappers:  # the calls of project functions that send what they are handed (rq_wrappers.py)
        wrapper_sends(index, sources, wrappers,
                      lambda module, node, default: _timeout(node, sources.bindings(module.path), sources, default),
                      lambda module, target, timeout: _record(index, module, target, sends, timeout))
    return {name for name, values in sends.items()
            if (top := longest(values)) is not None and top <= MAX_SECONDS and min(values) > 0}  # type: ignore[type-var]


def _timeout(node: cst.BaseExpression, constants: Dict[str, cst.BaseExpression], sources: Sources, default: Optional[float]) -> Optional[float]:
    """A timeout RQ's parse_timeout reads: a number, `"10m"`, None for the default; <= 0 is none."""
    if isinstance(node, cst.Name) and node.value == "None":
        return default
    if isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str):
        unit = _UNIT.fullmatch(node.evaluated_value)
        if unit is not None:
            return float(int(unit.group(1)) * _UNITS[unit.group(2).lower()])
    value = known_seconds(node, constants, sources)
    return value if value is not None and value > 0 else None


def _keyword(call: cst.Call, name: str, position: int = -1, alias: str = "") -> Optional[cst.BaseExpression]:
    """The argument given as keyword `name` (or `alias`), or at positional `position`."""
    given = keyword_value(call, name) or (keyword_value(call, alias) if alias else None)
    if given is not None:
        return given
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    return positional[position] if 0 <= position < len(positional) else None


class _QueueSettings:
    """django_rq's `RQ_QUEUES`: a queue's `DEFAULT_TIMEOUT` (the longest of the settings variants), read once."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources
        self._found: Optional[Dict[str, List[Optional[float]]]] = None

    def timeout(self, name: str) -> Optional[float]:
        if self._found is None:
            self._found = self._read()
        return None if "*" in self._found else longest(self._found.get(name, []))

    def _read(self) -> Dict[str, List[Optional[float]]]:
        found: Dict[str, List[Optional[float]]] = {}
        for path, text in self.sources.texts.items():
            tree = self.sources.tree(path) if text is not None and "RQ_QUEUES" in text else None
            for node in descendants(tree, stop_at=()) if tree is not None else ():
                if not isinstance(node, cst.Assign):
                    continue
                for target in (t.target for t in node.targets):
                    if isinstance(target, cst.Subscript) and "DEFAULT_TIMEOUT" in _strings(target) and "RQ_QUEUES" in _names(target):
                        found["*"] = [None]  # set piecemeal: not read
                    elif (target.value if isinstance(target, cst.Name) else target.attr.value if isinstance(target, cst.Attribute) else "") == "RQ_QUEUES":
                        self._queues(node.value, self.sources.bindings(path), found)
        return found

    def _queues(self, value: cst.BaseExpression, constants: Dict[str, cst.BaseExpression], found: Dict[str, List[Optional[float]]]) -> None:
        if not isinstance(value, cst.Dict):
            found["*"] = [None]
            return
        for element in value.elements:
            key = element.key.evaluated_value if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) else None
            if not isinstance(key, str):
                found["*"] = [None]
                continue
            queue = element.value
            given = [e.value for e in queue.elements if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
                     and e.key.evaluated_value == "DEFAULT_TIMEOUT"] if isinstance(queue, cst.Dict) else None
            timeout = None if given is None else _timeout(given[-1], constants, self.sources, RQ_DEFAULT_TIMEOUT) if given else RQ_DEFAULT_TIMEOUT
            found.setdefault(key, []).append(timeout)


def _strings(node: cst.CSTNode) -> Set[str]:
    return {n.evaluated_value for n in descendants(node, stop_at=()) if isinstance(n, cst.SimpleString) and isinstance(n.evaluated_value, str)}


def _names(node: cst.CSTNode) -> Set[str]:
    return {n.value for n in (node, *descendants(node, stop_at=())) if isinstance(n, cst.Name)}


class _Sends(cst.CSTVisitor):
    """Records, for each function a module sends to RQ or decorates `@job`, the timeout of each send."""

    def __init__(self, index: ProjectIndex, sources: Sources, settings: _QueueSettings, module: ModuleSummary,
                 sends: Dict[str, List[Optional[float]]], wrappers: Dict[str, List[Wrapper]]) -> None:
        self.index, self.sources, self.settings, self.module, self.sends = index, sources, settings, module, sends
        self.wrappers = wrappers
        self.scopes: List[cst.CSTNode] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scopes.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scopes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            expression = decorator.decorator
            call = expression if isinstance(expression, cst.Call) else None
            if _resolved(self.index, self.module, call.func if call is not None else expression) in _JOB_DECORATORS:
                owners = [scope.name.value for scope in self.scopes if isinstance(scope, (cst.ClassDef, cst.FunctionDef))]
                qualname = ".".join((self.module.module, *owners, node.name.value))
                self.sends.setdefault(qualname, []).append(self._decorator_timeout(call))
        self.scopes.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.pop()

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in {*_QUEUE_SENDS, *_SCHEDULER_SENDS}:
            method = func.attr.value
            receiver = _Reader(self).receiver(func.value, self.module, self._function(), self._class())
            table = _SCHEDULER_SENDS if receiver is not None and receiver.scheduler else _QUEUE_SENDS
            if method not in table:
                return
            position, keyword = table[method]
            target = _keyword(node, "func", position, "f")
            default = receiver.timeout if receiver is not None else None
            name = _keyword(node, "queue_name") if receiver is not None and receiver.django else None
            if name is not None:
                default = self.settings.timeout(name.evaluated_value) if isinstance(name, cst.SimpleString) and isinstance(name.evaluated_value, str) else None
            self._send(target, node, keyword, default)
        elif _resolved(self.index, self.module, func) in _ENQUEUES:
            self._send(_keyword(node, "f", 0), node, "job_timeout", self.settings.timeout(_DEFAULT))

    def _send(self, target: Optional[cst.BaseExpression], call: cst.Call, keyword: str, default: Optional[float]) -> None:
        """Counts a send of `target` with the timeout its call gives, else `default`; or, when a module-level
        function sends its own parameter, records that function as a wrapper whose callers send."""
        if target is None:
            return
        constants = self.sources.bindings(self.module.path)
        function = self.scopes[0] if len(self.scopes) == 1 and isinstance(self.scopes[0], cst.FunctionDef) else None
        found = wrapper(function, target, call, keyword, default,
                        lambda node: _timeout(node, constants, self.sources, default)) if function is not None else None
        if found is not None:
            self.wrappers.setdefault(f"{self.module.module}.{function.name.value}", []).append(found)  # type: ignore[union-attr]
            return
        given = _keyword(call, keyword)
        _record(self.index, self.module, target, self.sends, default if given is None else _timeout(given, constants, self.sources, default))

    def _decorator_timeout(self, call: Optional[cst.Call]) -> Optional[float]:
        """`@job` (django_rq: the default queue), `@job("low", timeout=60)`, `@job(queue)`."""
        queue = _keyword(call, "queue", 0, "func_or_queue") if call is not None else None
        django = call is None or _resolved(self.index, self.module, call.func).startswith("django_rq.")
        if queue is None or isinstance(queue, cst.SimpleString):
            name = queue.evaluated_value if isinstance(queue, cst.SimpleString) else _DEFAULT
            default = (self.settings.timeout(name) if isinstance(name, str) else None) if django else RQ_DEFAULT_TIMEOUT
        else:
            receiver = _Reader(self).receiver(queue, self.module, self._function(), self._class())
            default = receiver.timeout if receiver is not None and not receiver.scheduler else None
        given = _keyword(call, "timeout", 2) if call is not None else None
        return default if given is None else _timeout(given, self.sources.bindings(self.module.path), self.sources, default)

    def _function(self) -> Optional[cst.FunctionDef]:
        return next((scope for scope in reversed(self.scopes) if isinstance(scope, cst.FunctionDef)), None)

    def _class(self) -> Optional[cst.ClassDef]:
        return next((scope for scope in reversed(self.scopes) if isinstance(scope, cst.ClassDef)), None)


def _record(index: ProjectIndex, module: ModuleSummary, target: cst.BaseExpression, sends: Dict[str, List[Optional[float]]],
            timeout: Optional[float]) -> None:
    """Counts a send from `module` of the project function `target` names (or a string names) with `timeout`."""
    if isinstance(target, cst.SimpleString) and isinstance(target.evaluated_value, str):
        name: Optional[str] = resolve_name(index, target.evaluated_value)
    else:
        dotted = dotted_name(target)
        name = resolve_name(index, f"{module.module}.{dotted}") if dotted else None
    if name is not None and name in index.functions:
        sends.setdefault(name, []).append(timeout)


def _resolved(index: ProjectIndex, module: ModuleSummary, expression: cst.BaseExpression) -> str:
    """The qualified name a name chain stands for through the module's imports ("" for anything else)."""
    dotted = dotted_name(expression)
    return resolve_name(index, f"{module.module}.{dotted}") if dotted else ""


class _Reader:
    """What an expression used as a queue or scheduler is: followed through local, `self.x`, module-level
    and imported bindings to the call that made it."""

    def __init__(self, sends: _Sends) -> None:
        self.index, self.sources, self.settings = sends.index, sends.sources, sends.settings
        self.calls = 0  # a budget for one receiver's chain of bindings

    def receiver(self, node: cst.BaseExpression, module: ModuleSummary, function: Optional[cst.FunctionDef],
                 cls: Optional[cst.ClassDef]) -> Optional[_Receiver]:
        self.calls += 1
        if self.calls > 8:
            return None
        if isinstance(node, cst.Call):
            return self._made(node, module, function, cls)
        values: List[cst.BaseExpression] = []
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self" and cls is not None:
            values = _assigned(cls, lambda t: isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name)
                               and t.value.value == "self" and t.attr.value == node.attr.value, ())
            function = None
        elif isinstance(node, cst.Name) and function is not None:
            values = _assigned(function, lambda t: isinstance(t, cst.Name) and t.value == node.value)
        if values:
            found = [self.receiver(value, module, function, cls) for value in values]
            return None if None in found else _Receiver(found[0].scheduler, longest([r.timeout for r in found]), found[0].django)  # type: ignore[union-attr]
        return self._bound(node, module)

    def _bound(self, node: cst.BaseExpression, module: ModuleSummary) -> Optional[_Receiver]:
        """A module-level name of this module or, through imports, of another project module."""
        dotted = dotted_name(node)
        if dotted is None:
            return None
        if "." not in dotted and dotted not in module.imports:
            value = self.sources.bindings(module.path).get(dotted)
            return self.receiver(value, module, None, None) if value is not None else None
        head, _, rest = dotted.partition(".")
        qualified = f"{module.imports.get(head, head)}.{rest}" if rest else module.imports.get(head, head)
        owner, _, name = qualified.rpartition(".")
        other = self.index.modules.get(owner)
        value = self.sources.bindings(other.path).get(name) if other is not None else None
        return self.receiver(value, other, None, None) if value is not None and other is not None else None

    def _made(self, call: cst.Call, module: ModuleSummary, function: Optional[cst.FunctionDef], cls: Optional[cst.ClassDef]) -> Optional[_Receiver]:
        made = _resolved(self.index, module, call.func)
        constants = self.sources.bindings(module.path)
        if made in _QUEUES or made in _DJANGO_QUEUES:
            django = made in _DJANGO_QUEUES
            name = _keyword(call, "name", 0)
            if django and name is not None and not (isinstance(name, cst.SimpleString) and isinstance(name.evaluated_value, str)):
                return _Receiver(False, None)
            default = self.settings.timeout(name.evaluated_value if name is not None else _DEFAULT) if django else RQ_DEFAULT_TIMEOUT  # type: ignore[union-attr]
            given = _keyword(call, "default_timeout", 1 if django else -1)
            return _Receiver(False, default if given is None else _timeout(given, constants, self.sources, default))
        if made in _SCHEDULERS or made in _DJANGO_SCHEDULERS:
            queue = _keyword(call, "queue")
            if queue is not None:
                inner = self.receiver(queue, module, function, cls)
                return _Receiver(True, inner.timeout if inner is not None else None)
            if made in _SCHEDULERS:
                return _Receiver(True, RQ_DEFAULT_TIMEOUT)
            name = _keyword(call, "name", 0)
            literal = name.evaluated_value if isinstance(name, cst.SimpleString) else _DEFAULT if name is None else None
            return _Receiver(True, self.settings.timeout(literal) if isinstance(literal, str) else None, django=True)
        return None


def _assigned(scope: cst.CSTNode, matches: Callable[[cst.BaseExpression], bool], stop_at: Tuple[type, ...] = SCOPE_NODES) -> List[cst.BaseExpression]:
    """The values `scope` assigns to a target `matches` accepts (in its methods too, with `stop_at=()`)."""
    return [node.value for node in descendants(scope, stop_at=stop_at) if isinstance(node, cst.Assign)
            and any(matches(target.target) for target in node.targets)]
