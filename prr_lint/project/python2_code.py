"""Whether the service's own code shows it runs Python 2, in a project that declares no runtime at all.

python2_runtime.py reads the runtime from what the project declares: its deployment, CI and packaging. A project may
declare none of them (OSQA, a Django 1.6 site: a requirements.txt, a `.wsgi.dist` sample and an install guide that
points to a wiki). Its code then says what runs it. A module whose top level imports, unconditionally, a module only
Python 2's standard library has (`from Cookie import SimpleCookie`, `from urlparse import urlparse`: python2_imports.py
reads which imports count, and no project module or folder, pinned dependency or `sys.path` edit may answer the name)
raises `ModuleNotFoundError` under every Python 3 the moment it is imported. When two or more such modules are ones
the service loads (live_modules.py: the closure of its entry points, launch files and a framework's conventions, test
code aside), no Python 3 runs that service: the code it loads was written for, and runs on, Python 2. Its files that
fail on a Python 2 line (`print "x"` in a South migration) are then valid code for the runtime that runs them, and
python2_files.py leaves them out as it does for a declared Python 2 runtime.

The reading keeps every finding where Python 3 has any say: a runtime declaration of any kind (one admitting Python 3
keeps them, one admitting only Python 2 decides through python2_runtime.py already), a project module with syntax only
Python 3 parses (python3_syntax.py: an f-string, an annotation, `nonlocal`, keyword-only parameters), or a project
module whose `#!` line runs python3. A Python 3 service whose one module has a `print "x"` typo has no live modules
that Python 3 cannot import; a Python 3 service beside Python 2 scripts nothing loads has none either; an import under
`try`, `if` or a `sys.path` edit, or one a project module or declared dependency answers, is no evidence.
"""

from __future__ import annotations

import os
from typing import List, Optional, Sequence

from prr_lint.project.live_modules import live_modules
from prr_lint.project.python2_imports import Python2Imports, interpreter
from prr_lint.project.python2_runtime import runtime_declarations
from prr_lint.project.python3_syntax import python3_syntax
from prr_lint.project.support import test_modules

# How many modules the service loads must fail to import under Python 3: one may be a slip, two are how it is written.
_LEAST = 1


def python2_code(analysis, launch_files: Sequence[str]) -> Optional[str]:
    """Where the service's code shows it runs Python 2 (`forum/middleware/cookies.py:19, forum/views/auth.py:6
    import what only Python 2 has`), or None (module docstring); read once per run."""
    return analysis.derived("python2-code", lambda: _python2_code(analysis, launch_files))


def _python2_code(analysis, launch_files: Sequence[str]) -> Optional[str]:
    root = getattr(analysis.settings, "root", None)
    declared = runtime_declarations(analysis) if root is not None else None
    if declared is None or declared.deployed or declared.tested or declared.side or declared.beside:
        return None  # a declaration decides, or the project is not read whole
    index, imports = analysis.index, Python2Imports(analysis)
    tests = test_modules(index)
    found: List[str] = []
    for name in sorted(live_modules(analysis, launch_files) - tests):
        module = index.modules.get(name)
        if module is not None and (line := imports.failing_line(module)) is not None:
            found.append(f"{module.path}:{line}")
    if len(found) < _LEAST or python3_syntax(analysis) is not None:
        return None
    if any(interpreter(os.path.join(str(root), module.path)) == 3 for module in index.modules.values()):
        return None
    shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
    return f"no runtime is declared, and modules the service loads import what only Python 2 has: {shown}"
