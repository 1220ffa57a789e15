"""The project half of `unless-switched-off` (rules/config_switches.py `UNLESS_SWITCHED_OFF`): a finding that runs
only when an operator turns a feature on is dropped before the condition it carries next settles it.

The finding goes when each of its `switched-by:` subjects has a key every shipped configuration leaves off
(project/switches.py, as for PRR501), or when serving code reaches its function only through calls under such keys
(project/switched_reach.py, as for PRR501); otherwise the next condition decides, with its own subjects.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, Optional

from prr_lint.model import Finding, Pending
from prr_lint.project.switched_reach import switched_only
from prr_lint.project.switched_off import switched_off_check
from prr_lint.project.switches import project_switches
from prr_lint.rules.config_switches import SWITCHED_BY, UNLESS_SWITCHED_OFF

Judge = Callable[[Pending], Optional[Finding]]


def switched_conditions(project, judge: Judge) -> Dict[str, Callable[[], Judge]]:
    """`judge` settles the condition the finding carries next."""

    def build() -> Judge:
        switched_off = switched_off_check(project.index, lambda: project_switches(project))
        behind_switch = switched_only(project)

        def check(item: Pending) -> Optional[Finding]:
            count = next(i for i, subject in enumerate(item.subjects) if not subject.startswith(SWITCHED_BY))
            if switched_off(item.subjects[:count]) or behind_switch(item.finding.context):
                return None
            return judge(replace(item, condition=item.subjects[count], subjects=item.subjects[count + 1:]))

        return check

    return {UNLESS_SWITCHED_OFF: build}
