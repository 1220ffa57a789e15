"""PRR1xx: errors that are swallowed instead of reported (checklist item PRR-ERR), one module per concern.

- rules/swallowed.py: PRR101 swallowed-exception; rules/dependency_fallback.py: PRR102 silent-dependency-fallback;
- rules/broad_suppress.py: PRR105 broad-suppress;
- rules/error_responses.py: PRR103 unreported-error-response, PRR104 unreporting-global-error-handler;
- rules/background.py: PRR106 lost-background-exception.

The handler-level rules (PRR101 to PRR104) share one verdict per handler (rules/verdicts.py), so a
handler gets at most one finding, from the most specific enabled rule.
"""

from prr_lint.rules.background import LostBackgroundException
from prr_lint.rules.error_responses import UnreportedErrorResponse, UnreportingGlobalErrorHandler
from prr_lint.rules.broad_suppress import BroadSuppress
from prr_lint.rules.dependency_fallback import SilentDependencyFallback
from prr_lint.rules.swallowed import SwallowedException
from prr_lint.rules.vanishing import VanishingFailure

ERROR_RULES = (
    SwallowedException,
    SilentDependencyFallback,
    UnreportedErrorResponse,
    UnreportingGlobalErrorHandler,
    BroadSuppress,
    LostBackgroundException,
    VanishingFailure,
)
