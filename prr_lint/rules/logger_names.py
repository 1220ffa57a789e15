"""PRR403: a logger obtained some other way than the standard (or approved) factory (checklist item
PRR-LOG): outside the logger hierarchy, named by a file path, or from an unapproved factory."""

from __future__ import annotations

from typing import FrozenSet, List, Optional, Tuple

import libcst as cst

from prr_lint.model import Severity
from prr_lint.resolve import Resolver, Scope
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.handler_context import not_service_code
from prr_lint.sinks import LEVELS, level_argument
from prr_lint.tree import descendants, dotted_name, keyword_value

# The standard factories of loggers in the logging hierarchy.
LOGGER_FACTORIES = frozenset(
    {
        "logging.getLogger",
        "structlog.get_logger",
        "structlog.getLogger",
        "structlog.stdlib.get_logger",
        "celery.utils.log.get_task_logger",
    }
)

# Records below WARNING are a diagnostic trail, off or unrouted by name in a root-only configuration.
_TRAIL_BELOW = LEVELS["warning"]
# Pending condition: a `getLogger(__file__)` logger whose other records only the project phase can place
# (project/logger_writes.py): in functions that may never run, or through an attribute subclasses share.
LOGGER_WRITES = "unless-logger-writes"


def _inert(node: cst.CSTNode, names: FrozenSet[str]) -> bool:
    """Running `node` reads none of `names` and runs no other code: no call, import, class body or decorator (a
    function's body runs only when it is called)."""
    stack: List[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (cst.Call, cst.Import, cst.ImportFrom, cst.ClassDef, cst.Decorator, cst.Global, cst.Del)):
            return False
        if isinstance(current, cst.Name) and current.value in names:
            return False
        if isinstance(current, (cst.FunctionDef, cst.Lambda)):
            if getattr(current, "decorators", ()):
                return False
            stack.extend(filter(None, [current.params, getattr(current, "returns", None)]))
            continue
        stack.extend(current.children)
    return True


def module_name_uses(module: cst.Module, resolver: Resolver, bound: str) -> List[Tuple[cst.Name, Scope]]:
    """The names that refer to the module-level `bound` (its binding included), with the scope each is read in, by
    Python's scoping: not a parameter or local of the same name in a function (`def on_setup(sender, logger=None)`),
    nor an attribute, keyword or import path spelled the same (`common.utils.logger`, `f(logger=log)`)."""
    target = resolver.module_scope.bindings.get(bound)
    found: List[Tuple[cst.Name, Scope]] = []
    stack: List[Tuple[cst.CSTNode, Scope]] = [(module, resolver.module_scope)]
    while stack:
        node, scope = stack.pop()
        kind = type(node)
        if kind is cst.Name:
            if node.value == bound and resolver.lookup(bound, scope) is target:
                found.append((node, scope))
        elif kind is cst.Attribute or kind is cst.Arg:
            stack.append((node.value, scope))
        elif kind is cst.Param:
            stack.extend((child, scope) for child in (node.default, node.annotation) if child is not None)
        elif kind is cst.FunctionDef or kind is cst.Lambda or kind is cst.ClassDef:
            inner = resolver.scope_for(node, scope)
            outer = [*getattr(node, "decorators", ()), *getattr(node, "bases", ()), *getattr(node, "keywords", ()),
                     *filter(None, [getattr(node, "params", None), getattr(node, "returns", None)])]
            stack.extend((child, scope) for child in outer)
            stack.append((node.body, inner))
        elif kind is not cst.Import and kind is not cst.ImportFrom:
            stack.extend((child, scope) for child in node.children)
    return found


def _function_of(scope: Optional[Scope]) -> Optional[Scope]:
    """The innermost function scope around `scope` (itself included), or None at a module's or class body's top."""
    while scope is not None and scope.kind != "function":
        scope = scope.parent
    return scope



# Logger classes whose instances stand outside the logging hierarchy: no logging configuration reaches them.
OUTSIDE_HIERARCHY = ("logging.Logger", "logging.RootLogger")


def made_outside_hierarchy(logger: cst.BaseExpression, within: cst.CSTNode, resolver: Resolver) -> bool:
    """`logger` holds a `logging.Logger(...)` made by the service: a private sink whose handlers are its own, not the
    service's logging configuration. A name or `self` attribute is asked of the resolver; an expression it cannot
    follow (`plugin.logger`) by an assignment to the same spelling in `within`'s own scope."""
    if resolver.held_bindings(logger):
        return resolver.made_by(logger) in OUTSIDE_HIERARCHY
    name = dotted_name(logger)
    return name is not None and any(
        isinstance(n, cst.Assign) and isinstance(n.value, cst.Call) and resolver.qualified_name(n.value.func) in OUTSIDE_HIERARCHY
        and any(dotted_name(target.target) == name for target in n.targets)
        for n in descendants(within)
    )


