"""Operator code found by who uses it: modules and functions that only migrations, commands and
scripts use (import, or call into), tests aside; part of the `scope = "serving"` filter (scope.py).

Tests alone never make code operator code: a test may import a middleware the service loads by a
settings string; nor does a package's `__main__.py`. Without recognised serving entry points
nothing is operator code by its users (the service may be what prr-lint does not see served). Code that registers handlers, defines entry points or carries decorators
(`@register.filter`) is kept: something prr-lint does not see may run it.

Test support is the one place where tests alone decide: a module only test code imports, in a
top-level package that holds tests and no serving code (an end-to-end suite beside the service, or a test
harness whose programs drive the tests: test_programs.py). A
package below folders without `__init__.py` is imported by a longer name than it is indexed by
(`test_helpers.test_endpoints.client` for `test_endpoints.client`): the index resolves it (index.py).
"""

from __future__ import annotations

import os
import posixpath
from typing import Dict, FrozenSet, List, Set

from prr_lint.module_loads import LOADS_MODULES_BY_NAME
from prr_lint.module_walks import WALKS_MODULES
from prr_lint.paths import is_operator_path, is_test_case, is_test_code
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import breadth_first
from prr_lint.project.names import class_ancestors, import_targets
from prr_lint.project.test_programs import harness_packages, test_programs

# Decorators that register nothing: a function carrying only these is run by whoever calls it.
PLAIN_DECORATORS = frozenset({
    "staticmethod", "classmethod", "property", "builtins.staticmethod", "builtins.classmethod", "builtins.property",
    "functools.wraps", "functools.lru_cache", "functools.cache", "functools.cached_property", "contextlib.contextmanager",
    "abc.abstractmethod", "typing.overload", "dataclasses.dataclass",
})


# The hooks behave calls by name in a suite's `environment.py` (which need not import behave itself).
_BEHAVE_HOOKS = frozenset(f"{when}_{what}" for when in ("before", "after") for what in ("all", "feature", "scenario", "step", "tag"))


# Calls that run a test suite: a module that makes them is a test runner (pgadmin's
# `regression/runtests.py` builds a `unittest.TestSuite` and hands it to a `TextTestRunner`).
_TEST_RUNS = ("unittest.TextTestRunner", "unittest.main", "unittest.TestLoader", "unittest.TestSuite", "pytest.main", "nose.run", "nose.main")
_TEST_CASE_BASES = ("unittest.TestCase", "unittest.case.TestCase", "django.test.TestCase", "django.test.TransactionTestCase",
                    "django.test.SimpleTestCase", "django.test.LiveServerTestCase", "rest_framework.test.APITestCase",
                    # a load test's users, through a project base too: they run against the service, not in it
                    "locust.User", "locust.HttpUser", "locust.FastHttpUser", "locust.TaskSet", "locust.SequentialTaskSet")


def test_modules(index) -> Set[str]:
    """Test code (computed once per run): by path or by behaviour (it imports a test framework, defines a
    test case), and what only runs tests wherever it lives (`_suite_modules`; a harness's test programs,
    test_programs.py), a Django app's `tests.py` nothing may load (`_django_app_tests`); and a behave suite's
    environment module: in a project whose steps import behave, a module that defines two or more of
    its hooks (`before_all(context)`, `after_feature(context, feature)`), which behave runs around the
    acceptance tests (patroni's `features/environment.py`), or one of them in the `environment.py` of a
    suite's folder, the parent of a `steps/` folder whose modules import behave: behave loads that file by
    its name, whatever it holds."""
    return set(index.derived("test-modules", lambda: frozenset(_test_modules(index))))


def _test_modules(index) -> Set[str]:
    found = {
        name for name, module in index.modules.items()
        if is_test_code(module.path, import_targets(module), (base for bases in module.classes.values() for base in bases))
    }
    found |= _suite_modules(index, found)
    found |= _django_app_tests(index, found)
    found |= test_programs(index, found)
    steps = {name for name in found if any(target.partition(".")[0] == "behave" for target in import_targets(index.modules[name]))}
    if steps:
        folders = {posixpath.dirname(index.modules[name].path.replace(os.sep, "/")) for name in steps}
        suites = {posixpath.dirname(folder) for folder in folders if posixpath.basename(folder) == "steps"}  # behave's steps_dir
        for name, module in index.modules.items():
            hooks = len({qualname[len(name) + 1:] for qualname in module.functions} & _BEHAVE_HOOKS)
            if hooks >= 2 or (hooks and _suite_environment(module.path, suites)):
                found.add(name)
    return found


