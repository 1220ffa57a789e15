"""Celery tasks nothing sends (PRR501's dead code, dead_code.py `_unused`).

A task decorator (`@shared_task`, `@app.task`, the old `@task`) registers a function with the worker
so that it can be sent by its name; it runs only when something sends it: `task.delay()`,
`apply_async`, a signature (`task.s()`), `send_task("pkg.tasks.task")`, a beat schedule entry
(`"task": "pkg.tasks.task"`), a route in configuration. Each of those names the task, by its function
name or by the `name=` its decorator gives. A task whose names no non-test source (code or strings,
not comments or messages, in any file: the name a worker registers depends on how it imports the
module), configuration or other text file of the project holds is never sent, and is dead (portal's
`publish_to_zenodo`, legacy since artifact sharing moved elsewhere). The decorator's own `name=` string is no
sender, also when it repeats the function's name (earkweb's `@app.task(name="solr_update_metadata")`).

Only a literal in this repository counts as evidence: a task another service sends by a name it
holds in its own repository is called dead here. Some uses of its name send nothing: an import, a plain
call `task()` (it runs in the caller, not in a worker: montandon-etl's hand-run `import_desinventar_data`
command calling the task of that name), a `call_command("name")`, which names a management command, and a string
of its name in its own body, which runs only once it has been sent (healthcheck's `poll_meditech_api_for_results`,
whose only other words are its Redis lock's key, `r.lock("poll_meditech_api_for_results", 1800)`: foreign_calls.py
`_own_body_uses`, name_uses.py `own_strings`).

Nor does a use of its name in the body of a task nothing sends, which never runs (invoice-factory's
`check_company_status`, whose one `.apply_async` sits in the loop of `check_company_status_for_all_contractors`,
which nothing sends): to a fixed point, so a chain of such tasks is unsent from its first link, and a task that
sends itself (a re-run `apply_async(countdown=60)`), or tasks that send each other, are unsent when nothing else
names any of them; one a sent task's body names stays (`_sent_only_by_unsent`). Such a body is where the module's
one `def` of the task holds it, not its decorators or defaults (sender_bodies.py), and counts only for a task that
nothing may call in place (a view's `task()` runs its body in the request; so may `JOBS.mod.task()` or
`self.jobs.task()`, a call of its name that resolves to no project function) under Celery's own task decorators alone
(a project's task decorator may also keep the function and run it: `ON_START.append(fn); return shared_task(fn)`), and
for none while the project looks a function up by a computed name (`getattr(fanout, "publish_" + kind)(...)`,
`globals()[name]`: computed_lookups.py), which may run any task in place.
Its bare names count, and its `from ... import` names; not a string (`send_task("pkg.tasks.task")` there still
keeps the task); and where its module's prose (never-run code's words too) holds the name, only the uses beyond
as many as that prose holds, which are taken back as prose already.

A project's own task decorator counts as Celery's (`@http_task(post_save=True)` where `http_task` returns
`retriable_task(...)`, which calls `shared_task(bind=True, **kwargs)`): a project function (or a decorator
class's `__call__`) whose body, nested functions included, calls a Celery task decorator, or returns what
another such function returns, found through its definition and not its name. One that calls anything
else of Celery's (`add_periodic_task`, a signal's `connect`) may schedule or register the task itself:
its tasks stay. Where the project shows it sends by a name no
literal holds, every task stays: a `send_task` or `signature` call whose name is not a literal, a task registry
looked up by a computed key (`celery_app.tasks["svc.jobs." + kind].delay()`, `app.tasks.get(name)`:
computed_lookups.py), or a
scheduler that keeps its schedule outside the repository (django-celery-beat's database, RedBeat,
an SQLAlchemy scheduler), where an operator picks any registered task.
"""

from __future__ import annotations

