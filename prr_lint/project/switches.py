"""Configuration switches that every shipped configuration leaves off (PRR501's project half of rules/config_switches.py).

A key is off when the project gives it at least one value and every value is `False`: each Python
assignment outside tests (a config class attribute, a typed settings field's default, `ENABLE_X: bool = False`
or `= Field(default=False)` in a pydantic or dataclass settings holder, a settings constant, `app.config["K"] =
...`: the module tags of switch_keys.py) and each assignment in a shipped configuration or deployment file (`K =
False` in a Python-syntax `.conf` file the app loads, `K: false` in YAML, `K=0` in an `.env` file, `ENV K 0` in a
Dockerfile, `- name: K` / `value: "false"` in a Kubernetes manifest; also under a prefix, `FLASK_K=true`, which a
loader copying prefixed environment variables into the config reads). Any other value turns it on: a true one, a
computed one, a read of the environment (the deployment decides). A copy of another key (`FEATURE =
Settings.ENABLE_X`) is on or off as that key is; a copy of the key itself (`ENABLE_X = Settings.ENABLE_X`) gives
it no value. A key held by an object (a module, a class, an instance's class) that also takes `setattr`s of computed
names (a loader setting each item of a configuration file, the environment or a form on it) is neither off nor
always on, in either case: the object may hold any key (project/filled_settings.py). `None` or `""` in code is a
blank the deployment fills in: it gives no value, so the shipped files decide, and with none the key counts as on. A blank a shipped file gives (`K=`, `K: ""`) leaves the switch off:
a guard tests the key for truth, and an empty address configures nothing just as an empty boolean enables
nothing. A test's values do not count: they exercise the feature, the deployment does not. A module constant read by its bare name
(`if LOKI_URL:`, the key `const:LOKI_URL`) is what Python binds, and no loader fills it: one module-level blank
(`LOKI_URL = None`) that nothing else assigns or may rebind (a store, a `setattr`, `vars()`, a star import or `globals()`:
kept_globals.py), and that no shipped file names, leaves it off (`_bound_blank`). A lower-case settings field (`field:enable_x`, settings_fields.py) is a key only when a `BaseSettings` class declares it; its
shipped values are those of its variable in either case (`APP_ENABLE_X=true`). A field read through a section of a
module-level instance of the project's pydantic configuration model (`config.developer.seqlog`, also when the file
phase names it as an INI-style read, `ini:@<object>:<section>.<key>`) is off when the model defaults it off and
nothing shipped turns it on (project/config_models.py).

A django-constance key (`constance:K`, from `config.K`: django_constance.py) is off as its `CONSTANCE_CONFIG` defaults, the writes
through the config and the values shipped files give K are, unless something else may set it (project/constance_keys.py).

A read whose false default is the key's value when nothing defines it (`defaulted:K`, from `current_app.config.get("K",
False)` on a Flask app's config or `getattr(settings, "K", False)` on Django's: defaulted_reads.py) is off when K is, or
when no code outside tests, shipped file, sample or file a Flask app loads gives K a value, nothing `setattr`s computed
names on what holds it, and no load copies the environment into a Flask config (`from_prefixed_env()`: the environment
may set any key there, project/flask_configs.py).

A branch that runs only while a key is off (`not:K`, from `if not settings.K:` or `if not config.get("K", True):`) never runs when the project gives
K at least one value and every value is `True`, in code and in the shipped files (`K: true`, `K=1`): a blank, a computed value or an environment read may be false, and keeps it (`not:field:`: project/loaded_fields.py).

A test of an environment variable that is false while the variable is unset (`os.environ.get("X") in ("1", "true")`,
`bool(int(os.getenv("X", "0")))`, `os.getenv("X") is not None`, a module's converter `bool_env("X")`: switch_keys.env_key, env_eval.py,
env_converters.py) is off when the project ships deployment files (a Dockerfile, a compose file, a manifest, an `.env` sample, a start
script: launch files but dependency lists and CI pipelines, the root `app.json`: heroku_env.py) and each value they give the variable
leaves the test false, evaluated as Python would (`X=` is off for `os.getenv("X", "0") == "1"`, on for `is not None`; a value
that is no boolean word counts as on); with no deployment file the deployment is elsewhere, and the switch is on. A
guard that tests the read itself carries the key `env:NAME~MASK`, off by the same measure. A compose file's `K: ${K:-False}` ships its
default (a substitution of another variable ships nothing known: on); a commented-out line (`# export K=true`) ships nothing.

An item of a loaded configuration file read by a literal key path with a default that leaves the branch off
(`config-path:`, from `if not cfg.get("local_avatar", False): return`: config_paths.switch_path) is off when the files
its loader reads (those it names, else the shipped samples of its format) and every other shipped configuration file
leave it unset or false, no code hands its key to a writer, and no deployment file gives its name a value that is on
(project/config_paths.py `off`). A configuration store's word compared to another (`equals:K~Yes`, `not:equals:K~No`)
is off as the words the project gives K say (project/word_switches.py).

An INI file's `section.key` read through a reader built for the file (`ini:api:user_stop.enabled`, from
`Config("api").user_stop.enabled`: ini_keys.py) is off when every value the project's INI files of that name and its
crudini calls give it is a false word or blank (project/ini_values.py), always on (`not:`) when each is a true one.

The same values say whether a key names a loopback address (`loopback`): a client whose host is read from it
(`CONFIG.get("MODEL_HOST")`, `app.config["SMTP_SERVER"]`, a Django setting, a schema field `app.config["CELERY"][
"broker_url"]` with the fields' defaults, a constructor's parameter a loader fills from a configuration file) calls a
process beside it when every value shipped for the key, configuration samples included, is one, and the image sets it,
or the shipped files name it only where no compose file runs the project's code in a container (an environment read's
loopback default counts only where the project ships its deployment).

A command-line flag (`argv:-wild`, from `if "-wild" in sys.argv:`) is off when the deployment runs programs
(schedules.Deployment: its launch files name commands) and no launch file passes the flag (`manage.py healthz
-d -i 600`, never `-wild`): only an operator who types it runs the code. A project with no deployment files
tells nothing, and its flags stay on.

A function's own parameter tested for truth whose default is false (`param:`, from `if ping:` in `def
__init__(self, endpoint, ping=False)`) is off when every call the project makes of the function leaves it false
and nothing else may call the function (project/param_switches.py). A `self` attribute false but for one method
that sets it to `True` (`runs:`, from `if not self.enabled: return`) is off when every call of that method is under
a switch that is off, and nothing else may call it (project/switched_methods.py).

What a project helper returns is a switch too (`returns:<function>`, from `host = get_varnish_host(); if host is None:
return`): off when each of its returns of something other than `None` runs under, or returns, a key that is off
(project/returned_switches.py), an `env:` key too (`return Path(raw) if raw else None` after `raw = os.getenv("P", "")`). `hasattr(settings, "K")` on Django's settings (`defined:K`) is off when no code outside
tests, shipped file or sample defines K: the project's settings modules are the configuration Django runs. A name
filled in from such a helper when the caller passed none (`either:<param key>&<returns key>`) is off when both are.
`hasattr(self, "name")` (`has-attr:<name>@<class>`) is off when no code binds an attribute of that name and the class
is the project's own all the way (project/absent_attributes.py).
"""

