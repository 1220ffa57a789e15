"""Which of the project's command-line programs its own deployment runs unattended.

scope.py leaves out the findings of code only operator commands reach: whoever typed the command
watches it. A command the deployment runs by itself is different: a crontab line (`0 1 * * * cd /app
&& python3 manage.py delete_users`), an AWS CDK stack's scheduled job (`add_job("snoop", "cron(30 *
* * ? *)", "manage-py-command snoop")`), a Procfile or compose `command:`, a Kubernetes CronJob, a
shell script one of those runs, or a Celery task or a view that calls `call_command("name")`. A hung
HTTP call there holds the job forever with nobody looking, so such a command is no tool root.

The deployment's files are the launch files discovery lists (Procfile, Dockerfile, compose and
Kubernetes manifests, supervisor and systemd units, crontabs), but not CI pipelines, dependency
declarations or shell scripts that no other deployment file names (a helper a person runs by hand,
`utils/slow_pusher/slow_pusher.sh`); plus the project's infrastructure-as-code modules (tooling.py), and the root
Makefile when one of them runs `make` (`sender: make sender` in a Procfile): only the recipes of the targets
they run, of those targets' prerequisites and of the targets their recipes run (`$(MAKE) migrate`). A
command in another target (dbaas's `sync_celery:` beside the `run_celery` a container runs) is a person's.
What runs nothing is left out (live_lines.py): a commented-out line (`# 0 * * * * python manage.py
ingest_gdacs` in a start script), a compose service under `profiles:`, which only `docker compose
--profile cli run` starts, an operator's tool, a start script's branch that an environment switch no
shipped file turns on never takes (`if [[ ${INITIALIZE_WITH_DUMMY_DATA:-0} == 1 ]]`: shell_switches.py), and the
word an image's RUN executes, a build step (`RUN ./manage.py downloadassets`: build_steps.py `without_build_steps`),
unless the deployment may run it again by what the linter does not read: a scheduler or supervisor, manage.py handed a
name from elsewhere, a started file it does not read that names it (started_files.py).
A command is named there by how it is run:

* a Django management command `app/management/commands/NAME.py`: `manage.py NAME`, `django-admin
  NAME`, a wrapper whose name holds `manage` (`manage-py-command NAME`), `FIELD: NAME` in a values
  file when a chart template runs `manage.py "{{ $job.FIELD }}"` (a Helm CronJob per `cronjobs:`
  entry), or `call_command("NAME")`
  in a project module whose caller the service or a background task reaches;
* a Flask CLI command, or a click command an app may attach (`app.cli.add_command(group)`): `flask`, a
  few words (options, the app, its groups), then its name or the one its decorator gives (`flask --app
  svc users sync-all`, `["flask", "seed-db"]`; subcommands.py `app_command_line`);
* a click or typer subcommand: its program's name, a few words (options, groups), then its name or the
  one its decorator gives (`blueapi -c init.yaml setup-scratch` for `@main.command(name="setup-scratch")`,
  subcommands.py), where the Makefile counts only by the recipes of the targets a deployment file runs
  (`web: make serve`; the `import-dataset` target beside it is a person's);
* an argparse subcommand (`sub.add_parser("poll").set_defaults(func=poll)`) of a console script the deployment runs:
  the subcommand's name among the words after the program's, every one when the program is handed a computed
  subcommand (`svc "$@"`) (deployed_subcommands.py `selected_subcommands`);
* an invoke task: `invoke` or `inv`, options, then its name as invoke spells it, in any namespace (`invoke images`,
  `inv packaging.docker.baseline-images`);
* a console script: its name as a word (a folder of a path, `merino-fleece/main.py`, is none, nor a name after a comma
  or `!` in a list of programs, rsyslog's selector `!weewxd,weectl`, which routes their log lines), or the file pip
  installs for it in a `bin/` folder (`ENTRYPOINT ["/home/lbry/.local/bin/lbrynet", "start"]`);
* a `__main__` program: a command that runs its file or module (program_runs.py: `python3 -u server.py` resolved
  through the image's WORKDIR and copies, `-m package.module`; a COPY runs nothing), and with it a batch class its
  `__main__` block runs (an mrjob job's `MRExtract.run()`, whose mapper Hadoop calls).

It also answers the reverse question for a program that loops until it is stopped, which scope.py
otherwise takes for the service: when the deployment names the project's programs one by one (a
compose file with `python3 -m artemis.modules.bruter` per worker) and not this one, and it reads its
own command line (`typer.run(main)`), it is a tool someone starts by hand (a target feeder that polls
the API until interrupted), not a deployed worker. So is one that reads no command line when nothing in the
project names it either (root_scripts.py `unnamed_program`: no other module imports or mentions its file, no
launch file names it, a COPY included (zimfarm's `COPY relay.py /usr/local/bin/zimfarm-relay` ships a worker), and
no shell script or loader does; ooni's `misc/tor_connectivity_monitor.py`, polling a site every minute beside
packaged services whose systemd units and Dockerfiles name their own programs). A worker deployed
from outside the repository is still kept when the repository's deployment names no program (nothing is known)
or when a module, script or loader of the project names it.
"""

