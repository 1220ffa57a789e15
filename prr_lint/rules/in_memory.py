"""In-memory work left behind (PRR101, issue 9): a `try` that reaches no dependency, whose handler
passes, skips the item or carries on. What failed is work on data the code already holds (a field of
the user's data, an attribute of an upload, a conversion): nothing an operator runs is down.

"No dependency" is `does_io` (rules/silent_by_design.py) made stricter for libraries the linter does
not know: their module functions, the objects they keep at module level and the clients the code
builds from them may reach a server. The file cannot tell another top-level package of the project
(a Django app) from a library, so the calls it took for libraries go to the project phase
(`library_calls`, project/in_memory.py).

Known limit: a client class of a library named like no client (certsrv's `Certsrv`) whose methods
have no remote verb (`get_existing_cert`) is taken for in-memory work (lemur's ADCS plugin.py:100,
judged TRUE, is no longer reported: 1 of the tuning half's 21 PRR101 trues).
"""

from __future__ import annotations

from typing import Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.handler_context import PURE_METHODS, pure_call
from prr_lint.rules.silent_by_design import STRONG_IO_METHODS, library_object, does_io
from prr_lint.tree import descendants, dotted_name


def in_memory_work(ctx: FileContext, body: cst.CSTNode, handler: cst.ExceptHandler) -> bool:
    """The `try` reaches no dependency (`does_io` is False, a library base's `super()` counting as I/O:
    only parsing, attribute getters and conversions of values in memory) and the handler answers no
    value of its own (it passes, skips the item or carries on): what failed is work on data the code
    already holds (the request's or the user's), no outage of anything an SRE runs. A handler that
    returns a fallback stays for the other tests, as it turns the function's answer into a default."""
    if any(isinstance(node, cst.Return) and node.value is not None for node in descendants(handler.body)):
        return False
    for node in descendants(body):
        if isinstance(node, cst.Call) and _may_reach_server(ctx, node):
            return False
    return not does_io(ctx, body, base_class_io=True)


def _may_reach_server(ctx: FileContext, call: cst.Call) -> bool:
    """Stricter than `does_io` for a library the linter does not know: a function of its module, or
    a method of an object it keeps at module level (`ryd_client.get(video_id)`), may be a remote
    call; a class built from values and methods of an object the code built (`image.getbands()`)
    are in-memory work. A call named like talking to a server whatever it is (`connect`, a method
    `create_label` or `list_pods` of any object), and a method
    of what `getattr` or an unknown call returned (`getattr(instance, name).all()`) may reach one."""
    last = (dotted_name(call.func) or "").rsplit(".", 1)[-1]
    if last in STRONG_IO_METHODS or (isinstance(call.func, cst.Attribute) and last.partition("_")[0] in REMOTE_VERBS
                                     and "_" in last.strip("_")):
        return True  # `connect(config)`, `repo.create_label(...)`, `api.list_namespaced_pod(...)`
    func = call.func
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Call) and func.attr.value not in PURE_METHODS:
        made = ctx.resolver.qualified_name(func.value.func) or ""
        if not made or made.startswith("builtins."):
            return True  # a method of an object of unknown kind (`getattr(instance, name).all()`: a query)
    name = ctx.resolver.qualified_name(call.func) or ""
    if not name or pure_call(call, name, ctx.resolver) or name.partition(".")[0] in IN_MEMORY_STDLIB:
        return False
    if isinstance(call.func, cst.Attribute) and library_object(ctx, call.func.value):
        made = ctx.resolver.made_by(call.func.value) or ""
        return made.rsplit(".", 1)[-1].endswith(CLIENT_CLASSES)  # `api = client.CoreV1Api(); api.list_pods()`
    parts = name.split(".")[1:]
    # a library class and its class methods (`Markup.escape`), not what it reaches through (`Model.objects.create`)
    return not any(part[:1].isupper() for part in parts[-2:])


# First words of a client method's compound name that say it talks to a server (`create_label`, `send_message`).
REMOTE_VERBS = frozenset(
    {
        "create", "delete", "update", "list", "send", "fetch", "post", "put", "patch", "publish", "upload",
        "download", "insert", "upsert", "remove", "query", "execute", "invoke", "submit", "sync", "push", "pull",
    }
)
# What a library's client classes are called: their methods talk to a server.
CLIENT_CLASSES = ("Client", "Api", "API", "Session", "Connection", "Service", "Producer", "Consumer", "Channel", "Pool")


# Standard-library modules that compute in memory (besides the parsers `PURE_MODULES` lists).
IN_MEMORY_STDLIB = frozenset(
    {
        "statistics", "random", "secrets", "difflib", "fnmatch", "posixpath", "ntpath", "codecs", "calendar",
        "mimetypes", "dataclasses", "zlib", "gzip", "bz2", "lzma", "pickle", "csv", "xml", "email", "heapq",
        "bisect", "array", "numbers", "contextlib", "warnings", "traceback", "pprint", "colorsys", "html",
    }
)


def library_calls(ctx: FileContext, body: cst.CSTNode) -> Tuple[str, ...]:
    """The qualified names of what `body` calls outside the builtins, and of the calls that bound the
    names whose methods it calls: a name the file takes for a library may be another top-level package
    of the project (a Django app), which only the project phase can tell."""
    names = []
    for node in descendants(body):
        if not isinstance(node, cst.Call):
            continue
        name = ctx.resolver.qualified_name(node.func) or ""
        if name and not name.startswith("builtins."):
            names.append(name)
        receiver = node.func.value if isinstance(node.func, cst.Attribute) else None
        if isinstance(receiver, cst.Name):
            for binding in ctx.resolver.lookup(receiver.value) or []:
                value = getattr(binding, "value", None)
                bound = ctx.resolver.qualified_name(value.func) if isinstance(value, cst.Call) else None
                if bound and not bound.startswith("builtins."):
                    names.append(bound)
    return tuple(dict.fromkeys(names))
