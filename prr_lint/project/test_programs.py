"""Test programs: the runner scripts of a test harness shipped as a package beside the service.

CMS's `cmstestsuite` holds its unit tests (`unit_tests/`) and the programs that drive the functional and
stress tests against a running CMS (`RunFunctionalTests.py`, `StressTest.py`, `RunTimeTest.py`: a
`__main__` block each, and a console script), which import no test framework: they start the services
and send requests themselves. A program is test code when it runs as a program (a `__main__` block),
its module's name says so (a word `test`/`tests` of it, in snake or camel case), no module imports it
(a program is run, not loaded), and its top-level package holds test code already found. The harness's
other modules (a browser helper that sends the requests) are then the test support only these
programs use (support.py `test_support_modules`); a package whose service code imports them keeps them.
A package that holds such programs and that no module outside it imports (tests aside) is a harness:
its other programs (`i18n/parse_msgfmt.py`, a translation check a shell script pipes into) make it no
serving package.
"""

from __future__ import annotations

import re
from typing import Set

_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_TEST_WORDS = frozenset({"test", "tests"})


def name_says_test(module: str) -> bool:
    """A word of the module's own name is `test` or `tests` (`StressTest`, `run_tests`; not `contest`, `latest`)."""
    return any(word.lower() in _TEST_WORDS for part in module.rpartition(".")[2].split("_") for word in _WORDS.findall(part))


def test_programs(index, tests: Set[str]) -> Set[str]:
    """The program modules of a top-level package holding test code that are test programs (see the module docstring)."""
    testing_packages = {name.partition(".")[0] for name in tests if "." in name}
    candidates = {name for name, module in index.modules.items()
                  if name not in tests and module.script_calls and name.partition(".")[0] in testing_packages and name_says_test(name)}
    if not candidates:
        return set()
    imported = {index.module_of(index.canonical(target) or target) for module in index.modules.values() for target in module.imports.values()}
    return candidates - imported


def harness_packages(index, tests: Set[str]) -> Set[str]:
    """Top-level packages that hold test programs, import another top-level package of the project (the
    code they test: a service's own single package imports none) and whose modules no module outside them
    imports, tests aside: a harness beside the service, whose other programs (a translation check's
    script) serve no one."""
    packages = {name.partition(".")[0] for name in tests if "." in name and index.modules[name].script_calls and name_says_test(name)}
    testing_others: Set[str] = set()
    for name, module in index.modules.items() if packages else ():
        own = name.partition(".")[0]
        for target in module.imports.values():
            package = index.module_of(index.canonical(target) or target).partition(".")[0]
            if package and package != own:
                if own in packages:
                    testing_others.add(own)
                elif package in packages and name not in tests:
                    packages.discard(package)
    return packages & testing_others
