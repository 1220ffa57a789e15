"""What one benchmark session measured: the row labels, samples and per-corpus results."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from corpora import Corpus

AST = "ast.parse (in-process)"
STARTUP = "startup: python + import libcst"
LIBCST = "libcst.parse_module"
PRR_JOBS1 = "prr-lint --jobs 1"
PRR_JOBS2 = "prr-lint --jobs 2"
PRR_WARM = "prr-lint, warm cache"
RUFF = "ruff check, cold (--no-cache)"
RUFF_WARM = "ruff check, warm cache"
FIXIT = "fixit lint"

PARALLEL_WORKERS = 2  # `--jobs 2`, and the busy loops that measure the headroom beside it


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mb: Optional[float]
    project_cpu: Optional[float] = None  # prr-lint's project phase (PRR_LINT_PHASE_TIMES), in its main process


@dataclass
class Result:
    label: str
    samples: List[Sample] = field(default_factory=list)
    note: str = ""
    skipped: Optional[str] = None

    def median(self, attr: str) -> Optional[float]:
        """Median over the runs, taken per metric: the runs are noisy independently."""
        values = [getattr(s, attr) for s in self.samples if getattr(s, attr) is not None]
        return statistics.median(values) if values else None


@dataclass
class CorpusRun:
    corpus: Corpus
    results: List[Result]
    headroom: float  # speed-up that PARALLEL_WORKERS CPU-bound processes could get at the time

    def by_label(self) -> Dict[str, Result]:
        return {result.label: result for result in self.results}