from __future__ import annotations

import os
import re
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from prr_lint.defaulted_reads import DEFAULTED
from prr_lint.defaults_tables import INI_DEFAULT
from prr_lint.env_eval import TRUE_WORDS as _TRUE_WORDS, holds
from prr_lint.env_tables import ENV_ATTR
from prr_lint.project.absent_attributes import absent_attributes
from prr_lint.project.class_constants import class_constant_off
from prr_lint.project.compose_services import contains_own_code
from prr_lint.project.constance_keys import CONSTANCE, ConstanceKeys
from prr_lint.project.config_paths import BLANK_WORDS as _BLANK_WORDS, FALSE_WORDS as _FALSE_WORDS, ConfigPaths
from prr_lint.project.loaded_fields import LoadedFields
from prr_lint.project.config_models import flag_passed, flag_values, model_field_off
from prr_lint.project.dev_setup import Deployments
from prr_lint.rules.config_switches import DEVELOPMENT_CHOICE
from prr_lint.project.filled_settings import FilledSettings
from prr_lint.project.heroku_env import manifest_env
from prr_lint.project.flask_configs import FlaskConfigs
from prr_lint.project.env_tables import attribute_off
from prr_lint.ini_keys import IMPORTED, INI
from prr_lint.paths import is_test_path
from prr_lint.project.index import ProjectIndex
from prr_lint.project.ini_settings import ini_setting_loopback
from prr_lint.project.ini_values import Values, ini_values, reader_base, shipped_ini, with_defaults
from prr_lint.project.kept_globals import kept_global
from prr_lint.project.param_switches import ParamSwitches
from prr_lint.project.returned_switches import returned_off
from prr_lint.project.parsed_trees import TreeOf, job_tree
from prr_lint.project.launchers import in_ci
from prr_lint.project.names import settings_class
from prr_lint.project.schedules import deployment_text
from prr_lint.project.support import test_modules
from prr_lint.project.live_lines import COMPOSE_FILE, read_launch_text
from prr_lint.project.project_tree import project_tree, tree_top
from prr_lint.project.shipped_values import SAMPLE_SUFFIXES, sample_texts, shipped_values
from prr_lint.project.switched_methods import SwitchedMethods
from prr_lint.project.word_switches import StoreWords
from prr_lint.store_words import EQUALS
from prr_lint.settings_fields import FIELD, OWNER, SETS_FIELD
from prr_lint.stamps import is_container_file, is_dependency_file
from prr_lint.loopback_hosts import loopback_address
from prr_lint.namespace_writes import COMPUTED, SETS_ATTR
from prr_lint.config_paths import CONFIG_PATH, PATH
from prr_lint.setting_paths import PATH as SETTING_ENTRY, entry_key
from prr_lint.setting_keys import INI_SETTING
from prr_lint.rules.attribute_guards import HAS_ATTR
from prr_lint.socket_targets import PARAMETER
from prr_lint.switch_keys import ARGV_FLAG, BINDS_CONSTANT, BLANK, BLANK_OR, CONSTANT, COPIES, DEFINED, DJANGO_SETTING, EITHER, EITHER_AND, ENV, ENV_MASK, HOLDER, HOLDS_KEY, LOOPBACK, LOOPBACK_READ, NEGATED, OFF, ON, PARAM, PARAM_SET, RETURNS, RETURNS_SET, RUNS, SETS_KEY, TRUE, is_key

