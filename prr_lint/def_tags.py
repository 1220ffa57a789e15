"""What a function's own body says about it, tagged once at its `def` (model's FunctionSummary.tags).

Whether a thread running it reports its own failures (PRR106), whether it is async,
returns a gRPC stub or a session with a default timeout, fills in a default timeout, documents a
health probe, how many parameters a call must give and which it may give (call_binding.py), which request parameters it reads, which of its methods a constructor runs, which calls' error results it checks and which
calls' empty results it raises on, whether it is a task whose body does nothing (PRR303), whether it pauses or bounds a retry loop that calls it (PRR504), what it calls only when a person answers
(answer_gates.py), whether it overrides a reporting library DRF handler's report (rules/drf_library.py), whether it is a decorator
that only wraps (wrapper_defs.py) or another decorator under its name (decorator_aliases.py) or runs what it decorates only under a key (rules/switch_decorators.py): each is
read from the `def` node alone, with the module's resolver. The summary walk (summary.py) adds these tags beside what it learns node by node; the
flags say what the module's source can hold at all (a substring search per module, not per function).
"""

from __future__ import annotations

from typing import List

import libcst as cst

from prr_lint.answer_gates import answer_tags
from prr_lint.call_binding import binding_tags
from prr_lint.config_getters import entry_getter
from prr_lint.decorator_aliases import alias_tags
from prr_lint.error_results import CHECKS_ERROR, checked_error_calls
from prr_lint.model import FAILURE_HANDLER_CALLS, IS_ASYNC, REPORTS_IN_LOOP, REPORTS_OWN_FAILURES, REQUIRED_PARAMETERS
from prr_lint.init_runs import init_runs
from prr_lint.none_checks import none_checked_calls
from prr_lint.resolve import Resolver
from prr_lint.rules.annotated_sessions import session_parameters
from prr_lint.rules.background_work import work_failures
from prr_lint.rules.called_waits import function_tags
from prr_lint.rules.clients import RETURNS_GRPC_STUB, RETURNS_TIMEOUT_SESSION, returns_stub, returns_timeout_session
from prr_lint.rules.drf_library import hook_tags
from prr_lint.rules.health_marks import DOCUMENTED_PROBE, documents_probe
from prr_lint.rules.idle_tasks import idle_body_tags
from prr_lint.rules.log_marks import REQUEST_PARAMETER, request_parameters
from prr_lint.rules.switch_decorators import switch_decorator_tags
from prr_lint.rules.session_patches import FILLS_DEFAULT_TIMEOUT, fills_default_timeout
from prr_lint.returned_hosts import returned_hosts
from prr_lint.switched_hosts import switched_hosts
from prr_lint.tree import call_assignments
from prr_lint.wrapper_defs import wrapper_tags


def pausing(source: str) -> bool:
    """The module may pause (a sleep, an event's wait): what a retry loop's call of its functions may wait on."""
    return "sleep" in source or "wait" in source


def def_tags(node: cst.FunctionDef, resolver: Resolver, grpc_stubs: bool, adapters: bool, requests: bool, pauses: bool = False,
             urls: bool = False) -> List[str]:
    """The tags of the function `node` defines, in the resolver's scope of it; `grpc_stubs`, `adapters`, `requests`,
    `pauses` and `urls`: whether the module builds gRPC stubs, mounts adapters, reads request attributes, may pause,
    spells a URL's scheme separator."""
    tags: List[str] = []
    # PRR106: whether a thread or task running this function reports its own failures.
    failures = work_failures(node, resolver)
    if failures.reports:
        tags.append(REPORTS_OWN_FAILURES)
    if failures.in_loop:
        tags.append(REPORTS_IN_LOOP)
    tags.extend(FAILURE_HANDLER_CALLS + callee for callee in failures.callees)
    if node.asynchronous is not None:
        tags.append(IS_ASYNC)
    params = node.params
    required = sum(1 for param in (*params.posonly_params, *params.params, *params.kwonly_params) if param.default is None)
    tags.extend([f"{REQUIRED_PARAMETERS}{required}"] if required else [])
    tags.extend(binding_tags(node))  # what a call must pass to run it at all (project/unbound.py)
    tags.extend((RETURNS_GRPC_STUB,) if grpc_stubs and returns_stub(node, resolver) else ())
    tags.extend((RETURNS_TIMEOUT_SESSION,) if adapters and returns_timeout_session(node, resolver) else ())
    tags.extend((FILLS_DEFAULT_TIMEOUT,) if fills_default_timeout(node, resolver.scope) else ())
    tags.extend(session_parameters(node, resolver))  # whose callers hand it a session (project/annotated_sessions.py)
    tags.extend([DOCUMENTED_PROBE] if documents_probe(node) else [])
    if requests:
        tags.extend(REQUEST_PARAMETER + name for name in sorted(request_parameters(node)))
    statements = call_assignments(node)
    tags.extend(CHECKS_ERROR + name for name in checked_error_calls(node, resolver, statements))
    tags.extend(none_checked_calls(resolver, statements))
    tags.extend(init_runs(node, resolver))  # what a constructor runs on the new object (project/socket_default.py)
    tags.extend(function_tags(node, resolver) if pauses else ())  # what it does for a retry loop that calls it (PRR504)
    tags.extend(returned_hosts(node, resolver) if urls else ())  # the URL it returns takes its host from (PRR501)
    tags.extend(switched_hosts(node, resolver))  # the flag that picks the host its client connects to (PRR501)
    tags.extend(entry_getter(node, resolver))  # a configuration file's entry it returns by its arguments (PRR501)
    tags.extend(wrapper_tags(node, resolver))  # whether it only wraps what it decorates, how it is decorated (dead code)
    tags.extend(alias_tags(node, resolver))  # the decorator it is under another name (project/decorator_aliases.py)
    tags.extend(switch_decorator_tags(node, resolver))  # the key it runs what it decorates under (PRR501, switch_decorators.py)
    tags.extend(answer_tags(node, resolver))  # what only a person's answer lets it call (answer_gates.py)
    tags.extend(idle_body_tags(node, resolver))  # a task whose body does nothing: a wait on it is a worker probe (PRR303)
    tags.extend(hook_tags(node, resolver))  # a library DRF handler class's method that may drop its report (PRR104)
    return tags
