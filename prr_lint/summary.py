"""The module summary, collected during the same walk as the rules: imports, functions, classes,
and every call by the name it resolves to. The project phase works on these alone."""

from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint import batch_marks, exposed_marks, flow_marks, frameworks as fw, graphql_marks, route_order, router_mounts, worker_waits
from prr_lint.branch_calls import other_callees
from prr_lint.context import is_main_guard
from prr_lint.program_marks import MarkGates, program_marks, unseen
from prr_lint.model import (CAUGHT_CALL, CONFIGURES_LOGGING, DELEGATES_TO, DISPATCH_KEY, DEPENDENCY_IO, IS_ASYNC, IS_SYNC_GENERATOR,
    ASKS_PERSON, IS_ASYNC_GENERATOR, LOOPS_FOREVER, SERVES_HEALTH_PATH, TOP_LEVEL_WORK, REPORTS_WARNING, RUN_AS_PROGRAM,
    SETS_SOCKET_TIMEOUT, SETS_THREAD_EXCEPTHOOK, UNTYPED_CALL, FunctionSummary, ModuleSummary)
from prr_lint.dispatch import BY_NAME, by_name_lookup, computed_lookup, dispatched_keys, dispatched_names
from prr_lint.def_lines import may_hide_definitions, place
from prr_lint.rebound_defs import rebound_definitions
from prr_lint.def_tags import def_tags, pausing
from prr_lint.import_instrumentation import installed_on_import
from prr_lint.log_correlation import mentions_request_correlation
from prr_lint.metaclasses import own_metaclass
from prr_lint.module_bindings import record_bindings
from prr_lint.one_off_modes import branch_tags, match_tags, subcommand_tags
from prr_lint.raise_marks import abort_tag, raise_tag
from prr_lint.try_bodies import swallowed_here
from prr_lint.entry_marks import (MarkState, is_parameter, decorator_argument, extra_registrars, object_key, record_call,
                                  record_decorated_hooks, route_owner)
from prr_lint.route_details import action_path, controller_attribute, decorator_methods, record_action_map, record_controller_path, record_lookup
from prr_lint.receivers import attribute_types, decorator_receiver, merge_attributes, record_call as record_receivers, returned, stored_attributes
from prr_lint.resolve import Resolver
from prr_lint.rules.background import THREAD_CAPTURING, sets_thread_excepthook
from prr_lint.rules.child_programs import run_tags, stamps_trace_context
from prr_lint.rules.log_context import binds_request, hook_reads_request
from prr_lint.rules.log_marks import SENTRY_INIT, SENTRY_LOG_EVENTS, reads_request_attributes, record_log_call, sentry_event_level
from prr_lint.rules.clients import SET_DEFAULT_TIMEOUT, sets_socket_deadline
from prr_lint.rules.background_work import call_name, drains
from prr_lint.rules.session_patches import patches_requests_default
from prr_lint.rules.drf_handlers import drf_exception_handler_setting
from prr_lint.rules.drf_library import class_hook_tags, library_module_tags
from prr_lint.rules.forwarding import DeadlineForwarding
from prr_lint.rules.unreachable import UnreachableNodes, never_run_code
from prr_lint.rules.never_returning import record_never_run
from prr_lint.rules.vanishing import discarded_call, returned_call
from prr_lint.unawaited_calls import driven, stored_call, unawaited_call
from prr_lint.rules.health_marks import compares_request_path_to_probe, registers_probe_path
from prr_lint.rules.how_it_runs import asks_person, declared_option_tags, handed_functions, option_mode_tags
from prr_lint.rules.switched_modes import env_built_tags
from prr_lint.rules.switched_calls import SwitchMarks
from prr_lint.rules.param_guards import CALL_ARGS, call_args_tag
from prr_lint.rules.in_memory import dependency_call
from prr_lint.rules.report_calls import report_tags
from prr_lint.source_tokens import SourceTokens
from prr_lint.sinks import LEVELS, log_level, logging_configuration, patched_logger_method
from prr_lint.touchpoints import decorator_touchpoint, is_touchpoint
from prr_lint.tree import KindOf, Nearest, dotted_name, module_path_nodes
from prr_lint.metric_objects import metric_object_call
from prr_lint.startup_bindings import handed_function_tags, setter_tags, through_global_tags
from prr_lint.statement_shapes import loops_forever, top_level_work
from prr_lint.python2_gates import GatedImports, python2_branch
from prr_lint.name_uses import NameUses
from prr_lint.attribute_binds import AttributeBinds
from prr_lint.class_decorators import class_decorators
from prr_lint.word_counts import docstring_text, is_docstring, log_message, record_words, bound_attributes


