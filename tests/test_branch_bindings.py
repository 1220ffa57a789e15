"""Names bound in alternative branches and names rebound further down (reaching.py): a use reads the binding of
the nearest statement before it that binds the name, every branch's where that statement is an `if`, `try` or
`match`; a module-level name bound in branches keeps each alternative for the call graph
(ModuleSummary.alternatives, ProjectIndex.alternatives, CallGraph.targets)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

import libcst as cst

from prr_lint.config import Settings
from prr_lint.engine import FileJob, Plan
from prr_lint.resolve import Resolver
from prr_lint.runner import run_jobs
from prr_lint.tree import descendants

from _serving import REGISTRY
from conftest import lint_sources

_FUNCTION = """\
import alpha, beta

def handle(flag, other):
    conn = alpha.Pool()
    try:
        if flag:
            conn = alpha.Client()
            conn.first()
        if other:
            conn = beta.Client()
            conn.second()
        else:
            conn.third()
        conn.fourth()
    except OSError:
        conn.fifth()
    for conn in beta.clients():
        conn.sixth()
"""


def _calls(source: str) -> Dict[str, str]:
    """Each method call's attribute -> what the resolver names it, in the function the source defines."""
    module = cst.parse_module(source)
    resolver = Resolver(module, "svc.app")
    function = next(statement for statement in module.body if isinstance(statement, cst.FunctionDef))
    resolver.enter(function)
    return {node.func.attr.value: resolver.qualified_name(node.func) for node in descendants(function.body)
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name)}


def test_a_use_reads_the_binding_that_reaches_it_not_the_last() -> None:
    calls = _calls(_FUNCTION)
    assert calls["first"] == "alpha.Client.first"
    assert calls["second"] == "beta.Client.second"
    assert calls["third"] == "alpha.Client.third"  # the `else` is no successor of its `if` branch: the one before
    assert calls["fourth"] == "beta.Client.fourth"
    assert calls["fifth"] == "beta.Client.fifth"
    assert calls["sixth"] is None  # the loop's own binding: an item of a call of unknown result


_SWITCHED = """\
import os

if os.environ.get("VENDOR") == "red":
    from svc.red import RedNode
    Node = RedNode
elif os.environ.get("VENDOR") == "blue":
    from svc.blue import BlueNode
    Node = BlueNode
else:
    raise ValueError("unknown vendor")
"""


def _function_scope(resolver: Resolver):
    """The scope of a function the module defines last: it reads the module's names as the module ends."""
    return resolver.scope_for(cst.parse_statement("def later():\n    pass\n"))


def test_a_module_name_bound_in_branches_keeps_each_alternative() -> None:
    resolver = Resolver(cst.parse_module(_SWITCHED), "svc.node")
    named = [resolver.binding_name(binding) for binding in resolver.reaching_all(cst.Name("Node"), _function_scope(resolver))]
    assert named == ["svc.red.RedNode", "svc.blue.BlueNode"]


def test_a_name_rebound_after_its_branches_has_one_binding() -> None:
    resolver = Resolver(cst.parse_module(_SWITCHED + "from svc.green import GreenNode\nNode = GreenNode\n"), "svc.node")
    named = [resolver.binding_name(binding) for binding in resolver.reaching_all(cst.Name("Node"), _function_scope(resolver))]
    assert named == ["svc.green.GreenNode"]


def test_a_stub_rebound_further_down_names_the_stub_at_each_call() -> None:
    source = (
        "import grpc\nfrom protos import ledger_pb2_grpc, router_pb2_grpc\n\n\ndef update(channel, fees, disabled):\n"
        "    if fees:\n        stub = ledger_pb2_grpc.LedgerStub(channel)\n        stub.SetFees(fees)\n"
        "    if disabled:\n        stub = router_pb2_grpc.RouterStub(channel)\n        stub.Disable(disabled)\n"
    )
    result = lint_sources({"svc/client.py": source}, select=["PRR502"])
    assert sorted((f.span.line, f.message.split("`")[1]) for f in result.findings) == [
        (8, "LedgerStub.SetFees()"), (11, "RouterStub.Disable()")]


_NODE = (
    "import grpc\nfrom protos import node_pb2_grpc\n\nstub = node_pb2_grpc.NodeStub(grpc.insecure_channel('node:1'))\n\n\n"
    "class {cls}:\n    @classmethod\n    def send(cls, amount, sign=False):\n        if sign:\n            stub.Sign(amount)\n"
    "        return stub.Send(amount, timeout=5)\n"
)
_VIEW = (
    "from flask import Flask\nfrom svc.node import Node\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/donate')\ndef donate():\n    return Node.send(10, sign=False)\n"
)


def _found(tmp_path: Path, view: str) -> List[Tuple[str, str, int]]:
    files = {"svc/__init__.py": "", "svc/node.py": _SWITCHED, "svc/app.py": view,
             "svc/red.py": _NODE.format(cls="RedNode"), "svc/blue.py": _NODE.format(cls="BlueNode")}
    plan = Plan(Settings(root=tmp_path, scope="all"), tuple(REGISTRY.select(["PRR502"], [], [])))
    jobs = [FileJob(path, path[: -len(".py")].replace("/", ".").removesuffix(".__init__"), path.endswith("__init__.py"), source.encode())
            for path, source in sorted(files.items())]
    return sorted((f.rule, f.path, f.span.line) for f in run_jobs(jobs, replace(plan), 1).findings)


def test_a_call_through_a_name_bound_in_branches_reaches_each_class(tmp_path: Path) -> None:
    """Every caller of either class's `send` leaves `sign` off: neither `Sign` runs (it was the last branch's alone)."""
    assert _found(tmp_path, _VIEW) == []


def test_a_caller_that_turns_the_switch_on_keeps_both_calls(tmp_path: Path) -> None:
    assert _found(tmp_path, _VIEW.replace("sign=False", "sign=True")) == [
        ("PRR502", "svc/blue.py", 11), ("PRR502", "svc/red.py", 11)]


_LOCAL = (
    "import os\nfrom flask import Flask\nfrom svc.red import RedNode\nfrom svc.blue import BlueNode\n\n"
    "app = Flask(__name__)\n\n\n@app.route('/donate')\ndef donate():\n"
    "    if os.environ.get('VENDOR') == 'red':\n        node = RedNode()\n    else:\n        node = BlueNode()\n"
    "    return node.send(10, sign=False)\n"
)


def test_a_call_through_a_local_bound_in_branches_reaches_each_class(tmp_path: Path) -> None:
    assert _found(tmp_path, _LOCAL) == []


def test_a_local_bound_in_branches_passing_the_switch_on_keeps_both_calls(tmp_path: Path) -> None:
    assert _found(tmp_path, _LOCAL.replace("sign=False", "sign=True")) == [
        ("PRR502", "svc/blue.py", 11), ("PRR502", "svc/red.py", 11)]
