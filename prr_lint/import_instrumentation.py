"""Instrumentation that installs itself when its module is imported (PRR201).

`import ddtrace.auto` and OpenTelemetry's auto-instrumentation `sitecustomize` patch every
instrumented library of the process on import: the zero-code launcher's work, started from code
(a gunicorn `post_fork` hook doing `from opentelemetry.instrumentation.auto_instrumentation import
sitecustomize` in each worker). Both import forms run the module, so both count.
"""

from __future__ import annotations

from typing import List, Union

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.tree import dotted_name


def installed_on_import(node: Union[cst.Import, cst.ImportFrom]) -> List[str]:
    """The self-installing instrumentation modules an import statement runs."""
    if isinstance(node, cst.Import):
        names = [dotted_name(alias.name) for alias in node.names]
    elif node.relative or node.module is None or isinstance(node.names, cst.ImportStar):
        return []
    else:
        package = dotted_name(node.module)
        names = [package, *(f"{package}.{dotted_name(alias.name)}" for alias in node.names)]
    return [name for name in dict.fromkeys(names) if name in fw.IMPORT_INSTRUMENTATION]