def _django_app_tests(index, tests: Set[str]) -> Set[str]:
    """A Django app's `tests.py` that no other code may load: the module name `manage.py startapp` gives the app's
    tests beside its `models.py` and `apps.py`, which only Django's test runner loads (unittest's `test*.py`
    pattern). One that imports `django.test` is test code already; this takes the others, scratch scripts and
    helpers kept there (cyberpanel's `baseTemplate/tests.py` fetches a version page at import). Any module outside
    tests whose code or strings name `tests` may load one (an import, `import_module("panel.tests")`,
    `autodiscover_modules("tests")`, a dotted path in settings), and so may a computed import or a package walk
    (module_loads.py, module_walks.py): then none is taken (prefect-server's imported
    `utilities/tests.py` is service code)."""
    candidates = {
        name for name, module in index.modules.items()
        if name not in tests and posixpath.basename(module.path.replace(os.sep, "/")) == "tests.py"
        and any(f"{name.rpartition('.')[0]}.{sibling}" in index.modules for sibling in ("models", "apps"))
    }
    if not candidates:
        return set()
    named = any(module.words.get("tests", 0) > module.prose_words.get("tests", 0)
                for name, module in index.modules.items() if name not in tests and name not in candidates)
    return set() if named or _loads_by_name(index) else candidates  # `import_module("panel." + name)`, a package walk


def _suite_environment(path: str, suites: Set[str]) -> bool:
    """`path` is the `environment.py` behave loads for a suite: the file of that name in the folder
    whose `steps/` holds step modules (features/environment.py beside features/steps/)."""
    folder, _, file_name = path.replace(os.sep, "/").rpartition("/")
    return file_name == "environment.py" and folder in suites


def _suite_modules(index, tests: Set[str]) -> Set[str]:
    """Test runners: modules that hand tests to a runner (`unittest.TextTestRunner`, `pytest.main`) and define no
    entry point or handler; and modules of test cases through project bases (`_test_case_module`) that no module
    beyond tests and those runners imports. A service module that defines the suite's base class beside its own code
    stays: it has other classes or registrations."""
    candidates = {name: module for name, module in index.modules.items() if name not in tests and not module.registrations}
    found = {name for name, module in candidates.items()
             if any(call.startswith(_TEST_RUNS) for function in module.functions.values() for call in function.calls)}
    outside = [module for module in index.modules.values() if module.module not in tests and module.module not in found]
    imported = {index.module_of(target) for module in outside
                for target in (*import_targets(module), *module.dotted_imports, *module.import_paths)}
    cases = {name for name in index.classes if any(base in _TEST_CASE_BASES or is_test_case(base) for base in class_ancestors(index, name))}
    return found | {name for name in candidates if name not in imported and _test_case_module(index, name, cases, outside)}


def _loads_by_name(index) -> bool:
    """Some module imports modules by a computed name or walks a package (module_loads.py, module_walks.py): any
    module may be loaded, and any name of it taken, by a name the code does not spell."""
    return bool(index.tagged(LOADS_MODULES_BY_NAME) or index.tagged(WALKS_MODULES))


def _test_case_module(index, name: str, cases: Set[str], outside: List) -> bool:
    """A module of test cases: some class derives, through the project's own bases across modules, from a library's
    test case (a feature test's `BaseFeatureTest(BaseTestGenerator)`, where only the last one names
    `unittest.TestCase`; otm-core's `geocode/tests.py` case deriving from `treemap.tests.base.OTMTestCase`), and
    every top-level class and function is one; or, in a file a test runner finds by its name (`tests.py`, `test.py`,
    `test_*.py`, `*_test.py`), its other top-level classes and functions are inert helpers only its tests use
    (otm-core's `MockGeocodeRequest`, whose `__init__` builds a dict): no module beyond tests names the module or a
    helper (a dotted path a loader or setting takes), it has no `__main__` block, its top level calls only its own
    names, and the helpers call nothing, so that whatever starts one (a computed import, a launch file's
    `python -c`, which the modules' words do not show) runs no dependency through it."""
    module = index.modules[name]
    if not any(cls in cases for cls in module.classes):
        return False
    own = (*module.classes, *module.functions)
    helpers = [qualname for qualname in own  # top-level ones: a case's nested `Meta` is its own
               if qualname not in cases and qualname.startswith(f"{name}.") and "." not in qualname[len(name) + 1:]]
    if not helpers:
        return True
    stem = posixpath.basename(module.path.replace(os.sep, "/"))[:-3]
    if stem not in ("tests", "test") or module.script_calls:  # `test_*.py`, `*_test.py` are test paths already
        return False
    top = index.functions[name].calls if name in index.functions else ()
    if not all(call in own for call in top) or _helpers_call(module, helpers):
        return False
    names = {qualname.rpartition(".")[2] for qualname in helpers}
    others = [other for other in outside if other is not module]
    return not any(stem in other.path_ends or any(other.words.get(word) for word in names) for other in others)


