"""Whether an item a loaded configuration file gives by its key path is a loopback address (the project half of
config_paths.py; PRR501's project/switches.py `loopback` asks it for `config-path:` keys).

`Client.__init__(self, config["bettercap"]["hostname"], ...)` in `Agent.__init__(self, view, config)`, the one
`Agent(config=config)` passing `config = utils.load_config(args)`, and `load_config` naming `defaults.toml` beside
`toml.load`: the item is the shipped file's `bettercap.hostname`. The key names a loopback address when:

- its mapping is tied to loaders: a function (`from:`; another module's mapping that one function fills in place, as
  its module records it, ModuleSummary.mapping_ties), or a parameter (`param:`) every call the project makes of its
  function passes a mapping so tied (rules/param_guards.py's codes, followed through callers that pass their own on),
  the function called from nowhere the project does not show (param_switches.py `callable_elsewhere`);
- each loader calls a parser of a format (`toml.load`, `tomllib.load`, `json.load`, `yaml.safe_load`, a `configparser`
  parser) and names,
  in a literal argument of one of its calls or any literal of its body, a file of that format the project ships by its
  name (`os.path.join(folder, "defaults.toml")`, `conf_file = BASE_DIR + "/engine.json"`); a loader whose parser
  reads a file (not a text: `json.loads` may parse a
  request's body) and that names no shipped one reads the file an installation makes from the project's samples
  (`config.read(args.config_file)` beside `config.ini_sample`): then the samples of its format stand for it (a plain
  `defaults.toml` it does not name may be any other program's). YAML is read line by line (config_files.py `yaml_items`): no
  parser of the linted project's files is imported, and a line costs one match;
- those files give the path a loopback address, each that has it (one at least), and no other configuration file
  the tree ships (TOML, JSON, YAML, INI, their samples; tests aside) gives it anything but a loopback address or a
  blank. A file another loader of the project reads and these do not (`_theirs`: a sibling program's sample) is that
  program's, neither standing for the loaded one nor pointing the key elsewhere. A file that cannot be read as its
  format and that spells the path's last key outside a comment line may set it: the key stays unknown.

A parameter read as an INI option (`cfg.get("RedisGlobal", "host")` in `Geo_helper.__init__(self, serv_redis_db, cfg)`,
config_paths.parser_option) is one only when every call the project makes passes an INI parser itself (`cfg =
configparser.ConfigParser()`, its code `config-path:parser:<tie>#`): a mapping's `get(key, default)` has the same shape.

A mapping whose loaders cannot be told, a loader of a text naming no shipped file, or a path no file that stands for the
loaded one holds: the deployment decides, and the key is not known to be loopback. So for a host when a loader has no
file of its own standing for it (each is judged by its own), names a file the tree has no copy of, reads a second file
or a path the environment names (`_one_file`), or code fills the parser another way (`_set_elsewhere`).

The same files say whether a switch read by key path is off (`off`): a module-level instance of a class that parses the
file (config_paths.instance_ties) has the class's methods as its loaders.
"""

from __future__ import annotations

import ast
import os
import re
from keyword import iskeyword
from typing import Dict, Iterable, List, Optional, Set, Tuple

from prr_lint.config_getters import ENTRY, GETS_ENTRY
from prr_lint.config_paths import CONFIG_PATH, FILE_PARSERS, FROM, PARAM, PARSER, PARSERS, PATH
from prr_lint.env_eval import TRUE_WORDS
from prr_lint.loopback_hosts import loopback_address
from prr_lint.parse_guard import newest_tree
from prr_lint.paths import is_test_path
from prr_lint.project.config_files import MISSING, SAMPLE_WORD, config_document, config_files, config_format, spells
from prr_lint.project.param_switches import ParamSwitches
from prr_lint.project.parsed_trees import parsed_tree
from prr_lint.project.shipped_values import SAMPLE_SUFFIXES
from prr_lint.project.texts import job_text
from prr_lint.rules.param_guards import call_arguments
from prr_lint.word_counts import WORD

