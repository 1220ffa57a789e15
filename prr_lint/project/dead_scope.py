"""Which of dead_code.py's sets a run uses, by what the project shows of its entry points.

With recognised entry points, all three (scope.py `_DEAD_SETS`). So with the programs the project
declares (console and GUI scripts, scripts.py `console_scripts`, whose target is a project function):
installing it makes those programs, so it is run, not only imported, and a daemon a console script
starts (telliot's `telliot report` loop) is the service; a method nothing names runs in none of its
processes. What the programs reach counts as served. A distribution's top package still keeps what it
exports (dead_code.py: its imports are its API for other distributions). Without either the project may be a
library, whose functions other distributions call: nothing is dead. But a project that serves through
a server library prr-lint does not recognise (Twisted, CherryPy, `http.server`: no_entry_points.py
`unseen_server`) is a service all the same, and PRR501's dead code stands on words alone: a module
function no service source names (anchore-engine's `fpost_urllib`, beside the `fpost_req` every
caller uses) runs in no process. So is a Django site whose URLconf prr-lint cannot read (beiwe-backend's
`urls.py` routes every view through a `path()` helper of its own): a module that builds Django's WSGI or ASGI
application (`get_wsgi_application()`, which the deployment's server loads) shows a site is served, and a
client function of a reference script the site imports a constant from (`make_request`, which only a test
names) runs in none of its processes. So is a Scrapy project, whose root `scrapy.cfg` names its settings
module (`scrapy crawl` and scrapyd run its spiders, which prr-lint sees as no entry point): hepcrawl's
pipeline base, whose `close_spider` the one pipeline its settings load overrides, runs in none of its crawls. So is a connexion app whose specification's `operationId`s name
its handlers (framework_entries.py `operation_handlers`): connexion routes each operation to its
function, no decorator shows it, and a client method nothing names (pds-doi-service's
`webclient_draft_doi`) is dead there as anywhere. There the handlers it cannot see count as serving:
the operations' functions, every module function a configuration file names (a hook a setting
names, in an `environment` file without a suffix too) and what they reach. So, in its own code, is a
distribution below the root that is built and run as a service of its own (a `Dockerfile` or `Procfile`
beside its `setup.py`: son-mano-framework's plug-ins, each a message-bus daemon whose console script
the `setup.py` spells by string formatting): a helper of its modules no service source names
(`client_register`) runs in none of its processes; code outside such folders may be a library's and
is judged as before. Last, a project that declares no distribution (no `setup.py`, `setup.cfg` or
`pyproject.toml` at its root or beside its modules: nothing installs it for another project to import)
and whose programs loop until stopped or are run by its deployment (scope.py's `NonServing.programs`
and `scheduled`: elife-bot's `worker.py`, which polls its task queue until interrupted) is a service: a
daemon is, and a request helper only tests call (elife-bot's `requests_provider.post_as_json`) runs in
none of its processes; what the daemons reach counts as served, and only module functions and the properties no
code reads are judged (`_daemons_dead`). PRR401's and the other rules' sets, which weigh what serving code reaches, stay empty.
"""

from __future__ import annotations

import configparser
from pathlib import Path
from typing import Container, FrozenSet, List, Mapping, Optional, Set, Tuple

from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.commented_calls import commented_out_calls
from prr_lint.project.dead_code import Reaching, commented_dead, dead_functions, unsent
from prr_lint.project.distributions import module_distributions, packaged, relative, runs_on_its_own
from prr_lint.project.framework_entries import operation_handlers
from prr_lint.project.method_naming import PROPERTIES
from prr_lint.project.no_entry_points import unseen_server
from prr_lint.project.service_reach import command_roots
from prr_lint.project.support import test_modules
from prr_lint.project.text_words import UNSUFFIXED, tree_words
from prr_lint.project.unregistered import CONFIG_SUFFIXES
from prr_lint.tree_reads import read_text

_NONE: FrozenSet[str] = frozenset()
# Django's application factories: a module that calls one is the site a WSGI or ASGI server serves.
_DJANGO_APP_FACTORIES = frozenset({"django.core.wsgi.get_wsgi_application", "django.core.asgi.get_asgi_application"})


def dead_sets(analysis, serving: Set[str], reach: Optional[Reaching] = None,
              daemons: FrozenSet[str] = _NONE) -> Tuple[Container[str], Container[str], Container[str]]:
    """dead_code.py's sets: PRR401's, the other rules', PRR501's; `reach` tells what serving code
    reaches without some entry points (dead_code.py `Reaching`); `daemons`, the project's programs
    that loop until stopped or that the deployment runs (scope.py `NonServing.programs`, `scheduled`)."""
    if analysis.model.seeds:
        return tuple(map(frozenset, dead_functions(analysis, serving, reach)))  # type: ignore[return-value]
    programs = _declared_programs(analysis)
    if programs:
        reached = serving | set(breadth_first(analysis.graph, programs, UNBOUNDED))
        return tuple(map(frozenset, dead_functions(analysis, reached)))  # type: ignore[return-value]
    operations, server = operation_handlers(analysis), unseen_server(analysis) or _django_site(analysis) or _scrapy_project(analysis)
    if daemons and not operations and not server and not packaged(analysis):
        return _NONE, _NONE, _CommentedDead(analysis, serving, _daemons_dead(analysis, serving, daemons))
    services = () if operations or server else _own_services(analysis)
    if services is None:
        return _NONE, _NONE, _CommentedDead(analysis, serving)
    index, configured = analysis.index, tree_words(analysis, CONFIG_SUFFIXES + (UNSUFFIXED,))
    tests = test_modules(index)  # a test's `helper` a configuration's word names is no hook: it calls what only tests use
    named = sorted(operations | {name for name in index.functions if index.module_of(name) == name.rpartition(".")[0]
                                 and index.module_of(name) not in tests and name.rpartition(".")[2] in configured})
    dead = dead_functions(analysis, serving | set(breadth_first(analysis.graph, named, UNBOUNDED)))[2]
    if services:  # only the code of those services: the rest may be a library's
        root = Path(analysis.settings.root)
        dead = {name for name in dead if relative(index.modules[index.module_of(name)].path, root).startswith(services)}
    return _NONE, _NONE, frozenset(dead)


