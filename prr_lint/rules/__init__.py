"""The built-in rules, one module per family."""

from typing import List

from prr_lint.rules.base import RuleClass
from prr_lint.rules.correlation import CORRELATION_RULES
from prr_lint.rules.dependencies import DEPENDENCY_RULES
from prr_lint.rules.instrumentation import INSTRUMENTATION_RULES
from prr_lint.rules.health import HEALTH_RULES
from prr_lint.rules.errors import ERROR_RULES
from prr_lint.rules.logging_rules import LOGGING_RULES
from prr_lint.rules.meta import META_RULES
from prr_lint.rules.qos import QOS_RULES

BUILTIN_RULES: List[RuleClass] = [*META_RULES, *ERROR_RULES, *LOGGING_RULES, *CORRELATION_RULES, *QOS_RULES, *INSTRUMENTATION_RULES, *HEALTH_RULES, *DEPENDENCY_RULES]
