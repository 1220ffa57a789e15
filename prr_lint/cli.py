"""The `prr-lint` command line: click commands only; the work happens in runner, engine, reporters."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import click

from prr_lint import __version__
from prr_lint.cache import CACHE_DIRECTORY
from prr_lint.config import ConfigError, Settings, load_settings, project_root, validate_selectors
from prr_lint.model import RunResult, Severity
from prr_lint.registry import Registry, default_registry

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
SEVERITIES = [severity.value for severity in Severity]
OUTPUT_FORMATS = ["text", "concise", "json", "sarif", "github", "markdown", "html"]


class UsageProblem(click.ClickException):
    """A one-line error on stderr and exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"prr-lint: error: {self.format_message()}", err=True)


def _split(values: Sequence[str]) -> Tuple[str, ...]:
    """`--select A,B --select C` -> (A, B, C)."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _settings(config: Optional[str], registry: Registry) -> Settings:
    try:
        return load_settings(Path.cwd(), Path(config) if config else None, registry)
    except ConfigError as error:
        raise UsageProblem(str(error)) from error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="prr-lint")
def cli() -> None:
    """Check Python services against the questions of a Production Readiness Review."""


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--select", multiple=True, help="Rules to run (codes, prefixes such as PRR1, names, ALL); replaces the configured set.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the configured set.")
@click.option("--ignore", multiple=True, help="Rules not to run.")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="Configuration file (pyproject.toml or prr-lint.toml).")
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True)
@click.option("--output", "outputs", multiple=True, metavar="FORMAT:PATH", help="Also write FORMAT to PATH (repeatable), e.g. sarif:prr-lint.sarif.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not in this baseline file (see 'prr-lint baseline').")
@click.option("--sarif-category", help="SARIF runAutomationDetails.id category: one per analysis uploaded for the same commit.")
@click.option("--sarif-all-rules", is_flag=True, help="SARIF: describe every rule, not only those that fired.")
@click.option("--sarif-include-suppressed", is_flag=True, help="SARIF: add suppressed findings, marked with 'suppressions' (GitHub ignores these marks).")
@click.option("--jobs", "-j", default="1", show_default=True, help="Worker processes: a number or 'auto'.")
@click.option("--no-cache", is_flag=True, help="Analyse every file, ignoring and not writing the result cache.")
@click.option(
    "--file-timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="CPU seconds one file's analysis may take (default: the file-timeout setting, 20); a file over it is a PRR004 finding.",
)
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to files named on the command line too (for pre-commit).")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of the findings.")
@click.option("--stdin-filename", help="The path to report for source read from '-' (stdin).")
def check(
    paths: Tuple[str, ...],
    select: Tuple[str, ...],
    extend_select: Tuple[str, ...],
    ignore: Tuple[str, ...],
    config: Optional[str],
    output_format: str,
    jobs: str,
    no_cache: bool,
    fail_on: Optional[str],
    exit_zero: bool,
    force_exclude: bool,
    statistics: bool,
    stdin_filename: Optional[str],
    outputs: Tuple[str, ...] = (),
    baseline: Optional[str] = None,
    sarif_category: Optional[str] = None,
    sarif_all_rules: bool = False,
    sarif_include_suppressed: bool = False,
    file_timeout: Optional[float] = None,
) -> None:
    """Lint PATHS (default: the current directory); '-' reads one file from stdin."""
    from dataclasses import replace

    from prr_lint.baseline import BaselineError
    from prr_lint.discovery import DiscoveryError
    from prr_lint.runner import CheckRequest, run_check

    if jobs != "auto" and not jobs.isdigit():
        raise UsageProblem(f"--jobs: expected a number or 'auto', got '{jobs}'")
    # The rule catalogue in the project's cache spares importing the rules (and libcst) on a warm run.
    cached = not no_cache and paths != ("-",)
    registry = default_registry(os.path.join(project_root(Path.cwd(), Path(config) if config else None), CACHE_DIRECTORY) if cached else None)
    settings = _settings(config, registry)
    try:
        overrides = {}
        if select:
            overrides["select"] = validate_selectors(_split(select), registry, "--select")
        if extend_select:
            overrides["extend_select"] = settings.extend_select + validate_selectors(_split(extend_select), registry, "--extend-select")
        if ignore:
            overrides["ignore"] = settings.ignore + validate_selectors(_split(ignore), registry, "--ignore")
    except ConfigError as error:
        raise UsageProblem(str(error)) from error
    if fail_on:
        overrides["fail_on"] = Severity(fail_on)
    if baseline:
        overrides["baseline"] = str(Path(baseline).resolve())
    if file_timeout:
        overrides["file_timeout"] = file_timeout
    settings = replace(settings, **overrides)
    files = _parse_outputs(outputs)
    stdin = sys.stdin.buffer.read() if paths == ("-",) else None
    request = CheckRequest(paths or (".",), jobs, not no_cache, force_exclude, stdin, stdin_filename)
    try:
        outcome = run_check(request, settings, registry, Path.cwd())
    except (DiscoveryError, BaselineError) as error:
        raise UsageProblem(str(error)) from error
    for warning in outcome.warnings:
        click.echo(f"prr-lint: warning: {warning}", err=True)
    options = _report_options(settings, registry, sarif_category, sarif_all_rules, sarif_include_suppressed)
    _emit(outcome.result, registry, output_format, statistics, options, files)
    sys.exit(_exit_code(outcome.result, settings.fail_on, exit_zero))


def _parse_outputs(outputs: Sequence[str]) -> List[Tuple[str, str]]:
    from prr_lint.reporters.outputs import parse_output

    try:
        return [parse_output(value) for value in outputs]
    except ValueError as error:
        raise UsageProblem(str(error)) from error


def _report_options(settings: Settings, registry: Registry, category=None, all_rules=False, include_suppressed=False):
    from prr_lint.reporters import ReportOptions
    from prr_lint.runner import enabled_rules

    return ReportOptions(
        settings=settings,
        enabled=enabled_rules(settings, registry),
        sarif_category=category,
        sarif_all_rules=all_rules,
        sarif_include_suppressed=include_suppressed,
    )


def _emit(result: RunResult, registry: Registry, output_format: str, statistics: bool, options=None, files=()) -> None:
    from dataclasses import replace

    from prr_lint.reporters import ReportOptions
    from prr_lint.reporters.outputs import render, write_outputs
    from prr_lint.reporters.text import render_statistics

    options = options or ReportOptions()
    if files:
        try:
            write_outputs(result, registry, files, options, Path.cwd())
        except OSError as error:
            raise UsageProblem(f"--output: cannot write {error.filename}: {error.strerror}") from error
    if statistics:
        click.echo(render_statistics(result, registry), nl=False)
        return
    color = output_format in ("text", "concise") and sys.stdout.isatty()
    click.echo(render(result, registry, output_format, replace(options, color=color)), nl=False)


def _exit_code(result: RunResult, fail_on: Severity, exit_zero: bool) -> int:
    if result.internal_errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    failing = any(finding.severity.rank >= fail_on.rank for finding in result.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
def list_rules(output_format: str) -> None:
    """List every rule with its severity and checklist items (markdown: the full rule reference)."""
    registry = default_registry()
    if output_format == "markdown":
        from prr_lint.docs import rule_reference

        click.echo(rule_reference(registry), nl=False)
        return
    rows = [
        {
            "code": rule.code,
            "name": rule.name,
            "severity": rule.severity.value,
            "checklist": list(rule.checklist),
            "default_enabled": rule.default_enabled,
            "summary": rule.summary,
        }
        for rule in registry
    ]
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    lines: List[str] = [f"{'CODE':<7} {'NAME':<34} {'SEVERITY':<8} {'CHECKLIST':<16} SUMMARY"]
    for row in rows:
        items = ",".join(row["checklist"]) if len(row["checklist"]) < 3 else "all"
        lines.append(f"{row['code']:<7} {row['name']:<34} {row['severity']:<8} {items:<16} {row['summary']}")
    click.echo("\n".join(lines))


@cli.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """Print the documentation of the rule CODE (a code such as PRR101, or a rule name)."""
    from prr_lint.checklist import ITEMS

    registry = default_registry()
    rule = registry.find(code)
    if rule is None:
        suggestion = registry.suggest(code)
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        raise UsageProblem(f"unknown rule '{code}'{hint}")
    items = "; ".join(f"{item} ({ITEMS[item].title})" if item in ITEMS else item for item in rule.checklist)
    click.echo(f"{rule.code} {rule.name}\n")
    click.echo(f"Severity: {rule.severity.value}    Checklist: {items}\n")
    click.echo(rule.documentation())


@cli.command("baseline")
@click.argument("paths", nargs=-1)
@click.option("--config", "config", type=click.Path(dir_okay=False), help="Configuration file (pyproject.toml or prr-lint.toml).")
@click.option("--output", "output", type=click.Path(dir_okay=False), help="Baseline file (default: the 'baseline' config key, else .prr-lint-baseline.json in the project root).")
@click.option("--prune", is_flag=True, help="Drop stale entries (findings since fixed) from the existing baseline; add nothing.")
@click.option("--jobs", "-j", default="1", show_default=True, help="Worker processes: a number or 'auto'.")
@click.option("--no-cache", is_flag=True, help="Analyse every file, ignoring and not writing the result cache.")
def baseline_command(paths: Tuple[str, ...], config: Optional[str], output: Optional[str], prune: bool, jobs: str, no_cache: bool) -> None:
    """Record the current findings of PATHS so that `check --baseline` reports only new ones."""
    from prr_lint.baseline import BaselineError, default_path
    from prr_lint.commands.baseline import update
    from prr_lint.discovery import DiscoveryError
    from prr_lint.runner import CheckRequest

    if jobs != "auto" and not jobs.isdigit():
        raise UsageProblem(f"--jobs: expected a number or 'auto', got '{jobs}'")
    registry = default_registry()
    settings = _settings(config, registry)
    target = Path(output).resolve() if output else default_path(settings)
    try:
        done = update(CheckRequest(paths or (".",), jobs, not no_cache), settings, registry, target, prune, Path.cwd())
    except (DiscoveryError, BaselineError) as error:
        raise UsageProblem(str(error)) from error
    except OSError as error:
        raise UsageProblem(f"cannot write {target}: {error.strerror or error}") from error
    for warning in done.warnings:
        click.echo(f"prr-lint: warning: {warning}", err=True)
    click.echo(f"prr-lint: {done.summary(prune)}", err=True)
    sys.exit(EXIT_ERROR if done.internal_errors else EXIT_CLEAN)


@cli.command("report")
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True)
@click.option("--output", "output", type=click.Path(dir_okay=False), help="Write the report to this file instead of stdout.")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="Configuration file (pyproject.toml or prr-lint.toml).")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Leave out the findings in this baseline file.")
@click.option("--jobs", "-j", default="1", show_default=True, help="Worker processes: a number or 'auto'.")
@click.option("--no-cache", is_flag=True, help="Analyse every file, ignoring and not writing the result cache.")
def report_command(paths: Tuple[str, ...], output_format: str, output: Optional[str], config: Optional[str], baseline: Optional[str], jobs: str, no_cache: bool) -> None:
    """Readiness report for PATHS: findings grouped by PRR checklist item (Markdown or one HTML page)."""
    from dataclasses import replace

    from prr_lint.baseline import BaselineError
    from prr_lint.commands.report import produce
    from prr_lint.discovery import DiscoveryError
    from prr_lint.reporters.common import write_atomic
    from prr_lint.runner import CheckRequest

    if jobs != "auto" and not jobs.isdigit():
        raise UsageProblem(f"--jobs: expected a number or 'auto', got '{jobs}'")
    registry = default_registry()
    settings = _settings(config, registry)
    if baseline:
        settings = replace(settings, baseline=str(Path(baseline).resolve()))
    try:
        text, warnings, result = produce(CheckRequest(paths or (".",), jobs, not no_cache), settings, registry, Path.cwd(), output_format)
    except (DiscoveryError, BaselineError) as error:
        raise UsageProblem(str(error)) from error
    for warning in warnings:
        click.echo(f"prr-lint: warning: {warning}", err=True)
    if output:
        try:
            write_atomic(Path(output), text)
        except OSError as error:
            raise UsageProblem(f"cannot write {output}: {error.strerror or error}") from error
    else:
        click.echo(text, nl=False)
    sys.exit(EXIT_ERROR if result.internal_errors else EXIT_CLEAN)


@cli.command("entrypoints")
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config", type=click.Path(dir_okay=False), help="Configuration file (pyproject.toml or prr-lint.toml).")
@click.option("--batch", "batch", is_flag=True, help="Also list the batch contexts (tasks, commands, scheduled jobs, migrations).")
def entrypoints_command(paths: Tuple[str, ...], output_format: str, config: Optional[str], batch: bool) -> None:
    """List the request handlers prr-lint treats as serving entry points in PATHS (framework, route, location)."""
    from prr_lint.discovery import DiscoveryError
    from prr_lint.commands.entrypoints import collect, guarded_listing, unanalysed_lines

    registry = default_registry()
    settings = _settings(config, registry)
    try:
        build, files, unanalysed = collect(paths or (".",), settings, registry, Path.cwd())
    except DiscoveryError as error:
        raise UsageProblem(str(error)) from error
    for line in unanalysed_lines(unanalysed):
        click.echo(line, err=True)
    text, crash = guarded_listing(build, files, output_format, batch)
    if crash:
        click.echo(crash, err=True)
        sys.exit(EXIT_ERROR)
    click.echo(text, nl=False)


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt, which click turns into "Aborted!" and exit code 1."""


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted()


def main() -> None:
    """The console script: Ctrl-C stops the run (worker processes included) with exit code 130."""
    import signal

    signal.signal(signal.SIGINT, _interrupt)
    try:
        cli(prog_name="prr-lint")
    except Interrupted:
        click.echo("prr-lint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
