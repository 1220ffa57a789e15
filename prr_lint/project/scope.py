"""`scope = "serving"`: leave out findings about code that is positively not the service.

The rules about service code (the PRR1xx family, PRR401-PRR404, PRR501, PRR502) are written per file. On real repositories
most of their false alarms come from operator tools that live beside the service: Celery/RQ/Dramatiq tasks, click/typer
commands (nested groups too; Flask CLI commands however their decorator's receiver is spelled: typed_commands.py), invoke programs (`@task`), Django management commands, Locust load-test users,
`[project.scripts]` console entry points and functions an `if __name__ == "__main__":` block calls or hands to a call.
In the default `serving` scope the project phase drops their findings when the enclosing function is

* such a tool root itself (or nested in one), or
* in a root script: a top-level module, a file with a `#!` line, or a file in a folder of scripts (no package, none of
  its modules imported, no launch file naming it), that no project module imports, that does its work at module level and defines no entry point (a wait-for-database loop a container runs before the
  server, an import/export script, a maintainer's one-off loop, an upload client fanning out over processes it joins), or a program in a package that reads its command line
  and that nothing but a person or a CI pipeline runs: root_scripts.py, unless it starts a server or worker that the
  deployment runs or that it may (it runs none of the project's other programs by name: undeployed_programs.py), or
* in a package folder of programs (`__main__` blocks, top-level work) and helpers only they import, that no module
  outside imports or names by path and no launch file runs, whatever its name: package_scripts.py, or
* the top level of a module that defines tool roots and that serving code does not import, or
* in the module of a program (a `__main__` block, a console script's target) no project module imports (only it runs it), or
* written inline in a module's `__main__` block (a flag's branch of its argument handling) that no launch file runs and that
  starts no server (a loop that reads its command line is an operator's when the deployment runs the project's other
  programs and not it): an import never runs the block (main_guard_code.py; without entry points, `unnamed_program`), or
* reached from tool roots and from no serving entry point (an unbounded search, so that a helper serving code also
  calls, however deep, keeps its findings), in a module serving code does not import (an import under `if TYPE_CHECKING:`
  imports nothing: type_imports.py; of such a module only commands load, all: command_loaded.py) or in a module that defines tool roots, or
* reached only from command-line programs (not from background tasks, whose helpers run in the service's workers) in
  any module, unless a module other than a tool's imports it by name (it may be used there as a value: a callback;
  commands_only.py), or a method only such code calls, by calls the graph cannot type too, that no framework, template or value use may run (command_calls.py), or
* a build step pyproject.toml's `[tool.setuptools.dynamic]` names (`version = {attr = "pkg.version.v"}`), or a one-off
  mode: what a function calls in an `if` body that then ends the process (`if args.command == "import": migrate.run();
  sys.exit(0)`) is a command root, and serving reachability never takes that edge (main_blocks.py); so is a function
  handed to an argparse sub-parser's `set_defaults(func=...)`, and an output mode an off-by-default option of the
  project's parser picks (`elif args.api_doc: self.screen = ApiDoc()`: the methods of a class only such branches build);
  a module only commands use is theirs whole (see commands_only.py `command_modules`), and so is one only unscheduled commands'
  program modules import or name, which they load by its dotted path (command_names.py), or reached only from what an `if` body calls when
  a person answers yes (`if ask_yes_no("Install a model?"): download(url)`, a Qt box or `input()`: nobody answers a daemon; answered_only), or
* in a module only command-line programs load (cli_programs.py: a CLI client shipped beside the service, whatever dispatches its
  commands), or that a command loads by path (command_plugins.py), or a method of a client class shipped in the service's package
  that only commands and users' programs call (client_classes.py), or reached only from the other subcommands of a program whose
  one subcommand is the service (`blueapi serve` beside `blueapi login`: served_commands.py), or a subcommand of a program the
  deployment runs that none of its command lines selects (`forseti inventory delete` beside the job's `forseti inventory purge`,
  picked from dispatch tables by the subcommand's words: deployed_subcommands.py), or a mode an option none of them passes picks
  (`if args.filter:`: deployed_options.py; the deployed reach skips both), or, for PRR502 in a whole-project run, a method of the
  client a project ships for a gRPC service it serves itself that the running service does not reach (own_clients.py), or in a
  plug-in module of a desktop GUI program (a class derived from the GUI's plug-in base that its manager loads: gui_plugins.py), or
* in an optional plug-in distribution the deployment does not install, a user package (a client SDK distribution that is not deployed and that the service does not use, a desktop GUI or a filesystem its users mount: user_packages.py), or a test runner's plug-in (distributions.py;
  a client distribution's console scripts and the script files a distribution ships are tool roots as the root's are), or a command the project's distribution registers into another tool's command group (`datalad.extensions`) that nothing of the service asks for by name (extension_commands.py),
  or in a plug-in module nothing imports whose name the guard of the folder walk that would load it rejects (`"deprecated" not in info.name`: walked_modules.py), or
* reached only from a program the development stack alone runs (a helper in an image only development compose files build: dev_helpers.py), or an Alembic `env.py` no serving path runs (alembic_envs.py), or Python compiled to JavaScript for the browser (browser_code.py), or a `.py` file a Django app's `static/` folder ships as a download that nothing imports, loads or runs (static_assets.py), or
* in a module the service never loads: nothing imports, names, runs or may load it but an unmounted router module (a helper
  only such a router imports: unloaded_modules.py; a plug-in no shipped list names: configured_plugins.py; a datapackage-pipelines processor no loaded spec names: pipeline_specs.py; another import root's namesake only: namesake_files.py; whole-project runs),
  or in a Django app no shipped settings lists (disabled_apps.py), or in a module no Python 3 can import (python2_imports.py), or
* reached only from routes of apps only a development server serves (`app.run(debug=True)`, no production server: debug_servers.py), or
* a module the service does not import that builds a deployment (an AWS CDK stack, run at `cdk synth`) or plugs
  into a developer's tool (a gitlint rule), or a documentation source (a Sphinx or MkDocs docs_dir example) no module
  outside the docs imports: tooling.py; or one no import can reach (script_folders.py), or
* in a support module or an operator function: one that migrations, commands or scripts use and no service module does (tests aside), see support.py, or
* in test code found by behaviour (a module that imports a test framework: the engine already skips the per-file checks
  there) or in test support: a module only test code imports (by any name: index.py), in a top-level package that holds
  tests and no serving code (an end-to-end suite's page objects; a bundled client SDK's `__init__` that nothing may start by its name: support.py); test code by behaviour includes a behave suite's `environment.py` with a hook, a module whose every class is a test case through the suite's own base classes, and a test runner script (`unittest.TextTestRunner`, `pytest.main`) or test program (a main block in a module a word of
  whose name says test, that nothing imports, in a package holding tests: CMS's `cmstestsuite/StressTest.py`); a package holding
  such programs that no module outside it imports is a test harness, whose other scripts make it no serving package (test_programs.py), or
* in a vendored third-party tree: a folder a module's top level puts on `sys.path` (`sys.path.insert(0,
  os.path.join(base, 'lib'))`) holding other projects' packages the service imports by name (vendored.py), or in a copy of a declared dependency under its import name (iRedAdmin's `web/`: bundled.py).

The reached-from-tools part applies only when the project has serving entry points: without any, a helper a command
calls in another module may be library or service code not seen served; it is kept (helpers in the tool's own module
are the tool's), unless the project's own programs show the service: some run by the deployment or until stopped, whose
reach stays, beside others a person runs (`NonServing._beside_programs`). A `#!` file that does its work at its top level
is such a program (program_files.py), so is one no module imports whose top level asks at the terminal (`input()`), and one that installs a SIGTERM handler waits to be stopped; so is, seeds or not, a script whose import is its run that nothing imports, runs or names beside programs the deployment runs (root_scripts.py `hand_run_programs`; the functions its top level hands to worker processes, threads or pools and waits for are its own work: fanned_work.py). A library module
a program's `__main__` block calls into is no tool module for that (`_tool_modules`). PRR401 also leaves out start-up output (see `NonServing.startup`), output in the methods of command
classes (a class that builds an argparse parser and parses the command line, `NonServing.leaves_output`) and, in a run
over a whole project with entry points, output the running service does not reach (service_reach.py). In a project with entry points
or declared console or GUI scripts (dead_scope.py) every one of these rules leaves out dead code: a module function no Python source of the project names beyond its own `def`, and its module's helpers
only such code calls (dead_code.py): PRR401 all of it; PRR501, PRR502 and the overload rules (PRR504-PRR507, of which only dead code's findings are left out) also what only tests, prose or other objects name, methods nothing calls by
name, Django/DRF views nothing refers to (unrouted_views.py), what only dead code calls elsewhere; the others what no test names either (it may be wired in again).

A command or script that starts a server or a worker (`uvicorn.run`, `serve_forever`, a Kafka consumer ... within three
calls, from a script's top level or the functions it hands to worker processes or threads) or loops until the process stops (a `while True:` nothing of its own leaves; not one reading `input()`) is the
service, no root, unless the deployment runs the project's other programs by name and not this CLI, or it asks the
person at the terminal before it starts and no deployment file runs it (schedules.py `interactive_tools`); so is a command the
deployment runs unattended (a crontab line, a CDK stack's job, `call_command("x")` in a task): schedules.py. Everything
else is kept: code no entry point reaches is not assumed dead or batch (the call graph under-approximates). `scope = "all"` keeps every finding.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Sequence, Set

from prr_lint import frameworks as fw
from prr_lint.model import LOOPS_FOREVER, Finding
from prr_lint.paths import is_operator_path
from prr_lint.project.alembic_envs import alembic_environment, alembic_environments
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.browser_code import browser_modules
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.cli_programs import command_kind, command_program_functions
from prr_lint.project.client_classes import client_scope
from prr_lint.project.gui_plugins import gui_plugin_functions
from prr_lint.project.command_classes import command_classes
from prr_lint.project.command_loaded import command_loaded_functions
from prr_lint.project.command_names import command_named_functions
from prr_lint.project.command_plugins import command_plugin_functions
from prr_lint.project.commands_only import command_modules, commands_only
from prr_lint.project.dead_scope import dead_sets, idle_tasks
from prr_lint.project.tool_loads import loaded_command_roots
from prr_lint.project.deployed_options import deployed_modes
from prr_lint.project.debug_servers import development_tool_functions
from prr_lint.project.dev_helpers import development_tools
from prr_lint.project.dispatcher_scripts import Dispatchers
from prr_lint.project.distributions import sub_distribution_scripts, unshipped_plugins
from prr_lint.project.extension_commands import extension_command_functions
from prr_lint.project.main_blocks import ImportedView, answered_only, one_off_calls, option_modes
from prr_lint.project.main_guard_code import in_unrun_main_block
from prr_lint.project.package_scripts import package_script_modules
from prr_lint.project.names import calls_app_constructor, enclosing_function, import_closure, imported_modules, nested_in_any
from prr_lint.project.own_clients import own_client_methods
from prr_lint.project.rebound import in_rebound_definition
from prr_lint.project.program_files import awaits_termination, program_files
from prr_lint.project.python2_imports import in_python2_module
from prr_lint.project.static_assets import static_assets
from prr_lint.project.root_scripts import hand_run_programs, root_scripts, unnamed_program
from prr_lint.project.script_folders import script_folder_modules
from prr_lint.project.schedules import command_file, interactive_tools, scheduled_roots, unattended_tools, undeployed_tools
from prr_lint.project.scripts import build_hooks
from prr_lint.project.self_calls import reach_as_self
from prr_lint.project.served_commands import sibling_command_functions
from prr_lint.project.service_reach import service_reach
from prr_lint.project.support import Users, test_modules
from prr_lint.project.tooling import tool_modules
from prr_lint.project.namesake_files import in_unloaded_file
from prr_lint.project.started_packages import started_by_name
from prr_lint.project.user_packages import user_packages
from prr_lint.project.vendored import bundled_modules, vendored_modules
from prr_lint.project.walked_modules import unwalked_modules
from prr_lint.rules.print_rule import ERROR_OUTPUT

# Rules of which only dead code's findings are left out: where no process runs, a metric makes no series, a retry loads nothing.
DEAD_ONLY = ("PRR204", "PRR205", "PRR504", "PRR505", "PRR506", "PRR507")
_DEAD_SETS = {"PRR401": 0, **dict.fromkeys(("PRR501", "PRR502") + DEAD_ONLY, 2)}  # which of dead_code.py's sets a rule leaves out (others: 1)


def scoped_rule(code: str) -> bool:
    """The rules about service code whose findings `scope` filters: a migration's `env.py` or a
    command's logging setup is no more the service's logging than its print is, and a test harness's
    gRPC client no more the service's remote call than its HTTP one (PRR502 as PRR501)."""
    return code.startswith("PRR1") or code in ("PRR401", "PRR402", "PRR403", "PRR404", "PRR501", "PRR502")


