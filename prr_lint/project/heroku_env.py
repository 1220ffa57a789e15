"""The environment a Heroku app manifest (`app.json`) gives the service (project/switches.py's shipped values).

Heroku reads a review or button-deployed app's configuration variables from the manifest's `env` object: an entry
is the value itself (`"WEB_CONCURRENCY": "2"`), or an object whose `value` is the value (`{"value": "True"}`) or
whose `generator` makes one (`"secret"`: some string, on as a switch). An entry that only describes the variable
(`{"required": true}`, `{"description": "..."}`) ships no value: whoever deploys types one in, or leaves it unset.
Each value is written as an environment file's line (`K=value`), the shape shipped_values.py reads.
"""

from __future__ import annotations

import json
import os
from typing import Iterable, List, Tuple

from prr_lint.paths import is_test_path
from prr_lint.tree_reads import read_text

MANIFEST = "app.json"
_GENERATED = "generated"  # a generator's value: some string, no boolean word
_MAX_BYTES = 1 << 20


def manifest_env_texts(files: Iterable[Tuple[str, str]]) -> List[str]:
    """One `K=value` text per `app.json` of the tree (`files`: (folder, name)) outside tests that gives a value."""
    texts = []
    for folder, name in files:
        path = os.path.join(folder, name)
        if name == MANIFEST and not is_test_path(path.replace(os.sep, "/")):
            lines = _env_lines(read_text(path, _MAX_BYTES) or "")
            texts += ["\n".join(lines)] if lines else []
    return texts


def _env_lines(text: str) -> List[str]:
    try:
        manifest = json.loads(text)
    except ValueError:
        return []
    env = manifest.get("env") if isinstance(manifest, dict) else None
    lines = []
    for key, entry in env.items() if isinstance(env, dict) else ():
        given = entry.get("value", _GENERATED if entry.get("generator") else None) if isinstance(entry, dict) else entry
        if isinstance(given, (str, int, float, bool)):
            lines.append(f"{key}={(str(given).splitlines() or [''])[0]}")
    return lines
