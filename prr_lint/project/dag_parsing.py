"""PRR501: Airflow's `dagbag_import_timeout`, the deadline of parsing a DAG file.

Airflow imports every DAG file to parse it (the DAG processor, again every few minutes) under
`dagbag_import_timeout`, 30 s by default: when it expires a SIGALRM raises in the parsing process's
main thread, wherever it blocks, a socket read included, and the file fails to load. So the top level
of a DAG module (one whose top level builds a DAG: `DAG(...)`, `with DAG(...)`, or calls a `@dag`
function, whose body then runs too) that no project module imports is a time-limited start, and with it
what only it reaches in its main thread (airflow_deadline.MainThreadCalls).

The deployment may change the limit: `[core] dagbag_import_timeout` in an `airflow.cfg`, or
`AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT` in a launch file (Compose, Helm values, a Dockerfile, `.env`)
or Terraform. Set anywhere to 0 (no limit), above MAX_SECONDS or to a value prr-lint cannot read (a
variable, a template), it bounds nothing.
"""

from __future__ import annotations

import os
import re
from typing import List, Optional, Sequence, Set

from prr_lint.model import FunctionSummary
from prr_lint.project.deadline_values import MAX_SECONDS
from prr_lint.project.index import ProjectIndex
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.names import imported_modules, resolve_name
from prr_lint.project.texts import read_bounded
from prr_lint.stamps import AIRFLOW_CONFIG, INFRASTRUCTURE_SUFFIX

_BUILDERS = frozenset({"airflow.DAG", "airflow.models.DAG", "airflow.models.dag.DAG", "airflow.sdk.DAG"})
_DECORATORS = frozenset({"airflow.decorators.dag", "airflow.sdk.dag", "airflow.sdk.definitions.dag.dag"})
_SETTING = re.compile(r"AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT\b|\bdagbag_import_timeout\b", re.IGNORECASE)
# what follows the name: `: 120`, `=120`, `ENV ... 120`, or the `value` beside a `name` (Helm, Terraform)
# (one whitespace run before each optional comma or dash: adjacent `\s*` backtrack cubically over blank lines)
_VALUE = re.compile(r"[\"']?(?:[ \t]*[:=]|[ \t]+(?=[^\s:=])|\s*(?:,\s*)?(?:-\s*)?\bvalue\s*[:=])[ \t]*[\"']?([^\s\"',}\]#]*)")


def dag_parsing(index: ProjectIndex, launch_files: Sequence[str], deployment_code: Sequence[str]) -> Set[str]:
    """The top levels of the DAG modules and the `@dag` functions they call, when the deployment keeps their
    parsing time-limited (module docstring)."""
    imported = imported_modules(index)
    found: Set[str] = set()
    for name in (name for name in index.modules if name in index.functions and name not in imported):
        built = _dags_built(index, index.functions[name])
        found.update((name, *(function for function in built if function)) if built else ())
    return found if found and _parsing_limited(launch_files, deployment_code) else set()


def _dags_built(index: ProjectIndex, top: FunctionSummary) -> List[str]:
    """A module top level's calls that build a DAG: "" for `DAG(...)`, the function for a `@dag` one."""
    built: List[str] = []
    for call in top.calls:
        target = index.canonical(call) or ""
        function = index.functions.get(target)
        if resolve_name(index, call) in _BUILDERS:
            built.append("")
        elif function is not None and any(resolve_name(index, decorator) in _DECORATORS for decorator in function.decorators):
            built.append(target)
    return built


def _parsing_limited(launch_files: Sequence[str], deployment_code: Sequence[str]) -> bool:
    """No deployment file sets `dagbag_import_timeout` to no limit, a long one or one not known."""
    for path in (*launch_files, *deployment_code):
        name = os.path.basename(path)
        text = read_launch_text(path) if path in launch_files else read_bounded(path) if name.endswith(INFRASTRUCTURE_SUFFIX) or name == AIRFLOW_CONFIG else None
        for match in _SETTING.finditer(text or ""):
            value = _VALUE.match(text or "", match.end())
            seconds = _number(value.group(1)) if value is not None else None
            if seconds is None or not 0 < seconds <= MAX_SECONDS:
                return False
    return True


def _number(text: str) -> Optional[float]:
    try:
        return float(text)
    except ValueError:
        return None
