"""The built-in rules, one module per family."""

from typing import List

from prr_lint.rules.base import RuleClass

BUILTIN_RULES: List[RuleClass] = []
