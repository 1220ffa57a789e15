"""Configuration switches: the key a guard reads, and the values statements give keys.

A feature a deployment may leave off is guarded by a configuration key (`if app.config["CRONITOR_ENABLED"]:`,
`if not settings.FEATURE_ENABLED: return`). The file phase names the key a guard reads (`read_key`) and every
value a statement gives a key anywhere in the project (`write_marks`: a config class attribute, a settings
module constant, `app.config["K"] = ...`, `config.update(K=...)`, `setattr(x, "K", v)`, `{"K": ...}`). A value
is `off` when it is `False` or an empty collection, a decision to leave the feature off, and `on` otherwise: a true literal, a
computed value, a read of the environment (the deployment decides), `None` or `""` (a blank the deployment
fills in: an address, a secret). The project phase merges them with the shipped configuration files
(project/switches.py).
"""

from __future__ import annotations

import re
from typing import FrozenSet, List, Optional, Tuple

import libcst as cst

from prr_lint.config_paths import boolean_option
from prr_lint.defaulted_reads import DEFAULTED, DJANGO_SETTINGS, known_sources
from prr_lint.defaults_tables import table_marks
from prr_lint.django_constance import config_entries, constance_read
from prr_lint.django_flags import flag_read, flag_writes
from prr_lint.env_converters import inlined
from prr_lint.env_eval import env_switch
from prr_lint.env_schemes import scheme_defaults
from prr_lint.env_tables import entry_marks
from prr_lint.environment_reads import ENVIRON_ENV, environment_reader, reader_arguments, string_reader
from prr_lint.flask_configs import FLASK_CONFIGS
from prr_lint.ini_keys import ini_key
from prr_lint.loopback_hosts import loopback_address
from prr_lint.namespace_writes import NAMESPACE_WRITES, SETS_ATTR, computed_setattr, namespace_writes, object_owners
from prr_lint.resolve import Resolver
from prr_lint.setting_keys import INI_SETTING, is_setting_key  # a PasteDeploy app's dotted settings (`redis.url`)
from prr_lint.settings_fields import SETS_FIELD, computed_fields, config_field, field_default, field_key, field_renames, is_field_word
from prr_lint.tree import KindOf, call_argument, descendants, dotted_name, literal_value
from prr_lint.url_parts import host_part, url_parts

