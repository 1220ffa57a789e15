"""Settings fields spelled in lower case (`enable_webhook: bool = False` in a pydantic `BaseSettings`, read as
`settings.enable_webhook`): switches that the upper-case key convention of switch_keys.py does not name.

A lower-case attribute is a configuration key only when a settings class declares it: pydantic-settings fills
each field of a `BaseSettings` subclass from the environment variable of its name (any case, after the model's
`env_prefix`), so the field's default is what a deployment that sets nothing gets. The file phase tags each
boolean class attribute (`sets-field:<class>.<name>=<kind>`, annotated `bool` or valued `True`/`False` or an
environment test, switch_keys.value_kind) and names the attribute a guard tests (`field:<name>`); the project
phase (project/switches.py) counts the key off when a class deriving from `BaseSettings` declares the field,
every class that gives it a boolean gives it an off one, and the shipped files give it no value that is on. A
field whose environment variable is renamed (`Field(False, alias="X")`) is on: its shipped value is not found;
so is an upper-case field a pydantic validator computes whatever is set (`@validator("K", always=True)`,
`computed_fields`), whose default is not its value. A field of the project's pydantic configuration model, one word
too (`seqlog`), read through a section of a module-level object (`config.developer.seqlog`: `config_section`) is
`field:<name>@<object>.<section>`; project/config_models.py says whether that object is such a model.

A field whose default names where a client connects (`broker_url = fields.String(load_default="redis://localhost:6379/0")`
in a marshmallow schema, `redis_url: str = "redis://localhost"` in a pydantic model) is tagged with that value's kind
too, and a declared field with no default as on: a client whose URL is read as that field
(`app.config["CELERY"]["broker_url"]`, switch_keys.config_read) calls a process of its own host when every value
the project gives the field is loopback (project/switches.py). A typed default wrapping an address literal
(`RedisDsn("redis://127.0.0.1")`) is that address; a field the environment sets under other names
(`validation_alias=AliasChoices("REDIS_HOST_URL", "cache_url")`) is, for its address, a read of each of those
names defaulting to it (`field_renames`, switch_keys.py).
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

import libcst as cst

from prr_lint.env_eval import env_switch
from prr_lint.loopback_hosts import LOOPBACK_HOSTS, loopback_address
from prr_lint.resolve import Resolver

SETS_FIELD = "sets-field:"
FIELD = "field:"
# `field:<name>@<owner>`: the qualified name of what the attribute is read through.
OWNER = "@"
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
# A field of a configuration model may be one word (`seqlog`); read only through a section (`config.developer.seqlog`).
_WORD = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_KEY_NAME = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")  # switch_keys.is_key's convention
_BOOLEANS = frozenset({"bool", "Optional[bool]", "bool | None"})
_DECLARATIONS = frozenset({"pydantic.Field", "pydantic.fields.Field", "dataclasses.field", "attr.ib", "attrs.field"})
# A marshmallow schema's field (`fields.String(load_default="redis://localhost:6379/0")`): the value a load gives a
# key the configuration file leaves out (`missing=` before marshmallow 3.13).
_MARSHMALLOW_FIELDS = "marshmallow.fields."
_LOAD_DEFAULTS = frozenset({"load_default", "missing"})
_RENAMES = frozenset({"alias", "validation_alias", "env"})
_VALIDATORS = frozenset({"pydantic.validator", "pydantic.class_validators.validator", "pydantic.v1.validator"})


def field_default(value: cst.BaseExpression, resolver: Resolver) -> cst.BaseExpression:
    """The default of a field declared by `pydantic.Field(False)`/`Field(default=False)` or `dataclasses.field(
    default=False)`: the value the holder has unless something sets it; the declaration itself (a computed
    value, on) when it has no default or renames the environment variable. A marshmallow field's default is its
    `load_default=` (`missing=`)."""
    name = resolver.qualified_name(value.func) if isinstance(value, cst.Call) else None
    if name is not None and name.startswith(_MARSHMALLOW_FIELDS):
        return next((arg.value for arg in value.args if arg.keyword is not None and arg.keyword.value in _LOAD_DEFAULTS), value)
    if name not in _DECLARATIONS:
        return _held(value)
    if any(arg.keyword is not None and arg.keyword.value in _RENAMES for arg in value.args):
        return value
    return _held(_declared_default(value) or value)


def _declared_default(value: cst.Call) -> Optional[cst.BaseExpression]:
    """The `default=` or first positional argument of a field declaration."""
    for i, arg in enumerate(value.args):
        if arg.keyword is not None and arg.keyword.value == "default" or arg.keyword is None and not arg.star and i == 0:
            return arg.value
    return None


def _held(value: cst.BaseExpression) -> cst.BaseExpression:
    """The address a typed value wraps (`RedisDsn("redis://127.0.0.1")`, `AnyUrl("http://localhost:9000")`: a call
    whose one argument is an address literal), else the value itself."""
    args = value.args if isinstance(value, cst.Call) else ()
    literal = args[0].value if len(args) == 1 and args[0].keyword is None and not args[0].star else None
    return literal if isinstance(literal, cst.SimpleString) and _address(literal) else value


def field_renames(value: cst.BaseExpression, resolver: Resolver) -> Optional[Tuple[cst.BaseExpression, List[str]]]:
    """The default and the variable names of a field the environment sets under other names (`Field(RedisDsn(
    "redis://127.0.0.1"), validation_alias=AliasChoices("REDIS_HOST_URL", "cache_url"))`, `alias="X"`, `env="X"`):
    what a deployment that sets none of them gets, and the names it would set it by. None for another value, or a
    rename not spelled as names (`AliasPath("redis", "url")`)."""
    name = resolver.qualified_name(value.func) if isinstance(value, cst.Call) else None
    if name not in _DECLARATIONS:
        return None
    renames = [arg.value for arg in value.args if arg.keyword is not None and arg.keyword.value in _RENAMES]  # type: ignore[union-attr]
    default = _declared_default(value)  # type: ignore[arg-type]
    names = [_rename_names(rename) for rename in renames]
    if not renames or default is None or any(found is None for found in names):
        return None
    return _held(default), [each for found in names for each in found or ()]


def _rename_names(rename: cst.BaseExpression) -> Optional[List[str]]:
    """`"X"` or `AliasChoices("X", "y")`: the names; None for anything else."""
    texts = [rename] if isinstance(rename, cst.SimpleString) else [arg.value for arg in rename.args] \
        if isinstance(rename, cst.Call) and isinstance(rename.func, (cst.Name, cst.Attribute)) else []
    found = [text.evaluated_value if isinstance(text, cst.SimpleString) else None for text in texts]
    return found if found and all(isinstance(text, str) and text for text in found) else None  # type: ignore[return-value]


def config_field(node: cst.CSTNode, resolver: Resolver) -> Optional[Tuple[str, cst.BaseExpression]]:
    """(`<class>.<name>`, its default) of a class attribute spelled in lower case (one word too: `seqlog`) that may be
    a configuration field: a boolean (annotated `bool`, or valued `True`/`False` or an environment test), a field
    defaulting to an address a client may connect to (a URL, a loopback host: `broker_url = fields.String(
    load_default="redis://localhost:6379/0")`), or a declared field with no default (the configuration must give it)."""
    if resolver.scope.kind != "class" or not isinstance(node, (cst.AnnAssign, cst.Assign)) or node.value is None:
        return None
    if isinstance(node, cst.AnnAssign):
        target, annotation = node.target, cst.Module([]).code_for_node(node.annotation.annotation)
    else:
        target, annotation = node.targets[0].target if len(node.targets) == 1 else None, ""
    if not isinstance(target, cst.Name) or not _WORD.match(target.value):
        return None
    value = field_default(node.value, resolver)
    literal = isinstance(value, cst.Name) and value.value in ("True", "False")
    boolean = annotation in _BOOLEANS or literal or env_switch(value) is not None
    address = isinstance(value, cst.SimpleString) and _address(value)
    required = value is node.value and isinstance(value, cst.Call) and _declaration(value, resolver)
    return (f"{resolver.scope.qualname}.{target.value}", value) if boolean or address or required else None


def _address(value: cst.SimpleString) -> bool:
    """A string literal naming where a client connects: a URL, or a loopback host."""
    text = value.evaluated_value if "://" in value.value or any(host in value.value for host in LOOPBACK_HOSTS) else None
    return isinstance(text, str) and ("://" in text or loopback_address(text))


def _declaration(value: cst.Call, resolver: Resolver) -> bool:
    """A field declaration (pydantic, dataclasses, attrs, marshmallow) left without a default."""
    name = resolver.qualified_name(value.func) or ""
    return name in _DECLARATIONS or name.startswith(_MARSHMALLOW_FIELDS)


def is_field_name(text: str) -> bool:
    """Lower-case words joined by `_` (`check_running`): a field's name by the convention."""
    return bool(_FIELD_NAME.match(text))