from __future__ import annotations

import os
import re
from itertools import chain
from pathlib import Path
from typing import AbstractSet, Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from prr_lint.model import ASKS_PERSON
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.build_steps import without_build_steps
from prr_lint.project.call_args import called_command_names
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.deployed_subcommands import selected_subcommands
from prr_lint.project.launchers import development_file
from prr_lint.project.live_lines import live_text, read_launch_text
from prr_lint.project.texts import read_bounded
from prr_lint.project.program_files import INTERACTIVE
from prr_lint.project.program_runs import ProgramRuns
from prr_lint.project.distributions import module_distributions
from prr_lint.project.names import class_ancestors
from prr_lint.project.scripts import declared_in, entry_point_targets
from prr_lint.project.service_reach import command_roots
from prr_lint.project.shell_switches import unswitched_text
from prr_lint.project.started_files import keeps_build_steps, may_run, unread_started
from prr_lint.project.subcommands import SUBCOMMAND_KINDS, app_command_line, command_line, group_of
from prr_lint.stamps import is_container_file

_MAX_TEXT = 16 << 20
_INFRASTRUCTURE_PACKAGES = ("aws_cdk", "cdktf", "pulumi", "troposphere")  # infrastructure as code
_DECLARATIONS = re.compile(r"(^requirements|\.txt$|\.in$|^pyproject\.toml$|^setup\.cfg$|^Pipfile$)")
# The argument parsers whose use makes a program read its own command line.
# The sections of a release note (reno's YAML format): prose about commands, which runs nothing.
_RELEASE_NOTE_SECTIONS = frozenset({"prelude", "features", "issues", "upgrade", "deprecations", "critical", "security",
                                    "fixes", "other", "api", "known_issues", "bug_fixes", "new_features"})
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*):", re.MULTILINE)
# Between the words of a command line: blanks, or an exec form's quotes and commas (`["python", "manage.py",
# "NAME"]` in a Dockerfile or a Kubernetes CronJob), or a YAML list's dashes (`- manage.py` / `- NAME`).
_WORDS = r"""(?:["',\s]|\s-\s)+"""
# A chart template that runs the command its values name (`["python", "manage.py", "{{ $job.command }}"]`
# over `cronjobs: [{command: ingest_appeals, schedule: ...}]`): the field that holds the command name.
_TEMPLATED_COMMAND = re.compile(rf"manage[\w.-]*{_WORDS}(?:-[\w=-]+{_WORDS})*\{{\{{-?[ \t]*([$\w.]+)[ \t]*(?:\|[^{{}}\n]*)?-?\}}\}}")
_MAKE_CALLS = re.compile(r"(?:(?<![\w-])make|\$\(MAKE\)|\$\{MAKE\})(?:\s+-[\w-]+(?:\s+[\w./-]+)?)*\s+([\w-]+)")  # `$(MAKE) -C . migrate`
_COMMAND_LINE = ("typer.run", "typer.Typer", "click.", "argparse.ArgumentParser", "fire.Fire", "docopt.docopt")