# Module tag: a statement gives the key a value (`sets-key:K=off` for `False`, `=loopback` for a loopback
# address, a value that is on as a switch, else `=on`).
SETS_KEY = "sets-key:"
OFF, ON, LOOPBACK, BLANK = "off", "on", "loopback", "blank"
# A read of the configuration key or environment variable NAME whose default is a loopback address
# (`SMTP_SERVER = os.getenv("SMTP_SERVER", "localhost")`): `loopback-read:NAME`, loopback unless a shipped
# file gives NAME another value (project/switches.py); on, as a switch.
LOOPBACK_READ = "loopback-read:"
# A key read as a Django setting (`settings.K`, django.conf's): `django-setting:K`. The project's settings modules
# are the configuration Django runs (DJANGO_SETTINGS_MODULE names one of them), overridden by a settings module
# the deployment ships; a value only they give counts with no deployment file too (project/switches.py).
DJANGO_SETTING = "django-setting:"
# A key read as the `A` of `A or B` (socket_targets._either), which may also be blank: `blank-or:NAME`.
BLANK_OR = "blank-or:"
# `True`: on, as any value but `off`; a branch taken only while the key is off (`not:K`) never runs on it.
TRUE = "true"
# Guard key of a branch that runs only while the key K is off (`if not settings.USE_MESSENGER:`): `not:K`.
NEGATED = "not:"
# A value copied from another key (`FEATURE = settings.ENABLE_X`): `key:K`, on or off as K is.
COPIES = "key:"
# A value read from the environment that is off while the variable is unset: `env:NAME~MASK` (env_eval.py).
ENV, ENV_MASK = "env:", "~"
# Guard key of a literal command-line flag (`if "-wild" in sys.argv:`): on only when the program's command
# line passes it, which the deployment's launch files say (project/switches.py).
ARGV_FLAG = "argv:"
# Guard key of a module constant read by its bare name (`if LOKI_URL:`, imported or the module's own): `const:K`,
# off as K is, or when a module binds it once to a blank nothing else changes (project/switches.py).
CONSTANT = "const:"
# Module tag: a module-level statement binds the plain name K (`LOKI_URL = None`): `binds-constant:K`.
BINDS_CONSTANT = "binds-constant:"
# Module tag: `setattr(x, "name", v)` gives an attribute spelled in lower case a value (`sets-attr:name`); a
# `setattr` of a computed name on what resolves to Q (a module, a class, an instance of one, `self` or `cls` in a
# method: its class) may give any (`sets-attr:*Q`).
# Module tag: a statement gives the key K a value on what resolves to Q (`K = False` in a class body or at a
# module's top level, `self.K = False`, `settings.K = False`, `setattr(x, "K", v)`): `holds-key:K@Q`. A key Q
# holds is none the project decides when Q also takes `setattr`s of computed names (project/switches.py).
HOLDS_KEY, HOLDER = "holds-key:", "@"
# Guard key of a function's own parameter tested for truth whose default is false (`if ping:` in `def f(ping=False)`):
# `param:<function>/<name>@<position>/<default>`, off when no call passes it a true value (rules/param_switches.py).
PARAM = "param:"
# The same for a test that it is not None (`if host is None: return` of `def f(host=None)`): `param-set:...`.
PARAM_SET = "param-set:"
# Guard key of a `self` attribute that is false but where one method sets it to `True` (`if not self.enabled: return`,
# only `setup` enabling it): `runs:<method>/<attribute>`, off when only calls under a switch that is off run the
# method (rules/config_switches.py, project/switched_methods.py).
RUNS = "runs:"
# Guard key of a test of a project function's return (`if get_varnish_host():`, `host = helper()` then `if host is None:
# return`): `returns:<function>`, off when the function returns something other than `None` only under keys that are off,
# as its `returns-when:` tags say (rules/returned_switches.py, project/switches.py); `returns-set:<function>` for an
# `is not None` test, which a function returning a key's own value (`return settings.K`, maybe `False`) does not settle.
RETURNS, RETURNS_SET = "returns:", "returns-set:"
# Function tags: each return of something other than `None` runs only while one of the keys K1|K2 is on (`returns-when:`),
# or returns a read of one of them (`returns-read:`); one tag per such return, none when one has no key.
RETURNS_WHEN, RETURNS_READ = "returns-when:", "returns-read:"
# Guard key of a branch that runs when either of its keys is on (`either:K1&K2`): off when all are (guards.py's filled names).
EITHER, EITHER_AND = "either:", "&"
# Guard key of `hasattr(settings, "K")` on Django's settings: `defined:K`, off when the project's settings modules, shipped
# files and samples define K nowhere (project/switches.py).
DEFINED = "defined:"
_OS_READERS = frozenset({"os.getenv", "os.environ.get"})  # what a test of the environment calls, by the resolver
_KEY = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")
_CONFIG_HOLDERS = frozenset({"config", "settings", "conf"})
_COLLECTIONS = frozenset({"list", "dict", "tuple", "set"})
# Methods that fill a collection in place: `PROVIDERS.update(...)` gives the key a value.
_FILLS = frozenset({"append", "extend", "insert", "update", "add", "setdefault"})
# write_marks' questions, asked of every call, assignment and dict of every file
_IS_ASSIGN, _IS_AUG_ASSIGN, _IS_ANN_ASSIGN = KindOf(cst.Assign), KindOf(cst.AugAssign), KindOf(cst.AnnAssign)
_IS_CALL, _IS_DICT = KindOf(cst.Call), KindOf(cst.Dict)


def is_key(text: str) -> bool:
    """A configuration key by the convention every framework shares: upper case words joined by `_`."""
    return bool(_KEY.match(text))