class SummaryCollector:
    """A visitor that the walker runs beside the rules."""

    def __init__(self, resolver: Resolver, path: str, source: str = "", sections: Optional[Mapping[str, Any]] = None,
                 ancestors: Optional[List[cst.CSTNode]] = None) -> None:
        self.resolver = resolver
        self._ancestors = ancestors if ancestors is not None else []  # the walker's (walker.py)
        self._stored: Counter = Counter()  # attribute names assignments bind (word_counts.py `bound_attributes`)
        self._module_paths: Counter = Counter()  # the words of imports' module paths (`from .format.rerank import x`)
        self._docstrings: List[str] = []  # for the word counts (word_counts.py), and logging calls' messages
        self._messages: Counter = Counter()
        self._gated = GatedImports(resolver.package)  # imports only Python 2 makes (python2_gates.py)
        # `entrypoints.extra-registrars`, by the last part of the name (checked again in the project phase).
        self.registrars = extra_registrars(sections)
        self.summary = ModuleSummary(resolver.module_name, path)
        self.source = source
        # Per module, not per function: a substring search costs the module's length.
        self._reads_requests = reads_request_attributes(source)
        self._builds_grpc_stubs, self._mounts_adapters, self._pauses = "_pb2_grpc" in source, ".mount(" in source, pausing(source)
        # `threading.excepthook = hook` spells the word in any of its forms; without it no target resolves to that name.
        self._names_excepthook = "excepthook" in source
        self._spells_urls = "://" in source
        self._patches_requests, self._binds_logs = "TimeoutSauce" in source or "partialmethod" in source or ".request =" in source, "LoggerAdapter" in source or "structlog" in source
        self._defs, self._strings_hide_definitions = [], False  # a string spans lines and holds "def" (def_lines.py)
        self._main_guard, self._handlers = 0, []  # depth inside module-level `if __name__ == "__main__":` blocks; enclosing except handlers
        self._swallowing: Dict[int, bool] = {}  # per `try`, by id: it takes every exception and raises none (try_bodies.py)
        self._tries_above: Dict[int, tuple] = {}  # per ancestor, by id: the `try` bodies it is in (try_bodies.py)
        # PRR106 delegation: per function, its calls outside its handlers (logging aside), and those that loop (leave_Module)
        self._delegated: dict = {}
        self._working, self._ifs = set(), []  # functions that work themselves (`_loop`); the enclosing `if` statements
        self._innermost_function = Nearest(self._ancestors, _IS_FUNCTION)  # or lambda
        self.switches = SwitchMarks(resolver, self._ancestors)  # hops a configuration key guards (PRR505)
        self.uses = NameUses(resolver, self._ancestors)  # what may reach a method by its name, names used as values (name_uses.py)
        self._untyped_tags: Dict[int, Tuple[str, str]] = {}  # id of a call on a receiver of no known type -> (caller, its tag)
        self._binds = AttributeBinds(self._ancestors)  # attribute names bound other than by `x.name = ...` (attribute_binds.py)
        self.marks = MarkState(resolver.module_name, source)
        self.summary.star_imports = list(resolver.module_scope.star_imports)
        self.forwarding, self._unreachable = DeadlineForwarding(resolver, source, self._ancestors), UnreachableNodes(resolver)
        record_bindings(self.summary, resolver, self.marks)  # module_bindings.py
        # Litestar and BlackSheep controllers carry their route prefix as a class attribute: its name, or "".
        self._controller_attribute = controller_attribute(self.summary.imports.values())
        batch_marks.record_module(self.summary, resolver)
        self._graphql = graphql_marks.is_graphql_module(self.summary)
        self._module = self._function(resolver.module_name)
        self._marked: Set[str] = set()  # the marks _module_marks added (program_marks.unseen)
        self._mark_gates = MarkGates.of(source)
        self._module.tags.extend([fw.CORRELATES_REQUESTS] if source and mentions_request_correlation(source) else [])

    def _function(self, qualname: str) -> FunctionSummary:
        found = self.summary.functions.get(qualname)
        if found is None:
            found = self.summary.functions[qualname] = FunctionSummary(qualname)
        return found

    def _current(self) -> FunctionSummary:
        scope = self.resolver.enclosing_function
        return self._function(scope.qualname) if scope is not None else self._module

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        decorators, arguments = [], []
        outer = self.resolver.scope.parent or self.resolver.scope  # a decorator runs where the `def` is
        for decorator in node.decorators:
            target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
            name = self.resolver.qualified_name(target, outer) or object_key(self.resolver, target) or None
            if name is not None:
                decorators.append(name)
                arguments.append(decorator_argument(decorator))
        function = self._function(self.resolver.scope.qualname)
        function.tags.extend(setter_tags(node, self.resolver.scope))  # start-up rebindings (startup_bindings.py)
        for decorator in node.decorators:
            owner = route_owner(self.resolver, decorator)
            if owner:  # every router of stacked route decorators (`@router.get` over `@app.get`): served on each
                self.summary.prefixes.append(("route", owner, function.qualname, ""))
        function.decorators = tuple(decorators)
        for decorator in node.decorators:
            expr = decorator_receiver(self.resolver, decorator, outer)
            if expr is not None and expr not in function.decorators:
                function.decorator_receivers += ((expr, decorator_argument(decorator)),)
        function.tags.extend([*filter(None, [self.switches.def_tag(node)]), *self.switches.return_tags(node)])
        function.decorator_args = tuple(arguments)
        methods = next(filter(None, map(decorator_methods, node.decorators)), "")
        if methods:
            function.tags.append(fw.ROUTE_METHODS + methods)
        action = next(filter(None, (action_path(self.resolver, decorator) for decorator in node.decorators)), "")
        if action:
            function.tags.append(fw.DRF_ACTION + action)
        batch_marks.record_decorators(self.summary, self.resolver, function, node)
        self._module_marks(node)
        record_decorated_hooks(self.summary, self.resolver, node, function.qualname)
        if any(decorator_touchpoint(decorator, self.resolver) for decorator in node.decorators):
            function.tags.append(fw.INSTRUMENTED_HANDLER)
        if self._graphql:
            graphql_marks.record_function(self.summary, self.resolver, function, node)
        self._defs.append((function, node))
        self.uses.unread.definition(node, self.resolver.scope, function)  # unread_defs.py
        function.tags.extend(def_tags(node, self.resolver, grpc_stubs=self._builds_grpc_stubs, adapters=self._mounts_adapters,
                                      requests=self._reads_requests, pauses=self._pauses, urls=self._spells_urls))  # def_tags.py
        self.forwarding.enter_function(node, function)
        function.returns = returned(self.resolver, node, self.resolver.scope)  # receivers.py

    def visit_Assign(self, node: cst.Assign) -> None:
        self._excepthook(node)
        self.uses.value(node.value)
        self._bind_attributes([target.target for target in node.targets], node.value)
        self._module_marks(node)
        batch_marks.record_assign(self.summary, self._current(), self.resolver, node, self.marks)
        exposed_marks.record_assign(self.summary, self.resolver, node)
        if self._patches_requests and self.resolver.scope.kind != "class":
            self._current().tags.extend(patches_requests_default(node, self.resolver))  # process-wide (project/requests_default.py)
        if self.resolver.scope.kind == "module":
            self.summary.drf_exception_handlers.extend(found for found in [drf_exception_handler_setting(node)] if found is not None)
            self.summary.reporters.extend(filter(None, [patched_logger_method(node, self.resolver)]))
        elif self.resolver.scope.kind == "class":
            if self._controller_attribute:
                record_controller_path(self.summary, self.resolver.scope.qualname, node, self._controller_attribute)
            record_lookup(self.summary, self.resolver.scope.qualname, node)
            if self._graphql:
                for target in node.targets:
                    graphql_marks.record_field(self.summary, self.resolver, target.target, None, node.value, self.marks)

    def _bind_attributes(self, targets: Sequence[cst.BaseExpression], value: cst.BaseExpression) -> None:
        """The attributes an assignment binds, walked once: counted as stored words (dead_code.py), no use of a method's
        name (name_uses.py), what it stores on a class it names (receivers.py); a call it keeps (unawaited_calls.py)."""
        self._current().stored_calls.extend(stored_call(targets, value, self.resolver))
        attributes = list(bound_attributes(targets))
        for attribute in attributes:  # a loop, not Counter.update (Python code with an ABC check of its argument)
            self._stored[attribute.attr.value] += 1
        self.uses.skip(attributes)
        stored_attributes(self.summary.attributes, self.resolver, targets, value, self._ancestors, self._mounts_adapters)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._excepthook(node)
        if node.value is not None:  # `self.x: int` alone binds nothing
            self.uses.value(node.value)
            self._bind_attributes((node.target,), node.value)
            self._module_marks(node)  # a typed settings field's default (switch_keys.write_marks)
        if self._graphql:
            graphql_marks.record_field(self.summary, self.resolver, node.target, node.annotation.annotation, node.value, self.marks)

    def _excepthook(self, node: cst.CSTNode) -> None:
        if not self._names_excepthook:
            return
        current = self._current()
        if SETS_THREAD_EXCEPTHOOK not in current.tags and sets_thread_excepthook(node, self.resolver):
            current.tags.append(SETS_THREAD_EXCEPTHOOK)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        qualname = self.resolver.scope.qualname
        self.uses.class_body(node)
        bases = (self.resolver.base_class_name(arg.value) for arg in node.bases if arg.keyword is None)
        self.summary.classes[qualname] = tuple(base for base in bases if base is not None)
        self._binds.class_body(node, qualname, len(self.summary.classes[qualname]))
        decorators = class_decorators(node, self.resolver)  # class_decorators.py
        for decorator in node.decorators:
            owner = route_owner(self.resolver, decorator)
            if owner:  # `@ns.route("/items")` on a Resource: the namespace's prefix applies
                self.summary.prefixes.append(("route", owner, qualname, ""))
        if decorators:
            self.summary.class_decorators[qualname] = tuple(decorators)
        metaclass = own_metaclass(node, self.resolver)
        if metaclass is not None:
            self.summary.metaclasses[qualname] = metaclass
        merge_attributes(self.summary.attributes, attribute_types(self.resolver, qualname))  # receivers.py
        self._module.tags.extend(class_hook_tags(self.resolver.scope))  # a library DRF handler's hook bound by no `def`
        if fw.CORRELATES_REQUESTS not in self._module.tags and (stamps_trace_context(node, self.summary.classes[qualname])
                                                           or hook_reads_request(node, self.summary.classes[qualname], self.resolver)):
            self._module.tags.append(fw.CORRELATES_REQUESTS)

    def visit_For(self, node: cst.For) -> None:
        batch_marks.record_for(self._current(), self.resolver, node)
        self._module_marks(node)  # a walk over a plug-in folder (module_walks.py)
        self.marks.loops.enter(node)
        self._loop(node)

    def visit_While(self, node: cst.While) -> None:
        self._loop(node)
        current = self._current()
        if LOOPS_FOREVER not in current.tags and loops_forever(node):
            current.tags.append(LOOPS_FOREVER)

    def _loop(self, node: cst.CSTNode) -> None:
        """A loop outside the handlers that does more than drain an iterator: the function works itself."""
        if not self._handlers and not drains(node):
            self._working.add(self._current().qualname)

    def leave_For(self, node: cst.For) -> None:
        self.marks.loops.leave(node)

    def visit_If(self, node: cst.If) -> None:
        self._ifs.append(node)
        self.switches.on_if(node)
        self._current().tags.extend(branch_tags(self.resolver, node))  # one-off modes: one_off_modes.py
        if self.resolver.enclosing_function is not None:
            self._current().tags.extend(option_mode_tags(self.resolver, node))
        self._current().tags.extend(env_built_tags(self.resolver, node))
        if self._main_guard or (self.resolver.enclosing_function is None and self.resolver.scope.kind == "module"
                                and is_main_guard(node.test)):
            self._main_guard += 1

    def visit_Match(self, node: cst.Match) -> None:  # `match args.command: case "poll":` (one_off_modes.py)
        self._current().tags.extend(match_tags(self.resolver, node))

    def leave_If(self, node: cst.If) -> None:
        self._ifs.pop()
        if self._main_guard:
            self._main_guard -= 1

    def visit_Import(self, node: cst.Import) -> None:
        """`import ddtrace.auto`: instrumentation that installs itself on import, for every app."""
        self.summary.instrumentation.extend((name, "*", "") for name in installed_on_import(node))
        self.uses.skip_import(node)
        for path in filter(None, map(dotted_name, module_path_nodes(node))):
            self._module_paths.update(path.split("."))
        if isinstance(node, cst.Import):
            self.summary.dotted_imports.extend(name for name in map(dotted_name, (alias.name for alias in node.names))
                                               if name and "." in name and name not in self.summary.dotted_imports)
        self._gated.record(node, bool(self._ifs) and python2_branch(self._ancestors, self.resolver))  # python2_gates.py

    visit_ImportFrom = visit_Import  # `from ...auto_instrumentation import sitecustomize`

    def visit_Call(self, node: cst.Call) -> None:
        if self._unreachable.holds(self._ancestors):  # below a `return` that always runs (rules/unreachable.py)
            return
        self._binds.call(node, self.resolver)
        self.uses.awaited(driven(node))  # `pending.send(None)` (unawaited_calls.py)
        name: Optional[str] = self.resolver.qualified_name(node.func)
        current = self._current()
        current.tags.extend(filter(None, [abort_tag(self.resolver, node, name, self._ifs, self._handlers, self._ancestors)]))
        current.tags.extend(subcommand_tags(self.resolver, node, name))  # argparse dispatch: one_off_modes.py
        current.tags.extend(declared_option_tags(node))
        worker_waits.note_call(self.marks.waited, current, node, self._ancestors)  # worker_waits.py, spawns.py
        self._module.tags.extend(tag for tag in run_tags(node, name, self.resolver.qualified_name) if tag not in self._module.tags)
        self._module_marks(node, current.qualname)
        if name in THREAD_CAPTURING and SETS_THREAD_EXCEPTHOOK not in current.tags:
            current.tags.append(SETS_THREAD_EXCEPTHOOK)
        if name == SET_DEFAULT_TIMEOUT and sets_socket_deadline(node):
            current.tags.append(SETS_SOCKET_TIMEOUT)
        if name is not None and asks_person(name) and ASKS_PERSON not in current.tags:
            current.tags.append(ASKS_PERSON)
        if name is not None and not name.startswith("builtins."):
            for called in (name, *other_callees(self.resolver, node.func, name)):  # a name bound in branches: branch_calls.py
                current.calls.append(called)
                current.tags.extend(filter(None, [self.switches.call_tag(node, called), self._call_args(node, called)]))
            current.tags.extend([CAUGHT_CALL + name] if swallowed_here(self._ancestors, self.resolver, self._swallowing, self._tries_above) else [])
            current.tags.extend(handed_function_tags(node, self.resolver, name))
            if self._main_guard:
                self.summary.script_calls.append(name)
            handed, registered, mounted = len(current.handoffs), len(self.summary.registrations), len(self.summary.prefixes)
            record_call(self.summary, current, self.resolver, node, name, self.registrars, self.marks)
            current.tags.extend(self.switches.handoff_tags(node, current.handoffs[handed:]))
            current.tags.extend(self.switches.route_tags(node, self.summary.registrations[registered:], self.summary.prefixes, mounted))
            flow_marks.record_flows(self.summary, self.resolver, node, name)
        elif (looked_up := by_name_lookup(node, name)) is not None:
            current.calls.append(BY_NAME + looked_up)
            self.summary.by_name.append(looked_up)
        elif name is None and (callee := computed_lookup(node, self.resolver)) is not None:  # what the receiver binds may run
            current.tags.append(self._call_args(node, callee) or f"{CALL_ARGS}{callee}=")
        elif name is None and (dispatched := dispatched_names(node.func, self.resolver)):
            current.calls.extend(dispatched)  # any value of a dispatch table may run (prr_lint/dispatch.py)
            table = len({tag.partition(":")[2].partition(":")[0] for tag in current.tags if tag.startswith(DISPATCH_KEY)})
            current.tags.extend(f"{DISPATCH_KEY}{table}:{key}={target}" for key, target in dispatched_keys(node.func, self.resolver))
            for target in dispatched:  # what the call passes types the parameters of each (receivers.py)
                record_receivers(current, self.resolver, node, target)
            current.tags.extend(f"{CALL_ARGS}{name}=*" for name in dispatched if node.args)  # arguments not followed
        elif name is None and (emitted := metric_object_call(self.resolver, node.func)) is not None:
            current.calls.append(emitted)  # `metrics.timing(...)` on what `markus.get_metrics()` built
        elif isinstance(node.func, cst.Attribute) and node.func.attr.value in _APP_HOOKS and is_parameter(self.resolver, node.func.value):
            # `app.after_request(count)` on the app an extension's `init_app(self, app)` is handed
            record_call(self.summary, current, self.resolver, node, "?." + node.func.attr.value, self.registrars, self.marks)
        elif isinstance(node.func, cst.Attribute) and node.func.attr.value == "register_blueprint":
            # `app.register_blueprint(bp, ...)` on an app passed in as a parameter: the mount still counts.
            record_call(self.summary, current, self.resolver, node, "?.register_blueprint", self.registrars, self.marks)
        elif name is None and isinstance(node.func, cst.Attribute):  # a method of a receiver of no known type
            untyped = self._call_args(node, UNTYPED_CALL + node.func.attr.value)
            current.tags.extend(filter(None, [untyped, self.switches.call_tag(node, UNTYPED_CALL + node.func.attr.value)]))
            self._untyped_tags[id(node)] = (current.qualname, untyped)  # what a statement that never runs takes back
        current.tags.extend(through_global_tags(node, self.resolver, lambda callee: self._call_args(node, callee)))
        record_receivers(current, self.resolver, node, name)  # receivers.py
        current.tags.extend(router_mounts.mount_marks(self.resolver, node, name))  # a router mount (router_mounts.py)
        if self._main_guard:  # `FnToCLI(main).run()`, `fire.Fire(main)`: the block runs `main` too
            self.summary.script_calls.extend(handed_functions(self.resolver, node))
        batch_marks.record_call(self.summary, current, self.resolver, node, name, self.marks)
        if name is not None:
            graphql_marks.record_call(self.summary, self.resolver, node, name, self.marks, endpoints_only=not self._graphql)
        if DEPENDENCY_IO not in current.tags and dependency_call(node, self.resolver):
            current.tags.append(DEPENDENCY_IO)
        level = log_level(node, self.resolver)
        current.tags.extend(report_tags(node, self.resolver, level, self._ancestors, current.tags))  # REPORTS_ERROR, REPORTS_IF
        if level is not None and level >= LEVELS["warning"] and REPORTS_WARNING not in current.tags:
            current.tags.append(REPORTS_WARNING)
        record_log_call(current.tags, node, level, self.resolver, self._ancestors)
        if level is not None:  # (Counter.update is Python code, with an ABC check of its argument)
            message, literals = log_message(node)
            self._messages.update(message)
            self.uses.skip(literals)  # prose however short (name_uses.py)
        if fw.CORRELATES_REQUESTS not in self._module.tags and self._binds_logs and binds_request(node, name, self.resolver, self._ancestors):
            self._module.tags.append(fw.CORRELATES_REQUESTS)  # a logger adapter carrying the request (rules/log_context.py)
        if name == SENTRY_INIT and (events := sentry_event_level(node, self.resolver)) is not None:
            self._module.tags.append(SENTRY_LOG_EVENTS + str(events))
        if level is None and not self._handlers:
            delegated = name or call_name(node, self.resolver)
            if delegated is not None:
                self._delegated.setdefault(current.qualname, []).append(delegated)
        if fw.INSTRUMENTED_HANDLER not in current.tags and is_touchpoint(node, self.resolver, name or ""):
            current.tags.append(fw.INSTRUMENTED_HANDLER)
        if SERVES_HEALTH_PATH not in current.tags and registers_probe_path(node, name):
            current.tags.append(SERVES_HEALTH_PATH)
        if CONFIGURES_LOGGING not in current.tags and logging_configuration(node, self.resolver) is not None:
            current.tags.append(CONFIGURES_LOGGING)
        self.forwarding.call(node, current, name)

    def _call_args(self, node: cst.Call, name: str) -> str:
        """The literals the call passes (rules/param_guards.py), its own parameters passed on marked."""
        function = self._innermost_function()
        if not isinstance(function, cst.FunctionDef):
            return call_args_tag(node, name, None, self.resolver.scope, resolver=self.resolver)
        # no comprehension holds a def, so every one among the ancestors is inside `function`
        return call_args_tag(node, name, function, self.resolver.scope_for(function), self._ancestors, self.resolver)

    def _module_marks(self, node: cst.CSTNode, current: str = "") -> None:
        marks = program_marks(node, self.resolver, self._mark_gates, current)
        if marks:  # (most nodes mark nothing)
            self._module.tags.extend(unseen(marks, self._marked))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._module_marks(node)  # `APPS += [...]` fills a key (switch_keys.write_marks)

    def visit_Dict(self, node: cst.Dict) -> None:
        self._module_marks(node)
        if self.resolver.scope.kind == "function":
            record_action_map(self.summary, self.resolver, node)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        """`scope["path"] == "/healthz"`, `environ["PATH_INFO"] in ("/health", "/ready")`: a wrapper
        in front of the app that answers health probes itself."""
        current = self._current()
        if SERVES_HEALTH_PATH not in current.tags and compares_request_path_to_probe(node):
            current.tags.append(SERVES_HEALTH_PATH)

    def visit_Expr(self, node: cst.Expr) -> None:
        current = self._current()
        current.discarded.extend(discarded_call(node, self.resolver))
        current.unawaited.extend(unawaited_call(node, self.resolver))
        if self._ancestors and is_docstring(node, self._ancestors[-1]):
            self._docstrings.append(docstring_text(node))
            self.uses.skip([node.value])

    def visit_Await(self, node: cst.Await) -> None:
        self.uses.awaited(node.expression)  # what may run a coroutine stored under its name (name_uses.py)

    def visit_Return(self, node: cst.Return) -> None:
        self._current().returned.extend(returned_call(node, self.resolver))
        self.uses.value(node.value)

    def visit_Arg(self, node: cst.Arg) -> None:
        self.uses.value(node.value)  # passed on (a class's base too): name_uses.py

    def visit_Element(self, node: cst.Element) -> None:
        self.uses.value(node.value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        self.uses.value(node.key)
        self.uses.value(node.value)

    def visit_Param(self, node: cst.Param) -> None:
        self.uses.value(node.default)

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.uses.value(node.body)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._handlers.append(node)

    def leave_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._handlers.pop()

    def visit_Yield(self, node: cst.Yield) -> None:
        """A plain generator runs nothing when called; a `@contextmanager` one runs up to its `yield` as soon as the
        `with` enters it, so it stays a plain call; an async one makes no coroutine (project/unawaited.py)."""
        self.uses.yielded(node.value)
        current = self._current()
        tag = IS_ASYNC_GENERATOR if IS_ASYNC in current.tags else None if "contextlib.contextmanager" in current.decorators else IS_SYNC_GENERATOR
        if current is not self._module and tag is not None and tag not in current.tags:
            current.tags.append(tag)

    def visit_Raise(self, node: cst.Raise) -> None:
        """Where project exceptions are raised, and whether the error was reported first (PRR103: raise_marks.py)."""
        self._current().tags.extend(filter(None, [raise_tag(self.resolver, node, self._ifs, self._handlers, self._ancestors)]))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.uses.attribute(node)
        self._binds.attribute(node)

    def visit_Name(self, node: cst.Name) -> None:
        self.uses.name(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.uses.string(node, node.value)
        self._strings_hide_definitions = self._strings_hide_definitions or may_hide_definitions(node.value)

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self.uses.string(node, node.value, piece=True)
        self._strings_hide_definitions = self._strings_hide_definitions or may_hide_definitions(node.value)

    if hasattr(cst, "TemplatedStringText"):  # t-strings, in libcst versions that parse them

        def visit_TemplatedStringText(self, node: cst.CSTNode) -> None:
            self._strings_hide_definitions = self._strings_hide_definitions or may_hide_definitions(getattr(node, "value", ""))

    def leave_Module(self, node: cst.Module) -> None:
        """Line numbers of every `def`, from the source text rather than libcst positions (DESIGN.md §6)."""
        for function, _ in self._defs:  # PRR106: what a function with no work loop of its own hands its work to
            if function.qualname not in self._working:
                function.tags.extend(DELEGATES_TO + name for name in dict.fromkeys(self._delegated.get(function.qualname, ())))
        self._module.tags.extend([TOP_LEVEL_WORK] if top_level_work(node) else [])
        self._module.tags.extend(library_module_tags(node, self.source))  # drf-standardized-errors' settings, hooks set (PRR104)
        self._module.tags.extend([RUN_AS_PROGRAM] if self.source.startswith("#!") else [])
        self.summary.route_order = route_order.route_order(node, self.resolver) if route_order.may_build_router(self.source) else []
        tokens = SourceTokens(self.source)  # made at most once, if either reader falls back to the tokenizer
        record_words(self.summary, self.resolver.module_name, self.source, node, self._docstrings, self._messages, tokens, never_run_code(node, self._unreachable))
        self.summary.attribute_stores, self.summary.python2_words, self.summary.python2_imports = dict(self._stored), dict(self._gated.words), self._gated.python2_imports()
        self.summary.module_path_words, self.summary.import_paths = dict(self._module_paths), self._gated.ungated_imports()
        self._binds.record(self.summary, self.resolver)
        record_never_run(self.summary, self.resolver, node, {id(statement) for statement in self._unreachable.find(node).statements},
                         self._untyped_tags, self.uses.counted_attributes)
        self.uses.record(self.summary)
        self.summary.rebound = rebound_definitions(node, self.resolver, place(self.source, self._defs, self._strings_hide_definitions, tokens))  # def_lines.py, rebound_defs.py


_APP_HOOKS = frozenset({"before_request", "after_request", "add_middleware"})
_IS_FUNCTION = KindOf(cst.FunctionDef, cst.Lambda)
