"""Mentions of a module function's name that are no call of it (PRR501's dead code, dead_code.py).

A file that holds the word `download_file` only as `self.client.download_file(bucket, key, path)`
calls a boto client's method, not jumpserver's unused `common.utils.file.download_file`: every
occurrence there is a call whose receiver is another object (an attribute of `self`, a local client)
or a method that file defines. Such a file does not keep the module function alive. A call whose
receiver may be the function's module (`file.download_file`, a package that re-exports it,
`utils.download_file`) or that the resolver could not tell from a plain name does keep it.
"""

from __future__ import annotations

from typing import Mapping

from prr_lint.project.names import resolve_name


def foreign_mentions(index, module: str, qualname: str, words: Mapping[str, int]) -> int:
    """How many of the words of the module `module` (its text's `words`) name the function
    `qualname` of another module only as another object's method: all of them when every occurrence
    is such a call or a method definition, else none."""
    local = qualname.rpartition(".")[2]
    summary = index.modules.get(module)
    if summary is None or local in summary.imports:
        return 0
    home = qualname.rpartition(".")[0]
    segments = set(home.split("."))
    found = 0
    for name, function in summary.functions.items():
        owner, _, own = name.rpartition(".")
        if own == local:
            if owner not in index.classes:
                return 0  # a function of that name of its own: not a method
            found += 1
        for call in function.calls:
            receiver, _, called = call.rpartition(".")
            if called != local:
                continue
            if not receiver or receiver == home or receiver in index.modules or receiver.rpartition(".")[2] in segments \
                    or resolve_name(index, call) == qualname:
                return 0
            found += 1
    return words.get(local, 0) if found >= words.get(local, 0) else 0
