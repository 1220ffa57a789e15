"""Several outputs from one run: the format on stdout plus `--output FORMAT:PATH` files."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from prr_lint.model import RunResult
from prr_lint.registry import Registry
from prr_lint.reporters import Reporter, ReportOptions
from prr_lint.reporters.common import write_atomic

# What `--output-format` and `--output` accept, in the order help texts list them.
FORMATS = ("text", "concise", "json", "sarif", "github", "markdown", "html")


def parse_output(value: str) -> Tuple[str, str]:
    """`sarif:out/prr.sarif` -> ('sarif', 'out/prr.sarif'); ValueError with a one-line message otherwise."""
    name, separator, path = value.partition(":")
    if not separator or not path:
        raise ValueError(f"--output: expected FORMAT:PATH (for example sarif:prr-lint.sarif), got '{value}'")
    if name not in FORMATS:
        raise ValueError(f"--output: unknown format '{name}' (choose from {', '.join(FORMATS)})")
    return name, path


def render(result: RunResult, registry: Registry, output_format: str, options: ReportOptions) -> str:
    return reporters()[output_format](result, registry, options)


def reporters() -> Dict[str, Reporter]:
    """Format name -> reporter. The text and JSON reporters are cheap; the others are imported only
    when their format is asked for, so a run pays for the format it uses."""
    from prr_lint.reporters import json_format, text

    return {
        "text": text.render,
        "concise": text.render_concise,
        "json": json_format.render,
        "sarif": _sarif,
        "github": _github,
        "markdown": _markdown,
        "html": _html,
    }


def _sarif(result: RunResult, registry: Registry, options: ReportOptions) -> str:
    from prr_lint.reporters import sarif

    return sarif.render(result, registry, options)


def _github(result: RunResult, registry: Registry, options: ReportOptions) -> str:
    from prr_lint.reporters import github

    return github.render(result, registry, options)


def _markdown(result: RunResult, registry: Registry, options: ReportOptions) -> str:
    from prr_lint import readiness

    return readiness.render_markdown(result, registry, options)


def _html(result: RunResult, registry: Registry, options: ReportOptions) -> str:
    from prr_lint import readiness

    return readiness.render_html(result, registry, options)


def write_outputs(
    result: RunResult, registry: Registry, outputs: Sequence[Tuple[str, str]], options: ReportOptions, cwd: Path
) -> List[Path]:
    """Render each (format, path) and write it atomically (paths relative to `cwd`); colour never goes to files."""
    from dataclasses import replace

    plain = replace(options, color=False)
    written = []
    for output_format, path in outputs:
        target = Path(path) if Path(path).is_absolute() else cwd / path
        write_atomic(target, render(result, registry, output_format, plain))
        written.append(target)
    return written
