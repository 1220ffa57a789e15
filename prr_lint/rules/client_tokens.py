"""PRR103: a `try` that only decodes what the client sent (a bearer token, an encoded parameter).

`jwt.decode(token, key)` of the token the request carried, `base64.b64decode(request.args["q"])`:
the only thing that can fail is the client's value, malformed or forged, and the caught class is
the decoder's own error (`jwt.DecodeError`, `binascii.Error`) or a decode error of text
(`UnicodeDecodeError`). A wrong status class at most; no server-side failure is lost.

Decided on where the value comes from (the request object, or a name assigned from it in the same
function) and on what the `try` calls, never on names of the function or the variable.
"""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.resolve import Resolver
from prr_lint.rules.handler_context import TryNode
from prr_lint.rules.request_data import REQUEST_OBJECTS
from prr_lint.tree import descendants

# Library decoders of a value the caller hands them, by the package their errors come from.
DECODERS = {"jwt.decode": "jwt.", "jwt.api_jwt.decode": "jwt.", "jose.jwt.decode": "jose.", "base64.b64decode": "binascii.",
            "base64.urlsafe_b64decode": "binascii.", "binascii.a2b_base64": "binascii.", "binascii.unhexlify": "binascii."}
TEXT_DECODE_ERRORS = frozenset({"builtins.UnicodeDecodeError", "builtins.UnicodeError"})
_REQUEST_PARAMS = frozenset({"request", "req"})


def decodes_client_value(ctx: FileContext, try_node: TryNode, caught: Tuple[str, ...]) -> bool:
    """Every call in the `try` is a library decoder of a value the request carried, or a method of
    the value it decoded (`data.get("identity")`), and every caught class is such a decoder's error or
    a text decode error (see the module docstring)."""
    body = getattr(try_node, "body", None)
    if not caught or body is None:
        return False
    resolver = ctx.resolver
    packages = set()
    for node in descendants(body):
        if isinstance(node, cst.Await):
            return False
        if not isinstance(node, cst.Call):
            continue
        name = resolver.qualified_name(node.func) or ""
        if name in DECODERS:
            if not node.args or not _from_request(resolver, node.args[0].value):
                return False
            packages.add(DECODERS[name])
        elif not name.startswith("builtins.") and not (isinstance(node.func, cst.Attribute) and resolver.qualified_name(node.func.value) is None):
            return False  # a function that may raise the class for a bug of the service's own
    return bool(packages) and all(name in TEXT_DECODE_ERRORS or name.startswith(tuple(packages)) for name in caught)


def _from_request(resolver: Resolver, value: cst.BaseExpression, hops: int = 0) -> bool:
    """The value is read from the request: from the framework's request object or a view's
    `request` parameter, directly or through names assigned in the function."""
    for node in (value, *descendants(value)):
        if not isinstance(node, cst.Name):
            continue
        if resolver.qualified_name(node) in REQUEST_OBJECTS:
            return True
        bindings = resolver.lookup(node.value)
        binding = bindings[-1] if bindings else None
        if binding is None:
            continue
        if binding.kind == "param" and node.value in _REQUEST_PARAMS:
            return True
        assigned: Optional[cst.BaseExpression] = binding.value if binding.kind in ("value", "alias") else None
        if assigned is not None and hops < 3 and binding.scope is resolver.enclosing_function and _from_request(resolver, assigned, hops + 1):
            return True
    return False