def launch_files(analysis: ServingAnalysis) -> Tuple[str, ...]:
    """The run's launch files, as the project phase hands them to the analysis (phase.py)."""
    return tuple(analysis.derived("launch-files", tuple))


class Deployment:
    """The text of the deployment's files, and the command roots it runs."""

    def __init__(self, analysis: ServingAnalysis, files: Optional[Sequence[str]] = None) -> None:
        """`files`: the launch files to read, all of the run's when None (dev_helpers.py splits them)."""
        self.analysis = analysis
        self.files = files
        root = getattr(analysis.settings, "root", None)
        self.root = os.fspath(root) if root is not None else ""
        self.command_text = ""  # the texts with only the Makefile's recipes of targets they run (`make sync`)
        self.commands: Dict[str, str] = {}  # the same, file by file
        self.started_text = ""  # the command text without the words image RUNs execute while built (build_steps.py)
        self._unread: Optional[Tuple[Optional[str]]] = None  # the started files not read (started_files.py), once asked
        self._written: Dict[str, str] = {}  # image file -> its text as written
        self.text = "\n".join(self._texts())
        self._answers: Dict[Tuple[str, ...], bool] = {}
        self._programs: Optional[ProgramRuns] = None
        self._pecan: Optional[Dict[str, List[str]]] = None
        self._fields = sorted({value.rpartition(".")[2] for value in _TEMPLATED_COMMAND.findall(self.text)} - {""})

    def _texts(self) -> Iterable[str]:
        files = [path for path in (launch_files(self.analysis) if self.files is None else self.files)
                 if not development_file(path, self.root) and not _DECLARATIONS.search(os.path.basename(path))]
        texts: Dict[str, str] = {}
        for path in files:
            text = read_bounded(path)
            if text is not None and not _release_note(path, text):
                texts[path] = live_text(path, text)
                if is_container_file(path):
                    self._written[path] = text
        for path in [path for path in texts if path.endswith(".sh")]:  # a branch no shipped switch turns on runs nothing
            texts[path] = unswitched_text(texts[path], [text for other, text in texts.items() if other != path])
        for module in self._infrastructure_modules():
            text = read_bounded(os.path.join(self.root, module)) if self.root else None
            if text is not None:
                texts[module] = text
        # Shell scripts count when another deployment file names them (a crontab line, an ENTRYPOINT), the
        # Makefile when one runs `make`.
        scripts = {path for path in texts if path.endswith(".sh")}
        kept = {path: text for path, text in texts.items() if path not in scripts}
        changed = True
        while changed:
            named = "\n".join(kept.values())
            found = {path for path in scripts - set(kept) if _names_file(os.path.basename(path), named)}
            kept.update((path, texts[path]) for path in found)
            changed = bool(found)
        makefile = os.path.join(self.root, "Makefile") if self.root else ""
        named = "\n".join(kept.values())
        self.command_text = named
        self.commands = dict(kept)
        if makefile and re.search(r"(?<![\w-])make\s+[\w-]", named):  # `sender: make sender` in a Procfile
            kept[makefile] = read_launch_text(makefile) or ""
            self.commands[makefile] = _recipes(kept[makefile], set(re.findall(r"(?<![\w-])make\s+([\w-]+)", named)))
            self.command_text += "\n" + self.commands[makefile]
        self.command_text = self.command_text[:_MAX_TEXT]
        self.started_text = self.command_text if keeps_build_steps(self.command_text) else "\n".join(
            without_build_steps(text, self._written[path]) if path in self._written else text for path, text in self.commands.items())[:_MAX_TEXT]
        total = 0
        for text in kept.values():
            total += len(text)
            if total > _MAX_TEXT:
                return
            yield text

    def _infrastructure_modules(self) -> List[str]:
        """The paths of project modules that build a deployment (an AWS CDK stack)."""
        return [module.path for module in self.analysis.index.modules.values()
                if any(target.split(".", 1)[0] in _INFRASTRUCTURE_PACKAGES for target in module.imports.values())]

    def runs_program(self, module: str) -> bool:
        """A deployment command runs the program of the project module `module` (by its file or `-m` name,
        program_runs.py): the one answer to "does the deployment run this program"."""
        summary = self.analysis.index.modules.get(module)
        return summary is not None and self.program_runs().runs(module, summary.path)

    def runs_main(self, module: str, copied: bool = True) -> bool:
        """A deployment command runs `module` as a program, its `__main__` block too: not a file only the
        FastAPI CLI imports (`fastapi run merino/main.py`, fastapi_cli.py). `copied`: program_runs.py."""
        summary = self.analysis.index.modules.get(module)
        return summary is not None and self.program_runs().runs_main(module, summary.path, copied)

    def _pecan_commands(self, owner: str) -> List[str]:
        """The names the `[pecan.command]` entry points of the root's and the modules' distributions give the command class
        `owner` or a class derived from it (`pecan <name>` runs it)."""
        if self._pecan is None:
            index, self._pecan = self.analysis.index, {}
            declared = [*(declared_in(Path(self.root)) if self.root else ()), *chain.from_iterable(module_distributions(self.analysis).values())]
            for target, name in entry_point_targets(declared, ("pecan.command",)):
                module, _, attribute = target.rpartition(".")
                self._pecan.setdefault(f"{index.module_named(module) or module}.{attribute}", []).append(name)
        index = self.analysis.index
        return [name for declared, names in self._pecan.items() if declared == owner or owner in class_ancestors(index, declared)
                for name in names]

    def program_runs(self) -> ProgramRuns:
        if self._programs is None:
            modules = {name: found.path for name, found in self.analysis.index.modules.items()}
            self._programs = ProgramRuns(self.commands if self.text else {}, self.root, modules)
        return self._programs

    def runs(self, root: str, why: str, kinds: Set[str], asks: bool = False) -> bool:
        """Whether the deployment runs the command or program `root` (scope.py's reason `why`). `asks`: it waits for
        an answer at the terminal, so a command must name it: an image with no command that copies it runs nothing."""
        module = self.analysis.module_of(root)
        if module is None:
            return False
        patterns = []
        names = [root.rpartition(".")[2]]  # what a started file the linter does not read may name the command by
        if "django-command" in kinds:
            name = command_file(module.path)
            names = [name]
            if name:
                patterns.append(rf"(?:manage[\w.-]*|django-admin(?:\.py)?){_WORDS}(?:-[\w=-]+{_WORDS})*{re.escape(name)}(?![\w-])")
                patterns.extend(rf"(?m)^[ \t]*(?:-[ \t]+)?{field}:[ \t]*[\"']?{re.escape(name)}[\"']?[ \t]*$" for field in self._fields)
        if "pecan-command" in kinds:  # `pecan populate config.py`: the names `[pecan.command]` gives the class
            owner = root if root in self.analysis.index.classes else root.rpartition(".")[0]
            patterns.extend(rf"(?:(?<![\w/.,!-])|(?<=/bin/))pecan{_WORDS}(?:-[\w=-]+{_WORDS})*{re.escape(name)}(?![\w-])"
                            for name in self._pecan_commands(owner))
            names.extend(self._pecan_commands(owner))
        if "invoke" in kinds and why == "batch context":
            patterns.append(_invoke_line(root.rpartition(".")[2]))
        if kinds & {"flask-cli", "quart-cli", "click"} and why == "batch context":  # `flask users sync`: subcommands.py
            patterns.append(app_command_line(self.analysis, root))
        if kinds & SUBCOMMAND_KINDS and why == "batch context" and group_of(self.analysis, root) is not None:
            pattern = command_line(self.analysis, root)  # `svc -c init.yaml setup-scratch`: subcommands.py
            if pattern and self._started([pattern], [root.rpartition(".")[2]]):  # not a Makefile target nothing runs (an operator's)
                return True
        if why.startswith("console script `"):
            # a folder `name/` is no command; the file pip installs it as is (`/home/app/.local/bin/name`); nor is a
            # name in a list of names (rsyslog's program selector `!weewxd,weectl` routes their log lines)
            patterns.append(rf"(?:(?<![\w/.,!-])|(?<=/bin/)){re.escape(why.split('`')[1])}(?![\w/.-])")
            names.append(why.split("`")[1])
        if why != "batch context" and self.runs_main(module.module, not asks and why != INTERACTIVE):  # a file `fastapi run` imports runs no program
            return True
        if why == "batch context" and _runs_own_class(module, root) and self.runs_main(module.module):  # `MRWordCount.run()`
            return True
        key = (*patterns, "", *names)
        if key not in self._answers:  # the methods of one command class ask alike
            self._answers[key] = self._started(patterns, names)
        return self._answers[key]

    def _started(self, patterns: List[str], names: List[str]) -> bool:
        """A command line the deployment starts matches one of `patterns`; or only a build's RUN does (build_steps.py)
        while a started file the linter does not read may run the command (`names`: started_files.py)."""
        if any(re.search(pattern, self.started_text) for pattern in patterns):
            return True
        if not any(re.search(pattern, self.command_text) for pattern in patterns):
            return False
        if self._unread is None:
            programs = self.program_runs()
            run = [found.path for module, found in self.analysis.index.modules.items() if programs.runs(module, found.path)]
            self._unread = (unread_started(self.commands, self.root, [os.path.join(self.root, path) for path in run]),)
        return may_run(self._unread[0], patterns, names)