class NonStandardLogger(Rule):
    """A logger obtained some other way than the standard (or approved) factory.

    What it does
        Reports `logging.Logger(...)` constructed directly (it is not registered in the logger
        hierarchy, so no configuration reaches it), `logging.getLogger(__file__)` (a path, not a
        dotted module name), and, when `approved-logger-factories` is set, loggers from any
        other factory. Calls on the root logger (`logging.info(...)`) are left to ruff's LOG015:
        on the services reviewed they still reached central logging, so they are style, not
        readiness. Left out too: a logger that writes nothing anyone reads, because the name it is
        bound to is never used again in the module (a parameter or local of the same name in a function
        is its own; an import path or keyword spelled the same is no use), or because it is muted on purpose (a level
        above CRITICAL, or only a `NullHandler` with propagation off: the quiet logger handed to a
        library to silence it). Nor is a `logging.Logger(...)` that the module gives a handler of
        its own that writes somewhere (`sink.addHandler(StreamHandler(stream))`, on a name or a
        `self.` attribute, or on the parameter whose default it is, in that function): a private sink
        set up where it is made (a log aggregator's per-component files, a tool's own log files), which
        no logging configuration was meant to reach. One given only a `NullHandler`
        still is. Nor is a `getLogger(__file__)` logger that the module only writes DEBUG and INFO
        records through (a debug trail, a start-up line; bound to a module-level name or to an attribute,
        `self.logger`, where every read of an attribute of that name in the module, on any object, is
        a use), or only records below the level the module
        sets on it where it is made (`logger.setLevel(logging.ERROR)` at the top of the module, and
        only `logger.warning(...)` records): the logger still hangs under the root logger, whose
        configuration reaches it, and nothing that routing, alerting or error search keys on by
        logger name is written under the path; one `warning` record (at or above the level set,
        if higher), `error` or `exception` record, a level set inside a function, or the logger
        handed to other code keeps the finding. Nor is a top-level logger bound again at the top level
        before anything can read it (only constants and plain `def`s between: a call, an import, a class
        body or a decorator may write through it). The project phase places the records the module
        cannot: a warning written only in functions that never run (dead code: a method nothing
        calls) is none, and a `self.logger` a plug-in base binds is judged by what the class, its
        bases and its subclasses write through that attribute in any module (a subclass's
        `self.logger.info(...)` files nothing; its `self.logger.warning(...)`, or the attribute
        handed on, keeps the finding).

    Why is this bad?
        Central logging routes, filters and enriches records by logger name. Loggers outside
        the hierarchy, named by file path or all writing to the root logger cannot be told
        apart or configured, and an organisation's approved factory (which adds request ids and
        the JSON format) is bypassed.

    Example
        log = logging.Logger("orders")
        logging.info("order created")

    Use instead
        log = logging.getLogger(__name__)
        log.info("order created")

    Options
        `[tool.prr-lint.logging] approved-logger-factories`: FQNs of the factories services must
        use (e.g. `["acme.observability.get_logger"]`); when set, `logging.getLogger` and other
        factories are reported.

    References
        PRR-LOG: does the service use the standard frameworks for request logging rather than
        functionally similar mechanisms of its own? (Site Reliability Engineering, ch. 32)
    """

    code = "PRR403"
    name = "non-standard-logger"
    severity = Severity.WARNING
    checklist = ("PRR-LOG",)
    summary = "A logger is created outside the logging hierarchy, named by file path, or by an unapproved factory"
    triggers = ("logging", "structlog", "get_logger", "getLogger")
    service_only = True
    VALID = (
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef f():\n    log.info('x')\n"),
        Example("import logging\n\nif __name__ == '__main__':\n    logging.info('starting')\n"),
        Example("import logging\n\nclass Quiet(logging.Logger):\n    pass\n"),
        Example("import logging\n\ndef f():\n    logging.info('root logger: ruff LOG015')\n"),
        # bound again before anything can read it: every record goes through the second logger
        Example("import logging\nlog = logging.getLogger(__file__)\n\nNAME = 'status'\nALIASES = {'time_': 'time'}\n\n"
                "def helper():\n    log.error('x')\n\nlog = logging.getLogger(__name__)\n\ndef f():\n    log.error('y')\n"),
        # bound and never used: no record is ever written through it
        Example("import logging\nlogger = logging.getLogger(__file__)\n\ndef view():\n    return 'ok'\n"),
        # named by path, but it writes only a debug trail and a start-up line: no error is filed under the path
        Example(
            "import logging\nlog = logging.getLogger(__file__)\n\nclass Metrics:\n    def __init__(self, provider):\n"
            "        log.info('metrics provider %s', provider)\n\n    def gauge(self, name, value):\n        log.debug('gauge %s=%s', name, value)\n"
        ),
        # a debug trail: the `logger` a signal handler configures is its own parameter, not this logger
        Example(
            "import logging\nlogger = logging.getLogger(__file__)\n\ndef on_ready(sender=None):\n    logger.debug('worker ready')\n\n"
            "def on_setup_logger(sender=None, logger=None, **kwargs):\n    logger.addHandler(logging.StreamHandler())\n"
        ),
        # never used: the same word in an import path or a keyword is no use of it
        Example(
            "import logging\nfrom svc.utils.logger import app_logger\nlogger = logging.getLogger(__file__)\n\n"
            "def check(worker):\n    app_logger.info('checked', extra=dict(logger='celery'))\n    return worker.ping()\n"
        ),
        # its level, set where it is made, drops the only records the module writes through it
        Example(
            "import logging\nlogger = logging.getLogger(__file__)\nlogger.setLevel(logging.ERROR)\n\n"
            "def client_ip(request):\n    try:\n        return request.META['HTTP_X_FORWARDED_FOR']\n"
            "    except KeyError:\n        logger.warning('X-Forwarded-For header is missing')\n        return None\n"
        ),
        # an attribute logger named by path that writes only a start-up line and a debug trail
        Example(
            "import logging\n\nclass Store:\n    def __init__(self):\n        self.logger = logging.getLogger(__file__)\n"
            "        self.logger.info('in-memory store')\n\n    def drop(self, key):\n        self.logger.debug('dropping %s', key)\n"
        ),
        # muted on purpose and handed to a library to silence it
        Example(
            "import logging\n\nquiet = logging.Logger(__name__ + '.tunnel', level=logging.CRITICAL + 1)\n"
            "quiet.addHandler(logging.NullHandler())\nquiet.propagate = False\n\n"
            "def connect(tunnel_class, host):\n    return tunnel_class(host, logger=quiet)\n"
        ),
        Example(
            "import logging\n\nquiet = logging.Logger('tunnel')\nquiet.addHandler(logging.NullHandler())\nquiet.propagate = False\n\n"
            "def connect(tunnel_class, host):\n    return tunnel_class(host, logger=quiet)\n"
        ),
        # a private sink with its own file handler, set up where it is made
        Example(
            "import logging\n\nclass Aggregator:\n    def setup(self, stream):\n"
            "        self.sink = logging.Logger('logger')\n        handler = logging.StreamHandler(stream)\n"
            "        self.sink.addHandler(handler)\n\n    def write(self, record):\n        self.sink.handle(record)\n"
        ),
        # the same private sink made as a parameter's default and given its handler in the function
        Example(
            "import logging\n\ndef init_logging(stream, logger=logging.Logger('console')):\n"
            "    logger.addHandler(logging.StreamHandler(stream))\n    return logger\n"
        ),
        # a private sink bound under two names (a plug-in module's `logging` and `logger`), given its handler through one
        Example(
            "import logging\n\ndef load_plugin(loader, name, buffer):\n    plugin = loader.load(name)\n"
            "    plugin.logging = plugin.logger = logging.Logger(name)\n    plugin.logger.addHandler(BufferHandler(buffer))\n"
            "    return plugin\n"
        ),
    )
    INVALID = (
        Example("import logging\nlog = logging.Logger('orders')  # expect: PRR403\n\ndef f():\n    log.info('x')\n"),
        Example("import logging\nlog = logging.getLogger(__file__)  # expect: PRR403\n\ndef f():\n    log.info('x')\n    log.error('y')\n"),
        # the level set lets its warnings through
        Example(
            "import logging\nlog = logging.getLogger(__file__)  # expect: PRR403\nlog.setLevel(logging.WARNING)\n\n"
            "def f():\n    log.warning('x')\n"
        ),
        # the same attribute logger files an error under the path in another method
        Example(
            "import logging\n\nclass Store:\n    def __init__(self):\n        self.logger = logging.getLogger(__file__)  # expect: PRR403\n"
            "        self.logger.info('in-memory store')\n\n    def drop(self, key):\n        self.logger.error('cannot drop %s', key)\n"
        ),
        # handed on to other code, which may write anything under the path
        Example(
            "import logging\n\nclass Store:\n    def __init__(self, pool):\n        self.logger = logging.getLogger(__file__)  # expect: PRR403\n"
            "        self.logger.info('in-memory store')\n        pool.start(logger=self.logger)\n"
        ),
        # bound again only after a call, an import or a read that may write through the first logger
        Example("import logging\nlog = logging.getLogger(__file__)  # expect: PRR403\nsetup()\nlog = logging.getLogger(__name__)\n\n"
                "def f():\n    log.error('y')\n"),
        Example("import logging\nlog = logging.getLogger(__file__)  # expect: PRR403\nimport svc.plugins\nlog = logging.getLogger(__name__)\n\n"
                "def f():\n    log.error('y')\n"),
        Example("import logging\nlog = logging.getLogger(__file__)  # expect: PRR403\nhandler = log\nlog = logging.getLogger(__name__)\n\n"
                "def f():\n    log.error('y')\n"),
        Example("import logging\nlog = logging.getLogger(__file__)  # expect: PRR403\nlog = log.getChild('jobs')\n\n"
                "def f():\n    log.error('y')\n"),
        Example("import logging\nlog = logging.getLogger(__file__)  # expect: PRR403\n\n@app.route('/')\ndef index():\n    return 'ok'\n\n"
                "log = logging.getLogger(__name__)\n\ndef f():\n    log.error('y')\n"),
        Example("import logging\nlog = logging.getLogger(__file__)  # expect: PRR403\nif DEBUG:\n    log = logging.getLogger(__name__)\n\n"
                "def f():\n    log.error('y')\n"),
        # a level set inside a function may never run
        Example(
            "import logging\nlog = logging.getLogger(__file__)  # expect: PRR403\n\ndef quiet():\n    log.setLevel(logging.ERROR)\n\n"
            "def f():\n    log.warning('x')\n"
        ),
        # errors filed under a path name, outside the package's logger hierarchy
        Example(
            "import logging\nlog = logging.getLogger(__file__)  # expect: PRR403\n\ndef page(client, incident):\n"
            "    try:\n        client.trigger(incident)\n    except OSError as e:\n        log.exception(e)\n"
        ),
        # the module's own logger is configured in a function: it is handed on, not only a debug trail
        Example(
            "import logging\nlogger = logging.getLogger(__file__)  # expect: PRR403\n\ndef on_ready(sender=None):\n    logger.debug('worker ready')\n\n"
            "def on_setup_logger(sender=None, **kwargs):\n    logger.addHandler(logging.StreamHandler())\n"
        ),
        # a NullHandler, but the records still propagate to the root logger's handlers
        Example(
            "import logging\n\ndef init_logging(logger=logging.Logger('console')):  # expect: PRR403\n"
            "    logger.setLevel(logging.INFO)\n    return logger\n"
        ),
        Example(
            "import logging\n\nlog = logging.Logger('orders')  # expect: PRR403\nlog.addHandler(logging.NullHandler())\n\n"
            "def f():\n    log.info('x')\n"
        ),
        # bound under two names, with no handler of its own: its records reach no configuration
        Example(
            "import logging\n\ndef load_plugin(loader, name):\n    plugin = loader.load(name)\n"
            "    plugin.logging = plugin.logger = logging.Logger(name)  # expect: PRR403\n    plugin.logger.info('loaded')\n"
            "    return plugin\n"
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        resolver = self.ctx.resolver
        name = resolver.qualified_name(node.func) or ""
        if not name.startswith(("logging.", "structlog.", "celery.", "loguru.")) and not self.ctx.section("logging").get("approved-logger-factories"):
            return
        problem = self._problem(node, name)
        if problem is None or not_service_code(self.ctx) or self._writes_nothing(node):
            return
        writers = self._writers(node) if name in LOGGER_FACTORIES and self._path_named(node) else None
        if writers is None:
            self.report(node, problem)
        elif writers:
            self.report(node, problem, LOGGER_WRITES, writers)

    @staticmethod
    def _path_named(node: cst.Call) -> bool:
        first = node.args[0].value if node.args else None
        return isinstance(first, cst.Name) and first.value == "__file__"

    def _writers(self, node: cst.Call) -> Optional[Tuple[str, ...]]:
        """For a `getLogger(__file__)` logger (still under the root logger, whose configuration reaches it): `()` when
        the module uses it only to write DEBUG and INFO records (a debug trail, a start-up line), nothing that routing,
        alerting or error search keys on by logger name; else what the project phase must look at
        (project/logger_writes.py): for a module-level name whose other records are all written in functions, those
        functions (`("name", f, ...)`: written only if one of them runs); for an attribute a method binds
        (`self.logger`), the method, the attribute and whether the module writes its trail through it (`("attribute",
        method, attr, "writes")`: what the class, its bases and its subclasses write through it anywhere in the project;
        a run over single files decides by the module's own records, as the file phase did). Bound to an attribute, every attribute of that name the
        module reads, on any object, is a use. A record at module level, a level set outside the top level, or the
        logger handed on keeps the finding (None)."""
        parent = self.ctx.ancestors[-1] if self.ctx.ancestors else None
        target = parent.targets[0].target if isinstance(parent, cst.Assign) and len(parent.targets) == 1 else None
        module = self.ctx.module
        if isinstance(target, cst.Name):
            bound = target.value
            set_calls = self._module_level_calls(bound, "setLevel")
            set_levels = [level_argument(call, self.ctx.resolver) for call in set_calls]
            uses = module_name_uses(module, self.ctx.resolver, bound)
        elif isinstance(target, cst.Attribute):  # `self.logger = ...`: every attribute of that name in the module
            set_calls, set_levels = [], []
            uses = [(n, None) for n in descendants(module, stop_at=()) if isinstance(n, cst.Attribute) and n.attr.value == target.attr.value]
        else:
            return None
        below = max([_TRAIL_BELOW] + [level or 0 for level in set_levels[-1:]])
        methods = {id(n.func.value): n.func.attr.value for n in descendants(module, stop_at=())
                   if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute)}
        counted = {id(target)} | {id(call.func.value) for call in set_calls}
        writers, trail = set(), 0
        for use, scope in uses:
            method = methods.get(id(use))
            if id(use) in counted:
                continue
            if method is not None and LEVELS.get(method, below) < below:
                trail += 1
                continue
            function = _function_of(scope)
            if method not in LEVELS or function is None or isinstance(target, cst.Attribute):
                return None
            writers.add(function.qualname)
        if isinstance(target, cst.Attribute):
            method_scope = self.ctx.resolver.enclosing_function
            owner = method_scope.parent if method_scope is not None else None
            if owner is None or owner.kind != "class" or not isinstance(target.value, cst.Name) or target.value.value != method_scope.self_name:
                return None
            return ("attribute", method_scope.qualname, target.attr.value, "writes" if trail else "binds")
        return ("name", *sorted(writers)) if writers else () if trail else None

    def _module_level_calls(self, bound: str, method: str) -> List[cst.Call]:
        """`log.setLevel(logging.ERROR)` statements at the module's top level (run on import)."""
        return [line.body[0].value for line in self.ctx.module.body
                if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 and isinstance(line.body[0], cst.Expr)
                and isinstance(call := line.body[0].value, cst.Call) and isinstance(call.func, cst.Attribute)
                and call.func.attr.value == method and isinstance(call.func.value, cst.Name) and call.func.value.value == bound]

    def _writes_nothing(self, node: cst.Call) -> bool:
        """The logger records nothing anyone reads: the name it is bound to is never used again in the
        module, or it is muted on purpose (a level above CRITICAL; or only a NullHandler and no
        propagation), the quiet logger handed to a library to silence it; or, outside the hierarchy,
        it writes only to handlers the module gives it, a private sink no configuration is for."""
        names, scope = self._binding()
        if not names:
            return False
        if scope is self.ctx.module and self._rebound_before_use(names):
            return True
        if scope is self.ctx.module and all("." not in bound and len(module_name_uses(self.ctx.module, self.ctx.resolver, bound)) == 1
                                            for bound in names):
            return True
        nodes = list(descendants(scope, stop_at=()))
        level = keyword_value(node, "level") or (node.args[1].value if len(node.args) > 1 and node.args[1].keyword is None else None)
        if level is not None and self._above_critical(level):
            return True
        handlers, unpropagated = [], False
        propagates = {f"{bound}.propagate" for bound in names}
        for n in nodes:
            if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "addHandler" and n.args:
                if dotted_name(n.func.value) in names:
                    handlers.append(n.args[0].value)
            elif isinstance(n, cst.Assign) and isinstance(n.value, cst.Name) and n.value.value == "False":
                unpropagated = unpropagated or any(dotted_name(t.target) in propagates for t in n.targets)
        if not handlers:
            return False
        muted = [self._null_handler(h) for h in handlers]
        # `logging.Logger(...)` given a handler of its own that writes somewhere: a private sink,
        # configured where it is made, which no logging configuration was meant to reach
        return (unpropagated and all(muted)) or (self._outside_hierarchy(node) and not all(muted))

    def _binding(self) -> Tuple[FrozenSet[str], cst.CSTNode]:
        """The names the logger made here is bound to, and where they hold it: module-level names or
        attributes (`log = ...`, `self.sink = ...`, `module.logging = module.logger = ...`) in the module; a
        parameter's default (`def init_logging(logger=logging.Logger("x"))`) in its function's body."""
        ancestors = self.ctx.ancestors
        parent = ancestors[-1] if ancestors else None
        if isinstance(parent, cst.Assign):
            names = frozenset(dotted_name(target.target) for target in parent.targets)
            return (frozenset() if None in names else names), self.ctx.module
        function = ancestors[-3] if len(ancestors) >= 3 else None
        if isinstance(parent, cst.Param) and isinstance(function, cst.FunctionDef):
            return frozenset({parent.name.value}), function.body
        return frozenset(), self.ctx.module

    def _rebound_before_use(self, names: FrozenSet[str]) -> bool:
        """A top-level `log = getLogger(__file__)` that a later top-level statement binds again before anything can
        read it (`log = logging.getLogger(__file__)`, a few constants, then `log = logging.getLogger(__name__)`): no
        record is ever written through the first logger. Only inert statements may come between (constants, plain
        `def`s whose bodies run later); a call, an import, a class body or a decorator may run code that reads it."""
        ancestors = self.ctx.ancestors
        line = ancestors[-2] if len(ancestors) >= 3 and ancestors[-3] is self.ctx.module else None
        if line is None or any("." in name for name in names):
            return False
        body = list(self.ctx.module.body)
        position = next((index for index, statement in enumerate(body) if statement is line), None)
        for statement in body[position + 1:] if position is not None else ():
            assign = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
            if isinstance(assign, cst.Assign) and names <= {dotted_name(target.target) for target in assign.targets}:
                return self._fresh_logger(assign.value, names)
            if not _inert(statement, names):
                return False
        return False

    def _fresh_logger(self, value: cst.BaseExpression, names: FrozenSet[str]) -> bool:
        """The new binding's value runs no code that may read the old logger: inert, or a standard factory's call
        with inert arguments (`logging.getLogger(__name__)`)."""
        if isinstance(value, cst.Call) and self.ctx.resolver.qualified_name(value.func) in LOGGER_FACTORIES:
            return all(_inert(arg.value, names) for arg in value.args)
        return _inert(value, names)

    def _null_handler(self, handler: cst.BaseExpression) -> bool:
        resolver = self.ctx.resolver
        made = resolver.qualified_name(handler.func) if isinstance(handler, cst.Call) else resolver.made_by(handler)
        return made == "logging.NullHandler"

    def _outside_hierarchy(self, node: cst.Call) -> bool:
        return self.ctx.resolver.qualified_name(node.func) in OUTSIDE_HIERARCHY

    def _above_critical(self, level: cst.BaseExpression) -> bool:
        """`logging.CRITICAL + 1`, or a number above 50 (CRITICAL)."""
        if isinstance(level, cst.Integer):
            return int(level.value, 0) > 50
        return (
            isinstance(level, cst.BinaryOperation) and isinstance(level.operator, cst.Add)
            and self.ctx.resolver.qualified_name(level.left) == "logging.CRITICAL"
            and isinstance(level.right, cst.Integer) and int(level.right.value, 0) > 0
        )

    def _problem(self, node: cst.Call, name: str) -> Optional[str]:
        if name in OUTSIDE_HIERARCHY:
            return "`logging.Logger(...)` creates a logger outside the logging hierarchy: no configuration reaches it; use logging.getLogger(__name__)"
        approved = tuple(self.ctx.section("logging").get("approved-logger-factories", ()))
        if name in LOGGER_FACTORIES:
            first = node.args[0].value if node.args else None
            if isinstance(first, cst.Name) and first.value == "__file__":
                return "a logger named by `__file__` carries a file path, not the module name: use getLogger(__name__)"
            if approved and name not in approved:
                return f"`{name}` is not an approved logger factory ({', '.join(approved)})"
            return None
        return None
