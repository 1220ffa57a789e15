"""`contextlib.suppress(Exception)` (PRR105): a catch-all that swallows silently, in one line. It
shares with PRR101 what makes silence deliberate (rules/deliberate.py, rules/silent_by_design.py)."""

from __future__ import annotations

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.deliberate import at_import_time, documents_fallback, explained_block, statement_after
from prr_lint.rules.handler_context import best_effort_cleanup, comments_of, is_pure, not_service_code, says_best_effort
from prr_lint.rules.handlers import BROAD_EXCEPTIONS
from prr_lint.rules.silent_by_design import in_memory_with_default
from prr_lint.rules.verdicts import short_name, uses_cache
from prr_lint.tree import flat_statements


class BroadSuppress(Rule):
    """`contextlib.suppress(Exception)`: a catch-all that swallows silently, in one line.

    What it does
        Reports `with contextlib.suppress(Exception):` and `suppress(BaseException)` (through
        any import or alias) in service code. The same exceptions as PRR101 apply, through the
        same code: a body that only parses values; in-memory work (no I/O: library functions and
        objects only) with a default set before the block, a block that answers when it works
        before the function's regular answer, or a block that is a loop's whole body (the item
        is skipped); a `super()` call counts as possible I/O here (a library base's permission
        check may query the database); best-effort cleanup (in `close`-like functions, a body
        that only closes or removes things); a write to a cache; a comment on, in or right above
        the block, or the function's docstring, that says why; code that runs while the module is imported; operator code;
        a block that answers when it works, followed by the answer computed another way by the
        project's own code outside any `suppress` (`with suppress(Exception): return
        fast_render(self)` then `return self.manual_render()`): if that fails too, it raises.

    Why is this bad?
        It is `except Exception: pass` under a friendlier name: every failure in the block,
        including the ones nobody expected, disappears without a trace. (ruff's SIM105
        recommends `suppress` over `try/except/pass`; that is fine for a narrow exception, not
        for a catch-all.)

    Example
        with contextlib.suppress(Exception):
            notify_warehouse(order)

    Use instead
        try:
            notify_warehouse(order)
        except WarehouseError:
            logger.warning("warehouse notification failed", exc_info=True)

    Options
        Off by default (opt-in through `select`). `suppress(Exception)` is mostly written around
        parsing and best-effort steps: on services it was not tuned on, about a fifth of its findings
        were judged worth changing (three measurements).

    References
        PRR-ERR: "Does the service report errors to central logging systems for analysis?"
        (Site Reliability Engineering, ch. 32)
    """

    code = "PRR105"
    name = "broad-suppress"
    severity = Severity.WARNING
    checklist = ("PRR-ERR",)
    summary = "contextlib.suppress(Exception) swallows every error in its block"
    default_enabled = False
    triggers = ("suppress",)
    service_only = True
    VALID = (
        Example("import contextlib\n\ndef f(d):\n    with contextlib.suppress(KeyError):\n        del d['k']\n"),
        Example("import contextlib\n\ndef f(raw):\n    with contextlib.suppress(Exception):\n        return int(raw)\n"),
        Example("import contextlib\n\nclass C:\n    def close(self):\n        with contextlib.suppress(Exception):\n            self.conn.close()\n"),
        # closing a stream writer in a `finally`: best-effort cleanup of a connection already done
        Example(
            "import asyncio, contextlib\n\nasync def relay(reader, writer):\n    try:\n        await pump(reader, writer)\n"
            "    finally:\n        writer.close()\n        with contextlib.suppress(Exception):\n            await writer.wait_closed()\n"
        ),
        # in-memory work through a library, shared with PRR101: a default set before, an answer
        # when it works with the regular answer after it, an item skipped
        Example("from contextlib import suppress\nfrom django.urls import resolve\n\ndef base_url(url, export_url, site_url):\n    with suppress(Exception):\n        if 'agenda' in resolve(url).namespaces:\n            return export_url\n    return site_url\n"),
        Example("from contextlib import suppress\nfrom io import BytesIO\nfrom pypdf import PdfReader, PdfWriter\n\ndef bundle(files):\n    writer = PdfWriter()\n    for content in files:\n        with suppress(Exception):\n            writer.append(PdfReader(BytesIO(content)))\n    return writer\n"),
        # a comment says why; a cache write of a result already computed; import time
        Example("import os\nfrom contextlib import suppress\n\ndef banner():\n    with suppress(Exception):  # geteuid is not available on all platforms\n        if os.geteuid() == 0:\n            warn_root()\n"),
        Example("from contextlib import suppress\n\ndef changes(schedule, key):\n    result = compute(schedule)\n    with suppress(Exception):\n        schedule.event.cache.set(key, result, 60)\n    return result\n"),
        Example("import subprocess\nfrom contextlib import suppress\n\nVERSION = '1.0'\nwith suppress(Exception):\n    VERSION += subprocess.check_output(['git', 'describe']).decode()\n"),
        # the answer computed another way by the project's own code right after: if that fails too, it raises
        Example("from contextlib import suppress\n\nclass Link:\n    def __str__(self):\n        with suppress(Exception):\n            return self.parser().unparse(self)\n        return self.manual_str()\n"),
        # a docstring that says what the fallback is
        Example("import contextlib\nfrom pathlib import Path\n\ndef version_of(path, default):\n    \"\"\"The file's mtime, for cache busting. Falls\n    back to the release string when the file is missing.\"\"\"\n    with contextlib.suppress(Exception):\n        return str(int(Path(path).stat().st_mtime))\n    return default\n"),
    )
    INVALID = (
        Example("import contextlib\n\ndef f(order):\n    with contextlib.suppress(Exception):  # expect: PRR105\n        notify(order)\n"),
        Example("from contextlib import suppress as quiet\n\ndef f(order):\n    with quiet(ValueError, BaseException):  # expect: PRR105\n        notify(order)\n"),
        # a library base's permission check may query the database: a failure silently denies
        Example(
            "from contextlib import suppress\nfrom django.contrib.auth.mixins import PermissionRequiredMixin\n\n"
            "class PermissionRequired(PermissionRequiredMixin):\n    def has_permission(self):\n        result = None\n"
            "        with suppress(Exception):  # expect: PRR105\n            result = super().has_permission()\n        return result\n"
        ),
    )

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            call = item.item
            if not isinstance(call, cst.Call) or self.ctx.resolver.qualified_name(call.func) != "contextlib.suppress":
                continue
            broad = [arg for arg in call.args if self.ctx.resolver.qualified_name(arg.value) in BROAD_EXCEPTIONS]
            if not broad or not_service_code(self.ctx):
                continue
            if is_pure(node.body, self.ctx.resolver) or best_effort_cleanup(self.ctx, node, node.body):
                continue
            if says_best_effort(comments_of(self.ctx, node)) or explained_block(self.ctx, node) or at_import_time(self.ctx) \
                    or documents_fallback(self.ctx):
                continue
            if in_memory_with_default(self.ctx, node, node.body, None) or uses_cache(node, self.ctx):
                continue
            if answers_then_computes_otherwise(self.ctx, node):
                continue
            name = short_name(self.ctx.resolver.qualified_name(broad[0].value) or "Exception")
            self.report(node, f"`suppress({name})` swallows every error in the block without reporting it")


def answers_then_computes_otherwise(ctx: FileContext, node: cst.With) -> bool:
    """The block returns when it works and the function's next statement returns a call of the
    project's own code (a method on `self`/`cls`, or a project function): the alternative."""
    body = flat_statements(node.body)
    if not body or not isinstance(body[-1], cst.Return):
        return False
    after = statement_after(ctx, node)
    statement = after.body[0] if isinstance(after, cst.SimpleStatementLine) else after
    if not isinstance(statement, cst.Return) or not isinstance(statement.value, cst.Call):
        return False
    func = statement.value.func
    root = func
    while isinstance(root, cst.Attribute):
        root = root.value
    if isinstance(root, cst.Name) and root.value in ("self", "cls"):
        return True
    name = ctx.resolver.qualified_name(func) or ""
    top = ctx.module_name.partition(".")[0]
    return bool(top) and name.startswith(top + ".")
