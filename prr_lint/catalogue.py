"""The rule catalogue kept in the project's cache: every rule's code, name, default and where it is
defined, so that selecting and validating rules imports none of them (registry.py).

It is current while prr-lint's code and the installed packages are unchanged (stamps.py); any
change rebuilds it from the imported rules. JSON, written atomically like every cache entry.
"""

from __future__ import annotations

import json
import os
from typing import List, Optional, Sequence, Tuple

from prr_lint.cache import replace_file
from prr_lint.stamps import code_fingerprint, environment_fingerprint

Entry = Tuple[str, str, bool, str, str, str]  # code, name, enabled by default, module, qualified name, source file

FILE = "catalogue.json"


def _stamp() -> str:
    return f"{code_fingerprint()}:{environment_fingerprint()}"


def load(directory: str) -> Optional[List[Entry]]:
    """The catalogue, or None when it is missing, damaged or stale."""
    try:
        with open(os.path.join(directory, FILE), "rb") as handle:
            data = json.loads(handle.read())
        if data["stamp"] != _stamp():
            return None
        return [(str(code), str(name), bool(default), str(module), str(qualname), str(source)) for code, name, default, module, qualname, source in data["rules"]]
    except (OSError, ValueError, KeyError, TypeError):  # prr-lint: ignore[PRR102] no catalogue: the rules are imported
        return None


def save(directory: str, rules: Sequence[Entry]) -> None:
    """Stores the catalogue, unless a rule cannot be imported by its name (a class made in a function)."""
    if any("<locals>" in rule[4] for rule in rules):
        return
    document = {"stamp": _stamp(), "rules": [list(rule) for rule in rules]}
    replace_file(directory, FILE, json.dumps(document).encode())