def string_text(node: Optional[cst.BaseExpression]) -> Optional[str]:
    """A string literal's text; an f-string with no replacement field is one too (`f"redis://127.0.0.1:6379/0"`)."""
    if isinstance(node, cst.FormattedString) and all(isinstance(part, cst.FormattedStringText) for part in node.parts):
        text = "".join(part.value for part in node.parts)  # type: ignore[union-attr]
        return None if "{" in text or "}" in text or "\\" in text else text
    value = literal_value(node) if isinstance(node, cst.SimpleString) else None
    return value if isinstance(value, str) else None


def is_false(node: Optional[cst.BaseExpression]) -> bool:
    """A Python false literal: `False`, `None`, `0`, `""`, an empty list, dict or tuple."""
    if isinstance(node, (cst.List, cst.Tuple, cst.Dict)):
        return not node.elements
    return isinstance(node, cst.Name) and node.value in ("False", "None") or _zero(node) or string_text(node) == ""


def _zero(node: Optional[cst.BaseExpression]) -> bool:
    """An integer literal of value 0 (`0`, `0x0`): false, and off as a switch tested for truth (`value_kind`)."""
    return isinstance(node, cst.Integer) and node.evaluated_value == 0


def _empty(node: Optional[cst.BaseExpression]) -> bool:
    """An empty list, dict, tuple or set literal (`{}`, `[]`, `()`, `set()`)."""
    if isinstance(node, (cst.List, cst.Tuple, cst.Dict, cst.Set)):
        return not node.elements
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in _COLLECTIONS and not node.args


def value_kind(node: Optional[cst.BaseExpression], resolver: Optional[Resolver] = None) -> str:
    """`off` for `False`, `0` (`MAIL_ENABLED: int = 0`: a switch tested for truth) or an empty collection, a decision; `true` for `True`; `loopback` for a loopback address (on, as a switch);
    `loopback-read:NAME` for a read of NAME defaulting to one (`os.getenv("NAME", "localhost")`); `env:NAME~MASK` for a
    test of the environment variable NAME that is false while the variable is unset (off unless a deployment
    file sets it on, project/switches.py); `key:K` for a copy of the key K (`FEATURE = settings.ENABLE_X`: as K
    is; `config.getboolean("section", "option")` copies the INI file's `config-path:` key); `blank` for `None` or
    `""`, a value the deployment fills in (an address, a secret; as a switch it is what the shipped files make it);
    `on` for anything else."""
    if isinstance(node, cst.Name) and node.value == "False" or _empty(node) or _zero(node):
        return OFF  # an empty collection (`PROVIDERS = {}`) turns off what iterates or looks it up
    if isinstance(node, cst.Name) and node.value == "True":
        return TRUE
    if isinstance(node, cst.Name) and node.value == "None" or string_text(node) == "":
        return BLANK
    text = string_text(node)
    if text and loopback_address(text) or loopback_addresses(node) or _built_loopback(node):
        return LOOPBACK  # an address (`"127.0.0.1"`, `[("localhost", 9998)]`) a client may connect to (config_read, project/switches.py)
    read = loopback_read(node, resolver)
    if read is not None:
        return LOOPBACK_READ + read
    # an INI file's boolean; `getattr(settings, "K", None)`: Django's K (defaulted_reads.py)
    copied = _copied_key(node) or (boolean_option(node, resolver) or settings_copy(node, resolver) if resolver is not None else None)
    return COPIES + copied if copied else env_key(node, resolver) or ON


def loopback_addresses(node: Optional[cst.BaseExpression]) -> bool:
    """A socket address on a loopback host (`("localhost", 9998)`: a host and a port), or a list or tuple of
    such addresses or loopback hosts (`[("localhost", 9998)]`), of which the client takes one."""
    if not isinstance(node, (cst.List, cst.Tuple)) or not node.elements:
        return False
    items = [element.value for element in node.elements]
    if isinstance(node, cst.Tuple) and len(items) == 2 and isinstance(items[1], cst.Integer):
        host = string_text(items[0])
        return bool(host) and loopback_address(host)
    return all(loopback_addresses(item) or bool(string_text(item)) and loopback_address(string_text(item) or "") for item in items)


def _built_loopback(node: Optional[cst.BaseExpression]) -> bool:
    """An address built with a loopback host written in its text (`f"127.0.0.1:{port}"`, `"http://localhost:" + port`)."""
    parts = url_parts(node) if isinstance(node, (cst.FormattedString, cst.BinaryOperation)) else None
    host = host_part(parts, True) if parts else None
    return host is not None and isinstance(host[0], str) and host[1] and loopback_address(host[0])


