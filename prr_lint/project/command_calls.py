"""Methods that only code of command-line programs calls, where the call graph cannot type the calls (commands_only.py).

The graph follows only calls it can type, so a management command that loops over the rows a parameter holds
(`for work in works: work.fill_from_catalogue(record)`) reaches no model method, and the serving scope's search
from the command stops there; a model's class is imported by views and admin too, so its methods would stay in any
case (commands_only.py leaves alone the methods of a class a service module imports: it holds instances). Yet
the method runs only where it is called. It is the commands' too when every call that may run it lies in code
only commands run (tests aside), matched as the project matches calls it cannot type: a call that resolves to it
or to a base class's method it overrides, and a call of its name on any receiver of no known type
(param_guards.py `calls_of`), so that a view's `row.fill_from_catalogue(x)` keeps it; and when nothing else can
call it:

* no code outside the project: it is no hook a framework calls (a known base's API, known_bases.py; in a class
  with an external base, a class decorator, a registering metaclass or a string naming it, only a private name:
  method_naming.py `only_by_name`, hooked_classes.py) and no decorator registers it;
* no template: a Django template calls any method that needs no argument (`{{ work.has_uri }}`), so the method
  must need one beyond its receiver, and no template or other text file names it (a Jinja `{{ w.fill(x) }}`);
* nothing that holds it as a value: no module passes, stores or returns something of its name (a signal's
  `connect(...)`, `Thread(target=...)`: name_uses.py), looks it up by a literal name, or holds its name in a
  string a loader may take (an admin's `actions = ["fill_from_catalogue"]`).

The search goes down from the commands' code along typed and untyped calls (untyped_calls.py), so what such a
method alone calls (a classmethod `Subject.create_from_uri(uri)` it makes) is theirs too.
"""

from __future__ import annotations

from typing import Callable, List, Set

from prr_lint.model import REQUIRED_PARAMETERS
from prr_lint.project.method_naming import only_by_name
from prr_lint.project.hooked_classes import hooked_classes
from prr_lint.project.known_bases import base_calls
from prr_lint.project.names import class_ancestors
from prr_lint.project.param_guards import calls_of
from prr_lint.project.support import test_modules
from prr_lint.project.text_words import tree_calling_words
from prr_lint.project.untyped_calls import UntypedView

_STATIC = "builtins.staticmethod"


def command_called(analysis, commands: Set[str], serving: Set[str]) -> Set[str]:
    """The methods, beyond `commands` (what only command-line programs run, serving code aside), that only
    they and such methods call and nothing else can call (module docstring); `serving`: what serving code reaches."""
    index, graph = analysis.index, analysis.graph
    tests = test_modules(index)
    callers = graph.callers()
    view = UntypedView(graph)
    accepted = set(commands)
    names: List[Callable[[str], bool]] = []  # built when a method first gets that far

    def holds(name: str) -> bool:
        owner, _, local = name.rpartition(".")
        function = index.functions.get(name)
        if function is None or name in serving or owner not in index.classes or index.module_of(name) in tests \
                or not _needs_argument(function):
            return False
        calls = calls_of(analysis, callers, name, tests)[2]
        if not calls or not all(caller in accepted for caller in calls):
            return False
        if not names:
            names.append(_named_otherwise(analysis, tests))
        return not names[0](name)

    queue = sorted({callee for name in commands for callee in view.callees(name)} - accepted, reverse=True)
    while queue:
        name = queue.pop()
        if name not in accepted and holds(name):
            accepted.add(name)
            queue.extend(callee for callee in view.callees(name) if callee not in accepted)
    return accepted - set(commands)


def _needs_argument(function) -> bool:
    """A call of the method must give it an argument beyond its receiver (`self`, `cls`; a static method has none)."""
    required = next((int(tag[len(REQUIRED_PARAMETERS):]) for tag in function.tags if tag.startswith(REQUIRED_PARAMETERS)), 0)
    return required > (0 if _STATIC in function.decorators else 1)


def _named_otherwise(analysis, tests: Set[str]) -> Callable[[str], bool]:
    """Whether something but a call may run the method `name`: a framework, a template or a text file, or code
    that holds it as a value or finds it by a string (module docstring)."""
    index = analysis.index
    values: Set[str] = set()
    strings: Set[str] = set()
    for module, summary in index.modules.items():
        if module not in tests:
            values.update(summary.value_uses, summary.by_name)
            strings.update(summary.string_words)
    texts = tree_calling_words(analysis)
    hooked = hooked_classes(index, lambda cls: cls.rpartition(".")[2] in strings or cls.rpartition(".")[2] in texts)

    def named(name: str) -> bool:
        owner, _, local = name.rpartition(".")
        return local in values or local in strings or local in texts or base_calls(class_ancestors(index, owner), local) \
            or not only_by_name(local, index.functions[name], owner in hooked)

    return named
