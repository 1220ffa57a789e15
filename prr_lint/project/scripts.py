"""`[project.scripts]` of the project's pyproject.toml: console entry points are operator tools."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib


def console_scripts(root: Optional[Path]) -> Dict[str, str]:
    """`[project.scripts]` of the project's pyproject.toml: target `pkg.mod.func` -> script name."""
    if root is None:
        return {}
    try:
        data = tomllib.loads((Path(root) / "pyproject.toml").read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):  # no readable [project.scripts]: none declared
        return {}
    project = data.get("project")
    scripts = project.get("scripts") if isinstance(project, dict) else None
    if not isinstance(scripts, dict):
        return {}
    found: Dict[str, str] = {}
    for name, value in scripts.items():
        if not isinstance(value, str) or ":" not in value:
            continue
        module, _, attribute = value.split()[0].partition(":")  # "pkg.cli:main [extra]"
        if module and attribute:
            found[f"{module.strip()}.{attribute.strip()}"] = str(name)
    return found