def deployment_text(analysis: ServingAnalysis) -> str:
    """The text of the deployment's files that run the project's programs ("" when it has none)."""
    deployment: Deployment = analysis.derived("deployment", lambda: Deployment(analysis))
    return deployment.text


def subcommand_text(analysis: ServingAnalysis) -> str:
    """The deployment's text that may run a click/typer subcommand: no Makefile recipe it does not run."""
    deployment: Deployment = analysis.derived("deployment", lambda: Deployment(analysis))
    return deployment.command_text


def scheduled_roots(analysis: ServingAnalysis, roots: Dict[str, str], serving: Set[str], idle: AbstractSet[str] = frozenset()) -> Set[str]:
    """The roots (scope.py's tool roots, name -> reason) of commands the deployment runs unattended,
    or that code the service (`serving`: what serving code reaches) or a background task runs calls
    by name (`call_command("name")`); not a task nothing sends (`idle`: montandon-etl's `fetch_desinventar_data`)."""
    if not roots:
        return set()
    kinds = _kinds(analysis)
    deployment: Optional[Deployment] = None
    commands = command_roots(analysis)
    background = breadth_first(analysis.graph, sorted(name for name in analysis.model.batch if name in analysis.index.functions
                                                      and name not in commands and name not in idle), UNBOUNDED)
    called = _called_commands(analysis, serving | set(background))
    found: Set[str] = set()
    for root, why in roots.items():
        module = analysis.module_of(root)
        own = kinds.get(root, set()) | kinds.get(root.rpartition(".")[0], set())
        if "django-command" in own and module is not None and command_file(module.path) in called:
            found.add(root)
            continue
        if deployment is None:
            deployment = analysis.derived("deployment", lambda: Deployment(analysis))
        if deployment.text and deployment.runs(root, why, own):
            found.add(root)
    # the argparse subcommands of a deployed program that its command lines run (deployed_subcommands.py)
    return found | (selected_subcommands(analysis, {name: roots[name] for name in found}, subcommand_text(analysis)) & set(roots))


