"""Class constants: a lower-case attribute a plain class binds once to `False` and nothing rebinds (PRR501's
project/switches.py, `field:<name>@<owner>` keys).

`if XAgentServerEnv.check_running:` reads what the class body bound (`check_running: bool = False`) unless
something rebinds it, and no loader fills a plain class from the environment the way pydantic-settings fills a
`BaseSettings` (settings_fields.py). The key is off when the attribute is read through a name that resolves to
a project class with no base, decorator or metaclass (nothing that may fill or replace its attributes), whose
body gives the attribute one boolean value, `False`; no module outside tests stores an attribute of that name
(`Env.check_running = True`, `self.check_running = ...`: any owner counts) or `setattr`s it by its literal name,
no `setattr` of a computed name targets the class (`setattr(XAgentServerEnv, k, v)`, `setattr(cls, k, v)` in its
method), and no shipped file names it (in either case). Like a module constant bound once (`_bound_blank`), it
is what Python binds in every deployment. A class passed as a value to code that `setattr`s a computed name on a
parameter is not followed.
"""

from __future__ import annotations

from typing import Callable, Collection, Dict, List, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.project.kept_globals import stored_attributes
from prr_lint.namespace_writes import COMPUTED
from prr_lint.switch_keys import OFF

_PLAIN_BASES = ((), ("object",), ("builtins.object",))


def class_constant_off(index: ProjectIndex, owner: str, name: str, fields: Dict[str, List[Tuple[str, str]]],
                       set_attributes: Collection[str], shipped: Callable[[str], bool]) -> bool:
    """`owner.name` is a class constant bound once to `False` that nothing rebinds (module docstring)."""
    cls = index.canonical(owner)
    module = index.modules.get(index.module_of(cls)) if cls is not None and cls in index.classes else None
    if module is None or index.classes[cls] not in _PLAIN_BASES or cls in module.class_decorators or cls in module.metaclasses:
        return False
    if [value for declared, value in fields.get(name, []) if declared == cls] != [OFF]:
        return False
    if name in set_attributes or COMPUTED + cls in set_attributes:
        return False
    return name not in stored_attributes(index) and not shipped(name)