from collections import Counter
from types import MappingProxyType
from typing import AbstractSet, Callable, Dict, Iterable, List, Mapping, Optional, Protocol, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint.project.call_args import called_command_names
from prr_lint.project.computed_lookups import name_lookups, registry_lookups
from prr_lint.project.names import resolve_name
from prr_lint.project.parsed_trees import TreeOf
from prr_lint.project.sender_bodies import body_names
from prr_lint.rules.param_guards import call_arguments
from prr_lint.word_counts import WORD

# Decorators that register a Celery task to be sent by name (not `periodic_task`, which runs by itself).
TASK_DECORATORS = frozenset({"celery.Celery.task", "celery.app.base.Celery.task", "celery.shared_task", "celery.app.shared_task",
                             "celery.task", "celery.task.task", "celery.decorators.task"})
# Words of schedulers that keep the schedule (and so the task names) outside the repository.
_OUTSIDE_SCHEDULES = frozenset({"django_celery_beat", "DatabaseScheduler", "PeriodicTask", "redbeat", "RedBeatScheduler",
                                "celery_sqlalchemy_scheduler", "sqlalchemy_celery_beat"})
_NONE: Mapping = MappingProxyType({})
Tasks = Mapping[str, Tuple[str, List[str]]]  # a task -> its module, its task decorators


class _Sent(Protocol):
    def __call__(self, qualname: str, taken: Mapping[Tuple[str, Optional[str]], int] = ..., in_bodies: Mapping[str, int] = ...) -> bool: ...


def unsent_tasks(index, tests: Set[str], files: Mapping[str, Mapping[str, int]], texts: Set[str],
                 unnamed: Callable[[str, str, Callable[[Optional[str]], int]], bool], parse: TreeOf) -> Set[str]:
    """Module functions a Celery task decorator registers whose names no service source names:
    `unnamed(local, module, besides)` says whether no non-test source's code names the function, wherever it
    is, beyond the `besides(module)` words of a module that send nothing (`_no_sends`); `files` holds the
    words of each non-test source and `texts` those of the other text files; `parse` reads a module's tree
    (`_sent_only_by_unsent`)."""
    if any(word in texts or any(word in words for words in files.values()) for word in _OUTSIDE_SCHEDULES) or _sends_by_computed_name(index):
        return set()
    known: Dict[str, bool] = {}

    def makes_task(decorator: str) -> bool:
        if decorator not in known:
            known[decorator] = fw.canonical(decorator) in TASK_DECORATORS or _task_factory(index, decorator, known)
        return known[decorator]

    tasks: Dict[str, Tuple[str, List[str]]] = {}  # task -> its module, its task decorators
    for module, summary in index.modules.items():
        if module in tests:
            continue
        for qualname, function in summary.functions.items():
            if qualname.rpartition(".")[0] == module and function.decorators:
                decorators = [decorator for decorator in function.decorators if makes_task(resolve_name(index, decorator))]
                if decorators:
                    tasks[qualname] = (module, decorators)
    calls, commands = _no_sends(index, tests, {qualname.rpartition(".")[2] for qualname in tasks}) if tasks else ({}, {})
    given = {qualname: _given_names(index.functions[qualname].tags, decorators) for qualname, (_, decorators) in tasks.items()}

    def sent(qualname: str, taken: Mapping[Tuple[str, Optional[str]], int] = _NONE, in_bodies: Mapping[str, int] = _NONE) -> bool:
        """Whether some source or text file may send the task: it names the task beyond its definition and the words
        that send nothing, and beyond `taken` ((word, module) -> code words of those modules) and `in_bodies` (word ->
        all its words), which sit in the bodies of tasks that may never run (`_sent_only_by_unsent`)."""
        module, names, local = tasks[qualname][0], given[qualname], qualname.rpartition(".")[2]
        if names is None or local in texts:
            return True
        if local in names:  # `@app.task(name="sync")` on `def sync`: its `def` and that string, nothing else
            if sum(words.get(local, 0) for words in files.values()) - in_bodies.get(local, 0) > 2:
                return True
        elif not unnamed(local, module, lambda name: calls.get((qualname, name), 0) + commands.get((local, name), 0) + taken.get((local, name), 0)):
            return True
        # the decorator's own `name=` string is one occurrence
        return any(word in texts or sum(words.get(word, 0) for words in files.values()) - in_bodies.get(word, 0) > 1 for word in names if word != local)

    found = {qualname for qualname in tasks if not sent(qualname)}
    unsent = found | _sent_only_by_unsent(index, tests, tasks, given, found, files, parse, sent)
    # read last: it parses every source holding the word `tasks`, needed only when some task would be called unsent
    return set() if unsent and registry_lookups(files, parse) else unsent