def is_field_word(text: str) -> bool:
    """Lower-case words, one too (`url`): a field's name inside a configuration section."""
    return bool(_WORD.match(text))


def field_key(term: cst.BaseExpression, resolver: Optional[Resolver] = None) -> Optional[str]:
    """`field:<name>` of a test of a lower-case attribute of anything but `self`/`cls` (`settings.enable_x`,
    `get_settings().enable_x`): a settings field if a settings class declares one of that name;
    `field:<name>@<owner>` when the attribute is read through a name that resolves (`Env.check_running`, the
    class imported): also a class constant if `<owner>` is a plain project class (project/class_constants.py);
    and through a section of a module-level object (`config.developer.seqlog`, owner
    `common.tabby_config.config.developer`, a name of one word too): a field of a configuration model if that
    object is one (`config_section`, project/switches.py)."""
    if not isinstance(term, cst.Attribute) or isinstance(term.value, cst.Name) and term.value.value in ("self", "cls"):
        return None
    section = config_section(term.value, resolver) if _WORD.match(term.attr.value) else None
    if section:
        return FIELD + term.attr.value + OWNER + section
    if not _FIELD_NAME.match(term.attr.value):
        return None
    owner = resolver.qualified_name(term.value, resolver.module_scope) if resolver is not None and isinstance(term.value, cst.Name) else None
    return FIELD + term.attr.value + (OWNER + owner if owner else "")