def unattended_tools(analysis: ServingAnalysis, programs: Dict[str, str], unnamed: Callable[[str], bool]) -> Set[str]:
    """Programs that loop until stopped (name -> scope.py's reason) which the deployment does not run, while it
    does run another of the project's programs by name, and which read their command line or which nothing in
    the project names (`unnamed`: root_scripts.unnamed_program): tools a person starts by hand, not deployed
    workers (see the module docstring)."""
    if not programs:
        return set()
    deployment: Deployment = analysis.derived("deployment", lambda: Deployment(analysis))
    if not deployment.text:
        return set()
    kinds = _kinds(analysis)
    run = {name for name, why in programs.items() if deployment.runs(name, why, kinds.get(name, set()))}
    if not run:
        return set()
    return {name for name, why in programs.items() if name not in run and why != "batch context"
            and (_reads_command_line(analysis, name) or unnamed(name))}


def undeployed_tools(analysis: ServingAnalysis, roots: Dict[str, str], deployed: Dict[str, str]) -> Set[str]:
    """The tool roots (name -> scope.py's reason) no deployment file runs, when it runs one of the
    `deployed` programs (core-daemon's systemd unit): its users' programs (a desktop GUI, a client
    command). Without that evidence nothing is known, and none is."""
    deployment: Deployment = analysis.derived("deployment", lambda: Deployment(analysis))
    if not deployment.text:
        return set()
    kinds = _kinds(analysis)
    if not any(deployment.runs(name, why, kinds.get(name, set())) for name, why in sorted(deployed.items())):
        return set()
    return {name for name, why in roots.items() if why != "batch context" and not deployment.runs(name, why, kinds.get(name, set()))}


