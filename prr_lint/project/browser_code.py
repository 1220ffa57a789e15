"""Python written for the browser: modules a Python-to-JavaScript compiler turns into the page's script.

PScript (flexx, timetagger) compiles Python source to JavaScript; the server reads such a module as
text and hands it to the compiler (`pscript.Parser(open(path).read())`), it never imports it. Such a
module says what it is by importing the compiler's stand-ins for the browser's globals (`from
pscript.stubs import window, console, fetch`): its `print` is `console.log` in a user's browser, its
`except` around `window.fetch` handles the user's network. None of it runs in the service, for any
rule; unless a module that is neither browser code nor a test imports it (code written to run in both).
"""

from __future__ import annotations

from typing import Set

from prr_lint.project.index import ProjectIndex
from prr_lint.project.support import test_modules

# Modules of the browser's stand-ins a Python-to-JavaScript compiler provides.
_BROWSER_STUBS = ("pscript.stubs",)


def browser_modules(index: ProjectIndex) -> Set[str]:
    """Project modules that import the browser stand-ins and that only other such modules import."""
    browser = {
        name for name, module in index.modules.items()
        if any(target == stubs or target.startswith(stubs + ".") for target in module.imports.values() for stubs in _BROWSER_STUBS)
    }
    tests = test_modules(index)  # a test may import it to run it under Python
    for name, module in index.modules.items():
        if name not in browser and name not in tests:
            browser -= {index.module_of(target) or target for target in module.imports.values()}
            browser -= set(module.imports.values())
    return browser
