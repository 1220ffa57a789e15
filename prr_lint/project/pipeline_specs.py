"""The processors a datapackage-pipelines (dpp) server runs: only those a spec it loads names.

A dpp server (`dpp serve`, the `datapackage-pipelines` image) walks its folder for spec files: a file named exactly
`pipeline-spec.yaml` (`BasicPipelineParser`) or `NAME.source-spec.yaml` (a generator's input, below), but none in a
folder whose name starts with a dot (`specs.find_specs`). A `pipeline-spec.yaml.disabled` or `.old` beside them is
no spec: dpp never reads it, unless a launch file copies or renders it into place (it names it: it is read as
loaded; a launch file that writes a `pipeline-spec.yaml` or names one by a computed suffix leaves it unsure).
Each step of a pipeline names what runs (`specs/resolver.py`):

* `run: NAME`: a file, found first in the spec's own folder (`a.b` -> `a/b.py`, a leading `..` going up a folder per
  dot), else, for a dotted name without such a prefix, in the `processors/` folder of a package
  `datapackage_pipelines_<first part>`, then in each folder of `DPP_PROCESSOR_PATH`, then among dpp's standard
  processors; the server runs it as `python FILE`, so its top level and `__main__` block are the step;
* `flow: NAME`: a module the step's process imports with the spec's folder last on `sys.path`, whose `flow()`
  the standard `flow` processor calls.

So in a project a launch file of which starts dpp (`_starts_dpp`: the image, `dpp serve`, its server script; an
import of `datapackage_pipelines` is no evidence, a plug-in library's processors all import it), a module in a
processor folder (a folder that holds a spec file, loaded or switched off by its name, and the `processors/` folder
of a `datapackage_pipelines_*` package no distribution of the project publishes: a published one's processors are
its product, which any consumer's spec runs as `NAME.step`) that no step of a
loaded spec can resolve to runs in no pipeline, whatever it does at its top level or in its `__main__` block: a
processor retired from the specs, one only a commented-out `# - run:` line or a disabled spec names, a script a
developer runs by hand beside them. unloaded_modules.py takes such a module (`unlisted`) as a plug-in no shipped
list names, kept still when a loaded module imports or names it, a launch file but the specs names it, a loader
of the project may load it, or it builds an app, starts a server or loops forever; so is what only such modules
import.

What a step may resolve to is taken wide, never narrow: every `run:`/`flow:` key of a spec's text counts, at any
depth (a parameter of that name too); a `run:` name no file of its folder answers keeps every project file whose
path ends in its path (`DPP_PROCESSOR_PATH` may hold any folder) and the matching processor of each project
`datapackage_pipelines_*` package; a `flow:` name keeps the project module of that dotted name and the spec
folder's, and every module whose dotted name ends in it (a folder on `PYTHONPATH` comes before the spec's). Where the
reading is unsure nothing is judged (`PipelineSpecs.governed` is empty): a spec file that cannot be read, a
`run:`/`flow:` value that is no plain name (a template's `{{ name }}`, an alias, a block scalar, a key spelled
with escapes, a quoted string that goes on to the next line, where a line's `#` is no comment), a step's inline
`code:` (dpp runs it; it may import anything), a generator's spec
(`NAME.source-spec.yaml`) whose generator (`datapackage_pipelines_NAME`) is no project package, or a project tree
too large to list. A project generator's pipelines (budgetkey's `budgetkey.source-spec.yaml`) are built in Python
from its code and the source spec: the names its code spells are namers of the modules they name (unloaded_files.py
`namers`), the source spec stays a launch file whose words name modules, and the source spec's folder holds no
governed module.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from prr_lint.project.distributions import publishes
from prr_lint.project.launchers import development_file
from prr_lint.project.live_lines import read_launch_text, uncommented_text
from prr_lint.project.project_tree import project_tree
from prr_lint.project.support import test_modules
from prr_lint.project.texts import read_bounded

SPEC_FILE = "pipeline-spec.yaml"
SOURCE_SPEC_SUFFIX = ".source-spec.yaml"
_PLUGIN_PREFIX = "datapackage_pipelines_"
# What starts dpp in a launch file: the image (a Dockerfile's `FROM`, a compose or k8s `image:`), its server script,
# the `dpp` command's `serve`/`run`, the package run as a module.
_STARTS_DPP = re.compile(r"""(?im)^[ \t]*(?:-[ \t]*)?(?:FROM[ \t]+(?:--\S+[ \t]+)*|image[ \t]*:[ \t]*["']?)\S*datapackage-pipelines\b"""
                         r"""|/dpp/docker/run\.sh|\bdpp[ \t]+(?:serve|run)\b|-m[ \t]+datapackage_pipelines\b""")
_SPEC_MENTION = re.compile(r"""(?<![\w.-])pipeline-spec\.yaml([^\s"'`;|&<>(),:=]*)""")  # and what follows the name
_SUFFIX = re.compile(r"\.[\w-]+(?:\.[\w-]+)*")  # `.prod`: a spelled suffix, not `.$STAGE`, `*`, nothing
# A `run`, `flow` or `code` key anywhere on a line (a block mapping's, a flow mapping's, quoted or not), and its value.
_STEP_KEY = re.compile(r"""(?:^|(?<=[\s{,\[]))(["']?)(run|flow|code)\1[ \t]*:""")
_QUOTED_KEY = re.compile(r"""["']([^"'\n]*\\[^"'\n]*)["'][ \t]*:""")  # a quoted key spelled with an escape
_RUN_NAME = re.compile(r"\.*[\w-]+(?:\.[\w-]+)*")
_FLOW_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*")  # `import_module` takes `committee-zipfile` too
_KEY_LINE = re.compile(r"""(?:"[^"]*"|'[^']*'|[^\s#'"][^#]*?)[ \t]*:(?:\s|$)""")  # a mapping's entry: `es:keyword: true`
_PLAIN_VALUE = re.compile(r"""[\w.-]*|'[\w.-]*'|"[\w.-]*"|\[\]|\{\}|null|~""")


@dataclass(frozen=True)
class PipelineSpecs:
    """The modules dpp may run as processors (`governed`) and those a loaded spec's step may resolve to (`listed`)."""

    governed: FrozenSet[str] = frozenset()
    listed: FrozenSet[str] = frozenset()
    specs: FrozenSet[str] = frozenset()  # the loaded `pipeline-spec.yaml` files (absolute), read here rather than as launch words

    @property
    def unlisted(self) -> FrozenSet[str]:
        return self.governed - self.listed


def pipeline_specs(analysis) -> PipelineSpecs:
    """The run's PipelineSpecs, read once."""
    return analysis.derived("pipeline-specs", lambda: _read(analysis))


def _read(analysis) -> PipelineSpecs:
    tree = project_tree(analysis)
    if not tree.known:
        return PipelineSpecs()
    root = str(tree.root)
    paths = [os.path.join(folder, name) for folder, name in tree.files()]
    spec_files = [path for path in paths if os.path.basename(path) == SPEC_FILE
                  or os.path.basename(path).startswith(SPEC_FILE + ".")]
    texts = _launch_texts(analysis, root)
    specs = _loaded(spec_files, texts.values()) if spec_files and _starts_dpp(texts, root) else None
    if not specs:
        return PipelineSpecs()
    index = analysis.index
    files: Dict[str, str] = {}  # absolute path -> module
    for name, module in index.modules.items():
        files[os.path.normpath(os.path.join(root, module.path))] = name
    plugins = [folder for folder in {os.path.dirname(path) for path in files}
               if os.path.basename(folder).startswith(_PLUGIN_PREFIX)]  # project packages dpp takes `<plugin>.<name>` from
    listed: Set[str] = set()
    for spec in specs:
        steps = _steps(spec)
        if steps is None:
            return PipelineSpecs()
        for key, value in steps:
            found = _run_targets(value, os.path.dirname(spec), files, plugins) if key == "run" \
                else _flow_targets(value, os.path.dirname(spec), files, index)
            listed.update(found)
    generated = set()  # the folders of a project generator's source specs: what its pipelines resolve against
    for source in (path for path in paths if path.endswith(SOURCE_SPEC_SUFFIX)):
        package = _PLUGIN_PREFIX + os.path.basename(source)[:-len(SOURCE_SPEC_SUFFIX)]
        if package not in index.modules:
            return PipelineSpecs()  # a generator outside the project: its pipelines may name anything
        generated.add(os.path.dirname(source))
    folders = {os.path.dirname(path) for path in spec_files} - generated
    own = [os.path.join(plugin, "processors") for plugin in plugins if not publishes(analysis, plugin)]  # not a published plug-in's
    tests = test_modules(index)
    governed = {module for path, module in files.items()
                if module not in tests and os.path.basename(path) != "__init__.py" and _inside(path, folders, own)}
    return PipelineSpecs(frozenset(governed), frozenset(listed), frozenset(map(os.path.abspath, specs)))


def _inside(path: str, folders: Set[str], processors: List[str]) -> bool:
    """The file lies in a processor folder: right in a spec's folder, or anywhere below a plug-in's `processors/`."""
    return os.path.dirname(path) in folders or any(path.startswith(folder + os.sep) for folder in processors)


def _launch_texts(analysis, root: str) -> Dict[str, str]:
    """The uncommented text of each launch file but the specs (whose steps `_steps` reads)."""
    texts: Dict[str, str] = {}
    for path in analysis.derived("launch-files", tuple):
        name = os.path.basename(path)
        if name.startswith(SPEC_FILE) or name.endswith(SOURCE_SPEC_SUFFIX):
            continue
        text = read_launch_text(path)
        if text is not None:
            texts[path] = text
    return texts


def _starts_dpp(texts: Dict[str, str], root: str) -> bool:
    """A deployment launch file starts a dpp server or runs its pipelines: it builds on or runs the
    `datapackage-pipelines` image (whose entry point is the server), or its command is `dpp serve`/`dpp run`, the image's
    `/dpp/docker/run.sh` or `python -m datapackage_pipelines...`. A module's `import datapackage_pipelines` is no such
    evidence: a published plug-in's processors import its wrapper, and so does a library of them no server here runs."""
    return any(_STARTS_DPP.search(text) for path, text in texts.items() if not development_file(path, root))


def _loaded(spec_files: List[str], texts: Iterable[str]) -> Optional[List[str]]:
    """The spec files dpp loads: every `pipeline-spec.yaml`, and a `pipeline-spec.yaml.<suffix>` whose name a launch file
    spells (a build or start step that copies or renders it into place); the others are switched off. None (unsure)
    where a launch file names a spec so that which one is loaded is unknown: `pipeline-spec.yaml` itself (a copy or a
    template rendered into it, from a file of any name) or a computed suffix (`pipeline-spec.yaml.$STAGE`, a glob)."""
    named: Set[str] = set()
    for text in texts:
        for match in _SPEC_MENTION.finditer(text):
            if not _SUFFIX.fullmatch(match.group(1)):
                return None
            named.add(SPEC_FILE + match.group(1))
    return [path for path in spec_files if os.path.basename(path) in named | {SPEC_FILE}]


def _steps(path: str) -> Optional[List[Tuple[str, str]]]:
    """(key, name) of every `run:` and `flow:` key of a spec file's text, or None when the file cannot be read or
    something may name a processor unseen: a value that is no plain name, an inline `code:` step, a YAML complex
    key or a value on the line below its key (`? run`, `: foo`), a quoted key spelled with an escape."""
    text = read_bounded(path)
    if text is None:
        return None
    if any(_ends_quoted(line) for line in text.splitlines()):
        return None  # a quoted string goes on to the next line, where a `#` is no comment
    found: List[Tuple[str, str]] = []
    lines = uncommented_text(path, text).splitlines()
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("?", ":")) or _QUOTED_KEY.search(line):
            return None
        for match in _STEP_KEY.finditer(line):
            rest = line[match.end():]
            if not match.group(1) and rest[:1] not in ("", " ", "\t"):
                continue  # `run:x` is a plain word, no key (only a quoted key may be followed by its value at once)
            key, value = match.group(2), _value(rest)
            if key == "code":
                if not _PLAIN_VALUE.fullmatch(value) or not value and _scalar_follows(lines[number + 1:]):
                    return None  # a step's inline Python (a `code: |` block), or a string on the lines below
                continue
            if key == "run" and _RUN_NAME.fullmatch(value) or key == "flow" and _FLOW_NAME.fullmatch(value):
                found.append((key, value))
            else:
                return None
    return found


