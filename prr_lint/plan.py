"""What a file's result depends on besides its bytes (Plan), and one file to analyse (FileJob).

Apart from engine.py because a warm run needs only these, to compute cache keys: the analysis
(the parse guard, the path heuristics, their regular expressions, libcst) stays unimported.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional, Tuple

from prr_lint.cache import content_digest
from prr_lint.config import Settings
from prr_lint.registry import Registry, default_registry
from prr_lint.stamps import code_fingerprint


@dataclass(frozen=True)
class FileJob:
    path: str  # root-relative, `/`-separated: what findings show
    module: str
    is_package: bool
    data: bytes
    digest: str = ""  # content_digest(data), when the caller has it already

    def content(self) -> str:
        return self.digest or content_digest(self.data)


@dataclass(frozen=True)
class Plan:
    """Everything besides the file itself that decides a file's result."""

    settings: Settings
    enabled: Tuple[str, ...]
    # The rules to run, plug-ins included; None means the default registry. Part of the plan so that
    # worker processes run exactly the rules the command line resolved.
    registry: Optional[Registry] = field(default=None, compare=False)
    # Files that say how the service starts, found by discovery (stamps.is_launch_file); the run key
    # holds their paths, and the project phase's record of what it read their text (tree_reads.py), so
    # they decide no file's key.
    launch_files: Tuple[str, ...] = field(default=(), compare=False)
    # The Terraform and CDK TypeScript files discovery found (stamps.is_deployment_code), held the same way: the
    # Lambda functions they deploy (project/lambda_terraform.py, project/lambda_cdk_ts.py).
    deployment_code: Tuple[str, ...] = field(default=(), compare=False)
    # The run is over a directory, so the project phase sees the whole project (project/no_entry_points.py);
    # the run key holds it, no file's key does.
    whole_project: bool = field(default=False, compare=False)

    @property
    def file_timeout(self) -> float:
        return self.settings.file_timeout

    @property
    def rules(self) -> Registry:
        """The registry to run: the plan's own, or the default one, built once per process."""
        return self.registry or _default_rules()

    @cached_property
    def digest(self) -> str:
        """What besides the file decides its result: prr-lint's code, the installed plug-ins, the
        settings, the rules. Computed once per plan (the settings are JSON-encoded once per run)."""
        parts = (code_fingerprint(), self.rules.plugin_fingerprint(self.enabled), self.settings.fingerprint(), ",".join(self.enabled))
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def file_key(self, path: str, module: str, is_package: bool, content: str) -> str:
        """The cache key of one file's result, from its content digest (no need to read it again)."""
        text = f"{self.digest}\0{path}\0{module}\0{'package' if is_package else 'module'}\0{content}"
        return hashlib.sha256(text.encode()).hexdigest()

    def cache_key(self, job: FileJob) -> str:
        return self.file_key(job.path, job.module, job.is_package, job.content())


_default: Optional[Registry] = None


def _default_rules() -> Registry:
    global _default
    if _default is None:
        _default = default_registry()
    return _default