def interactive_tools(analysis: ServingAnalysis, programs: Dict[str, str]) -> Set[str]:
    """Programs that start a server or worker (name -> scope.py's reason) only after asking the person at
    the terminal (`Confirm.ask("Restart the worker? This is only for development use!")`, `input()`,
    `click.confirm`: model.ASKS_PERSON) in their start, a function it calls or, for a `__main__` block's
    call, the block itself, and which no deployment file runs: under a supervisor or in a container nobody
    answers (the prompt reads end of file and fails), so the deployment cannot run them; the deployed
    worker is started another way."""
    kinds = _kinds(analysis)
    deployment: Optional[Deployment] = None
    found: Set[str] = set()
    index = analysis.index
    for name, why in programs.items():
        starts = [*breadth_first(analysis.graph, [name], 1), *([index.module_of(name)] if why == "`__main__` script" else [])]
        if not any(ASKS_PERSON in getattr(index.functions.get(start or ""), "tags", ()) for start in starts):
            continue
        if deployment is None:
            deployment = analysis.derived("deployment", lambda: Deployment(analysis))
        own = kinds.get(name, set())
        named = bool(own & SUBCOMMAND_KINDS) and bool(pattern := command_line(analysis, name, bare=True)) and bool(re.search(pattern, deployment.text))
        if not (deployment.text and (deployment.runs(name, why, own, asks=True) or named)):  # `flask restart-worker` for an added click command
            found.add(name)
    return found


def _runs_own_class(module, root: str) -> bool:
    """The `__main__` block of `root`'s module runs `root`'s class (`MRWordCount.run()`: a Hadoop job's program):
    a deployment command that runs the program runs the class's methods."""
    owner = root.rpartition(".")[0]
    return owner != module.module and any(call.startswith(f"{owner}.") for call in module.script_calls)


def _reads_command_line(analysis: ServingAnalysis, name: str) -> bool:
    """The program's module parses its command line (typer, click, argparse, fire, docopt)."""
    module = analysis.module_of(name)
    if module is None:
        return False
    calls = {call for function in module.functions.values() for call in function.calls}
    calls.update(module.script_calls)
    calls.update(decorator for function in module.functions.values() for decorator in function.decorators)
    return any(call.startswith(_COMMAND_LINE) for call in calls)