def config_section(node: cst.BaseExpression, resolver: Optional[Resolver]) -> Optional[str]:
    """`<root>.<section>...` of an attribute chain whose root name resolves at module scope (`config.developer`,
    `config` imported from `common.tabby_config`): a section of what may be a configuration object; None for a
    chain on `self`, a parameter or a local."""
    sections: List[str] = []
    while isinstance(node, cst.Attribute) and _WORD.match(node.attr.value):
        sections.insert(0, node.attr.value)
        node = node.value
    if not sections or not isinstance(node, cst.Name) or node.value in ("self", "cls") or resolver is None:
        return None
    if resolver.lookup(node.value, resolver.scope) != resolver.lookup(node.value, resolver.module_scope):
        return None  # a function's own name (a parameter, a local) shadows the module's
    root = resolver.qualified_name(node, resolver.module_scope)
    return ".".join([root, *sections]) if root else None


def computed_fields(call: cst.Call, name: str) -> List[str]:
    """The upper-case fields a pydantic validator computes even when nothing sets them
    (`@validator("EMAILS_ENABLED", always=True)` deriving it from `SMTP_HOST`): their default is not their value."""
    if name not in _VALIDATORS:  # asked of every call: the name first
        return []
    if not any(arg.keyword is not None and arg.keyword.value == "always" and isinstance(arg.value, cst.Name)
               and arg.value.value == "True" for arg in call.args):
        return []
    fields = [arg.value.evaluated_value for arg in call.args if arg.keyword is None and isinstance(arg.value, cst.SimpleString)]
    return [field for field in fields if isinstance(field, str) and _KEY_NAME.match(field)]
