"""Fields of a configuration model: switches a pydantic model the project defines leaves off by default (PRR501 and
PRR505's project/switches.py, `field:<name>@<owner>` keys whose owner is a section of a module-level object).

`if config.developer.seqlog: xlogger.setup(...)` reads a field of the project's configuration: `config` is a
module-level object of a project class deriving from a pydantic model (`config: TabbyConfig = TabbyConfig()`), its
loader fills it from a configuration file, the environment or the command line, and what none of them sets keeps
the model's default (`seqlog: Optional[bool] = Field(False, ...)` in `DeveloperConfig`). The key is off when that
object is such a model, every project class that declares a field of that name is a pydantic model that gives it
an off default (settings_fields.config_field's `sets-field:` tags), no code outside tests stores an attribute of
that name or `setattr`s it by its literal name, no shipped file gives it a value that is on (`seqlog: false` in the
sample configuration keeps it off; `TABBY_DEVELOPER_SEQLOG=true` in a compose file or `--seqlog` in a launch file
turns it on). A request body is no such object: it is a parameter, not a module-level instance, and its fields
are what each client sends. A field read through a plain object or a dict, or declared by any class that is no
pydantic model, stays on.
"""

from __future__ import annotations

import re
from typing import Callable, Collection, Dict, List, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.project.kept_globals import stored_attributes
from prr_lint.project.names import class_ancestors

_MODELS = (".BaseModel", ".BaseSettings")


def pydantic_model(index: ProjectIndex, cls: str) -> bool:
    """A class deriving from pydantic's `BaseModel` or `BaseSettings`."""
    return any(base.startswith("pydantic") and base.endswith(_MODELS) for base in class_ancestors(index, cls))


def model_field_off(index: ProjectIndex, name: str, owner: str, fields: Dict[str, List[Tuple[str, str]]],
                    set_attributes: Collection[str], value_off: Callable[[str], bool],
                    shipped_on: Callable[[str], bool]) -> bool:
    """`owner.name` is a field of a configuration model the project leaves off (module docstring). `value_off`
    says a `sets-field:` value kind is off (an environment test by what the deployment sets); `shipped_on(name)`
    says a shipped file gives the field a value that is on, or a launch file passes its flag."""
    module_name = index.module_of(owner)
    module = index.modules.get(module_name)
    root = owner[len(module_name) + 1:].partition(".")[0] if module is not None and owner.startswith(module_name + ".") else ""
    cls = module.globals.get(root) if module is not None and root else None
    if cls is None or not pydantic_model(index, cls):
        return False
    declared = fields.get(name, [])
    if not declared or not all(pydantic_model(index, declaring) and value_off(value) for declaring, value in declared):
        return False
    if name in set_attributes or name in stored_attributes(index):
        return False
    return not shipped_on(name)


def flag_passed(texts: Collection[str], name: str) -> bool:
    """Whether any of `texts` passes the field's command-line flag as a word of its own (`--seqlog`, `--seq-log`)."""
    flags = {"--" + name, "--" + name.replace("_", "-")}
    return any(re.search(r"(?<![\w-])" + re.escape(flag) + r"(?![\w-])", text) for flag in flags for text in texts if flag in text)


def flag_values(texts: Collection[str], name: str) -> List[str]:
    """The values `texts` pass the option `--name` (or `--na-me`) on a command line, in lower case: `--name value`,
    `--name=value`, and a Dockerfile's or compose file's list form `"--name", "value"`."""
    found: List[str] = []
    for flag in {"--" + name, "--" + name.replace("_", "-")}:
        pattern = re.compile(r"(?<![\w-])" + re.escape(flag) + r"""["']?(?:=|[ \t]*,[ \t]*|[ \t]+)["']?([^\s"',\]]+)""")
        found += [value.lower() for text in texts if flag in text for value in pattern.findall(text)]
    return found
