"""Python files that infrastructure code deploys as functions of their own: not the service.

A Terraform module that packages a handler lying beside it (`data "archive_file" { source_file =
"${path.module}/refresh.py" }` feeding an `aws_lambda_function`) ships a small piece of
infrastructure (keep a load balancer's targets in sync, rotate a secret), run by the cloud on a
schedule or an event, not by the service's processes. Known by behaviour: a `*.tf` file in the
module's own directory names the file, and no serving code imports the module. Read lazily, per
directory of a pending finding, so a run without such findings reads no Terraform at all.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

from prr_lint.project.texts import read_bounded
from prr_lint.stamps import INFRASTRUCTURE_SUFFIX
from prr_lint.tree_reads import list_folder


class InfrastructureFiles:
    """Answers `deployed(module)` for the modules of one project."""

    def __init__(self, analysis) -> None:
        self.analysis = analysis
        self.root = Path(getattr(analysis.settings, "root", None) or ".")
        self._texts: Dict[str, List[str]] = {}

    def deployed(self, module) -> bool:
        """`module` (a ModuleSummary) is named by Terraform beside it and not imported by serving code."""
        if module.module in self.analysis.imported:
            return False
        directory, _, filename = module.path.replace("\\", "/").rpartition("/")
        quoted = re.compile(r'["/]' + re.escape(filename) + r'"')
        return any(quoted.search(text) for text in self._terraform(directory))

    def _terraform(self, directory: str) -> List[str]:
        if directory not in self._texts:
            folder = self.root / directory if directory else self.root
            listed = list_folder(folder)
            names = [name for name in listed.files if name.endswith(INFRASTRUCTURE_SUFFIX)] if listed is not None else []
            texts = (read_bounded(str(folder / name)) for name in names)
            self._texts[directory] = [text for text in texts if text is not None]
        return self._texts[directory]