def _ends_quoted(line: str) -> bool:
    """The raw line ends inside a quoted scalar: a `'` or `"` that starts a value (at the line's start, after a blank or
    one of `[{,:`) and is not closed on the line (`''` and `\\"` do not close it), before any comment (a `#` after a
    blank, outside quotes). An apostrophe inside a plain word (`Don't`) starts nothing."""
    quote, at = "", 0
    while at < len(line):
        char = line[at]
        if quote == '"' and char == "\\":
            at += 1
        elif quote == "'" and char == "'" and line[at + 1:at + 2] == "'":
            at += 1
        elif quote and char == quote:
            quote = ""
        elif not quote and char == "#" and (at == 0 or line[at - 1] in " \t"):
            break
        elif not quote and char in "'\"" and (at == 0 or line[at - 1] in " \t[{,:"):
            quote = char
        at += 1
    return bool(quote)


def _value(raw: str) -> str:
    """A key's value on its line, up to the end of a flow mapping's entry, quotes taken off a plain name."""
    value = raw.strip()
    if not value:
        return value
    if value[0] not in "'\"[{":
        value = re.split(r"[,}\]]", value, maxsplit=1)[0].strip()
    elif value[0] in "'\"" and (end := value.find(value[0], 1)) > 0 and _RUN_NAME.fullmatch(value[1:end]) \
            and re.fullmatch(r"[ \t]*(?:[,}\]].*)?", value[end + 1:]):
        value = value[1:end]
    return value