def _sent_only_by_unsent(index, tests: AbstractSet[str], tasks: Tasks, given: Mapping[str, Optional[Set[str]]], found: Set[str],
                         files: Mapping[str, Mapping[str, int]], parse: TreeOf, sent: _Sent) -> Set[str]:
    """The tasks only the bodies of tasks nothing sends name (invoice-factory's `check_company_status`, whose one
    `.apply_async` sits in the loop of the unsent `check_company_status_for_all_contractors`), to a fixed point: a task
    named only in its own body or in those of tasks that name each other, nothing else naming any of them, is unsent
    too, and one named in the body of a task something sends stays (the greatest set that holds). A body counts only
    where it runs when the task is sent and only then: a task no code may call in place (`called_in_place`), under
    Celery's own task decorators alone (another, or a project's task decorator, may keep the function and run it
    itself), with one `def` of its name in its module (sender_bodies.py); and none while the project looks a function up
    by a computed name (computed_lookups.py `name_lookups`: `getattr(fanout, kind)(...)` may run any task in place).
    The tasks `found` (unsent already) stay unsent."""
    wanted = {word for qualname, names in given.items() if qualname not in found and names is not None
              for word in {qualname.rpartition(".")[2], *names}}
    candidates = [qualname for qualname, (module, _) in tasks.items() if not wanted.isdisjoint(files.get(index.modules[module].path, ()))
                  and all(fw.canonical(resolve_name(index, decorator)) in TASK_DECORATORS for decorator in index.functions[qualname].decorators)]
    in_place = called_in_place(index, tests, candidates) if candidates else set()
    counts: Dict[str, Counter] = {}  # a quiet task -> the task names its body holds
    for qualname in candidates:
        if qualname in in_place:
            continue
        module = tasks[qualname][0]
        names_in_body = body_names(parse(index.modules[module].path), qualname.rpartition(".")[2], wanted)
        if names_in_body:
            counts[qualname] = names_in_body
    if not counts or name_lookups(index, files, parse):
        return set()
    # a module's prose (never-run code's words too) is taken back already: of the code count, only the uses beyond it
    code: Counter = Counter()
    for qualname, names_in_body in counts.items():
        for word, count in names_in_body.items():
            code[(word, tasks[qualname][0])] += count
    taken = {(word, module): max(0, count - index.modules[module].prose_words.get(word, 0)) for (word, module), count in code.items()}
    totals = sum(counts.values(), Counter())
    senders: Dict[str, Set[str]] = {}  # a task only bodies of quiet tasks name -> those tasks
    for qualname, names in given.items():
        words = {qualname.rpartition(".")[2], *(names or ())}
        holders = {sender for sender, names_in_body in counts.items() if any(names_in_body.get(word) for word in words)}
        if qualname not in found and holders and not sent(qualname, taken, totals):
            senders[qualname] = holders
    dead = found | set(senders)
    changed = True
    while changed:
        alive = {qualname for qualname, holders in senders.items() if qualname in dead and not holders <= dead}
        dead -= alive
        changed = bool(alive)
    return dead & set(senders)


def called_in_place(index, tests: AbstractSet[str], tasks: Iterable[str]) -> Set[str]:
    """Those of `tasks` some non-test code outside their own body may call in place, running the body without a send:
    a call that resolves to the task, or one of its name that resolves to no project function (`JOBS.mod.publish_all()`
    through a class attribute holding the module, `self.jobs.check_one(nip)` after `self.jobs = svc.checks`)."""
    by_local: Dict[str, Set[str]] = {}
    for task in tasks:
        by_local.setdefault(task.rpartition(".")[2], set()).add(task)
    found: Set[str] = set()
    for caller, function in index.functions.items():
        if index.module_of(caller) in tests:
            continue
        for call in function.calls:
            named = by_local.get(call.rpartition(".")[2])
            if not named:
                continue
            target = resolve_name(index, call)
            found.update(task for task in (named & {target} if target in index.functions else named)
                         if caller != task and not caller.startswith(f"{task}."))
    return found


