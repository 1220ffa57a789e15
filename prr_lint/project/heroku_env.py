"""The environment a Heroku app manifest gives the service (project/switches.py's shipped values): the `app.json` at
the top of the tree, the only one Heroku reads (one in `docs/` or a sub-project's folder deploys nothing).

Heroku reads a review or button-deployed app's configuration variables from the manifest's `env` object: an entry
is the value itself (`"WEB_CONCURRENCY": "2"`), or an object whose `value` is the value (`{"value": "True"}`) or
whose `generator` makes one (`"secret"`). An object with neither is required unless it says `"required": false`
(Heroku's default): whoever deploys must type a value (`{"required": true}`, `{"description": "..."}`). A generated
or typed value is unknown, no boolean word: on as a switch. Only an optional entry with no value ships nothing.
The manifest reads as a launch file whose text is one `K=value` line per value, the shape shipped_values.py reads.
"""

from __future__ import annotations

import json
import os
from typing import Dict, List

from prr_lint.tree_reads import read_text

MANIFEST = "app.json"
_UNKNOWN = "unknown"  # a generator's or the deployer's value: some string, no boolean word
_MAX_BYTES = 1 << 20


def manifest_env(top: str) -> Dict[str, str]:
    """{the manifest's path: its `K=value` lines} when the folder `top` holds one that gives a value, else nothing."""
    path = os.path.join(top, MANIFEST)
    lines = _env_lines(read_text(path, _MAX_BYTES) or "")
    return {path: "\n".join(lines)} if lines else {}


def _env_lines(text: str) -> List[str]:
    try:
        manifest = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
        return []
    env = manifest.get("env") if isinstance(manifest, dict) else None
    lines = []
    for key, entry in env.items() if isinstance(env, dict) else ():
        given = entry.get("value", _UNKNOWN if entry.get("generator") or entry.get("required", True) is not False else None) \
            if isinstance(entry, dict) else entry
        if isinstance(given, (str, int, float, bool)):
            lines.append(f"{key}={(str(given).splitlines() or [''])[0]}")
    return lines
