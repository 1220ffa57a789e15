"""Output formats. Each reporter turns a RunResult into the text of one format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Dict, Optional, Tuple

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


def reporters() -> Dict[str, Reporter]:
    """Format name -> reporter; imported lazily so a run pays only for the format it uses."""
    from prr_lint.reporters import json_format, text

    def lazy(module: str, function: str = "render") -> Reporter:
        def render(result: RunResult, registry: Registry, options: ReportOptions) -> str:
            from importlib import import_module

            return getattr(import_module(f"prr_lint.{module}"), function)(result, registry, options)

        return render

    return {
        "text": text.render,
        "concise": text.render_concise,
        "json": json_format.render,
        "sarif": lazy("reporters.sarif"),
        "github": lazy("reporters.github"),
        "markdown": lazy("readiness", "render_markdown"),
        "html": lazy("readiness", "render_html"),
    }