def _scalar_follows(following: List[str]) -> bool:
    """After a `code:` with nothing on its line, its value is below: a nested list or mapping (data, a parameter
    called `code`) starts with a list item or a key; anything else (a string on the next lines) may be Python."""
    for line in following:
        stripped = line.strip()
        if stripped:
            return not (stripped == "-" or stripped.startswith("- ") or _KEY_LINE.match(stripped))
    return False


def _run_targets(name: str, folder: str, files: Dict[str, str], plugins: Iterable[str]) -> Set[str]:
    """The project modules a step's `run: name` may be: the spec folder's file when there is one (dpp looks there
    first), else the matching processor of each project plug-in package and every file whose path ends in the
    name's (a `DPP_PROCESSOR_PATH` folder)."""
    ups = len(name) - len(name.lstrip(".")) if name.startswith("..") else 0
    parts = name.lstrip(".").split(".")
    relative = os.path.join(*([".."] * (ups - 1 if ups else 0)), *parts[:-1], parts[-1] + ".py")
    own = os.path.normpath(os.path.join(folder, relative))
    if own in files:
        return {files[own]}
    if ups:
        return set()  # a name that backs up is looked for in the spec's folder alone
    found = {module for path, module in files.items() if path.endswith(os.sep + os.path.join(*parts[:-1], parts[-1] + ".py"))}
    if len(parts) > 1:
        for plugin in plugins:
            if os.path.basename(plugin) == _PLUGIN_PREFIX + parts[0]:
                target = os.path.join(plugin, "processors", *parts[1:-1], parts[-1] + ".py")
                found.update([files[target]] if target in files else [])
    return found


def _flow_targets(name: str, folder: str, files: Dict[str, str], index) -> Set[str]:
    """The project modules a step's `flow: name` may import: the module of that dotted name, the spec folder's (the
    step's process imports through `sys.path`, the folder last), and every module whose dotted name ends in it, since
    a folder the deployment puts on `PYTHONPATH` comes before the spec's folder."""
    parts = name.split(".")
    found = {module for module in index.modules if module == name or module.endswith("." + name)}
    for candidate in (os.path.join(folder, *parts) + ".py", os.path.join(folder, *parts, "__init__.py")):
        found.update([files[candidate]] if candidate in files else [])
    return found
