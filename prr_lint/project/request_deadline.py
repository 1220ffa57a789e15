"""PRR501: a deadline on the whole request, set outside the call.

A service whose workers run green threads (gunicorn's `eventlet` or `gevent` worker class, or a
process that monkey-patches the socket module: `eventlet.monkey_patch()`, `gevent.monkey.patch_all()`)
can bound every request at once: a green-thread `Timeout` started around the WSGI app raises in the
request's green thread wherever it waits, and a blocking outbound call waits in the patched socket,
so it is aborted there (eventlet and gevent document this; a plain thread's `timeout` in gunicorn's
sync workers kills the worker instead, and async servers cannot interrupt a blocking call at all).
Such a deadline is installed by wrapping the WSGI app in place with a middleware:

* `app.wsgi_app = Middleware(app.wsgi_app, ...)` (Flask's documented way to add WSGI middleware)
  with a deadline argument (a keyword naming a timeout, given a value other than None), or
* a project class whose `__call__` starts an eventlet or gevent `Timeout` (a middleware by what it
  does, whatever it wraps), built outside tests or named in a string there (Django's `MIDDLEWARE`).

Both need the green threads: without them no `Timeout` interrupts a blocking socket. A call is then
covered when nothing outside request handling reaches it: no background task, command, script,
long-running program or loop of the project (those run outside the app, with no request deadline),
nor the start-up code; calls at a module's top level run at import and are not covered either. Not
"what the entry points reach": the call graph does not follow every call from a view into its
clients (a client behind a `LocalProxy` global), while the other programs are recognised by how
they are declared.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, FrozenSet, Iterable, Optional, Sequence

import libcst as cst

from prr_lint.model import LOOPS_FOREVER
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.index import ProjectIndex
from prr_lint.project.scope import NonServing
from prr_lint.project.support import test_modules
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.texts import job_text, parsed
from prr_lint.tree import descendants

GREEN_TIMEOUTS = frozenset({"eventlet.Timeout", "eventlet.timeout.Timeout", "gevent.Timeout", "gevent.timeout.Timeout"})
_GREEN_PATCHES = frozenset({"eventlet.monkey_patch", "eventlet.patcher.monkey_patch", "gevent.monkey.patch_all",
                            "gevent.monkey.patch_socket"})
# gunicorn's worker class in its Python configuration file, or on its command line.
_CONFIG_WORKER = re.compile(r"^worker_class\s*=\s*['\"](?:eventlet|gevent)['\"]", re.M)
_GUNICORN = re.compile(r"\bgunicorn\b")
_GREEN_CLASS_FLAG = re.compile(r"\s(?:-k|--worker-class)[\s=]['\"]?(?:eventlet|gevent)\b")


def request_covered(analysis: ServingAnalysis, launch_files: Sequence[str], job_for: Callable[[str], Optional[object]]) -> FrozenSet[str]:
    """The functions whose outbound calls a green-thread request deadline bounds (module docstring);
    empty when the service installs none."""
    index = analysis.index
    if not analysis.model.seeds:
        return frozenset()
    texts = {name: job_text(job_for(module.path)) for name, module in index.modules.items()}
    if not (_green_middleware_built(index, texts) or _wraps_with_deadline(texts)) \
            or not green_threads(index, texts.values(), launch_files):
        return frozenset()
    non_serving: NonServing = analysis.derived("non-serving", lambda: NonServing(analysis))
    outside = {*non_serving.roots, *non_serving.programs, *(name for name in analysis.model.batch if name in index.functions),
               *(name for name, function in index.functions.items() if LOOPS_FOREVER in function.tags)}
    elsewhere = set(breadth_first(analysis.graph, sorted(outside), UNBOUNDED)) | non_serving.startup
    return frozenset(name for name in index.functions if name not in elsewhere and name not in index.modules)


def green_threads(index: ProjectIndex, texts: Iterable[Optional[str]], launch_files: Sequence[str]) -> bool:
    """The service's workers run green threads: a patching call, or gunicorn's worker class."""
    if any(call in _GREEN_PATCHES for function in index.functions.values() for call in function.calls):
        return True
    if any(text is not None and "worker_class" in text and _CONFIG_WORKER.search(text) for text in texts):
        return True
    return any(text is not None and _starts_green_gunicorn(text) for text in map(read_launch_text, launch_files))


def _starts_green_gunicorn(text: str) -> bool:
    """A command line `gunicorn ... -k gevent` (or `--worker-class eventlet`), not commented out (text
    after a `#` is a comment). One search per word and line, so a long line costs its length."""
    for line in text.splitlines():
        command_text = line.split("#", 1)[0]
        command = _GUNICORN.search(command_text)
        if command is not None and _GREEN_CLASS_FLAG.search(command_text, command.end()):
            return True
    return False


def _green_middleware_built(index: ProjectIndex, texts: Dict[str, Optional[str]]) -> bool:
    """A project class whose `__call__` starts a green-thread Timeout (a middleware bounding each
    request) is built by code outside tests, or named by its dotted path in a string outside tests
    (Django's `MIDDLEWARE = ["svc.middleware.Deadline", ...]`, which Django builds)."""
    classes = {name for name in index.classes
               if GREEN_TIMEOUTS.intersection(getattr(index.functions.get(f"{name}.__call__"), "calls", ()))}
    if not classes:
        return False
    tests = test_modules(index)
    if any(index.canonical(call) in classes for name, function in index.functions.items()
           if index.module_of(name) not in tests for call in function.calls):
        return True
    parts = [cls.split(".") for cls in classes]
    paths = {".".join(split[start:]) for split in parts for start in range(len(split) - 1)}  # the module may be named from a folder down
    return any(text is not None and any(f"'{path}'" in text or f'"{path}"' in text for path in paths)
               for name, text in texts.items() if name not in tests)


def _wraps_with_deadline(texts: Dict[str, Optional[str]]) -> bool:
    """Some module wraps a Flask app's WSGI app in place with a middleware given a deadline:
    `app.wsgi_app = Middleware(app.wsgi_app, timeout_seconds=30)`."""
    for text in texts.values():
        if text is None or "wsgi_app" not in text or "timeout" not in text.lower():
            continue
        tree = parsed(text)
        if tree is not None and any(isinstance(node, cst.Assign) and _deadline_wrap(node) for node in descendants(tree, stop_at=())):
            return True
    return False


def _deadline_wrap(node: cst.Assign) -> bool:
    """`X.wsgi_app = M(X.wsgi_app, ..., <a timeout keyword>=<not None>)`."""
    call = node.value
    if len(node.targets) != 1 or not isinstance(call, cst.Call) or not call.args or call.args[0].keyword is not None:
        return False
    target = node.targets[0].target
    return isinstance(target, cst.Attribute) and target.attr.value == "wsgi_app" and call.args[0].value.deep_equals(target) \
        and any(arg.keyword is not None and "timeout" in arg.keyword.value.lower()
                and not (isinstance(arg.value, cst.Name) and arg.value.value == "None") for arg in call.args)

