"""What a file's analysis leaves behind: its tree is freed by reference counting when the analysis ends, not
left in reference cycles for the cyclic collector to find (on the standard library that collector freed 1.3M
objects, a tenth of the per-file phase's CPU), and nothing the analysis remembered outlives it."""

from __future__ import annotations

import gc
from pathlib import Path

import libcst as cst

from conftest import REGISTRY
from prr_lint.config import Settings
from prr_lint.engine import FileJob, Plan, analyse
from prr_lint.tree import children, descendants, remembered_children

SOURCE = '''\
import os
import sys

LIMITS = {"read": 3, "write": [1, 2]}

class Store:
    limit = 3

    def __init__(self, path):
        self.path = path

    def read(self):
        with open(self.path) as handle:
            return handle.read()


class Cache(Store):
    def read(self):
        try:
            return super().read()
        except OSError:
            return ""


def fail(message):
    raise SystemExit(message)


def main():
    store = Cache(os.environ.get("STORE", "/var/store"))
    text = store.read().strip()
    if not text:
        fail("empty")
        print("never")
    for line in text.splitlines():
        sys.stdout.write(line)
'''


def test_a_files_tree_is_freed_when_its_analysis_ends() -> None:
    plan = Plan(Settings(root=Path(".")), tuple(REGISTRY.select(["ALL"], [], [])))
    job = FileJob("svc/store.py", "svc.store", False, SOURCE.encode())
    analyse(job, plan, REGISTRY)  # the first run imports and sets up what every later file shares
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        result = analyse(job, plan, REGISTRY)
        left_in_cycles = gc.collect()
    finally:
        if enabled:
            gc.enable()
    assert result.analysed and result.summary is not None
    # The tree alone is some 1,500 objects; a few small cycles of the standard library's own may remain.
    assert left_in_cycles < 100


def test_children_are_remembered_only_while_a_file_is_analysed() -> None:
    module = cst.parse_module("x = f(1)\n")
    with remembered_children():
        first = children(module.body[0])
        assert children(module.body[0]) is first
    assert children(module.body[0]) == first
    assert children(module.body[0]) is not children(module.body[0])


def test_walks_below_a_node_are_read_back_only_while_a_file_is_analysed() -> None:
    module = cst.parse_module("def f(x):\n    def g():\n        return h(1)\n    if x:\n        return g()\n")
    body = module.body[0].body
    own, every = list(descendants(body)), list(descendants(body, stop_at=()))
    assert len(own) < len(every)  # the nested function's body is below the second only
    with remembered_children():
        walk = descendants(body)
        next(walk)  # a walk left unfinished is not remembered as the whole
        assert list(descendants(body)) == own
        assert list(descendants(body)) == own  # read back
        assert list(descendants(body, stop_at=())) == every  # remembered apart for each stop_at
        assert list(walk) == own[1:]
    assert list(descendants(body)) == own
