"""Helpers for the serving-path tests: run the per-file phase on in-memory modules, build the model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Tuple

from prr_lint.config import Settings
from prr_lint.config_schema import section_defaults
from prr_lint.engine import FileJob, Plan
from prr_lint.pool import run_files
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.index import ProjectIndex
from prr_lint.registry import default_registry
from prr_lint.runner import run_jobs

REGISTRY = default_registry()


def settings_with(**sections: Mapping[str, object]) -> Settings:
    merged = section_defaults()
    for name, values in sections.items():
        merged[name].update(values)
    return Settings(root=Path("."), sections=merged)


def jobs_for(files: Dict[str, str]):
    jobs = []
    for path, source in sorted(files.items()):
        is_package = path.endswith("__init__.py")
        module = path[: -len(".py")].replace("/", ".")
        module = module[: -len(".__init__")] if is_package else module
        jobs.append(FileJob(path, module, is_package, source.encode()))
    return jobs


def analysis_for(files: Dict[str, str], settings: Optional[Settings] = None) -> ServingAnalysis:
    settings = settings or settings_with()
    plan = Plan(settings, tuple(REGISTRY.select(["ALL"], [], [])))
    results = run_files(jobs_for(files), plan, 1)
    return ServingAnalysis(ProjectIndex(r.summary for r in results if r.summary is not None), settings)


def run(files: Dict[str, str], select=("PRR2", "PRR3"), settings: Optional[Settings] = None, whole_project: bool = False,
        launch_files: Tuple[str, ...] = ()):
    """`whole_project`: a run over a directory, as against files named on the command line;
    `launch_files`: the deployment files discovery would list."""
    settings = settings or settings_with()
    plan = Plan(settings, tuple(REGISTRY.select(list(select), [], [])), whole_project=whole_project, launch_files=launch_files)
    return run_jobs(jobs_for(files), plan)


def run_on_disk(root: Path, files: Dict[str, str], select=("PRR501",), whole_project: bool = False,
                on_disk_only: Optional[Dict[str, str]] = None, launch_files: Tuple[str, ...] = ()):
    """`run` over files also written under `root`: the project phase reads templates, settings and
    deployment files from disk, so checks that depend on them need the tree there. `on_disk_only`:
    files written but not analysed (a packaging file, a script without a `.py` name); `launch_files`:
    names of written files discovery lists as deployment files."""
    for name, text in {**files, **(on_disk_only or {})}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return run(files, select=select, settings=replace(settings_with(), root=root), whole_project=whole_project,
               launch_files=tuple(str(root / name) for name in launch_files))


def all_scope_lines(files: Dict[str, str], select=("PRR501",)) -> list:
    """(path, line) of each finding in `scope = "all"`: what the rules report before the serving scope
    leaves anything out, so a test sees only the deadline or switch it is about decide."""
    plan = Plan(Settings(root=Path("."), scope="all"), tuple(REGISTRY.select(list(select), [], [])))
    return [(f.path, f.span.line) for f in run_jobs(jobs_for(files), plan, 1).findings]


def entries(files: Dict[str, str], settings: Optional[Settings] = None):
    return sorted((e.framework, e.route, e.qualname) for e in analysis_for(files, settings).model.entry_points)


def shipped_findings(tmp_path: Path, files: Dict[str, str], shipped: Dict[str, str], rule: str = "PRR501") -> List[Tuple[str, int]]:
    """(path, line) of `rule`'s findings in `scope = "all"` over `files`, with `shipped` (Dockerfiles,
    compose, manifests, env files) written under `tmp_path` and listed as launch files."""
    for name, text in shipped.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    plan = replace(Plan(Settings(root=tmp_path, scope="all"), tuple(REGISTRY.select([rule], [], []))),
                   launch_files=tuple(str(tmp_path / name) for name in shipped))
    jobs = [FileJob(path, path[: -len(".py")].replace("/", ".").removesuffix(".__init__"), path.endswith("__init__.py"), source.encode())
            for path, source in sorted(files.items())]
    return [(finding.path, finding.span.line) for finding in run_jobs(jobs, plan, 1).findings]