def _helpers_call(module, helpers: List[str]) -> bool:
    """Whether a helper's function or method calls anything: one that calls nothing runs no dependency, however it is started."""
    return any(function.calls for qualname, function in module.functions.items()
               if any(qualname == helper or qualname.startswith(f"{helper}.") for helper in helpers))


class Users:
    """Who uses what, computed once: the modules that import or call into each module, the callers
    of each function, what operator modules import by name or call and what service modules import
    by name."""

    def __init__(self, analysis: ServingAnalysis, unattended: Set[str] = frozenset()) -> None:
        """`unattended`: command roots the deployment runs by itself (schedules.py); their modules are no operator code."""
        index, graph = analysis.index, analysis.graph
        jobs = {index.module_of(name) for name in unattended}
        self.analysis = analysis
        self.modules: Dict[str, Set[str]] = {}
        self.callers: Dict[str, Set[str]] = {}
        self.by_operators: Set[str] = set()
        self.by_service: Set[str] = set()
        self.tests: FrozenSet[str] = frozenset(test_modules(index))
        self.by_tests: Dict[str, Set[str]] = {}  # module -> the test modules that import it
        # A package's `__main__.py` is how `python -m pkg` runs the program, often the service itself.
        self.operators: FrozenSet[str] = frozenset(
            name for name, module in index.modules.items()
            if is_operator_path(module.path) and posixpath.basename(module.path) != "__main__.py" and name not in jobs
        )
        for module in index.modules.values():
            named = {index.canonical(target) or target for target in module.imports.values()}
            if module.module in self.tests:
                for name in {index.module_of(target) for target in named}:
                    if name and name != module.module:
                        self.by_tests.setdefault(name, set()).add(module.module)
                continue
            called = set()
            for function in module.functions.values():
                for target in map(graph.target, function.calls):
                    if target:
                        called.add(target)
                        self.callers.setdefault(target, set()).add(function.qualname)
            if module.module in self.operators:
                self.by_operators.update(named | called)
            else:
                self.by_service.update(named)  # what service modules call is settled by the callers
            for name in {index.module_of(target) for target in named | called}:
                while name:  # importing `pkg.mod` runs `pkg/__init__.py` first
                    if name != module.module and name in index.modules:
                        self.modules.setdefault(name, set()).add(module.module)
                    name = name.rpartition(".")[0]

    def _plain(self, module: str) -> bool:
        """No function carries a decorator that may register it with something prr-lint does not see.
        A decorator the module defines itself (versioneer's `@register_vcs_handler`) fills a table of
        the module's own, which only the module's users look into."""
        index = self.analysis.index
        own = f"{module}."
        return not any(
            decorator not in PLAIN_DECORATORS and not (decorator.startswith(own) and decorator in index.functions)
            for function in index.modules[module].functions.values() for decorator in function.decorators
        )

    def _registering(self) -> Set[str]:
        analysis = self.analysis
        found = {module.module for module in analysis.index.modules.values() if module.registrations}
        found.update(m.module for m in map(analysis.module_of, analysis.model.seeds | analysis.model.batch) if m is not None)
        return found

    def support_modules(self) -> Set[str]:
        """Modules only operator code uses, directly or through other such modules (a data
        migration's helpers, the subcommands a `manage.py` imports, the test-data factories a
        command builds on), and that operator code reaches through them."""
        registering = self._registering()
        candidates = {name for name in self.modules if name not in self.operators and name not in registering and self._plain(name)}
        changed = True
        while changed:  # keep only modules whose every user is operator code or another candidate
            kept = {name for name in candidates if self.modules[name] <= self.operators | candidates}
            changed, candidates = kept != candidates, kept
        found = {name for name in candidates if self.modules[name] & self.operators}
        changed = True
        while changed:  # and that operator code reaches through them (no cycle of modules nobody runs)
            more = {name for name in candidates - found if self.modules[name] & found}
            changed, found = bool(more), found | more
        return found

    def test_support_modules(self) -> Set[str]:
        """Modules only test code imports, directly or through other such modules (a page object an
        end-to-end suite's tests build on), in a top-level package that holds test code and no code
        that serves or registers: there the service cannot be loading them by a settings string,
        which is why tests alone never make code operator code."""
        registering = self._registering()
        # a package that serves, registers or holds programs (a `__main__` block a worker runs by) is the
        # service's; a test harness's programs (test_programs.py) are not
        index = self.analysis.index
        harness = harness_packages(index, set(self.tests))
        programs = {name for name, module in index.modules.items() if module.script_calls and name.partition(".")[0] not in harness}
        serving_packages = {name.partition(".")[0] for name in registering | programs if name not in self.tests}
        testing_packages = {name.partition(".")[0] for name in self.tests if "." in name}
        candidates = {
            name for name in self.analysis.index.modules
            if "." in name and name not in self.tests and name.partition(".")[0] in testing_packages - serving_packages
        }
        changed = True
        while changed:  # keep only modules whose every importer is test code or another candidate
            kept = {name for name in candidates if self.modules.get(name, set()) <= self.tests | candidates}
            changed, candidates = kept != candidates, kept
        found = {name for name in candidates if name in self.by_tests}
        changed = True
        while changed:  # and that test code reaches through them
            more = {name for name in candidates - found if self.modules.get(name, set()) & found}
            changed, found = bool(more), found | more
        return found

    def operator_functions(self, serving: Set[str]) -> Set[str]:
        """Functions of service modules that only operator code uses (`RunPython(code=fixup)` after
        `from svc.utils import fixup` in a migration), and what only they call: no service module
        imports or calls them, serving code does not reach them, and every caller is one of them or
        operator code; and the methods of a class that only operator code imports and builds."""
        analysis, index = self.analysis, self.analysis.index
        registering = self._registering()

        def module_level(name: str) -> bool:
            owner = name.rpartition(".")[0]
            function = index.functions.get(name)
            return owner in index.modules and owner not in self.operators and owner not in registering \
                and function is not None and not set(function.decorators) - PLAIN_DECORATORS

        seeds = [name for name in self.by_operators - self.by_service if module_level(name) and name not in serving]
        if not seeds:
            return self._operator_classes(serving)
        found = {name for name in breadth_first(analysis.graph, seeds, analysis.max_depth)
                 if name not in serving and name not in self.by_service and module_level(name)}
        changed = True
        while changed:  # every caller is operator code or one of them
            kept = {name for name in found if all(
                caller in found or index.module_of(caller) in self.operators for caller in self.callers.get(name, ()))}
            changed, found = kept != found, kept
        return found | self._operator_classes(serving)

    def _operator_classes(self, serving: Set[str]) -> Set[str]:
        """Methods of a service module's class that only operator code imports and builds (a progress
        bar for interactive scripts): no service module or management command imports it, and every
        call of it is operator code's."""
        analysis, index = self.analysis, self.analysis.index
        # A management command may be a scheduled job of the service (a nightly refresh whose hang
        # matters): a class one imports stays.
        jobs = {module.module for module in (analysis.module_of(context.qualname) for context in analysis.model.batch_contexts
                                             if context.kind == "django-command") if module is not None}
        by_jobs = {index.canonical(target) or target for job in jobs for target in index.modules[job].imports.values()}
        found: Set[str] = set()
        for name in self.by_operators - self.by_service - by_jobs:
            owner = name.rpartition(".")[0]
            if name not in index.classes or owner not in index.modules or owner in self.operators:
                continue
            callers = self.callers.get(name, set()) | self.callers.get(f"{name}.__init__", set())
            if all(index.module_of(caller) in self.operators - jobs for caller in callers):
                found.update(method for method in index.nested(name) if method != name and method not in serving)
        return found