class SwitchView:
    """Every value the project gives each key, from its module tags and its shipped files."""

    def __init__(self, index: ProjectIndex, launch_files: Sequence[str], deployment: Callable[[], str] = lambda: "",
                 tree_files: Callable[[], Iterable[Tuple[str, str]]] = tuple, tree_of: TreeOf = lambda path: None,
                 params: Callable[[str], bool] = lambda key: False,
                 runs: Callable[[str, Callable[[str], bool]], bool] = lambda key, off: False,
                 param_loopback: Callable[[str, Callable[[str], bool]], Optional[bool]] = lambda key, read: False,
                 paths: Callable[[str, Optional[List[str]]], bool] = lambda key, images: False,
                 paths_off: Callable[[str], bool] = lambda key: False, paths_on: Callable[[str], bool] = lambda key: False,
                 flask: Callable[[str], List[str]] = lambda key: [], environment: Callable[[], bool] = lambda: False,
                 settings: Callable[[str, bool], bool] = lambda key, blank: False, manifest: Callable[[], Dict[str, str]] = dict) -> None:
        tests = self.tests = test_modules(index)
        self.index = index
        self.values: Dict[str, List[str]] = {}
        self.fields: Dict[str, List[Tuple[str, str]]] = {}  # a lower-case settings field -> (class, value kind)
        self.constants: Dict[str, List[str]] = {}  # a key -> the modules whose top level binds it as a plain name
        self.ini_defaults: Dict[Tuple[str, str, str], List[str]] = {}  # (file, section, option) -> a typed table's defaults
        self.set_attributes: Set[str] = set()  # what `setattr` gives a value outside tests (switch_keys.SETS_ATTR)
        self.holders: Dict[str, List[str]] = {}  # a key -> what holds a value given it, as constants do (switch_keys.HOLDS_KEY)
        for name, module in index.modules.items():
            top = module.functions.get(name)
            if top is None or name in tests or is_test_path(module.path):
                continue
            for tag in top.tags:
                if tag.startswith(SETS_KEY):
                    key, _, value = tag[len(SETS_KEY):].partition("=")
                    self.values.setdefault(key, []).append(value)
                elif tag.startswith(SETS_FIELD):
                    field, _, value = tag[len(SETS_FIELD):].partition("=")
                    owner, _, attribute = field.rpartition(".")
                    self.fields.setdefault(attribute, []).append((owner, value))
                elif tag.startswith(BINDS_CONSTANT):
                    self.constants.setdefault(tag[len(BINDS_CONSTANT):], []).append(name)
                elif tag.startswith(SETS_ATTR):
                    self.set_attributes.add(tag[len(SETS_ATTR):])
                elif tag.startswith(HOLDS_KEY):
                    key, _, owner = tag[len(HOLDS_KEY):].partition(HOLDER)
                    self.holders.setdefault(key, []).append(owner)
                elif tag.startswith(INI_DEFAULT):
                    option, _, value = tag[len(INI_DEFAULT):].partition("=")
                    base, _, rest = option.partition(":")
                    section, _, key = rest.rpartition(".")
                    self.ini_defaults.setdefault((base, section, key.lower()), []).append("false" if value == OFF else "true")
        files = [path for path in launch_files if not is_test_path(path.replace(os.sep, "/"))]
        self._launched = {**{path: read_launch_text(path) for path in files}, **manifest()}  # an app.json's values (heroku_env.py)
        self.texts = [text for text in self._launched.values() if text]
        self.image_texts = [text for text in map(read_launch_text, filter(is_container_file, files)) if text]
        # a compose file runs the project's own code in a container on its own network, where a loopback address is that container
        self.contained = any(contains_own_code(read_launch_text(path) or "") for path in files if COMPOSE_FILE.match(os.path.basename(path)))
        self.deployed = any(not in_ci(path) and not is_dependency_file(path) for path in self._launched)
        self._deployment = deployment
        self._tree_files, self._tree_of, self._params, self._param_loopback = tree_files, tree_of, params, param_loopback
        self._paths, self._paths_off, self._flask, self._settings, self._runs = paths, paths_off, flask, settings, runs
        self._fields = LoadedFields(index, tests, self.set_attributes, paths_on, lambda name: [word for spelling in _spellings(name) for word in self._file_values(spelling)])
        self._environment = environment  # a Flask app's config copies the environment (project/flask_configs.py)
        self._ini: Optional[Values] = None
        self._samples: Optional[List[str]] = None
        self._off: Dict[str, bool] = {}
        self._filled: Optional[FilledSettings] = None
        self._words: Optional[StoreWords] = None  # a configuration store's words, read when a key asks (word_switches.py)
        self._constance = ConstanceKeys(index, tests, tree_files)  # read when a django-constance key asks (constance_keys.py)
        self.deployments = Deployments(self._launched)  # a developer's setup's values aside (dev_setup.py)

    def off(self, key: str) -> bool:
        """Every value the project ships for the key is `False`."""
        if key.startswith(ARGV_FLAG):
            return self._flag_unpassed(key[len(ARGV_FLAG):])
        if key.startswith(DEVELOPMENT_CHOICE):  # one way of two, taken on the development setup's own value (dev_setup.py)
            chosen = key[len(DEVELOPMENT_CHOICE):]
            named = chosen[len(CONSTANT):] if chosen.startswith(CONSTANT) else chosen
            return self.off(chosen) and self.deployments.development_on([named, *self.values.get(named, [])])
        if key.startswith(EITHER):  # runs when either key is on (returned_switches.py)
            return all(self.off(part) for part in key[len(EITHER):].split(EITHER_AND))
        if key.startswith((RETURNS, RETURNS_SET)) and key not in self._off:
            self._off[key] = False  # a helper whose return reads its own return, through others, is on
            self._off[key] = returned_off(self.index, key, self.off)  # project/returned_switches.py
        if key.startswith(DEFINED) and key not in self._off:
            self._off[key] = self._undefined(key[len(DEFINED):])
        if key.startswith(HAS_ATTR) and key not in self._off:
            self._off[key] = absent_attributes(self.index).absent(key)  # an attribute no code binds (absent_attributes.py)
        if key.startswith((EQUALS, NEGATED + EQUALS)):
            self._words = self._words or StoreWords(self.index, self.tests, self._tree_files(), lambda name: not self._filled_key(name) and all(
                value == BLANK for value in self.values.get(name, [])) and not self._environment() and not self._flask(name), lambda name: self._file_values(name, self.deployments.texts(), lower=False))
            return self._words.off(key)
        if key.startswith(DEFAULTED) and key not in self._off:
            self._off[key] = self._defaulted_off(key[len(DEFAULTED):])
        if key.startswith((PARAM, PARAM_SET)):
            if key not in self._off:
                self._off[key] = self._params(key)  # no call turns the parameter on (param_switches.py)
            return self._off[key]
        if key.startswith(RUNS) and key not in self._off:
            self._off[key] = False  # a method run only under a switch on another such attribute, in a cycle, stays on
            self._off[key] = key.rpartition("/")[2] not in self.set_attributes and self._runs(key, self.off)  # switched_methods.py
        if key.startswith(NEGATED + FIELD) and key not in self._off:  # an attribute a loaded file fills (project/loaded_fields.py)
            self._off[key] = self._fields.on(key[len(NEGATED):])
        if key.startswith(NEGATED):
            negated = key[len(NEGATED):]
            return self._off[key] if negated.startswith(FIELD) else self._always_on(negated[len(CONSTANT):] if negated.startswith(CONSTANT) else negated)
        if key.startswith(CONSTANT):
            return self.off(key[len(CONSTANT):]) or self._bound_blank(key[len(CONSTANT):])
        if key.startswith(ENV) and key not in self._off:
            # an environment switch tested where it is read: off unless the project gives NAME a value that is on
            name = key[len(ENV):].partition(ENV_MASK)[0]
            values = [self._env_value(value) for value in (key, *self.values.get(name, [])) if value != BLANK]
            self._off[key] = all(value == OFF for value in values)
        if key.startswith(ENV_ATTR) and key not in self._off:
            self._off[key] = attribute_off(self.index, key, self.off)  # an environment table's entry (project/env_tables.py)
        if key.startswith(FIELD) and key not in self._off:
            name, _, owner = key[len(FIELD):].partition(OWNER)
            filled = self._filled_by_name([declaring for declaring, _ in self.fields.get(name, [])])  # a class it is declared in
            self._off[key] = not filled and (self._field_off(name) or bool(owner) and (class_constant_off(
                self.index, owner, name, self.fields, self.set_attributes,
                lambda word: bool(self._file_values(word) or self._file_values(word.upper()))) or model_field_off(
                self.index, name, owner, self.fields, self.set_attributes,
                lambda value: value != BLANK and self._env_value(value) == OFF, self._shipped_on)))
        if key.startswith(CONFIG_PATH) and key not in self._off:
            # a loaded file's item by its key path: off as the shipped configuration files leave it (config_paths.py),
            # unless a deployment file gives its last key, in either case, a value that is on
            last = key.rpartition(PATH)[2].rpartition(".")[2]
            self._off[key] = self._paths_off(key) and not self._shipped_on(last)
        if key.startswith(INI) and key not in self._off:
            shipped = self._ini_words(key)
            self._off[key] = bool(shipped) and all(word in _FALSE_WORDS or not word for word in shipped) or self._model_read_off(key)
        if key not in self._off:
            self._off[key] = False  # a key copied from itself, through other keys, is on
            values = [self._env_value(value) for value in self.values.get(key, []) if value != BLANK]
            # a blank (`K=`, `K: ""`) leaves a switch tested for truth off, a boolean or an unset address alike; files name a constance key K
            values += [OFF if word in _FALSE_WORDS or not word else ON for word in self._file_values(key.removeprefix(CONSTANCE), self.deployments.texts())]
            self._off[key] = bool(values) and all(value == OFF for value in values) and not self._filled_key(key) \
                and not self._constance.kept_on(key, self.values, self.set_attributes)
        return self._off[key]

    def _undefined(self, key: str) -> bool:
        """Django's settings define the key nowhere (`hasattr(settings, "K")` is false): no code outside tests gives
        it a value (a settings module's constant, `settings.configure(K=...)`), no shipped file or sample names it,
        and nothing `setattr`s computed names on the settings. The project's settings modules are the configuration
        Django runs: a deployment's local settings start from the templates and samples it ships."""
        return not self.values.get(key) and not self.fields.get(key) and not self._file_values(key) \
            and not self._sample_words(key) and not self._filled_by_name(["django.conf.settings", *self.constants.get(key, [])])

    def _defaulted_off(self, key: str) -> bool:
        """A read's false default is the key's value (`current_app.config.get("K", False)`): the key is off, or
        defined nowhere (`_undefined`, nor in a configuration file a Flask app loads) while no load copies the
        environment into the config (Flask's `from_prefixed_env()`), which may set any key."""
        return self.off(key) or self._undefined(key) and not self._flask(key) and not self._environment()

    def _always_on(self, key: str) -> bool:
        """Every value the project ships for the key is `True` (a `not:K` branch never runs): a blank, a computed value or a read of the environment may be false, and keeps it."""
        words, values = (self._ini_words(key), []) if key.startswith(INI) else (self._file_values(key), self.values.get(key, []))
        return bool(values or words) and all(value == TRUE for value in values) and all(word in _TRUE_WORDS for word in words) \
            and not self._filled_key(key)

    def _ini_words(self, key: str) -> List[str]:
        """The words the shipped INI files and crudini calls give an `ini:` key (project/ini_values.py)."""
        if self._ini is None:
            self._ini = with_defaults(shipped_ini(self._tree_files(), self.texts), self.ini_defaults)
        return ini_values(self._ini, key[len(INI):], lambda qualified: reader_base(self.index, self._tree_of, qualified))

    def _filled_key(self, key: str) -> bool:
        """What holds a value the project gives the key (an object or a module) takes keys of computed names."""
        return self._filled_by_name([*self.holders.get(key, []), *self.constants.get(key, [])])

    def _filled_by_name(self, owners: Sequence[str]) -> bool:
        """One of `owners` takes `setattr`s of computed names: it may hold any key (filled_settings.py)."""
        if not owners or not any(tag.startswith(COMPUTED) for tag in self.set_attributes):
            return False
        if self._filled is None:
            self._filled = FilledSettings(self.index, self.set_attributes)
        return any(map(self._filled.holds, owners))

    def _bound_blank(self, key: str) -> bool:
        """The project binds the constant once, to a blank, at a module's top level (`LOKI_URL = None`), and
        nothing else gives it a value: no other assignment outside tests, nothing that may rebind the module's global
        (project/kept_globals.py: an attribute store, a `setattr`, `globals()` or a star import), no shipped file naming
        it. A read by its bare name sees what Python bound: a blank there is no address the deployment fills in, but off."""
        values, binders = self.values.get(key, []), self.constants.get(key, [])
        if values not in ([BLANK], [OFF]) or len(binders) != 1 or self._filled_key(key):
            return False
        return kept_global(self.index, self.set_attributes, binders[0], key) and not self._file_values(key)

    def _field_off(self, name: str) -> bool:
        """A lower-case field that a `BaseSettings` class declares, that every class giving it a boolean gives
        an off one, and that the shipped files (by its environment variable, in either case) leave off."""
        declared = self.fields.get(name, [])
        if not any(settings_class(self.index, owner) for owner, _ in declared):
            return False
        values = [self._env_value(value) for _, value in declared if value != BLANK]
        words = self._file_values(name) + self._file_values(name.upper())
        values += [OFF if word in _FALSE_WORDS or not word else ON for word in words]
        return all(value == OFF for value in values)

    def _model_read_off(self, key: str) -> bool:
        """An INI-style read through an imported object (`ini:@common.tabby_config.config:developer.seqlog`)
        whose object is a configuration model's instance, not a reader of INI files: its field's key is off
        (`field:seqlog@common.tabby_config.config.developer`, config_models.py)."""
        base, _, option = key[len(INI):].partition(":")
        section, _, name = option.rpartition(".")
        return base.startswith(IMPORTED) and bool(section) and self.off(f"{FIELD}{name}{OWNER}{base[len(IMPORTED):]}.{section}")

    def _shipped_on(self, name: str) -> bool:
        """A shipped file gives the field a value that is on (in either case, also under a prefix:
        `TABBY_DEVELOPER_SEQLOG=true`), or a launch file passes its flag (`--seqlog`): config_models.py."""
        words = self._file_values(name) + self._file_values(name.upper())
        return any(word not in _FALSE_WORDS and word for word in words) or flag_passed([self._deployment(), *self.texts], name)

    def loopback(self, key: str) -> bool:
        """Every value the project ships for the key is a loopback address, and either the service's image
        sets it (`ENV APP_MODEL_HOST=127.0.0.1` in a Dockerfile: a process the image runs beside the service)
        or the project ships deployment files and only the application's own configuration gives it one
        (`SMTP_SERVER = "localhost"` in a config module, a schema field's default `broker_url = fields.String(
        load_default="redis://localhost:6379/0")`, `os.getenv("SMTP_SERVER", "localhost")` whose variable no
        shipped file sets, the client's own read's default: `config-key:loopback-read:K`): the service as shipped
        calls its own host; with no deployment file the deployment is elsewhere and may set it. A Django setting
        (`django-setting:K`) that the project's settings modules give only literal loopback values (`BRIDGE_ADDRESS
        = [("localhost", 9998)]`) counts with no deployment file too: those modules are the configuration Django
        runs, and a deployment that points it elsewhere ships its own settings module. A loopback address the
        shipped files or samples spell (`cache_host = localhost` in the service's `.conf`, `REDIS_HOST_URL=
        redis://127.0.0.1:${PORT}` in `.env.example`, `api = "http://127.0.0.1:7790/api"` in `settings.py.sample`)
        gives the key a value too, unless a compose file runs the project's own code in a container on a network of its
        own (compose_services.py): there the address is that container, and a developer's default in an env file the
        compose file loads while the dependency runs in another container on that port; with `network_mode: host` it is
        the host, where the compose file runs the dependency too. One other value
        (`MODEL_HOST: embedder` in a compose file, `broker_url = "redis://redis"` in a shipped configuration sample,
        a template `{{ .Values.host }}`, a read of the environment with no loopback default) or no value at all:
        the deployment decides, and it may be remote. A blank the code gives (`FLOWER_URL = None` in a base settings module)
        names no host either: the call it reaches fails at once or its guard skips it, so the other values decide, and with
        none the key has no value. A `blank-or:K` key (the `A` of `A or B`) may also be blank
        everywhere: then the client takes `B`. A blank value a file ships (`TTS_SERVER: ''`) names no host and points
        the key nowhere else. An argparse option spelled as the key (`add_argument("--TTS_SERVER", default=
        "http://127.0.0.1:9880")`) is code giving it its default (switch_keys.write_marks), and what the launch files pass
        the option (`--TTS_SERVER http://tts:9880`) are values the deployment gives it. A function's parameter
        (`parameter:<function>/<name>@<position>`, socket_targets.parameter_through) is loopback as every call the project
        makes gives it a loopback value, when nothing else may call the function; when code the project does not show
        may, and the calls it shows leave it so, it is a read of its name defaulting to loopback (param_switches.py). An
        item of a loaded configuration file by its key path (`config-path:`) is loopback as the files its loader names
        and the other shipped configuration files give it (project/config_paths.py). What the Python-syntax files a
        Flask app loads with `from_pyfile` bind the key to are values of it as the code's own are (`REDIS_ADDR =
        'localhost'` in `config/default.cfg`; a name the environment gives stands for the files its folder ships),
        unknown ones too when some load is tied to no shipped file (project/flask_configs.py). A PasteDeploy app's setting
        (`ini-setting:redis.url`) is loopback as the INI files the project ships give it (project/ini_settings.py)."""
        blank, key = key.startswith(BLANK_OR), key.removeprefix(BLANK_OR)
        if key.startswith(INI_SETTING):  # a PasteDeploy app's setting, as its shipped INI files give it (project/ini_settings.py)
            return self._settings(key[len(INI_SETTING):], blank)
        settings, key = key.startswith(DJANGO_SETTING), key.removeprefix(DJANGO_SETTING)  # what Django runs: its settings modules
        if key.startswith(CONFIG_PATH):  # a loaded file's item by its key path, unless a compose file runs the code in a container
            return self._paths(key, self.image_texts if self.contained else None)
        if key.startswith(PARAMETER):  # its callers' values, then (when code the project does not show may call it) its name's shipped ones
            given = self._param_loopback(key[len(PARAMETER):], self.loopback)
            if given is not None:
                return given
            key = LOOPBACK_READ + key.rpartition("/")[2].partition("@")[0]
        defaulted, key = key.startswith(LOOPBACK_READ), key.removeprefix(LOOPBACK_READ)  # the client's own read defaults to loopback
        own = self._entry_values(key) if SETTING_ENTRY in key else self.values.get(key, [])
        values = [*own, *(kind for _, kind in self.fields.get(key, [])), *self._flask(key), *([LOOPBACK] if defaulted else [])]
        reads = {value[len(LOOPBACK_READ):] for value in values if value.startswith(LOOPBACK_READ)} - {key}
        words = [word for name in (key, *sorted(reads)) for spelling in _spellings(name) for word in self._first_words(spelling)]
        words = [word for word in words if word not in _BLANK_WORDS]  # a blank value names no host
        if blank and not values:
            return False  # no code gives it a value: the deployment's own settings may
        values = [value for value in values if value != BLANK]  # a blank in code names no host, as one a file ships
        if blank and not values and not words:
            return True
        samples = [word for name in (key, *sorted(reads)) for word in self._sample_words(name) if word not in _BLANK_WORDS]
        # what the launch files pass its command-line option (`--TTS_SERVER http://tts:9880`: an argparse option's value;
        # a lower-case name is a field's or a parameter's, and `--host` on a launch line is more often a server's own)
        words += flag_values([self._deployment(), *self.texts], key) if is_key(key) and (values or words) else []
        if not all(value == LOOPBACK or value.startswith(LOOPBACK_READ) for value in values) \
                or not all(map(loopback_address, words + samples)):
            return False
        environment = defaulted or any(value.startswith(LOOPBACK_READ) for value in values)
        if self._first_words(key, self.image_texts):
            return True
        # a loopback address the shipped files spell names this host, but where a compose file runs the code in a container
        return (self.deployed or settings and not environment) and bool(values or not self.contained and samples + words) \
            and (not words or not self.contained)

    def _entry_values(self, key: str) -> List[str]:
        """The values the project gives a setting's nested entry `K#a.b` (setting_paths.py): its own, and `on` when a
        write of the setting was no dict literal the file phase read, or an entry above the path is unknown."""
        setting, _, path = key.partition(SETTING_ENTRY)
        keys = tuple(path.split("."))
        unread = len(self.values.get(setting, [])) > len(self.values.get(setting + SETTING_ENTRY, []))
        unknown = any(self.values.get(entry_key(setting, keys[:at], True)) for at in range(len(keys)))
        return [*self.values.get(key, []), *([ON] if unread or unknown else [])]

    def sampled(self, module: str) -> bool:
        """The tree ships the module `a.b` only as a configuration sample (`a/b.py.sample`, `settings.py.example`),
        which an installation copies in: the code imports what the sample binds."""
        folder, _, name = module.rpartition(".")
        names = {f"{name}.py{suffix}" for suffix in SAMPLE_SUFFIXES}
        return any(file in names and os.path.normpath(path).replace(os.sep, "/").endswith(folder.replace(".", "/"))
                   for path, file in self._tree_files())

    def _sample_words(self, key: str) -> List[str]:
        """The first word of each value the project's configuration samples give the key, or its environment
        variable's spelling (`broker_url = "redis://redis:6379/0"` in `config.toml.sample`): what an installation starts from."""
        if self._samples is None:
            self._samples = sample_texts(self._tree_files())
        return [word for name in _spellings(key) for word in self._first_words(name, self._samples)]

    def _first_words(self, key: str, texts: Optional[Sequence[str]] = None) -> List[str]:
        """The first word of each value the shipped files (or `texts`) give the key (`127.0.0.1 # the model`)."""
        return [value.split()[0] if value.split() else "" for value in self._file_values(key, texts)]

    def _env_value(self, value: str) -> str:
        """An `env:NAME~MASK` value is off when deployment files exist and each value they give NAME leaves
        the test off (env_eval.holds: `X=` is off for `os.getenv("X", "0") == "1"`, on for `os.getenv("X") is
        not None`); a `key:K` value is off when K is."""
        if value.startswith(COPIES):
            return OFF if self.off(value[len(COPIES):]) else ON
        if not value.startswith(ENV):
            return value
        name, _, mask = value[len(ENV):].partition(ENV_MASK)
        shipped = self._file_values(name, self.deployments.texts(), lower=False)
        return OFF if self.deployments.deployed() and mask and not any(holds(mask, word) for word in shipped) else ON

    def _flag_unpassed(self, flag: str) -> bool:
        """The deployment runs programs and no launch file passes `flag` (as a word of its own)."""
        key = ARGV_FLAG + flag
        if key not in self._off:
            passed = re.compile(r"(?<![\w-])" + re.escape(flag) + r"(?![\w-])")
            deployed = self._deployment()
            self._off[key] = bool(deployed) and not any(passed.search(text) for text in [deployed, *self.texts])
        return self._off[key]

    def _file_values(self, key: str, texts: Optional[Sequence[str]] = None, lower: bool = True) -> List[str]:
        """The values the shipped files (or `texts`) give the key (shipped_values.py)."""
        return shipped_values(self.texts if texts is None else texts, key, lower)


