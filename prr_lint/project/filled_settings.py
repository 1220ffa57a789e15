"""Settings objects a loader fills by computed names (PRR501 and PRR505's project/switches.py).

`for key, value in parser.items("General"): setattr(self, key.upper(), value)` in a configuration class, a
loop over the environment's items setting each on a settings module, or a request handler saving a dict of
user settings onto the configuration object: a `setattr` of a computed name (switch_keys.SETS_ATTR's
`sets-attr:*Q`) may give the object any key, in any case, whatever the code's own literal assignments
give it. What such an object holds is no switch the project decides, so none of its keys is provably off
(or provably on). The object is matched by what it resolves to: a module, a class, or an instance's class;
a class also stands for its project bases and subclasses, since `self` in a base's method is any subclass's
instance and a subclass's instance reads what its bases bind.
"""

from __future__ import annotations

from typing import Collection, List, Set

from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import lineage
from prr_lint.namespace_writes import COMPUTED


class FilledSettings:
    """The objects outside tests that take `setattr`s of computed names."""

    def __init__(self, index: ProjectIndex, set_attributes: Collection[str]) -> None:
        self.index = index
        self.filled: Set[str] = {self._name(tag[len(COMPUTED):]) for tag in set_attributes if tag.startswith(COMPUTED)}
        self.related: Set[str] = {name for owner in self.filled for name in self._lineage(owner)}

    def holds(self, owner: str) -> bool:
        """What resolves to `owner` (or a base or subclass of it) takes keys of computed names."""
        name = self._name(owner)
        return name in self.related or any(base in self.filled for base in self._lineage(name))

    def _name(self, owner: str) -> str:
        return self.index.canonical(owner) or owner

    def _lineage(self, owner: str) -> List[str]:
        return lineage(self.index, owner) if owner in self.index.classes else [owner]
