"""PRR501: mail and FTP clients built without a host, which connect later.

`smtplib.SMTP()`/`SMTP_SSL()` and `ftplib.FTP()`/`FTP_TLS()` given no host (none, or "") open no
socket (assigned, or bound by `with ... as`): the constructor only stores its `timeout`, and a later `client.connect(host, port)` makes the
connection. So the constructor is not where a deadline goes missing; the `connect` is, when it waits
forever: `FTP.connect(host, port, timeout=...)` sets the deadline itself (its default, ftplib's -999
sentinel, keeps the constructor's), `SMTP.connect` takes none and uses the constructor's. A `connect`
on an object this module built that way, without a deadline from either, is reported there; like the
constructor it honours the process's default socket timeout (project/socket_default.py). A `connect` to a
loopback address (`smtp.connect("localhost")`, the local MTA) is judged as a constructor given that host is
(rules/local_calls.py): on this host, or loopback only as the constants or keys it is read from are.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.context import RawFinding

_FTP = frozenset({"ftplib.FTP", "ftplib.FTP_TLS"})
LATE_CONNECT_CLIENTS = frozenset({"smtplib.SMTP", "smtplib.SMTP_SSL", *_FTP})
# `FTP.connect(host='', port=0, timeout=-999, source_address=None)`; -999 means "the constructor's".
_FTP_CONNECT = cl.TimeoutSpec("timeout", 2, True)
_FTP_SENTINEL = -999


def connects_later(node: cst.Call, name: str) -> bool:
    """A mail or FTP client built with no host (nor `**kwargs` that may hold one): it opens no socket."""
    if name not in LATE_CONNECT_CLIENTS or cl.has_star_kwargs(node) or cl.has_star_args(node):
        return False
    args = cl.positional(node)
    host = args[0].value if args else getattr(cl.keyword(node, "host"), "value", None)
    return host is None or (isinstance(host, cst.SimpleString) and host.evaluated_value == "")


def _sentinel(value: Optional[cst.BaseExpression], function: Optional[cst.FunctionDef]) -> bool:
    """ftplib's -999 (keep the constructor's timeout), or a parameter of the enclosing function that
    defaults to it and is passed on: `def connect(self, timeout=-999): self.client.connect(h, p, timeout)`."""
    if isinstance(value, cst.Name) and function is not None:
        params = (*function.params.params, *function.params.kwonly_params)
        value = next((param.default for param in params if param.name.value == value.value), None)
    return isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus) \
        and isinstance(value.expression, cst.Integer) and int(value.expression.value) == -_FTP_SENTINEL


class LateConnects:
    """Mixin of PRR501: records clients built without a host and their `connect` calls; once the
    module is walked, `late_connect_findings` reports the connects that have no deadline."""

    ctx: object

    def __init__(self, ctx) -> None:
        super().__init__(ctx)  # type: ignore[call-arg]
        self._unconnected: Dict[str, Tuple[str, bool]] = {}  # object -> (client, constructor has a deadline)
        # (object, connect's timeout mode, call, context, the constants or keys its host is loopback through)
        self._connects: List[Tuple[str, str, cst.Call, str, Tuple[str, ...]]] = []

    def record_unconnected(self, key: Optional[str], value: cst.Call, name: str) -> None:
        if key is not None and connects_later(value, name):
            mode, _ = cl.timeout_value(value, cl.TIMEOUT_SPECS[name])
            known = self._unconnected.get(key)
            bounded = mode in ("given", "unknown") and (known is None or known[1])
            self._unconnected[key] = (name, bounded)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        """`with smtplib.SMTP() as smtp:` binds the client as an assignment does."""
        if isinstance(node.item, cst.Call) and node.asname is not None and isinstance(node.asname.name, cst.Name):
            resolver = self.ctx.resolver  # type: ignore[attr-defined]
            name = resolver.qualified_name(node.item.func)
            if name in LATE_CONNECT_CLIENTS:
                self.record_unconnected(cl.object_key(resolver, node.asname.name), node.item, name)

    def note_connect(self, key: Optional[str], node: cst.Call, function: Optional[cst.FunctionDef], context: str,
                     through: Tuple[str, ...] = ()) -> None:
        """`x.connect(...)`: kept until the module says what `x` is. `through`: subjects for a host that is loopback
        if other modules' constants or configuration keys are (the project phase drops the finding if so)."""
        if key is not None:
            mode, value = cl.timeout_value(node, _FTP_CONNECT)
            self._connects.append((key, "absent" if mode == "given" and _sentinel(value, function) else mode, node, context, through))

    def late_connect_findings(self) -> List[RawFinding]:
        findings = []
        for key, mode, node, context, through in self._connects:
            client, bounded = self._unconnected.get(key, ("", True))
            ftp = client in _FTP
            if not client or (ftp and mode in ("given", "unknown")) or (bounded and (mode == "absent" or not ftp)):
                continue
            shown = client.partition(".")[2]
            where = "pass timeout=<seconds>" if ftp else f"pass timeout=<seconds> to {shown}()"
            message = f"`{shown}.connect()` has no timeout: a hung dependency holds the calling request or worker forever; {where}"
            findings.append(RawFinding(self, node, message, context, cl.UNLESS_SOCKET_DEFAULT, (context, *through)))
        return findings
