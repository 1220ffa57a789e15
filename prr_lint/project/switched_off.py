"""Whether a PRR501 finding's switch subjects hold (project/switched_findings.py, wrappers.py): the keys its guards
read are off in the project's SwitchView (project/switches.py)."""

from __future__ import annotations

from typing import Callable, Sequence

from prr_lint.project.index import ProjectIndex
from prr_lint.project.switches import SwitchView
from prr_lint.rules.config_switches import SWITCHED_BY, SWITCHED_CLIENT


def switched_off_check(index: ProjectIndex, switches: Callable[[], SwitchView]) -> Callable[[Sequence[str]], bool]:
    """Whether a PRR501 finding's switch subjects hold: each `switched-by:` subject has a key that is off
    (in `switches()`, built only when a finding has one), and a switched client's module constant is
    imported by no other module (by name or by `*`)."""

    def imported_elsewhere(constant: str) -> bool:
        module = constant.rpartition(".")[0]
        return any(constant in summary.imports.values() or module in summary.star_imports
                   for name, summary in index.modules.items() if name != module)

    def check(subjects: Sequence[str]) -> bool:
        switched = [subject[len(SWITCHED_BY):].split("|") for subject in subjects if subject.startswith(SWITCHED_BY)]
        if not switched:
            return False
        view = switches()
        clients = [subject[len(SWITCHED_CLIENT):] for subject in subjects if subject.startswith(SWITCHED_CLIENT)]
        return all(any(view.off(key) for key in keys) for keys in switched) and not any(map(imported_elsewhere, clients))

    return check

