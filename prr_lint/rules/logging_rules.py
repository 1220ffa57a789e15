"""PRR4xx: ad hoc logging instead of the standard logging framework (checklist item PRR-LOG)."""

from __future__ import annotations

import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.handlers import in_command

PRINT_CALLS = {
    "builtins.print": "print()",
    "pprint.pprint": "pprint.pprint()",
    "pprint.pp": "pprint.pp()",
    "sys.stdout.write": "sys.stdout.write()",
    "sys.stderr.write": "sys.stderr.write()",
    "traceback.print_exc": "traceback.print_exc()",
    "traceback.print_exception": "traceback.print_exception()",
}


class PrintInService(Rule):
    """Output written with print or straight to stdout/stderr in service code.

    What it does
        Reports `print()`, `pprint.pprint()`, `sys.stdout.write()`, `sys.stderr.write()` and
        `traceback.print_exc()` / `print_exception()` in service code, through any import or
        alias. Code that only runs as a script or operator tool is left alone: the body of
        `if __name__ == "__main__":`, click and typer commands, an argparse `main()`, tests,
        `setup.py`, `manage.py` and `__main__.py`. A local function named `print` is not the
        builtin and is not reported.

    Why is this bad?
        Printed lines bypass the logging framework: they carry no level, timestamp, logger name
        or request id, cannot be filtered or routed to central logging, and interleave across
        workers. A traceback printed to stderr is an error nobody is alerted to.

    Example
        def create_order(request):
            print("creating order", request.json)

    Use instead
        logger = logging.getLogger(__name__)

        def create_order(request):
            logger.info("creating order", extra={"order": request.json})

    Options
        None yet.

    References
        PRR-LOG: does the service use the standard frameworks for request logging rather than
        functionally similar mechanisms of its own? (Site Reliability Engineering, ch. 32,
        "Frameworks")
    """

    code = "PRR401"
    name = "print-in-service"
    severity = Severity.WARNING
    checklist = ("PRR-LOG",)
    summary = "print() or a direct stdout/stderr write in service code bypasses the logging framework"
    triggers = ("print", "write", "pprint", "pp")
    service_only = True
    VALID = (
        Example("def main():\n    print('usage')\n\nif __name__ == '__main__':\n    print('starting')\n    main()\n"),
        Example("import click\n\n@click.command()\ndef seed():\n    print('seeded')\n"),
        Example("import click\n\n@click.group()\ndef cli():\n    pass\n\n@cli.command()\ndef seed():\n    print('seeded')\n"),
        Example("def print(*args):\n    pass\n\ndef view():\n    print('shadowed')\n"),
        Example("def view(report):\n    report.print()\n"),
        Example("def view():\n    print('in a test')\n", path="tests/test_view.py"),
    )
    INVALID = (
        Example("def view(request):\n    print('got', request)  # expect: PRR401\n"),
        Example("import sys\n\ndef view():\n    sys.stderr.write('oops\\n')  # expect: PRR401\n"),
        Example("from sys import stdout as out\n\ndef view():\n    out.write('hi')  # expect: PRR401\n"),
        Example("import traceback\n\ndef view():\n    try:\n        g()\n    except ValueError:\n        traceback.print_exc()  # expect: PRR401\n"),
        Example("from pprint import pprint as show\n\ndef view(d):\n    show(d)  # expect: PRR401\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.resolver.qualified_name(node.func)
        label = PRINT_CALLS.get(name or "")
        if label is None or self.ctx.in_main_guard() or self.ctx.in_cli_command() or in_command(self.ctx):
            return
        self.report(node, f"{label} writes outside the logging framework: use a logger so the output reaches central logging with a level and request context")