# a sample's word inside the name, before its format's suffix (`duffy-example-config.yaml`, `config.sample.yml`)
_SAMPLE_STEM = re.compile(r"(?:^|[._-])(?:sample|example|dist|template)[._-]")
# A boolean false or an empty collection in a configuration file; an empty value, `null` or `None` is a blank to fill in.
FALSE_WORDS = frozenset({"false", "0", "no", "off", "n", "f", "{}", "[]", "()"})
BLANK_WORDS = frozenset({"", "none", "null", "~"})
_MAX_HOPS = 4
_FILLS = frozenset({"read_dict", "read_string", "read_file", "readfp"})  # a configparser parser filled from no file named
_ENVIRONMENT = frozenset({"environ", "getenv"})
_READS = frozenset({"get", "getboolean"})  # a mapping's or an INI parser's read of an item: no writer (`_handed`)
# What may hand a parser's `read` several files (`cfg.read([configfile] + sorted(glob(...)))`, `paths = [a, b]`).
_COLLECTIONS = (ast.List, ast.Tuple, ast.Set, ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.Starred)


def _sample(name: str) -> bool:
    """A configuration file's sample, which an installation copies and edits (`config.ini_sample`, `app.toml.example`,
    `service-example-config.yaml`)."""
    return bool(SAMPLE_WORD.search(name) or _SAMPLE_STEM.search(name)) \
        or name.endswith(tuple(suffix for suffix in SAMPLE_SUFFIXES if suffix != ".toml"))


