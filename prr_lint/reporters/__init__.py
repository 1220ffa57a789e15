"""Output formats. Each reporter turns a RunResult into the text of one format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict

from prr_lint.model import RunResult
from prr_lint.registry import Registry


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False


Reporter = Callable[[RunResult, Registry, ReportOptions], str]


def reporters() -> Dict[str, Reporter]:
    """Format name -> reporter; imported lazily so a run pays only for the format it uses."""
    from prr_lint.reporters import json_format, text

    return {"text": text.render, "concise": text.render_concise, "json": json_format.render}
