"""Which calls only a person's answer lets run (prr_lint/answer_gates.py records the per-file marks).

A call asks when it waits for a person: a terminal question (`input()`, `click.confirm`, rich's `Confirm.ask`:
rules/how_it_runs.py `asks_person`), a modal dialog of a desktop toolkit (Qt's `QMessageBox.exec_()` or
`QInputDialog.getText`, tkinter's `messagebox.askyesno`), or a project function whose every return that may be
true needs such a call (`ask_yes_no`: a Qt box, or `input()` when no display is there). Under a supervisor or in
a container nobody answers (`input()` raises EOFError, click aborts, a dialog has no desktop), so what an `if`
whose test needs an answer calls runs only when a person at the machine said yes: an install step that downloads
a model, a reset the operator confirms. Serving reach never takes such an edge, and what only such calls reach,
and no serving code, task or deployed program, is the person's (main_blocks.py `answered_only`, project/scope.py).
"""

from __future__ import annotations

from collections import Counter
from typing import Dict, FrozenSet, Iterable

from prr_lint.model import ANSWER_GATE, ANSWER_RETURN, FunctionSummary
from prr_lint.project.callgraph import CallGraph
from prr_lint.rules.how_it_runs import asks_person

_QT = ("PyQt5", "PyQt6", "PySide2", "PySide6")
# A desktop toolkit's modal questions, by resolved name: each waits for a click on a window.
DIALOGS = frozenset(
    [f"{qt}.QtWidgets.QMessageBox.{method}" for qt in _QT for method in ("exec_", "exec", "question", "warning", "critical", "information")]
    + [f"{qt}.QtWidgets.QInputDialog.{method}" for qt in _QT for method in ("getText", "getItem", "getInt", "getDouble", "exec_", "exec")]
    + [f"tkinter.messagebox.ask{kind}" for kind in ("yesno", "okcancel", "question", "retrycancel", "yesnocancel")]
    + [f"tkinter.simpledialog.ask{kind}" for kind in ("string", "integer", "float")]
)


def answered_edges(graph: CallGraph) -> Dict[str, FrozenSet[str]]:
    """Function -> the project functions it calls only in `if` bodies whose test needs an answer (worked out once)."""
    return graph.index.derived("answered-edges", lambda: _answered_edges(graph))


def called_only(graph: CallGraph, function: FunctionSummary, calls: Iterable[str]) -> FrozenSet[str]:
    """The project functions among `calls` (callees, once per call) that `function` calls nowhere else."""
    tagged = Counter(calls)
    everywhere = Counter(function.calls)
    outside = {graph.target(callee) for callee, count in everywhere.items() if count > tagged.get(callee, 0)}
    return frozenset(t for t in map(graph.target, tagged) if t is not None and t not in outside and t in graph.index.functions)


def _answered_edges(graph: CallGraph) -> Dict[str, FrozenSet[str]]:
    gates = graph.index.tagged(ANSWER_GATE)
    if not gates:
        return {}
    asking = _asking(graph)
    found: Dict[str, FrozenSet[str]] = {}
    for name, tags in gates.items():
        answered = [callee for needed, _, callee in (tag.rpartition(">") for tag in tags)
                    if any(_asks(graph, call, asking) for call in needed.split(","))]
        targets = called_only(graph, graph.index.functions[name], answered) if answered else frozenset()
        if targets:
            found[name] = targets
    return found


def _asks(graph: CallGraph, call: str, asking: FrozenSet[str]) -> bool:
    return asks_person(call) or call in DIALOGS or graph.target(call) in asking


def _asking(graph: CallGraph) -> FrozenSet[str]:
    """The project functions whose every return that may be true needs a question (module docstring): grown until
    no more join, so a helper that returns another's answer joins after it."""
    returns = {name: [value.split(",") for value in tags[0].split(";")] for name, tags in graph.index.tagged(ANSWER_RETURN).items()}
    asking: FrozenSet[str] = frozenset()
    while True:
        joined = {name for name, values in returns.items() if name not in asking
                  and all(any(_asks(graph, call, asking) for call in calls) for calls in values)}
        if not joined:
            return asking
        asking |= joined
