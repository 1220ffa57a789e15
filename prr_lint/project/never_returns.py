"""Project functions that never return, decided across modules, and the code after their calls that never runs.

The per-file phase tags each function whose every path raises or ends in a call that never returns
(rules/never_returning.py): `never-returns` when its own module decides it, one `never-returns-if:<condition>` per
condition left, mostly a callee of another module it ends in. Here those callees are resolved through the index, to
a fixed point: MtblsWS-Py's `raise_deprecation_error` (app/ws/auth/permissions.py) always raises, so in every
endpoint of another module that calls it first, the rest of the block never runs. A function rebound in its module
(rebound_defs.py), or whose name an assignment of a service module binds as an attribute
(`permissions.raise_deprecation_error = ...`: patched), may return after all. An `async def` never returns only
where it is awaited.

The same facts answer two questions, which read a method called on an object, an abstract stub and an HTTP abort
apart (rules/never_returning.py `read_condition`): `never_returning`, for unreachable code, and `raising_functions`,
for the error rules (PRR101/PRR102: a handler that hands its failure to such a function propagates it). A third,
`exiting_functions`, asks which end the process, no path raising: PRR505 drops a blocking call after which every path
ends so (`ends_process_check`, rules/process_ends.py: lollms-webui's restart endpoint, whose helper relaunches and exits).

The statements after such a call carry `after-call:<callee>` subjects. When one of them never returns, their calls
leave the call graph (`drop_never_run`, when the index is built: a helper only they call is then called by nothing,
and dead_code.py finds it so), and so do the `call-args:?.<method>=` tags of their calls on receivers of no known type;
their attribute reads no longer count as uses of the names (`method_uses`, `own_uses`: a method only they name is
named by none) and their words become prose, as those of statements after a `return` are (word_counts.py);
and a PRR501 finding there is dropped (wrappers.py, through `never_run_check`). The statements under a test that an
object has an attribute no code binds (`has-attr:` subjects, rules/attribute_guards.py) leave the call graph and make
their words prose the same way (absent_attributes.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import AbstractSet, Any, Callable, Dict, FrozenSet, List, Optional, Set, Tuple

from prr_lint.model import IS_ASYNC, ModuleSummary
from prr_lint.project.absent_attributes import absent_attributes
from prr_lint.rules.attribute_guards import HAS_ATTR
from prr_lint.paths import is_test_path
from prr_lint.rules.never_returning import (AFTER_CALL, AWAITED, EXITING, NEVER_RETURNS, NEVER_RETURNS_IF, PROPAGATING, UNREACHABLE,
                                            read_condition)
from prr_lint.rules.process_ends import ENDS_PROCESS, read_alternatives

# The project index (index.py), which runs `drop_never_run` as it is built: named here only as `Index`, as
# index.py imports this module.
Index = Any


def never_returning(index: Index) -> FrozenSet[str]:
    """The project functions (by canonical name) no call of which returns."""
    return index.derived("never-returning", lambda: _never_returning(index, UNREACHABLE))


def raising_functions(index: Index) -> FrozenSet[str]:
    """The project functions (by canonical name) a call of which hands a failure on: it raises or ends the process
    (`raise_invalid(exc)` that logs a warning and raises another error, a CLI's `error(msg)` ending in `sys.exit(1)`,
    Account's `fail_login` ending in `return self.fail(msg)`), not in an abstract stub or an HTTP abort."""
    return index.derived("raising-functions", lambda: _never_returning(index, PROPAGATING))


def exiting_functions(index: Index) -> FrozenSet[str]:
    """The project functions (by canonical name) a call of which ends the process: every path ends in an exit
    (`sys.exit`, `os._exit`, `os.execv`) or in a call of such a function, none in a raise."""
    return index.derived("exiting-functions", lambda: _never_returning(index, EXITING))


def _never_returning(index: Index, question: str) -> FrozenSet[str]:
    """The functions whose conditions all hold, as the question (rules/never_returning.py `read_condition`) reads
    them, to a fixed point."""
    patched = {name for module in index.modules.values() if not is_test_path(module.path) for name in module.attribute_stores}
    rebound = {entry[0] for module in index.modules.values() for entry in module.rebound}
    found: Set[str] = set()
    pending: Dict[str, List[str]] = {}
    conditions = index.tagged(NEVER_RETURNS_IF)
    for name, function in index.functions.items():
        if name in rebound or name.rpartition(".")[2] in patched:
            continue
        if NEVER_RETURNS in function.tags:
            found.add(name)
            continue
        reads = [read_condition(condition, question) for condition in conditions.get(name, ())]
        if not reads or any(read is False for read in reads):
            continue
        callees = [read for read in reads if read is not True]
        if callees:
            pending[name] = callees  # type: ignore[assignment]
        else:
            found.add(name)
    added = True
    while added:
        added = False
        for name, callees in list(pending.items()):
            if all(_ends(index, found, callee) for callee in callees):
                found.add(name)
                del pending[name]
                added = True
    return frozenset(found)


def _ends(index: Index, found: AbstractSet[str], callee: str) -> bool:
    """A call of `callee` (a function's name, `@await` when awaited) never returns, given the functions `found`."""
    awaited = callee.endswith(AWAITED)
    name = index.canonical(callee[:-len(AWAITED)] if awaited else callee)
    return name in found and (IS_ASYNC in index.functions[name].tags) == awaited


def never_run_check(index: Index) -> Callable[[Tuple[str, ...]], bool]:
    """Whether a finding's subjects put it after a call that never returns."""
    found = never_returning(index)
    return lambda subjects: any(subject.startswith(AFTER_CALL) and _ends(index, found, subject[len(AFTER_CALL):]) for subject in subjects)


def ends_process_check(index: Index) -> Callable[[Tuple[str, ...]], bool]:
    """Whether a finding's subjects put it where every path ends the process (rules/process_ends.py): one of the
    alternatives its `ends-process-after:` subject lists holds, each of its callees ending the process."""
    def check(subjects: Tuple[str, ...]) -> bool:
        found = next((subject[len(ENDS_PROCESS):] for subject in subjects if subject.startswith(ENDS_PROCESS)), None)
        if found is None:
            return False
        exiting = exiting_functions(index)
        return any(all(_ends(index, exiting, callee) for callee in callees) for callees in read_alternatives(found))
    return check


def _after_check(index: Index) -> Callable[[Tuple[str, ...]], bool]:
    """Whether one of the callees a summary's statements run after (by name, no prefix) never returns, or one of the
    `has-attr:` keys they run under is false in every run (rules/attribute_guards.py, absent_attributes.py)."""
    found = never_returning(index)
    absent = absent_attributes(index)
    return lambda subjects: any(absent.absent(subject) if subject.startswith(HAS_ATTR) else _ends(index, found, subject)
                                for subject in subjects)


def drop_never_run(index: Index) -> None:
    """Take the calls of statements after a call that never returns out of their functions (those on receivers of no
    known type with their `call-args:` tags), take back their attribute reads from the names' uses, and make their
    words prose, in the index's own copies of the summaries (the per-file results stay as the cache holds them)."""
    never_run = None
    for module in [module for module in index.modules.values() if module.never_run_calls or module.never_run_words
                   or module.never_run_tags or module.never_run_reads]:
        never_run = never_run or _after_check(index)
        removed: Dict[str, Counter] = {}
        for caller, callee, subjects in module.never_run_calls:
            if never_run(subjects):
                removed.setdefault(caller, Counter())[callee] += 1
        tags: Dict[str, Counter] = {}
        for caller, tag, subjects in module.never_run_tags:
            if never_run(subjects):
                tags.setdefault(caller, Counter())[tag] += 1
        reads = [(name, own) for name, own, subjects in module.never_run_reads if never_run(subjects)]
        prose = [words for subjects, words in module.never_run_words if never_run(subjects)]
        if removed or tags or reads or prose:
            _replace(index, module, removed, tags, reads, prose)


def _replace(index: Index, module: ModuleSummary, removed: Dict[str, Counter], tags: Dict[str, Counter],
             reads: List[Tuple[str, str]], prose: List[Dict[str, int]]) -> None:
    functions = dict(module.functions)
    for caller in {*removed, *tags}:
        function = functions.get(caller)
        if function is None:
            continue
        functions[caller] = replace(function, calls=_without(function.calls, removed.get(caller)),
                                    tags=_without(function.tags, tags.get(caller)))
        if index.functions.get(caller) is function:
            index.functions[caller] = functions[caller]
            if caller in tags:
                index.retagged(caller)
    words = Counter(module.prose_words)
    for counts in prose:
        words.update(counts)
    uses, own = Counter(module.method_uses), Counter(module.own_uses)
    uses.subtract(name for name, _ in reads)
    own.subtract(function for _, function in reads if function)
    copy = replace(module, functions=functions, prose_words=dict(words), method_uses=dict(+uses), own_uses=dict(+own))
    if index.modules.get(module.module) is module:
        index.modules[module.module] = copy
    index.by_path[module.path] = copy


def _without(items: List[str], counts: Optional[Counter]) -> List[str]:
    """`items` less `counts[item]` occurrences of each item (the first ones; any order of equal items is the same)."""
    if not counts:
        return items
    left = Counter(counts)
    kept = []
    for item in items:
        if left[item] > 0:
            left[item] -= 1
        else:
            kept.append(item)
    return kept
