"""Which routers a parameter holds, from the flow marks of prr_lint/flow_marks.py: a router mounted
in a loop over a parameter (`for bp in blueprints: app.register_blueprint(bp, url_prefix=...)`) is
every router in the collections its callers pass for it, through parameters passed along."""

from __future__ import annotations

from typing import Dict, List, Set

from prr_lint.flow_marks import PARAM
from prr_lint.project.index import ProjectIndex


class Flows:
    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        self.items: Dict[str, List[str]] = {}
        self.sources: Dict[str, Set[str]] = {}  # "param:<function>:<name>" -> sources
        self.params: Dict[str, List[str]] = {}
        flows = []
        for module in index.modules.values():
            for kind, a, b, c in module.prefixes:
                if kind == "items":
                    self.items.setdefault(a, []).append(b)
                elif kind == "flow":
                    flows.append((a, b))
                elif kind == "params":
                    self.params[a] = b.split(",") if b else []
        for target, source in flows:
            function, _, slot = target[len(PARAM):].rpartition(":")
            function = index.canonical(function) or function
            if slot.startswith("#"):
                names = self.params.get(function, [])
                position = int(slot[1:])
                if position >= len(names):
                    continue
                slot = names[position]
            self.sources.setdefault(f"{PARAM}{function}:{slot}", set()).add(source)

    def objects(self, key: str) -> List[str]:
        """The objects a parameter key may hold (the items of every collection passed for it)."""
        found: List[str] = []
        seen: Set[str] = set()
        stack = [key]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            if current.startswith(PARAM):
                stack.extend(sorted(self.sources.get(current, ())))
            elif current in self.items:
                stack.extend(self.items[current])
            elif current not in found:
                found.append(current)
        return sorted(found)