def _daemons_dead(analysis, serving: Set[str], daemons: FrozenSet[str]) -> FrozenSet[str]:
    """PRR501's dead code of an unpackaged project whose daemons are its only programs: the module
    functions no file but tests that can reach their module names, and the helpers only they call
    (dead_code.py's first set), what the daemons reach aside. Not its methods and classes: such a
    project builds its classes where prr-lint sees no entry point (elife-bot's worker builds each
    activity class by a computed name), so a class nothing seems to build may well run, and calls
    methods by names its command line gives (openalex-guts' queue runner, `getattr(obj, method)()`,
    whose Procfile's `--method=update_once_add_work_concepts` it strips to `add_work_concepts`). But
    a property that no code reads by its name, and no text file names, runs in none of its processes
    (dead_code.py `commented_dead`'s question, asked of it alone): its value is no command such a
    runner calls (openalex-guts' `@cached_property def raw_wikipedia_data`, which nothing reads, and
    `raw_wikidata_data`, which only a line after a bare `return` reads: prose, word_counts.py)."""
    reached = serving | set(breadth_first(analysis.graph, sorted(daemons), UNBOUNDED))
    index, tests = analysis.index, test_modules(analysis.index)
    properties = [name for name, function in index.functions.items() if name.rpartition(".")[0] in index.classes
                  and index.module_of(name) not in tests and function.decorators and set(function.decorators) <= PROPERTIES]
    return frozenset(dead_functions(analysis, reached)[0]) | (commented_dead(analysis, reached, properties) if properties else _NONE)


class _CommentedDead:
    """The methods whose only call is commented out (commented_calls.py), and what is nested in them, when nothing
    else names them (dead_code.py `commented_dead`: the third set's question of a method, asked of them alone): dead
    whatever the project is, since the project calls them itself, by name, and no library's hook is among them. Not
    their helpers, nor a method dead for the third set's other reasons (a class nothing seems to build): in a project
    that may be a library, or whose classes are built by computed names, a function nothing seems to call may still
    run. Computed only when a name under a candidate is asked about; `extra` holds names dead for another reason."""

    def __init__(self, analysis, serving: Set[str], extra: FrozenSet[str] = _NONE) -> None:
        index, tests = analysis.index, test_modules(analysis.index)
        commented = commented_out_calls(index, analysis.graph, tests)
        self._methods = [name for name in index.functions if name.rpartition(".")[0] in index.classes
                         and index.module_of(name) not in tests and commented(*name.rpartition(".")[::2])]
        self._candidates = tuple(f"{name}." for name in self._methods)
        self._analysis, self._serving, self._extra = analysis, serving, extra
        self._dead: Optional[FrozenSet[str]] = None

    def __contains__(self, name: object) -> bool:
        if name in self._extra:
            return True
        if not isinstance(name, str) or not f"{name}.".startswith(self._candidates):
            return False
        if self._dead is None:
            self._dead = commented_dead(self._analysis, self._serving, self._methods)
        return name in self._dead


def _django_site(analysis) -> bool:
    """A module of the project (tests aside) builds Django's WSGI or ASGI application: the site is served."""
    index, tests = analysis.index, test_modules(analysis.index)
    return any(index.module_of(name) not in tests and not _DJANGO_APP_FACTORIES.isdisjoint(function.calls)
               for name, function in index.functions.items())


def _scrapy_project(analysis) -> bool:
    """The root's `scrapy.cfg` names a project module as the settings (`[settings] default = crawl.settings`):
    `scrapy crawl` and scrapyd run the project's spiders with those settings, so it is a crawler, not a library."""
    root = getattr(analysis.settings, "root", None)
    text = read_text(Path(root) / "scrapy.cfg") if root is not None else None
    if text is None:
        return False
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return False
    return parser.get("settings", "default", fallback="").strip() in analysis.index.modules


def _own_services(analysis) -> Optional[Tuple[str, ...]]:
    """The folders (`folder/`, root-relative) of the distributions below the root built and run as a
    service of their own: a `Dockerfile` or `Procfile` beside the declaration file (distributions.py
    `runs_on_its_own`; son-mano-framework's `plugins/son-mano-service-lifecycle-management`); None
    without one."""
    root = getattr(analysis.settings, "root", None)
    found = tuple(f"{folder}/" for folder in module_distributions(analysis) if runs_on_its_own(Path(root) / folder)) if root is not None else ()
    return found or None


def _declared_programs(analysis) -> List[str]:
    """The project functions the project's console and GUI scripts run, sorted."""
    return sorted({found for target in analysis.console_scripts if (found := analysis.graph.target(target)) is not None})


def idle_tasks(analysis, roots: Mapping[str, str]) -> FrozenSet[str]:
    """The Celery tasks nothing sends (dead_code.py `unsent`): no background work for the serving scope, since they run
    only where code calls them. `roots`: scope.py's tool roots (name -> reason); not asked when all batch roots are commands."""
    commands = command_roots(analysis)
    return unsent(analysis) if any(why == "batch context" and name not in commands for name, why in roots.items()) else _NONE