class NonServing:
    """Functions that are positively not serving code, computed once per run."""

    def __init__(self, analysis: ServingAnalysis) -> None:
        self.analysis = analysis
        self._seeds: Optional[FrozenSet[str]] = None
        index, graph = analysis.index, analysis.graph
        roots: Dict[str, str] = {}
        for name in sorted(analysis.model.batch):
            if name in index.functions:
                roots[name] = "batch context"
        nested = sub_distribution_scripts(getattr(analysis.settings, "root", None), [module.path for module in index.modules.values()] + list(analysis.derived("launch-files", tuple)))
        for target, script in sorted({**nested, **analysis.console_scripts}.items()):  # a client distribution's too
            if (found := graph.target(target)) is not None:
                roots.setdefault(found, f"console script `{script}`")
        for target, field in sorted(build_hooks(getattr(analysis.settings, "root", None)).items()):
            if (found := graph.target(target)) is not None:
                roots.setdefault(found, f"build step computing `{field}`")
        self._borrowed: Set[str] = set()  # roots a program's `__main__` block calls in another module (`_tool_modules`)
        supervised: Set[str] = set()  # a program that installs a SIGTERM handler, and what its `__main__` block runs
        in_loops: Set[str] = set()  # what a `__main__` block that loops until the process stops calls
        for module in index.modules.values():
            top = index.functions.get(module.module)
            awaits = top is not None and awaits_termination(index, top)
            loops = top is not None and LOOPS_FOREVER in top.tags
            supervised.update([module.module] if awaits else [])
            for name in getattr(module, "script_calls", ()):
                if (found := graph.target(name)) is not None:
                    roots.setdefault(found, "`__main__` script")
                    supervised.update([found] if awaits else [])
                    in_loops.update([found] if loops else [])
                    self._borrowed.update([found] if index.module_of(found) != module.module else [])
        for name, why in program_files(index).items():  # a `#!` or asking file that works at its top level (program_files.py)
            roots.setdefault(name, why)
        roots.update((name, "program run by hand") for name in hand_run_programs(analysis, self._long_running) if name not in roots)
        # One-off modes (`if args.command == "import": ...; sys.exit(0)`, main_blocks.py) are
        # command-line programs of their own, also in a program or an app factory that otherwise serves.
        self.one_off = one_off_calls(graph)
        for program, targets in sorted(self.one_off.items()):
            for target in sorted(targets):
                roots.setdefault(target, f"one-off mode of `{program}`")
        roots.update((target, why) for target, why in option_modes(graph, self._long_running).items() if target not in roots)
        self._command_methods: Optional[FrozenSet[str]] = None
        self._dead: Optional[tuple] = None
        self._serving: Optional[Set[str]] = None
        self._service_reach: Optional[Set[str]] = None
        self._own_clients: Optional[FrozenSet[str]] = None
        self._startup: Optional[FrozenSet[str]] = None
        # A command or script that starts a server or loops until the process stops is the service (unless it is a tool
        # the deployment does not run), and so is what a `__main__` block's own endless loop calls, and a command the
        # deployment runs unattended (schedules.py).
        looping = {name: why for name, why in roots.items() if name in supervised or name in in_loops or self._long_running(name)}
        local = development_tools(analysis, roots)  # run only by the development setup (dev_helpers.py)
        self.programs: FrozenSet[str] = frozenset(looping) - unattended_tools(analysis, looping, lambda name: unnamed_program(analysis, name)) - interactive_tools(analysis, looping) - local
        tools = {name: why for name, why in roots.items() if name not in analysis.model.seeds and name not in self.programs}
        self.idle = idle_tasks(analysis, roots)  # Celery tasks nothing sends: no background work (dead_scope.py)
        self.scheduled: FrozenSet[str] = frozenset(scheduled := scheduled_roots(analysis, tools, self.serving, self.idle) - local)
        self.roots: Dict[str, str] = {name: why for name, why in tools.items() if name not in scheduled}
        self.roots.update(loaded_command_roots(analysis, self.roots, self.serving))  # a tool's commands it loads by name
        modes = deployed_modes(analysis, {name: roots[name] for name in scheduled | self.programs if name in roots}, self.programs)  # subcommands, option branches none runs: tools
        self.scheduled = frozenset(scheduled := scheduled - modes.hand_run)  # a `__main__` block's call only such branches make
        self.roots.update((name, why) for name, (why, _) in modes.unrun.items() if name not in self.roots and name not in self.serving)
        self._deployed_reach = deployed_reach = modes.view(analysis.graph)  # also what `_beside_programs` walks
        users = Users(analysis, scheduled | self.programs | supervised) if analysis.model.seeds else None  # see support.py
        functions = (self._spread() | self._in_programs() | command_modules(analysis, self.roots, self.serving)
            | (users.operator_functions(self.serving) if users else set()) | self._command_programs()
            | command_plugin_functions(analysis, self.serving)  # a data migration `data:upgrade` runs
            | development_tool_functions(analysis, self.serving, [*analysis.model.batch, *self.programs])  # debug_servers.py
            | gui_plugin_functions(analysis, self.roots, self.serving | self.programs | scheduled) | extension_command_functions(analysis)  # a desktop client's plug-ins; another tool's commands
            | answered_only(graph, self.one_off, self.serving, [*analysis.model.batch, *self.programs, *scheduled], lambda name: self.dead(name, "PRR501"))
        ) - set(reach_as_self(analysis, scheduled | modes.running, UNBOUNDED, deployed_reach))  # what a command the deployment runs reaches is production code
        self.deployed: Dict[str, str] = {name: roots[name] for name in self.programs | scheduled}  # name -> reason
        undeployed = undeployed_tools(analysis, self.roots, self.deployed)  # users' programs (schedules.py)
        self.functions: FrozenSet[str] = frozenset(client_scope(analysis, functions, self.roots, self.serving, self.programs | scheduled, undeployed, deployed_reach, self.idle)
                                                   | sibling_command_functions(analysis, self.roots, self.programs | scheduled, self.serving))
        support = (users.support_modules() | users.test_support_modules(lambda package: started_by_name(analysis, package))) if users else set()
        self.scripts: FrozenSet[str] = frozenset(
            root_scripts(analysis, self._long_running) | alembic_environments(analysis, lambda: self.serving) | test_modules(analysis.index) | support
            | browser_modules(analysis.index) | static_assets(analysis) | unwalked_modules(analysis)  # browser_code.py, static_assets.py, walked_modules.py
            | tool_modules(analysis) | script_folder_modules(analysis, self._long_running)  # tooling.py, script_folders.py
            | package_script_modules(analysis, self._long_running)  # package_scripts.py
            | unshipped_plugins(analysis) | user_packages(analysis, self.serving, self.programs | self.scheduled, self._long_running)  # distributions.py, user_packages.py
        )
        self.vendored: FrozenSet[str] = frozenset(vendored_modules(analysis) | bundled_modules(analysis))  # not `scripts`: it runs in the service

    def leaves_output(self, context: str, whole_project: bool, message: str = "") -> bool:
        """Output there speaks to the operator, not for the service (PRR401 leaves it out; PRR107 takes a message a
        caller prints there as the failure told): a command class's methods (command_classes.py: it answers the person
        who typed the command), start-up output but a traceback, and in a run over a whole project code the running
        service does not reach (service_reach.py). The other rules keep theirs: a command may also run from cron."""
        if self._command_methods is None:
            self._command_methods = frozenset(command_classes(self.analysis.index, self._long_running))
        name = self._enclosing(context)
        return name in self._command_methods or (not message.startswith(ERROR_OUTPUT) and self.at_startup(context)) \
            or (whole_project and self.unreached(context))

    def dead(self, context: str, rule: str) -> bool:
        """In dead code (dead_code.py; without recognised entry points only PRR501's, and only in a service: dead_scope.py):
        PRR401's, PRR501's (no service source names it, tests and comments aside), the other rules' (no test names it either)."""
        if self._dead is None:
            self._dead = dead_sets(self.analysis, self.serving, self._serving_without, self.programs | self.scheduled)
        return self._enclosing(context) in self._dead[_DEAD_SETS.get(rule, 1)]

    def _long_running(self, roots, depth: int = 3) -> bool:
        """Whether what `roots` (one name or several) reach within `depth` calls starts a server, loops until the process stops or waits for a supervisor to stop it (program_files.py)."""
        index, graph = self.analysis.index, self.analysis.graph
        for name in breadth_first(graph, [roots] if isinstance(roots, str) else list(roots), depth):
            function = index.functions.get(name)
            if function is not None and (LOOPS_FOREVER in function.tags or awaits_termination(index, function) or any(
                    call in fw.SERVER_STARTS or call.endswith(fw.SERVER_START_SUFFIXES) for call in function.calls)):
                return True
        return False

    def _spread(self) -> Set[str]:
        analysis = self.analysis
        if not self.roots:
            return set()
        if not analysis.model.seeds:
            # No serving code recognised: only the tools themselves, what is nested in them, and the
            # helpers of their own module they reach (a console script's argparse `main` and its
            # helpers beside it); never code of other modules, which the unrecognised service may share.
            found = set(self.roots) | {name for name in analysis.index.functions if nested_in_any(name, self.roots.keys())}
            for root in self.roots:
                home = analysis.module_of(root)
                for name in breadth_first(analysis.graph, [root], analysis.max_depth) if home is not None else ():
                    module = analysis.module_of(name)
                    if module is not None and module.module == home.module:
                        found.add(name)
            return found | self._beside_programs()
        roots = set(self.roots)
        # modules whose top level runs in the serving process, or in a program that is the service (a daemon's)
        imported = set(analysis.imported).union(*(import_closure(analysis.index, module.module)
                                                 for module in map(analysis.module_of, sorted(self.programs)) if module is not None))
        # Modules that define tools (a click command module, a tasks module): a helper beside the
        # commands that only they reach is theirs, even when serving code imports the module.
        tool_modules = self._tool_modules()
        reached = reach_as_self(analysis, roots, analysis.max_depth)  # through `self` too (self_calls.py)
        serving = self.serving
        only_commands = commands_only(analysis, self.roots, roots, tool_modules, serving, self.idle)
        found = only_commands - serving  # with what only their calls the graph cannot type run (command_calls.py)
        for name in reached:
            if name in serving:
                continue
            module = analysis.module_of(name)
            if name in roots or nested_in_any(name, roots) or module is None or module.module not in imported \
                    or module.module in tool_modules:
                found.add(name)
        # The top level of a tool module the serving process never imports runs only with the tool
        # (a management command's module-level client).
        found.update(module for module in tool_modules if module not in imported and module in analysis.index.functions)
        return found | command_loaded_functions(analysis, self.roots, serving, imported)  # only commands load it

    def _tool_modules(self) -> Set[str]:
        """The modules that define tool roots: not that of a root a program's `__main__` block or one-off mode
        calls in another module (`bin/rucio-dumper` calling `rucio.common.dumper.error` and `DataModel(...)`):
        a library module a program calls into is no command's module for that, and its other helpers
        stay the library's."""
        module_of = self.analysis.module_of
        home = lambda name: getattr(module_of(name), "module", None)  # noqa: E731 - a name's module, or None
        borrowed = self._borrowed | {target for program, targets in self.one_off.items() for target in targets if home(target) != home(program)}
        return {module for module in map(home, set(self.roots) - borrowed) if module is not None}

    def _beside_programs(self) -> Set[str]:
        """Without serving entry points, the project's own programs may still show what the service is: those the
        deployment runs or that loop until stopped (`self.programs`, `self.scheduled`). Then what only its other programs
        reach, wherever it lives, is theirs (commands_only.py), as in a project with entry points (mango-explorer's
        `bin/download-trades` beside the deployed `bin/marketmaker`); what a deployed program reaches, through `self`
        too, stays, but for the subcommands no deployment line runs (deployed_subcommands.py)."""
        service = sorted(self.programs | self.scheduled)
        if not service:
            return set()
        analysis = self.analysis
        tool_modules = self._tool_modules()
        served = set(reach_as_self(analysis, service, UNBOUNDED, self._deployed_reach))
        return {name for name in commands_only(analysis, self.roots, set(self.roots), tool_modules, served, self.idle) if name not in served}

    def _in_programs(self) -> Set[str]:
        """Every function of a program's module (one with a `__main__` block or a console script's
        target, or a Django management command's file no deployment runs) that no project module
        imports: only the program can run it, reached or not (a scratch script's function its
        `__main__` block no longer calls; code-review's load_in_patch handing `process_diff` to
        `pool.map`, which the call graph does not follow); and of a module only such programs import
        or name, which they load by its dotted path (command_names.py)."""
        analysis, index = self.analysis, self.analysis.index
        programs = {module.module for module in (analysis.module_of(root) for root, why in self.roots.items()
                                                 if why != "batch context" or self._django_command(root))
                    if module is not None}
        programs -= imported_modules(self.analysis.index)
        programs = {name for name in programs if not index.modules[name].registrations}
        if analysis.model.seeds:  # a module that serves (an app run by gunicorn that also has a `__main__`) stays
            programs -= {module.module for module in map(analysis.module_of, analysis.model.seeds) if module is not None}
        if not programs:
            return set()
        serving = self.serving if analysis.model.seeds else set()
        found = {name for name in index.functions if nested_in_any(name, programs) and name not in serving}
        return found | command_named_functions(analysis, frozenset(programs), serving) if analysis.model.seeds else found

    def _django_command(self, root: str) -> bool:
        """`root` is a method of a Django management command in its own file (`.../management/commands/NAME.py`)."""
        module = self.analysis.module_of(root)
        return module is not None and bool(command_file(module.path)) and command_kind(self.analysis, root)

    def _command_programs(self) -> Set[str]:
        """Every function of a module only command-line programs load (cli_programs.py) that
        serving code does not reach."""
        commands = [root for root, why in self.roots.items() if why != "batch context" or command_kind(self.analysis, root)]
        serves = lambda roots: self._long_running(roots, UNBOUNDED) or bool(self.scheduled.intersection(roots))  # or the deployment runs them
        found = command_program_functions(self.analysis, commands, serves, lambda name: self._long_running(name, 0),
                                          Dispatchers(self.analysis))  # dispatcher_scripts.py
        return found - self.serving if self.analysis.model.seeds else found

    @property
    def serving(self) -> Set[str]:
        """Every function serving code reaches, however deep (an unbounded search)."""
        if self._serving is None:
            # Not through `__main__` blocks: importing a module never runs them (main_blocks.py).
            self._serving = set(breadth_first(ImportedView(self.analysis.graph, self.one_off), sorted(self._serving_seeds()), UNBOUNDED))
        return self._serving

    def _serving_without(self, excluded: FrozenSet[str]) -> Set[str]:
        """What serving code reaches when `excluded` are no entry points (the methods of a view
        nothing routes, found by its base alone: unrouted_views.py)."""
        seeds = sorted(self._serving_seeds() - excluded)
        return set(breadth_first(ImportedView(self.analysis.graph, self.one_off), seeds, UNBOUNDED))

    def _serving_seeds(self) -> FrozenSet[str]:
        """Entry points, plus the start-up code that builds the app: functions that construct an app
        or register handlers, that enclose an entry point, the top level of modules serving code
        imports (an app factory is called by the WSGI server, which prr-lint does not see), and in a
        Pyramid project the `includeme(config)` hooks that `config.include()` runs at configuration.
        Worked out once: several searches start from them, and the scan reads every function's calls."""
        if self._seeds is None:
            self._seeds = frozenset(self._find_serving_seeds())
        return self._seeds

    def _find_serving_seeds(self) -> Set[str]:
        analysis = self.analysis
        index = analysis.index
        seeds = set(analysis.model.seeds)
        seeds.update(module for module in analysis.imported if module in index.functions)
        for module in index.modules.values():
            seeds.update(where for _, _, _, where, _ in module.registrations if where in index.functions)
        for entry in analysis.model.entry_points:
            parent = entry.qualname.rpartition(".")[0]
            if parent in index.functions:
                seeds.add(parent)
        for name, function in index.functions.items():
            if calls_app_constructor(index, function.calls):
                seeds.add(name)
        if any(target.startswith("pyramid.") for module in index.modules.values() for target in module.imports.values()):
            # Pyramid runs a package's module-level `includeme(config)` at configuration (`config.include(...)`)
            seeds.update(name for name in (f"{module}.includeme" for module in index.modules) if name in index.functions)
        return seeds

    def running_seeds(self) -> FrozenSet[str]:
        """Where the running service starts: the serving seeds, the programs that are the service, its
        background tasks and every function that loops forever (a consumer's poll loop)."""
        index = self.analysis.index
        forever = {name for name, function in index.functions.items() if LOOPS_FOREVER in function.tags}
        return self._serving_seeds() | self.programs | {name for name in self.analysis.model.batch if name in index.functions} | forever

    def _enclosing(self, context: str) -> str:
        return enclosing_function(self.analysis.index, context)

    @property
    def service_reach(self) -> Set[str]:
        """What the running service reaches (service_reach.py): PRR401's positive evidence."""
        if self._service_reach is None:
            self._service_reach = service_reach(self.analysis, self._serving_seeds() | self.programs, self.one_off)
        return self._service_reach

    def own_client(self, context: str) -> bool:
        """PRR502: in a method of the project's client of its own gRPC service the running service does
        not reach (own_clients.py)."""
        if self._own_clients is None:
            self._own_clients = own_client_methods(self.analysis, self.service_reach) if self.analysis.model.seeds else frozenset()
        return self._enclosing(context) in self._own_clients

    def unreached(self, context: str) -> bool:
        """Whether a finding whose enclosing function is `context` is in code the service does not run."""
        name = self._enclosing(context)
        return bool(self.analysis.model.seeds) and bool(name) and name not in self.service_reach

    def covers(self, context: str) -> bool:
        """Whether a finding whose enclosing function is `context` is in non-serving code."""
        name = self._enclosing(context)
        module = self.analysis.module_of(name) if name else None
        return name in self.functions or (module is not None and (module.module in self.scripts or module.module in self.vendored))

    @property
    def startup(self) -> FrozenSet[str]:
        """Start-up code: what app factories, handler registrations and the top level of modules the service imports
        reach, however deep, that no entry point reaches (a banner an app factory prints, a message of a config class
        body at import). Output there is no request logging. Also what only the top level of a module no project module
        imports reaches (a configuration file the server loads by path, `c.BinderHub.x = get_value(...)`; a settings
        module Django loads by name), unless that module starts a server or loops forever, or a background task reaches it too."""
        if self._startup is None:
            self._startup = self.startup_apart(frozenset())
        return self._startup

    def startup_apart(self, apart: FrozenSet[str]) -> FrozenSet[str]:
        """`startup`, with the modules `apart` loaded under a limit of their own (Airflow's DAG files, dag_parsing.py)."""
        if not (analysis := self.analysis).model.seeds:
            return frozenset()
        graph = analysis.graph
        requests = breadth_first(graph, sorted(analysis.model.seeds), UNBOUNDED)
        seeds = sorted(self._serving_seeds() - set(analysis.model.seeds))
        found = {name for name in breadth_first(graph, seeds, UNBOUNDED) if name not in requests}
        if loaded := sorted(self._loaded_by_path() - apart):
            batch = breadth_first(graph, sorted(name for name in analysis.model.batch if name in analysis.index.functions), UNBOUNDED)
            found.update(name for name in breadth_first(graph, loaded, UNBOUNDED) if name not in requests and name not in batch)
        return frozenset(found)

    def _loaded_by_path(self) -> Set[str]:
        """The top levels of modules that no project module imports, that are no tool's, script's or Alembic
        environment's and serve nothing themselves: something loads them by path or by name, once."""
        analysis, index = self.analysis, self.analysis.index
        imported = imported_modules(self.analysis.index)
        tools = {module.module for module in map(analysis.module_of, self.roots) if module is not None}
        serving = {module.module for module in map(analysis.module_of, analysis.model.seeds | analysis.model.batch) if module is not None}
        return {
            name for name, module in index.modules.items()
            if name in index.functions and name not in imported and name not in tools and name not in serving
            and name not in self.scripts and not module.registrations and not module.script_calls
            and not is_operator_path(module.path) and not alembic_environment(module) and not self._long_running(name)
        }

    def at_startup(self, context: str) -> bool:
        """Start-up code; a module's own top level (and class bodies) always is: it runs once, at
        import, whether or not prr-lint recognises the service's entry points."""
        name = self._enclosing(context)
        return name in self.startup or name in self.analysis.index.modules