class ConfigPaths:
    """The project's loaders and configuration files, read once per run."""

    def __init__(self, analysis, params: ParamSwitches, files: Iterable[Tuple[str, str]]) -> None:
        self.index = analysis.index
        self.params = params
        files = list(files)
        self.files = config_files(files)  # a file name -> the paths of the configuration files so named
        self.names: Dict[str, List[str]] = {}  # the same, for every file outside tests
        for folder, name in files:
            path = os.path.join(folder, name)
            if not is_test_path(path.replace(os.sep, "/")):
                self.names.setdefault(name, []).append(path)
        self._kinds: Dict[str, Optional[str]] = {}  # a variant's format: the loader's
        self._analysis = analysis
        self._names_of: Dict[str, Set[str]] = {}  # a loader -> the file names it spells (`_named`)
        self._parsing: Optional[Set[str]] = None  # the functions outside tests that call a parser (`_theirs`)
        self._trees: Dict[str, Optional[ast.Module]] = {}

    def loopback(self, key: str, images: Optional[List[str]] = None) -> bool:
        """The `config-path:<tie>#<path>` key names a loopback address (module docstring). With the texts of the image
        files of a compose file that runs the code in a container of its own (`images`), only when an image installs
        a shipped copy as the file the loader reads (`COPY settings/app.cfg.docker /srv/settings/app.cfg`): in the
        container, a loopback address that file gives is the container itself."""
        tie, _, path = key[len(CONFIG_PATH):].partition(PATH)
        if tie.startswith(ENTRY):
            return images is None and self._entry(tie[len(ENTRY):], path.split(","))
        keys = tuple(path.split(".")) if path else ()
        loaders = self._loaders(tie.removeprefix(PARSER), 0, tie.startswith(PARSER)) if keys else None
        loaded = {file for loader in loaders or () for file in self._loaded(loader)}
        if images is not None and (loaded or not loaders or not self._installed(loaders, images)):
            return False
        # each loader by its own files: a sample of one caller's file does not stand for another's
        each = [self._standing({loader}, set(self._loaded(loader))) if self._one_file(loader) else set() for loader in loaders or ()]
        return all(each) and bool(each) and self._judged(set().union(*each), keys, loaders or set())

    def _judged(self, loaded: Set[str], keys: Tuple[str, ...], loaders: Set[str], apart: Optional[Set[str]] = None) -> bool:
        """The files standing for the loaded one give the path a loopback address, and none of them nor any other
        shipped configuration file (but another loader's, or one `apart`) gives it another."""
        theirs = self._theirs(loaders) | (apart or set())
        found = [value for file in sorted(loaded) for value in self._values(file, keys)]
        others = [value for paths in self.files.values() for file in paths if file not in loaded and file not in theirs
                  for value in self._values(file, keys)]
        return any(isinstance(value, str) and value for value in found) and not self._set_elsewhere(keys) \
            and all(isinstance(value, str) and (not value or loopback_address(value)) for value in found + others)

    def _entry(self, callee: str, words: List[str]) -> bool:
        """A getter's call with literal words (config_getters.py): the entry its key word names in the shipped files
        its file word names (`generic.json.sample` and the installation's `generic.json` made from it)."""
        for _ in range(_MAX_HOPS):  # a re-export (`from .helpers import get_config` in a package's `__init__`)
            if callee in self.index.functions:
                break
            module, _, attribute = callee.rpartition(".")
            callee = self.index.modules[module].imports.get(attribute, "") if module in self.index.modules else ""
        summary = self.index.functions.get(callee)
        tags = [tag[len(GETS_ENTRY):].split("/", 2) for tag in summary.tags if tag.startswith(GETS_ENTRY)] if summary else []
        if len(tags) != 1 or max(int(tags[0][0]), int(tags[0][1])) >= len(words):
            return False
        named = SAMPLE_WORD.sub("", words[int(tags[0][0])] + tags[0][2])
        loaded = {file for shipped, paths in self.files.items() for file in paths
                  if shipped == named or shipped.startswith(named) and shipped[len(named)] in "._-"}
        folders, suffix = {os.path.dirname(file) for file in loaded}, SAMPLE_WORD.sub("", tags[0][2])
        kinds = {file for shipped, paths in self.files.items() for file in paths  # the getter's files for other words
                 if os.path.dirname(file) in folders and SAMPLE_WORD.sub("", shipped).endswith(suffix)} - loaded
        return bool(loaded) and self._judged(loaded, (words[int(tags[0][1])],), {callee}, kinds)

    def off(self, key: str) -> bool:
        """The `config-path:<tie>#<path>` switch (config_paths.switch_path, read with a default that leaves it off) is off
        as shipped: its loaders are known and so are the files that stand for the one they read (as `loopback` finds
        them), and neither those nor any other configuration file the tree ships (tests aside) gives the path a value
        that is on, or anything below it; a line commented out gives nothing. Nor does code outside tests hand the
        path's last key to a call other than a read (`set_config("local_avatar", True)`): a writer may store it. An INI
        parser's option (`config.getboolean("recaptcha", "USE_GOOGLE_RECAPTCHA")`, config_paths.boolean_option) is the
        shipped files' only when the parser reads one file they stand for and nothing else sets it (`_parser_kept`)."""
        keys, loaded, files = self._judged_files(key)
        return bool(loaded) and not any(_on(value) for file in files for value in self._values(file, keys, below=True)) \
            and not self._handed(keys[-1]) and self._parser_kept(key)

    def on(self, key: str) -> bool:
        """The `config-path:<tie>#<path>` item is true as shipped (the attribute a class fills from it, project/loaded_fields.py):
        its loaders and the files that stand for the one they read are known (as `off` finds them), one of those gives
        the path, and every value any shipped configuration file gives it is true; no code outside tests hands its last
        key to a call other than a read."""
        keys, loaded, files = self._judged_files(key)
        values = {file: self._values(file, keys) for file in files}
        return any(values[file] for file in loaded) and all(_true(value) for found in values.values() for value in found) \
            and not self._handed(keys[-1])

    def _parser_kept(self, key: str) -> bool:
        """Each loader of the key's mapping that builds an INI parser reads one file the shipped ones stand for (`_one_file`:
        no second file, none the environment names), and no code sets the option or fills a parser another way
        (`_set_elsewhere`), as `loopback` asks: otherwise that file or code decides."""
        tie, _, path = key[len(CONFIG_PATH):].partition(PATH)
        parsing = {loader for loader in self._loaders(tie, 0) or () if self._formats(loader, PARSERS["ini"])}
        return not parsing or (all(map(self._one_file, parsing)) and not self._set_elsewhere(tuple(path.split("."))))

    def _judged_files(self, key: str) -> Tuple[Tuple[str, ...], Set[str], List[str]]:
        """The keys of a `config-path:` key's path, the shipped files that stand for the one its loaders read, and
        those with every other shipped configuration file, sorted: all that may give the path a value."""
        tie, _, path = key[len(CONFIG_PATH):].partition(PATH)
        loaders = self._loaders(tie, 0) if path else None
        loaded = self._standing(loaders, {file for loader in loaders or () for file in self._loaded(loader)})
        return tuple(path.split(".")), loaded, sorted(loaded | {file for paths in self.files.values() for file in paths})

    def _standing(self, loaders: Optional[Set[str]], loaded: Set[str]) -> Set[str]:
        """The shipped files the loaders read: those they name (`loaded`), else the shipped samples of their formats
        and the variants of the file they name (`settings.cfg.docker`)."""
        if loaded or not loaders:
            return loaded
        formats = {kind for loader in loaders for kind in self._formats(loader, FILE_PARSERS)}
        loaded = {file for name, paths in self.files.items() if config_format(name) in formats and _sample(name) for file in paths}
        return (loaded - self._theirs(loaders)) | self._variants(loaders, formats)

    def _theirs(self, loaders: Set[str]) -> Set[str]:
        """The shipped configuration files the project's other loaders read and these do not (named by them, or a
        variant of a name they name): another program's configuration (a sibling engine's `cortex.json.sample` beside
        this one's `arachni.json.sample`), not a copy of the one these read."""
        if self._parsing is None:
            parsers = {name for names in PARSERS.values() for name in names}
            self._parsing = {name for name, function in self.index.functions.items()
                             if parsers.intersection(function.calls) and self.index.module_of(name) not in self.params.tests}
        return self._claims(self._parsing - loaders) - self._claims(loaders)

    def _claims(self, loaders: Set[str]) -> Set[str]:
        """The shipped configuration files named as the loaders name one, or as such a name and a suffix."""
        named = {name for loader in loaders for name in self._named(loader)}
        return {file for shipped, paths in self.files.items() for file in paths
                if any(shipped == name or shipped.startswith(name) and shipped[len(name)] in "._-" for name in named)}

    def _handed(self, word: str) -> bool:
        """A call outside tests other than a read (`get`, `getboolean`) passes `word` as a literal argument."""
        for name, function in self.index.functions.items():
            if self.index.module_of(name) in self.params.tests:
                continue
            for callee, codes in call_arguments(function.tags):
                if callee.rpartition(".")[2] not in _READS and any(code.partition("=")[2 if "=" in code else 0] == "s" + word for code in codes.split(",")):
                    return True
        return False

    def _set_elsewhere(self, keys: Tuple[str, ...]) -> bool:
        """Code outside tests sets the INI option to anything but a loopback literal (`parser.set("node-rpc", "host",
        args.host)`, then `parser.write(handle)`), or an option of its section it computes, or fills a parser another
        way (`read_dict`, `read_string`, `read_file`: what it reads is not a shipped file): the parser holds what that
        code gives."""
        if len(keys) != 2:
            return False
        wanted = ["s" + keys[0], "s" + keys[1].lower()]
        for name, function in self.index.functions.items():
            if self.index.module_of(name) in self.params.tests:
                continue
            for callee, codes in call_arguments(function.tags):
                given, method = codes.split(","), callee.rpartition(".")[2]
                literal_value = len(given) == 3 and (given[2][:1] == "s" and loopback_address(given[2][1:]) or given[2] == "h")
                if method in _FILLS and callee not in self.index.functions or method == "set" and len(given) == 3 and not literal_value \
                        and (given[0] == wanted[0] and (given[1][:1] != "s" or given[1].lower() == wanted[1])
                             or given[0][:1] != "s" and given[1].lower() == wanted[1]):  # a computed section: by its option
                    return True
        return self._written(keys)

    def _written(self, keys: Tuple[str, ...]) -> bool:
        """Code outside tests stores the path as an item (`cfg["RedisGlobal"]["host"] = os.environ["REDIS_HOST"]`), or a
        section of it whole (`cfg["RedisGlobal"] = {...}`), or into a name bound to the section or `update`s it
        (`section = cfg["RedisGlobal"]; section["host"] = ...`), other than a loopback literal: the file no longer
        decides. Only a module whose literals hold the words of the path's first key (ModuleSummary.string_words; an INI
        option's case is folded, its section's is not) is parsed; one that does not parse may store it."""
        wanted = [key.lower() for key in keys]
        words = {word for word in WORD.findall(keys[0]) if not iskeyword(word)}  # as ModuleSummary.string_words keeps them
        for name, summary in self.index.modules.items():
            if name in self.params.tests or is_test_path(summary.path) or not words <= summary.string_words:
                continue
            tree = self._tree(summary.path)
            if tree is None:
                return True
            nodes = list(ast.walk(tree))
            sections = {target.id for node in nodes if isinstance(node, ast.Assign) and _item_path(node.value) == wanted[:1]
                        for target in node.targets if isinstance(target, ast.Name)}
            for node in nodes:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
                value = getattr(node, "value", None)
                local = isinstance(value, ast.Constant) and isinstance(value.value, str) and loopback_address(value.value)
                if any(_computed_item(target) for target in targets):
                    return True  # `cfg[section][option] = value` by computed keys (an environment loop) may be this path
                for path in filter(None, map(_item_path, targets)):
                    if wanted[: len(path)] == path and not (local and len(path) == len(wanted)):
                        return True
                if any(isinstance(target, ast.Subscript) and _item_base(target) in sections for target in targets) \
                        or _updates(node, wanted[0], sections):
                    return True
        return False

    def _loaders(self, tie: str, hops: int, parsers: bool = False) -> Optional[Set[str]]:
        """The functions a tied mapping comes from; None when one cannot be told, or (`parsers`: a parameter read as an
        INI option, config_paths.parser_option) when a call passes the parameter anything but an INI parser."""
        if hops > _MAX_HOPS:
            return None
        if tie.startswith(FROM):
            name = tie[len(FROM):]
            if name in self.index.functions:
                return {name}
            owner = self.index.modules.get(name.rpartition(".")[0])
            if owner is not None and FROM + name in owner.mapping_ties.values():
                # a class its module binds an instance of that loads a file and reads it by key (config_paths.instance_ties)
                return {method for method in self.index.functions if method.rpartition(".")[0] == name}
            filled = self._filled(name, hops)  # another module's mapping a loader fills in place
            return self._loaders(filled, hops + 1) if filled is not None else None
        if not tie.startswith(PARAM):
            return None
        function, _, rest = tie[len(PARAM):].partition("/")
        name, _, position = rest.partition("@")
        if function not in self.index.functions or not position.isdigit() or self.params.callable_elsewhere(function):
            return None
        codes = self.params.guards.given(function, name, int(position), "")
        loaders: Set[str] = set()
        for code in codes or [""]:
            mapping, _, path = code[1:].partition(PATH)
            parser = code.startswith("k" + CONFIG_PATH + PARSER)
            found = self._loaders(mapping[len(CONFIG_PATH):].removeprefix(PARSER), hops + 1) \
                if code.startswith("k" + CONFIG_PATH) and not path and (parser or not parsers) else None
            if found is None:
                return None
            loaders |= found
        return loaders

    def _filled(self, name: str, hops: int) -> Optional[str]:
        """The tie a module records for its mapping `name` (ModuleSummary.mapping_ties), through re-exports
        (`from .main import config` in a package's `__init__`)."""
        for _ in range(hops, _MAX_HOPS + 1):
            owner, _, attribute = name.rpartition(".")
            module = self.index.modules.get(owner)
            if module is None:
                return None
            if attribute in module.mapping_ties:
                return module.mapping_ties[attribute]
            name = module.imports.get(attribute, "")
        return None

    def _installed(self, loaders: Set[str], images: List[str]) -> bool:
        """An image file copies a shipped file (`COPY <shipped> <destination>`) to a name the loaders read."""
        named = {name for loader in loaders for name in self._named(loader)}
        for text in images:
            for line in text.splitlines():
                words = line.split()
                if len(words) == 3 and words[0].upper() in ("COPY", "ADD") and os.path.basename(words[2]) in named \
                        and os.path.basename(words[1]) in self.names:
                    return True
        return False

    def _variants(self, loaders: Set[str], formats: Set[str]) -> Set[str]:
        """The shipped files named as one the loaders name and a suffix (`settings.cfg.docker` for `settings.cfg`): the
        installation's copies of it, read in its format."""
        found: Set[str] = set()
        for name in {name for loader in loaders for name in self._named(loader)}:
            kind = config_format(name)
            for shipped, paths in self.names.items() if kind in formats else ():
                if shipped != name and shipped.startswith(name) and shipped[len(name)] in "._-":
                    found.update(paths)
                    self._kinds.update(dict.fromkeys(paths, kind))
        return found

    def _named(self, loader: str) -> Set[str]:
        """The file names the loader spells in a literal argument of one of its calls, and the configuration files it
        names in any literal of its body, alone or ending a built path (`conf = HERE + "/engine.json"`, then
        `open(conf)`; `f"{HERE}/engine.json"`)."""
        found = self._names_of.get(loader)
        if found is None:
            literals = [code.partition("=")[2] if "=" in code else code
                        for _, codes in call_arguments(self.index.functions[loader].tags) for code in codes.split(",")]
            found = self._names_of[loader] = self._spelled(loader) | {
                os.path.basename(literal[1:]) for literal in literals if literal.startswith("s") and literal[1:]}
        return found

    def _spelled(self, loader: str) -> Set[str]:
        """The names of configuration files the loader's `def` spells in its string literals."""
        words = (found.value for found in self._body(loader, False) if isinstance(found, ast.Constant) and isinstance(found.value, str))
        return {os.path.basename(word) for word in words if len(word) < 256 and config_format(os.path.basename(word)) is not None}

    def _body(self, loader: str, top: bool = True) -> List[ast.AST]:
        """The nodes of the loader's `def`, or (`top`) of its module's top level when it is the module's own code."""
        function = self.index.functions[loader]
        module = self.index.modules.get(self.index.module_of(loader))
        tree = self._tree(module.path) if module is not None else None
        if tree is None:
            return []
        if top and loader == module.module:  # type: ignore[union-attr]
            return [node for statement in tree.body if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                    for node in ast.walk(statement)]
        node = next((found for found in ast.walk(tree) if isinstance(found, (ast.FunctionDef, ast.AsyncFunctionDef))
                     and found.lineno == function.line), None)
        return list(ast.walk(node)) if node is not None else []

    def _one_file(self, loader: str) -> bool:
        """The files the loader's parser reads are one the tree ships (a copy, a sample or a variant of each name it
        spells), or one its samples stand for: not a file read after it (`cfg.read(configfile);
        cfg.read("/etc/app/override.cfg")`, `cfg.read([configfile, local])`), one the tree has no copy of, nor a path
        the environment names (`os.environ.get("APP_CONFIG") or ...`): that file decides."""
        formats = self._formats(loader, {name for names in PARSERS.values() for name in names})
        if any(config_format(name) in formats and not self._shipped(name) for name in self._named(loader)):
            return False
        if "ini" not in formats:
            return True
        body = self._body(loader)
        reads = [node.args[0] for node in body if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                 and node.func.attr == "read" and node.args and not isinstance(node.args[0], ast.Constant)]
        names = {found.id for read in reads for found in ast.walk(read) if isinstance(found, ast.Name)}
        bound = [node.value for node in body if isinstance(node, ast.Assign)
                 and any(isinstance(target, ast.Name) and target.id in names for target in node.targets)]
        looped = any(isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and any(found in read_ids for found in map(id, ast.walk(node)))
                     for node in body for read_ids in [set(map(id, reads))])
        return len(reads) <= 1 and not looped and not any(
            isinstance(found, _COLLECTIONS) or _environment(found) for value in reads + bound for found in ast.walk(value))

    def _shipped(self, name: str) -> bool:
        """The tree ships a file so named, or one named so and a suffix (`config.cfg.default`)."""
        return name in self.files or any(shipped.startswith(name) and shipped[len(name)] in "._-" for shipped in self.names if shipped != name)

    def _tree(self, path: str) -> Optional[ast.Module]:
        """The run's module at `path` as an `ast` tree, from its job's bytes (else from disk), parsed once."""
        if path not in self._trees:
            text = job_text(self._analysis.derived("job-for", lambda: lambda _path: None)(path))
            self._trees[path] = newest_tree(text) if text is not None else parsed_tree(self._analysis, path)
        return self._trees[path]

    def _formats(self, loader: str, parsers: Iterable[str]) -> Set[str]:
        """The formats of the `parsers` the loader calls."""
        called = set(self.index.functions[loader].calls).intersection(parsers)
        return {kind for kind, names in PARSERS.items() if called & names}

    def _loaded(self, loader: str) -> List[str]:
        """The shipped files of a format whose parser the loader calls that it names in a literal argument."""
        formats = self._formats(loader, {name for names in PARSERS.values() for name in names})
        names = self._named(loader)
        return [path for name in sorted(names) if config_format(name) in formats for path in self.files.get(name, ())]

    def _values(self, path: str, keys: Tuple[str, ...], below: bool = False) -> List[object]:
        """What the file gives the key path ([] when it holds none), and with `below` what it gives any path within it
        (a YAML item under it, an INI section by its name: the path holds a mapping); a file that cannot be read as its
        format but spells the last key outside its comments gives an unknown value (`MISSING`)."""
        kind = self._kinds.get(path) or config_format(os.path.basename(path))
        parsed = config_document(self._analysis, path, kind)
        if isinstance(parsed, str):  # unreadable as its format: its text
            return [MISSING] if spells(parsed, keys[-1], kind) else []
        if kind == "yaml":
            return [value for found, value in parsed if found == keys or below and found[: len(keys)] == keys]  # type: ignore[union-attr]
        if kind == "ini" and below and len(keys) == 1 and isinstance(parsed, dict) and parsed.get(keys[0]):
            return [parsed[keys[0]]]
        if kind == "ini":  # `[section]` and its option, in the case configparser folds it to
            section = parsed.get(keys[0]) if len(keys) == 2 and isinstance(parsed, dict) else None
            return [section[keys[1].lower()]] if isinstance(section, dict) and keys[1].lower() in section else []
        for key in keys:
            parsed = parsed.get(key, MISSING) if isinstance(parsed, dict) else MISSING
        return [] if parsed is MISSING else [parsed]