def _no_sends(index, tests: Set[str], words: Set[str]) -> Tuple[Dict[Tuple[str, Optional[str]], int], Dict[Tuple[str, Optional[str]], int]]:
    """How many words of a task's name in a module's code send nothing: (function, module) -> its plain
    calls there, which run it in the caller; (word, module) -> the `call_command` literals of the word
    `words` holds there, which name a command."""
    calls: Dict[Tuple[str, Optional[str]], int] = {}
    commands: Dict[Tuple[str, Optional[str]], int] = {}
    for module, summary in index.modules.items():
        if module in tests:
            continue
        for name, function in summary.functions.items():
            for call in function.calls:  # not in its own body, whose recursive calls are no mention already (foreign_calls.py)
                if call.rpartition(".")[2] in words and (target := resolve_name(index, call)) in index.functions \
                        and name != target and not name.startswith(f"{target}."):
                    calls[(target, module)] = calls.get((target, module), 0) + 1
            for command in called_command_names(index, name):
                task = f"{module}.{command}"  # in the task's own body its own strings are taken back already (own_strings)
                if (name == task or name.startswith(f"{task}.")) and summary.own_strings.get(task):
                    continue
                if command in words:
                    commands[(command, module)] = commands.get((command, module), 0) + 1
    return calls, commands


def _task_factory(index, decorator: str, known: Dict[str, bool], depth: int = 0) -> bool:
    """Whether the project decorator `decorator` makes a Celery task of what it decorates: its body
    (a decorator class's `__call__`), nested functions included, calls a task decorator and nothing
    else of Celery's, or returns what another such project function returns (`known`: decorators
    already judged; a chain of at most five)."""
    body = decorator if decorator in index.functions else f"{decorator}.__call__" if decorator in index.classes else ""
    if not body or body not in index.functions or depth > 5:
        return False
    calls = [fw.canonical(call) for name in index.nested(body) for call in index.functions[name].calls]
    celery = {call for call in calls if call.split(".", 1)[0] == "celery"}
    if celery:
        return celery <= TASK_DECORATORS
    for returned in index.functions[body].returned:
        if returned not in known:
            known[returned] = returned in index.functions and _task_factory(index, returned, known, depth + 1)
        if known[returned]:
            return True
    return False


def _given_names(tags: Iterable[str], decorators: Iterable[str]):
    """The last word of each `name=` string the task decorators give (`"pkg.tasks.publish"` ->
    `publish`); None when one is no literal (`name=TASK_NAME`), so the name is unknown."""
    names, wanted = set(), set(decorators)
    for callee, codes in call_arguments(tags):
        if callee in wanted:
            for code in codes.split(","):
                key, _, value = code.partition("=")
                if key != "name" or not value:
                    continue
                words = WORD.findall(value[1:]) if value.startswith("s") else []
                if not words:
                    return None
                names.add(words[-1])
    return names


def _sends_by_computed_name(index) -> bool:
    """Some call sends a task by a name that is no literal (`app.send_task(name)`, `signature(f"x.{kind}")`)."""
    return any(_by_name(callee) and not codes.split(",")[0].removeprefix("name=").startswith("s")
               for module in index.modules.values() for function in module.functions.values()
               for callee, codes in call_arguments(function.tags))


def _by_name(callee: str) -> bool:
    """A call that sends a task by the name it is given: any `send_task`, Celery's own `signature`
    (not `inspect.signature`)."""
    method = callee.rpartition(".")[2]
    return method == "send_task" or callee.startswith("celery.") and method in ("signature", "Signature")