def _spellings(key: str) -> Tuple[str, ...]:
    """A key and, for a field spelled in lower case (`broker_url`), its environment variable's spelling too (`BROKER_URL`)."""
    return (key, key.upper()) if key != key.upper() else (key,)


def project_switches(project) -> SwitchView:
    """The run's one SwitchView, shared by PRR501 and PRR505: its `argv:` flags are read against the text of
    the files that run the project's programs (schedules.Deployment), so a flag no launch file passes is off
    for both rules."""
    analysis = project.analysis()
    return analysis.derived("switch-view", lambda: SwitchView(
        project.index, project.launch_files, lambda: deployment_text(analysis), lambda: project_tree(analysis).files(),
        lambda path: job_tree(project, path), lambda key: param_switches(project).off(key),
        lambda key, off: analysis.derived("switched-methods", lambda: SwitchedMethods(analysis, param_switches(project))).off(key, off),
        lambda key, read: param_switches(project).loopback(key, read),
        lambda key, images: config_paths(project).loopback(key, images), lambda key: config_paths(project).off(key), lambda key: config_paths(project).on(key),
        lambda key: _flask_configs(project).values(key), lambda: _flask_configs(project).environment,
        lambda key, blank: ini_setting_loopback(project, project_switches(project), key, blank), lambda: manifest_env(str(tree_top(analysis)))))


def _flask_configs(project) -> FlaskConfigs:
    analysis = project.analysis()
    return analysis.derived("flask-configs", lambda: FlaskConfigs(project.index, project_tree(analysis)))


def config_paths(project) -> ConfigPaths:
    return project.analysis().derived("config-paths", lambda: ConfigPaths(project.analysis(), param_switches(project), project_tree(project.analysis()).files()))


def param_switches(project) -> ParamSwitches:
    return project.analysis().derived("param-switches", lambda: ParamSwitches(project.analysis(), lambda: project_switches(project)))