def loopback_read(node: Optional[cst.BaseExpression], resolver: Optional[Resolver]) -> Optional[str]:
    """NAME of a configuration read whose default is a loopback address: `os.getenv("NAME", "localhost")`,
    `config.get("NAME", "127.0.0.1")`."""
    if resolver is None or not isinstance(node, cst.Call):
        return None
    read = reader_arguments(node, resolver)
    default = string_text(read[1]) if read else string_text(node.args[-1].value) if len(node.args) >= 2 else None
    return config_read(node, resolver) if default and loopback_address(default) else None


def _copied_key(node: Optional[cst.BaseExpression]) -> Optional[str]:
    """K of a value that reads the key K: `Settings.K`, `get_settings().K`, `app.config["K"]`."""
    if isinstance(node, cst.Attribute):
        return node.attr.value if is_key(node.attr.value) else None
    key = string_text(_index(node)) if isinstance(node, cst.Subscript) and config_holder(node.value) else None
    return key if key and is_key(key) else None  # not `os.environ["K"]`: a read the deployment decides


def settings_copy(node: Optional[cst.BaseExpression], resolver: Resolver) -> Optional[str]:
    """K of `getattr(settings, "K")` on Django's settings with no default or a false one: a module's
    `HOOK_URL = getattr(settings, "HOOK_URL", None)` holds K's own value, or a false one while nothing defines K."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "getattr" and 2 <= len(node.args) <= 3) \
            or any(arg.keyword or arg.star for arg in node.args) or not known_sources(node, resolver):
        return None
    key = string_text(node.args[1].value)
    return key if key and (len(node.args) == 2 or is_false(node.args[2].value)) else None

def env_key(node: Optional[cst.BaseExpression], resolver: Optional[Resolver] = None) -> Optional[str]:
    """`env:NAME~MASK` of a test of the environment variable NAME that is false while NAME is unset
    (env_eval.env_switch: `os.environ.get("X") in ("1", "true")`, `bool(int(os.getenv("X", "0")))`); MASK
    says which values a deployment may give NAME turn it on."""
    node = scheme_defaults(node, resolver) if node is not None and resolver is not None else node  # `env.bool("K")`
    node = inlined(node, resolver) if node is not None and resolver is not None else node  # `bool_env("K")`: env_converters.py
    found = env_switch(node, lambda name: _literal_strings(name, resolver) if resolver is not None else None,
                       lambda func: resolver is not None and (environment_reader(func, resolver) or string_reader(func, resolver)),
                       _reader_spellings(node, resolver))
    return f"{ENV}{found[0]}{ENV_MASK}{found[1]}" if found else None


def _reader_spellings(node: Optional[cst.BaseExpression], resolver: Optional[Resolver]) -> FrozenSet[str]:
    """How `node` spells the calls the resolver finds to be `os.getenv` or `os.environ.get` (`env.get` after
    `from os import environ as env`), for env_eval, which reads a test without a resolver."""
    if node is None or resolver is None:
        return frozenset()
    calls = (found for found in (node, *descendants(node)) if isinstance(found, cst.Call))
    return frozenset(dotted_name(call.func) or "" for call in calls if resolver.qualified_name(call.func) in _OS_READERS) - {""}


def _literal_strings(name: str, resolver: Resolver) -> Optional[cst.BaseExpression]:
    """The literal list, tuple or set of strings a module binds `name` to once (`true_strings = ["true", "1"]`)."""
    bindings = resolver.lookup(name, resolver.module_scope) or []
    value = bindings[0].value if len(bindings) == 1 and bindings[0].kind == "value" else None
    if isinstance(value, (cst.List, cst.Tuple, cst.Set)) and all(isinstance(e.value, cst.SimpleString) for e in value.elements):
        return value
    return None


def read_key(term: cst.BaseExpression, resolver: Resolver, negated: bool = False) -> Optional[str]:
    """The key a guard's term reads: `X.config["K"]` (also of a section of a Flask app's config, `current_app.config[
    "CHAINS"][chain]["K"]`), `X.config.get("K")` or `getattr(settings, "K")` (with no
    default or a false one), `defined:K` of `hasattr(settings, "K")` on Django's settings, `settings.K`, `get_settings().K` or `const:K` of a constant `K` read by its bare name
    (of any module: the project phase looks its values up), `ini:<base>:<section>.<key>` of an INI reader's `reader.section.key` (ini_keys.py), or
    `field:<name>` of a lower-case `settings.name` (settings_fields.py), `K` of django-flags' `flag_enabled("K")` (django_flags.py),
    `constance:K` of django-constance's `config.K` (django_constance.py). A `negated`
    term (the `X` of `not X`) is off while the key is unset only with a `True` default: `.get("K", True)`."""
    if isinstance(term, cst.Call) and isinstance(term.func, cst.Name) and term.func.value == "bool" and len(term.args) == 1:
        term = term.args[0].value
    constance = None if negated else constance_read(term, resolver, is_key)  # django-constance's `config.K` (django_constance.py)
    if constance:
        return constance
    if isinstance(term, cst.Subscript):
        key = string_text(_index(term))
        return key if key and is_key(key) and (config_holder(term.value) or _flask_section(term.value, resolver)) else None
    if isinstance(term, cst.Call):
        func, args = term.func, [arg.value for arg in term.args]
        if isinstance(func, cst.Attribute) and func.attr.value == "get" and config_holder(func.value) and 1 <= len(args) <= 2:
            key = string_text(args[0])
        elif isinstance(func, cst.Name) and func.value == "hasattr" and len(args) == 2 and not negated:
            key = string_text(args[1])  # whether Django's settings define the key at all
            django = resolver.qualified_name(args[0], resolver.module_scope) == DJANGO_SETTINGS
            return DEFINED + key if key and is_key(key) and django else None
        elif isinstance(func, cst.Name) and func.value == "getattr" and 2 <= len(args) <= 3:
            key = string_text(args[1])
        else:
            # a django-flags flag, whose `FLAGS` entry is its value (django_flags.py)
            return flag_read(term, resolver) or (None if negated else ini_key(term, resolver))
        given = len(args) == (3 if isinstance(func, cst.Name) else 2)
        if negated:
            default_off = given and isinstance(args[-1], cst.Name) and args[-1].value == "True"
        else:
            default_off = not given or is_false(args[-1])
        if not key or not is_key(key) or not default_off:
            return None
        return DEFAULTED + key if given and not negated and known_sources(term, resolver) else key
    if isinstance(term, (cst.Name, cst.Attribute)):
        last = term.value if isinstance(term, cst.Name) else term.attr.value
        if not is_key(last):
            # an INI file's `section.key` (ini_keys.py), or a settings field spelled in lower case (settings_fields.py)
            return None if negated else ini_key(term, resolver) or field_key(term, resolver)
        if isinstance(term, cst.Name):
            bindings = resolver.lookup(last, resolver.module_scope)
            if bindings and not all(b.kind in ("value", "import", "alias") for b in bindings):
                return None
            return CONSTANT + last if bindings or resolver.qualified_name(term, resolver.module_scope) else None
        # a settings object however it is had: imported, `get_settings()`, a local `settings = Settings()`
        return last if resolver.qualified_name(term, resolver.module_scope) or isinstance(term.value, (cst.Call, cst.Name)) else None
    return None


def _flask_section(node: cst.BaseExpression, resolver: Resolver) -> bool:
    """An entry, by any index, of a Flask app's config (`current_app.config["CHAINS"][chain]`): a dict the project's
    own code builds, as the config's other values are, so a key of it is a key like the config's own."""
    if not isinstance(node, cst.Subscript):
        return False
    while isinstance(node, cst.Subscript):
        node = node.value
    return resolver.qualified_name(node) in FLASK_CONFIGS


def config_read(node: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """The key a value is read from configuration by: `CONFIG.get("K")`, `conf["K"]`, `os.environ.get("K")`,
    `os.getenv("K")`, `getattr(settings, "K")`, with no default, a blank one (`None`, `""`: no address) or a loopback
    one (`databases[name].get("K", None)`); a field of a section read so
    (`app.config["CELERY"]["broker_url"]`: the field's name, settings_fields.py); `ini-setting:k.k` of a PasteDeploy
    app's `settings["redis.url"]` with no default or a blank one (setting_keys.py); None for anything else."""
    if isinstance(node, cst.Subscript):
        key = string_text(_index(node))
        if key and is_field_word(key) and isinstance(node.value, (cst.Subscript, cst.Call)):
            return key if _section_read(node.value, resolver) else None
        return _read_key(key, None, node.value)
    if not isinstance(node, cst.Call):
        return None
    read = reader_arguments(node, resolver)
    if read is not None:  # an environment reader's `default=` keyword
        key, default_node = read
        return _read_key(string_text(key), default_node)
    if any(arg.keyword or arg.star for arg in node.args):
        return None
    func, args = node.func, [arg.value for arg in node.args]
    if resolver.qualified_name(func) == "builtins.getattr":
        args = args[1:]
    elif not (isinstance(func, cst.Attribute) and func.attr.value == "get" or resolver.qualified_name(func) == "os.getenv"):
        return None
    if not 1 <= len(args) <= 2:  # `logger.get()`, `registry.get()`: no key read
        return None
    return _read_key(string_text(args[0]), args[1] if len(args) == 2 else None, func.value if isinstance(func, cst.Attribute) else None)


def _read_key(key: Optional[str], default: Optional[cst.BaseExpression], holder: Optional[cst.BaseExpression] = None) -> Optional[str]:
    """The key of a read with no default, a blank one or a loopback one; `ini-setting:k.k` of a PasteDeploy app's setting
    read from a configuration mapping (`holder`) with no default or a blank one (setting_keys.py)."""
    text = string_text(default) if default is not None else ""
    blank = default is None or value_kind(default) == BLANK
    if key and blank and holder is not None and is_setting_key(key) and config_holder(holder):
        return INI_SETTING + key
    return key if key and is_key(key) and (blank or text and loopback_address(text)) else None


def _section_read(node: cst.BaseExpression, resolver: Resolver) -> bool:
    """A section of the configuration: a configuration read (`config_read`), or a mapping's entry by any
    name (`app.config["CELERY"]`)."""
    if isinstance(node, cst.Subscript) and config_holder(node.value) and string_text(_index(node)):
        return True
    return config_read(node, resolver) is not None


def config_holder(node: cst.BaseExpression) -> bool:
    """A configuration mapping: `app.config`, `current_app.config`, `self.settings`, or a module's own
    `settings` object (`settings["K"]`, a dict its loader fills from the default settings file)."""
    return isinstance(node, cst.Attribute) and node.attr.value in _CONFIG_HOLDERS or isinstance(node, cst.Name) and node.value in _CONFIG_HOLDERS


def write_marks(node: cst.CSTNode, resolver: Resolver) -> List[str]:
    """SETS_KEY tags of the keys `node` gives a value: an assignment to `K`, `x.K` or `x["K"]`, a call's `K=`
    keyword, `setattr(x, "K", v)`, a dict's `"K": v`; a PasteDeploy setting's (`x["k.k"] = v`, `"k.k": v`,
    `x.setdefault("k.k", v)`: setting_keys.py); a collection filled in place (`K += [...]`, `K["a"] = v`,
    `K.update(...)`) is on; a function's own variable (a plain name with no `global`) is no key; and
    BINDS_CONSTANT tags of the plain names a module-level assignment binds; `sets-key:constance:K=` of a django-constance
    key a `CONSTANCE_CONFIG` dict gives a default or a write through its config a value (django_constance.py)."""
    pairs: List[Tuple[str, Optional[cst.BaseExpression]]] = []
    attributes: List[str] = []
    held: List[Tuple[str, cst.BaseExpression, List[str]]] = []  # a key given a value, the value, and what holds it
    kind = type(node)
    if _IS_ASSIGN[kind]:
        for target in node.targets:
            key = None if function_local(target.target, resolver) else target_key(target.target, True)
            pairs += [(key, node.value)] if key else []
            held += [(key, node.value, _holders(target.target, resolver))] if key else []
            filled = target_key(target.target.value) if isinstance(target.target, cst.Subscript) else None
            pairs += [(filled, node)] if filled else []  # `PROVIDERS["google"] = {...}` fills the key: on
        attributes += namespace_writes([node.value, *(t.target.value for t in node.targets if isinstance(t.target, cst.Subscript))], resolver)
    elif _IS_AUG_ASSIGN[kind]:
        key = None if function_local(node.target, resolver) else target_key(node.target)
        pairs += [(key, node)] if key else []  # `APPS += [...]`: on
        attributes += namespace_writes([node.target.value] if isinstance(node.target, cst.Subscript) else [], resolver)
    elif _IS_ANN_ASSIGN[kind] and node.value is not None:
        key = None if function_local(node.target, resolver) else target_key(node.target)  # a typed settings field (`ENABLE_X: bool = False`): its default
        pairs += [(key, field_default(node.value, resolver))] if key else []
        held += [(key, node.value, _holders(node.target, resolver))] if key else []
    elif _IS_CALL[kind]:
        name = resolver.qualified_name(node.func) or ""
        pairs += [(arg.keyword.value, arg.value) for arg in node.args if arg.keyword is not None and is_key(arg.keyword.value)] if name not in ENVIRON_ENV else []
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _FILLS:
            filled = target_key(node.func.value)
            pairs += [(filled, node)] if filled else []  # `PROVIDERS.update(...)` fills the key: on
            given = string_text(node.args[0].value) if node.func.attr.value == "setdefault" and node.args else None
            pairs += [(given, node)] if is_setting_key(given) else []  # `settings.setdefault("redis.url", v)`: on
        # the key is evaluated (literal_eval) only for `setattr`: this runs for every call
        key = string_text(node.args[1].value) if name == "builtins.setattr" and len(node.args) == 3 else None
        if key and is_key(key):
            pairs.append((key, node.args[2].value))
            held.append((key, node.args[2].value, object_owners(node.args[0].value, resolver)))
        pairs += [(flag, cst.Name("True")) for flag in flag_writes(node, name)]  # `enable_flag("K")`
        attributes = _set_attributes(node, key, resolver) if name == "builtins.setattr" and len(node.args) == 3 else []
        attributes += namespace_writes([node.func.value] if isinstance(node.func, cst.Attribute) and node.func.attr.value in NAMESPACE_WRITES else [], resolver)
        pairs += [(key, node) for key in computed_fields(node, name)]  # a validator's value is computed: on
        option = option_dest(node)
        if option is not None and is_key(option):  # `add_argument("--TTS_SERVER", default=...)`: a loopback default, else on
            default = call_argument(node, -1, "default")
            kind = value_kind(default, resolver) if default is not None else ON
            pairs.append((option, default if default is not None and (kind == LOOPBACK or kind.startswith(LOOPBACK_READ)) else node))
    elif _IS_DICT[kind]:
        for element in node.elements:
            key = string_text(element.key) if isinstance(element, cst.DictElement) else None
            setting = is_setting_key(key) and not isinstance(element.value, (cst.Dict, cst.List, cst.Tuple, cst.Set))
            pairs += [(key, element.value)] if key and is_key(key) or setting else []  # not logging's `{"django.request": {...}}`
    field = config_field(node, resolver)
    fields = [f"{SETS_FIELD}{field[0]}={kind}" for kind in _field_kinds(field[1], resolver)] if field else []
    fields += table_marks(node) + entry_marks(node, resolver) if _IS_DICT[type(node)] else []  # defaults_tables.py, env_tables.py
    constants = [BINDS_CONSTANT + key for key in _module_constants(node, resolver)]
    holders = [f"{HOLDS_KEY}{key}{HOLDER}{owner}" for key, _, owners in held for owner in owners]
    constance = [f"{SETS_KEY}{key}={ON if value is None else value_kind(value, resolver)}" for key, value in config_entries(held, pairs)]
    # `K = Settings.K` copies the key and gives it no value of its own
    return [f"{SETS_KEY}{key}={value_kind(value, resolver)}" for key, value in pairs if key not in (_copied_key(value), settings_copy(value, resolver))] + fields + constants + attributes + holders + constance


def option_dest(node: cst.Call) -> Optional[str]:
    """The attribute an argparse/optparse option sets on the parsed arguments (`add_argument("--push-url")` ->
    `push_url`, `dest="url"` -> `url`), or None for a call that declares no option."""
    if not (isinstance(node.func, cst.Attribute) and node.func.attr.value in ("add_argument", "add_option")):
        return None
    dest = call_argument(node, -1, "dest")
    if dest is not None:
        return string_text(dest)
    flags = [flag for flag in (string_text(arg.value) for arg in node.args if arg.keyword is None) if flag]
    flag = next((flag for flag in flags if flag.startswith("--")), flags[0] if flags else "")
    return flag.lstrip("-").replace("-", "_") or None


def _field_kinds(value: cst.BaseExpression, resolver: Resolver) -> List[str]:
    """The value kind of a settings field's default; for a field the environment sets under other names whose default
    is a loopback address, a read of each of those names defaulting to one (`loopback-read:REDIS_HOST_URL`:
    settings_fields.field_renames): a shipped file sets the field by them."""
    renamed = field_renames(value, resolver)
    if renamed is not None and value_kind(renamed[0], resolver) == LOOPBACK:
        return [LOOPBACK_READ + name for name in renamed[1]]
    return [value_kind(value, resolver)]


def _set_attributes(call: cst.Call, key: Optional[str], resolver: Resolver) -> List[str]:
    """SETS_ATTR tags of `setattr(x, "name", v)` (`sets-attr:name`) and of a `setattr` of a computed name on
    something that resolves (`sets-attr:*<qualified>`, `object_owners`): what may rebind a class constant
    (project/class_constants.py) or give a settings object any key (project/switches.py)."""
    if key is not None:
        return [SETS_ATTR + key] if not is_key(key) else []
    return computed_setattr(call.args[0].value, resolver)


def _holders(target: cst.BaseExpression, resolver: Resolver) -> List[str]:
    """What holds a key an assignment target gives a value: for `K`, the class whose body binds it or the
    module a `global K` binds it in (a module's top level: its BINDS_CONSTANT tag says so); for `x.K`, what
    `x` resolves to (`object_owners`); none for `x["K"]`."""
    scope = resolver.scope
    if isinstance(target, cst.Name):
        if scope.kind == "class":
            return [scope.qualname]
        return [resolver.module_scope.qualname] if scope.kind == "function" and target.value in scope.global_names else []
    return object_owners(target.value, resolver) if isinstance(target, cst.Attribute) else []


def function_local(target: cst.BaseExpression, resolver: Resolver) -> bool:
    """A function's own variable (`SOP_QDRANT_ENABLE = os.getenv(...)` in a method, no `global`): no key."""
    scope = resolver.scope
    return isinstance(target, cst.Name) and scope.kind == "function" and target.value not in scope.global_names


def _module_constants(node: cst.CSTNode, resolver: Resolver) -> List[str]:
    """The keys a module-level assignment binds as plain names (`LOKI_URL = None`, `K: str = ""`)."""
    if resolver.scope.kind != "module":
        return []
    targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else \
        [node.target] if isinstance(node, cst.AnnAssign) and node.value is not None else []
    return [target.value for target in targets if isinstance(target, cst.Name) and is_key(target.value)]


def _index(subscript: cst.Subscript) -> Optional[cst.BaseExpression]:
    part = subscript.slice[0].slice if len(subscript.slice) == 1 else None
    return part.value if isinstance(part, cst.Index) else None


def target_key(target: cst.BaseExpression, setting: bool = False) -> Optional[str]:
    """`K`, `x.K`, `x["K"]`; with `setting`, a PasteDeploy app's `x["k.k"]` too (setting_keys.py)."""
    if isinstance(target, cst.Name):
        key: Optional[str] = target.value
    elif isinstance(target, cst.Attribute):
        key = target.attr.value
    elif isinstance(target, cst.Subscript):
        key = string_text(_index(target))
    else:
        return None
    return key if key and (is_key(key) or setting and is_setting_key(key)) else None
