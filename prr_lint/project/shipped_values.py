"""The values a project's shipped files give a configuration key or environment variable.

Read from the text of deployment and configuration files (`K = False`, `K: "0"`, `- K=1`, `export K=1`,
`ENV K 1`, `- name: K` + `value: "1"`), also under a prefix (`FLASK_K=1`: a loader may copy prefixed
environment variables into the config, as Flask's `from_prefixed_env` does). A substitution of the key's
own variable (`K: ${K:-False}`) ships its default; a Kubernetes variable taken from a Secret or a ConfigMap
(`- name: K` + `valueFrom:`) ships `valuefrom`, a value no file spells: the deployment decides. Used by switches.py (configuration switches) and
shell_switches.py (a start script's branch an environment switch picks).
"""

from __future__ import annotations

import os
import re
from typing import Callable, Iterable, List, Tuple

from prr_lint.paths import is_test_path
from prr_lint.tree_reads import read_text

# `${NAME:-default}` / `${NAME-default}` in a compose file or a shell script.
_SUBSTITUTION = re.compile(r"^\$\{(\w+):?-([^}]*)\}$")
# A configuration file an installation copies and edits (`config/app_config.toml.sample`, `local_settings.py.example`).
SAMPLE_SUFFIXES = (".sample", ".example", ".dist", ".template", ".toml")
_MAX_BYTES = 1 << 20


def shipped_values(texts: Iterable[str], key: str, lower: bool = True) -> List[str]:
    """The values `texts` give `key`, without quotes and (by default) in lower case (module docstring)."""
    found: List[str] = []
    quoted = re.escape(key)
    patterns = (
        rf"""(?:^|[\s"'{{,(-])\w*{quoted}["']?[ \t]*(?:=(?!=)|:(?!:))[ \t]*([^\n#]*)""",
        rf"(?m)^[ \t]*ENV[ \t]+\w*{quoted}[ \t]+([^\n#=]*)$",
        rf"""name:[ \t]*["']?\w*{quoted}["']?[ \t]*\n[ \t]*-?[ \t]*value:[ \t]*([^\n#]*)""",
        rf"""name:[ \t]*["']?\w*{quoted}["']?[ \t]*\n[ \t]*-?[ \t]*(valueFrom):""",
    )
    for text in texts:
        if key not in text:
            continue
        for pattern in patterns:
            values = [_substituted(match.strip().rstrip(",;").strip().strip("'\""), key) for match in re.findall(pattern, text, re.MULTILINE)]
            found += [value.lower() for value in values] if lower else values
    return found


def _substituted(value: str, key: str) -> str:
    """The value a file ships for `key`: the default of a substitution of the key's own variable
    (`K: ${K:-False}`, whose shipped values the other files give), else the value itself."""
    match = _SUBSTITUTION.match(value)
    return match.group(2).strip().strip("'\"") if match and match.group(1).endswith(key) else value


def sample_texts(files: Iterable[Tuple[str, str]], wanted: Callable[[str], bool] = lambda name: name.endswith(SAMPLE_SUFFIXES)) -> List[str]:
    """The texts of the tree's configuration files and samples (`files`: (folder, name)), or of the files whose names
    `wanted` takes (project/ini_settings.py's INI files), outside tests."""
    texts = []
    for folder, name in files:
        path = os.path.join(folder, name)
        if wanted(name) and not is_test_path(path.replace(os.sep, "/")):
            texts.append(read_text(path, _MAX_BYTES) or "")
    return texts
