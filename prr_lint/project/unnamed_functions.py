"""Functions nothing but their own `def` names, for PRR501's requests patches (patch_sites.py `_restores`).

A module may hold other `Session.request` wrappers beside the timeout patch (tapiriik's requests_lib.py defines
`patch_requests_user_agent` and `patch_requests_no_verify_ssl`, which nothing calls). Whether such a wrapper keeps
the timeout is hard to tell from its body; whether it runs at all is not: a plain module function whose name no
non-test module's text holds but at its definitions (no call, import, alias, string, `getattr` literal or even a
comment) never runs. A decorated function (a registry may keep it) and a method (a framework may call it by its
name) count as named.
"""

from __future__ import annotations

from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.support import test_modules


def never_named(analysis: ServingAnalysis, qualname: str) -> bool:
    """No non-test module names the undecorated module function `qualname` beyond the `def` lines of that name."""
    index = analysis.index
    module = index.module_of(qualname)
    function = index.functions.get(qualname)
    if module is None or function is None or function.decorators or qualname.rpartition(".")[0] != module:
        return False
    word = qualname.rpartition(".")[2]
    tests = test_modules(index)
    service = [summary for name, summary in index.modules.items() if name not in tests]
    defined = sum(1 for summary in service for found in (*summary.functions, *summary.classes)
                  if found != summary.module and found.rpartition(".")[2] == word)
    return sum(summary.words.get(word, 0) for summary in service) <= defined