def _environment(node: ast.AST) -> bool:
    """`os.environ`, `environ`, `os.getenv`, `getenv`."""
    return isinstance(node, ast.Attribute) and node.attr in _ENVIRONMENT or isinstance(node, ast.Name) and node.id in _ENVIRONMENT


def _item_base(target: ast.expr) -> str:
    """The name an item is stored into (`section` of `section["host"] = ...`); "" for another target."""
    while isinstance(target, ast.Subscript):
        target = target.value
    return target.id if isinstance(target, ast.Name) else ""


def _updates(node: ast.AST, section: str, sections: Set[str]) -> bool:
    """`cfg["RedisGlobal"].update(...)`, or `update` of a name bound to that section."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"):
        return False
    owner = node.func.value
    return _item_path(owner) == [section] or isinstance(owner, ast.Name) and owner.id in sections


def _item_path(target: ast.expr) -> List[str]:
    """The literal keys, lower case, of an item stored by `m["a"]["b"] = ...`; [] for another target."""
    keys: List[str] = []
    while isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str):
        keys.insert(0, target.slice.value.lower())
        target = target.value
    return keys


def _computed_item(target: ast.expr) -> bool:
    """An item stored two levels deep by a key that is no literal (`cfg[section][option] = value`; not `feed[2]["data"]`)."""
    keys: List[ast.expr] = []
    while isinstance(target, ast.Subscript):
        keys, target = [*keys, target.slice], target.value
    return len(keys) >= 2 and not all(isinstance(key, ast.Constant) for key in keys)


def _on(value: object) -> bool:
    """A value a file gives a switch that turns it on: not a false word, a blank, a false literal or an empty
    collection; an unknown one (`MISSING`) may."""
    if isinstance(value, str):
        return value.strip().lower() not in FALSE_WORDS | BLANK_WORDS
    return value is MISSING or bool(value)


def _true(value: object) -> bool:
    """A value a file gives a switch that a truth test takes as true whatever parses it: a true word, or a true value
    of a typed format (JSON's `true`, a number but zero); an unknown one (`MISSING`) may be false."""
    if isinstance(value, str):
        return value.strip().lower() in TRUE_WORDS
    return value is not MISSING and bool(value)
