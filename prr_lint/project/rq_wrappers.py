"""PRR501: a project function that enqueues the function it is handed, an RQ send of its callers.

`def enqueue_job(func, *args, timeout=300, **kwargs): get_queue().enqueue_call(func=func, timeout=timeout)`
sends to RQ whatever its callers pass as `func`, each with the timeout its caller gives (`timeout=600`),
else the parameter's default: so each call `enqueue_job(jobs.upload_scores, ...)` is a send of
`upload_scores` with that timeout. The send's timeout may also be its own (`timeout=300` or none: the
queue's) or a caller's RQ keyword the wrapper passes on through its `**kwargs`. A caller's argument it
cannot read (a `*args`/`**kwargs` splat that may hold it, a value that is not a known number) gives the
job no deadline; a wrapper that rebinds the parameter is not one. Only module-level functions are read as
wrappers (a method's callers are not resolved by name), and one level deep (a wrapper of a wrapper sends
nothing known).
"""

from __future__ import annotations

from typing import Callable, Dict, List, NamedTuple, Optional, Set, Tuple

import libcst as cst

from prr_lint.model import ModuleSummary
from prr_lint.paths import is_test_path
from prr_lint.project.deadline_values import Sources
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import resolve_name
from prr_lint.tree import descendants, dotted_name

_Parameter = Tuple[str, int]  # name, position (-1: keyword only)
# reads a timeout argument in a module: (the expression, the queue's default) -> seconds, None when unknown
Reader = Callable[[ModuleSummary, cst.BaseExpression, Optional[float]], Optional[float]]
# records a send: (the module of the call, the job expression, its timeout)
Recorder = Callable[[ModuleSummary, cst.BaseExpression, Optional[float]], None]


class Wrapper(NamedTuple):
    """Which parameter of a wrapper is the job, which one (if any) its send's timeout comes from, the timeout
    when no caller's argument gives it, and the queue's default (what an argument `None` means to RQ)."""

    job: _Parameter
    timeout: Optional[_Parameter]
    fallback: Optional[float]
    queue: Optional[float]


def _parameters(function: cst.FunctionDef) -> Dict[str, Tuple[int, Optional[cst.BaseExpression]]]:
    """A function's parameters a caller can pass by name: position (-1 for keyword-only) and default."""
    params = function.params
    found = {p.name.value: (i, p.default) for i, p in enumerate((*params.posonly_params, *params.params))}
    found.update({p.name.value: (-1, p.default) for p in params.kwonly_params})
    return found


def _rebound(function: cst.FunctionDef) -> Set[str]:
    """The names the function's body assigns: a parameter it rebinds no longer holds the caller's value."""
    targets = [target.target for node in descendants(function) if isinstance(node, cst.Assign) for target in node.targets]
    targets += [node.target for node in descendants(function) if isinstance(node, (cst.AugAssign, cst.AnnAssign))]
    return {target.value for target in targets if isinstance(target, cst.Name)}


def wrapper(function: cst.FunctionDef, target: cst.BaseExpression, call: cst.Call, keyword: str,
            queue: Optional[float], read: Callable[[cst.BaseExpression], Optional[float]]) -> Optional[Wrapper]:
    """The wrapper `function` is when its RQ send `call` sends its own parameter `target` (`read` gives the
    value of an expression in its module)."""
    params, rebound = _parameters(function), _rebound(function)
    if not isinstance(target, cst.Name) or target.value not in params or target.value in rebound:
        return None
    job = (target.value, params[target.value][0])
    given = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == keyword), None)
    if given is None:
        star = function.params.star_kwarg
        forwards = star is not None and any(arg.star == "**" and isinstance(arg.value, cst.Name) and arg.value.value == star.name.value
                                            for arg in call.args)
        return Wrapper(job, (keyword, -1) if forwards else None, queue, queue)
    if isinstance(given, cst.Name) and given.value in params:
        if given.value in rebound:
            return Wrapper(job, None, None, queue)
        position, default = params[given.value]
        return Wrapper(job, (given.value, position), read(default) if default is not None else None, queue)
    return Wrapper(job, None, read(given), queue)


_MISSING = cst.Name("_")  # an argument the call does not give


def _argument(call: cst.Call, parameter: _Parameter) -> Optional[cst.BaseExpression]:
    """The argument a call gives for a parameter, `_MISSING`, or None when a splat may hold it."""
    name, position = parameter
    named = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == name), None)
    if named is not None:
        return named
    positional = [arg for arg in call.args if arg.keyword is None and arg.star == ""]
    splats = {arg.star for arg in call.args if arg.star}
    if 0 <= position < len(positional) and not any(arg.star == "*" for arg in call.args[:call.args.index(positional[position])]):
        return positional[position].value
    return None if "**" in splats or ("*" in splats and position >= 0) else _MISSING


def wrapper_sends(index: ProjectIndex, sources: Sources, wrappers: Dict[str, List[Wrapper]], read: Reader, record: Recorder) -> None:
    """Records each call of a wrapper (modules that name one, outside tests) as a send of the job it passes,
    once for each send the wrapper makes."""
    short = {name.rpartition(".")[2] for name in wrappers}
    for module in index.modules.values():
        text = sources.texts.get(module.path)
        if text is None or is_test_path(module.path) or not any(name in text for name in short):
            continue
        tree = sources.tree(module.path)
        for node in descendants(tree, stop_at=()) if tree is not None else ():
            dotted = dotted_name(node.func) if isinstance(node, cst.Call) else None
            for found in wrappers.get(resolve_name(index, f"{module.module}.{dotted}") or "", []) if dotted else ():
                _record(module, node, found, read, record)  # type: ignore[arg-type]


def _record(module: ModuleSummary, call: cst.Call, found: Wrapper, read: Reader, record: Recorder) -> None:
    job = _argument(call, found.job)
    if job is None or job is _MISSING:
        return
    given = _argument(call, found.timeout) if found.timeout is not None else _MISSING
    record(module, job, found.fallback if given is _MISSING else read(module, given, found.queue) if given is not None else None)
