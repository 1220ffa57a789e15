"""Output formats. Each reporter turns a RunResult into the text of one format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Optional, Tuple

from prr_lint.model import RunResult
from prr_lint.registry import Registry

if TYPE_CHECKING:
    from prr_lint.config import Settings


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    # The run's settings: the project root (paths in findings are relative to it; SARIF reads the
    # files there for line hashes) and the organisation's own checklist items and rule mappings.
    settings: Optional["Settings"] = None
    # The rules that ran (for `--sarif-all-rules` and the readiness report); empty = every rule.
    enabled: Tuple[str, ...] = ()
    sarif_category: Optional[str] = None
    sarif_all_rules: bool = False
    sarif_include_suppressed: bool = False


Reporter = Callable[[RunResult, Registry, ReportOptions], str]