def out_of_scope(analysis: ServingAnalysis, findings: Sequence[Finding], whole_project: bool = False) -> Set[int]:
    """Positions in `findings` of the scoped rules' findings in non-serving code; in a run over a whole project, also
    in modules the service never loads or no Python 3 imports (the `DEAD_ONLY` rules' there too), and PRR401's in code
    the running service does not reach (service_reach.py); the `DEAD_ONLY` rules' in dead code."""
    candidates = [position for position, finding in enumerate(findings) if scoped_rule(finding.rule)]
    dead_only = [position for position, finding in enumerate(findings) if finding.rule in DEAD_ONLY]
    if not candidates and not dead_only:
        return set()
    non_serving = analysis.derived("non-serving", lambda: NonServing(analysis))
    return {position for position in dead_only if non_serving.dead(findings[position].context, findings[position].rule)
            or in_rebound_definition(analysis, findings[position]) or (whole_project and in_python2_module(analysis, findings[position]))} | {
        position for position in candidates if non_serving.covers(findings[position].context) or non_serving.dead(findings[position].context, findings[position].rule)
        or in_rebound_definition(analysis, findings[position])
        or in_unrun_main_block(analysis, findings[position], non_serving._long_running, non_serving.serving, non_serving.deployed)
        or (whole_project and (in_unloaded_file(analysis, findings[position]) or in_python2_module(analysis, findings[position])))
        or (whole_project and findings[position].rule == "PRR502" and non_serving.own_client(findings[position].context))
        or (findings[position].rule == "PRR401" and non_serving.leaves_output(findings[position].context, whole_project, findings[position].message))
    }
