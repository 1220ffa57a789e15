"""PRR501's documentation, the part on modules no Python 3 can import (project/python2_imports.py): kept apart so
each docs module stays short; timeout_docs.py joins it in place."""

PYTHON2_MODULE_DOCS = """        Nor is a call in a module no Python 3 can import, where Python 3 runs it (its `#!` line names `python3`, or every
        runtime declaration, a Dockerfile's, a unit's, CI's or packaging's, admits only Python 3: python2_runtime.py; none
        deploys Python 2 and its `#!` line names no `python2`): its top level imports, outside any `try` or `if`, a module
        only Python 2's standard library has (`import urlparse`, `urllib2`, `httplib`, `ConfigParser`, `StringIO`, ...,
        renamed or removed by Python 3) that no project module or folder of that name, dependency of that name declared
        for the module, nor `sys.path` edit before it answers: the import raises there, and nothing after that line runs (a
        Flask engine of the Python 2 days, `#!/usr/bin/python3` over `import json, requests, urlparse`, serves no route).
        What lies below a package whose `__init__.py` fails so (but a program, which runs by its path without the package),
        and a module only such modules import or name that no program, server, entry point, deployment file or loader of the
        project starts, fails with it. An import with an
        `except ImportError` fallback or under a version test keeps the module, and so does a deployment file that runs it
        (`CMD python worker.py`, `gunicorn engine:app`: a defect to fix, after which its calls run); a run over a whole
        project decides (project/python2_imports.py).
"""