def _invoke_line(function: str) -> str:
    """The command line that runs the invoke task `function`: `invoke` or `inv`, options (one may take a value: `-c
    tasks`, `--config ci.yaml`), then the task's name as invoke spells it (underscores as dashes), in any namespace
    (`invoke -e packaging.docker.images`). A word after an option is its value or the task: one way fails at once."""
    names = "|".join(sorted({re.escape(function), re.escape(function.replace("_", "-"))}))
    options = rf"""(?:-[\w=-]+{_WORDS}(?:[^\s"',-][^\s"',]*{_WORDS})?)*"""
    return rf"(?<![\w.-])inv(?:oke)?{_WORDS}{options}(?:[\w-]+\.)*(?:{names})(?![\w.-])"


def command_file(path: str) -> str:
    """The command name of a Django management command's file (`.../management/commands/NAME.py`)."""
    parts = path.replace(os.sep, "/").split("/")
    if len(parts) >= 3 and parts[-3:-1] == ["management", "commands"] and parts[-1].endswith(".py"):
        return parts[-1][:-3]
    return ""


def _kinds(analysis: ServingAnalysis) -> Dict[str, Set[str]]:
    kinds: Dict[str, Set[str]] = {}
    for context in analysis.model.batch_contexts:
        kinds.setdefault(context.qualname, set()).add(context.kind)
        kinds.setdefault(context.qualname.rpartition(".")[0], set()).add(context.kind)  # the class's other methods
    return kinds


def _called_commands(analysis: ServingAnalysis, served: Set[str]) -> Set[str]:
    """The command names that functions in `served` (nested ones too: reach takes them) pass to `call_command` as a
    literal: theirs alone, not another function's of their module (montandon-etl's unsent `fetch_desinventar_data`
    beside the beat's tasks)."""
    return {command for name in served for command in called_command_names(analysis.index, name)}


def _names_file(file_name: str, text: str) -> bool:
    """The text names the file as a token (`deploy/run.sh`, not `rerun.sh`). The substring test first: a pattern that
    opens with a lookbehind gets no fast scan from `re`, and the text may be megabytes of launch files."""
    return file_name in text and re.search(rf"(?<![\w.-]){re.escape(file_name)}(?![\w.-])", text) is not None


def _recipes(makefile: str, targets: Set[str]) -> str:
    """The recipe lines of the Makefile's `targets` (`sync: ...` and the tab-indented lines below it), and of
    the targets those run first: their prerequisites (`deploy: migrate`) and the `make X` / `$(MAKE) X` of
    their recipes."""
    rules: Dict[str, Tuple[List[str], List[str]]] = {}  # target -> (prerequisites, recipe lines)
    current: List[Tuple[List[str], List[str]]] = []
    for line in makefile.splitlines():
        if line.startswith("\t"):
            for _, recipe in current:
                recipe.append(line)
            continue
        head, colon, rest = line.partition(":")
        current = [rules.setdefault(name, ([], [])) for name in head.split()] if colon and not rest.startswith("=") else []
        for prerequisites, _ in current:
            prerequisites.extend(rest.split("#", 1)[0].split())
    found: List[str] = []
    seen: Set[str] = set()
    todo = sorted(targets)
    while todo:
        target = todo.pop()
        if target in seen or target not in rules:
            continue
        seen.add(target)
        prerequisites, recipe = rules[target]
        found.extend(recipe)
        todo.extend(prerequisites)
        todo.extend(name for line in recipe for name in _MAKE_CALLS.findall(line))
    return "\n".join(found)


def _release_note(path: str, text: str) -> bool:
    """A YAML file whose top-level keys are all release-note sections (`fixes:`, `upgrade:` ...): its
    mention of a command (`glance-replicator size raises ...`) is prose, not a schedule."""
    if not path.endswith((".yaml", ".yml")):
        return False
    keys = set(_TOP_LEVEL_KEY.findall(text))
    return bool(keys) and keys <= _RELEASE_NOTE_SECTIONS
