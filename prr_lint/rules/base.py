"""The rule framework: a rule is one small class with its metadata, documentation and examples."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, FrozenSet, Optional, Sequence, Tuple, Type

import libcst as cst

from prr_lint.model import Severity

if TYPE_CHECKING:
    from prr_lint.context import FileContext

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Options", "References")
# The rules that ask what the service does with an error or a line of output while it serves: held back
# in a service whose entry points prr-lint cannot see (project/no_entry_points.py).
SERVING_BEHAVIOUR_RULES = frozenset({"PRR101", "PRR102", "PRR103", "PRR105", "PRR401", "PRR402", "PRR404"})
_HELD_BACK = (
    "In a project that serves requests through a library whose entry points prr-lint does not recognise "
    "(Twisted, CherryPy, Pecan, WebOb/Paste, `http.server`, a server that runs an app it cannot see) and that has "
    "no recognised entry point, a run over a directory holds this rule's findings back and says so on stderr, "
    "naming the library: without entry points prr-lint cannot tell the service's code from its tools. "
    "A PasteDeploy service (OpenStack's `api-paste.ini`) has recognised entry points: the app and filter "
    "factories its paste configuration names and the WSGI apps they build (project/paste_apps.py). "
    "Declare the entry points (`[tool.prr-lint.entrypoints]`) or set `scope = \"all\"` to report them; a run "
    "over named files (a pre-commit hook) and a project that uses no server library keep them. Whatever the "
    "entry points, the default `scope = \"serving\"` leaves out test suites found by behaviour (test case "
    "subclasses through the suite's own bases, test runner scripts) and vendored third-party trees: a folder "
    "a project module puts on `sys.path` (`sys.path.insert(0, os.path.join(base, 'lib'))`) holding other "
    "projects' packages (see the README's Scope section)."
)
_CODE = re.compile(r"^PRR\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
EXPECT_MARKER = re.compile(r"#\s*expect:\s*((?:PRR\d{3}[,\s]*)+)")


@dataclass(frozen=True)
class Example:
    """Code for the rule's documentation and tests.

    In INVALID examples, every line where a finding is expected ends with `# expect: PRR101`.
    `path` lets an example pose as a given file (a test module, a settings file ...); `options`
    sets knobs of `[tool.prr-lint.<section>]` for it (`{"instrumentation": {"granularity": "handler"}}`).
    """

    code: str
    path: str = "service/example.py"
    options: Tuple[Tuple[str, Tuple[Tuple[str, object], ...]], ...] = ()

    def expected(self) -> Tuple[Tuple[str, int], ...]:
        """(rule, line) pairs the `# expect:` markers promise, sorted."""
        found = []
        for number, line in enumerate(self.code.splitlines(), start=1):
            match = EXPECT_MARKER.search(line)
            if match:
                found.extend((code, number) for code in re.findall(r"PRR\d{3}", match.group(1)))
        return tuple(sorted(found))


class Rule:
    """Base class of file rules.

    Subclasses define `visit_<Node>` / `leave_<Node>` methods named like libcst's visitors; the
    walker calls every enabled rule's methods during one traversal of the module. A rule reports
    with `self.report(node, message)`. It never imports or runs the code it checks.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    checklist: ClassVar[Tuple[str, ...]] = ()
    summary: ClassVar[str] = ""
    # A file whose text contains none of these substrings cannot match: the rule is not run on it.
    triggers: ClassVar[Tuple[str, ...]] = ()
    # libcst metadata providers the rule reads through `self.ctx.metadata(provider, node)`.
    metadata: ClassVar[FrozenSet[type]] = frozenset()
    # Rules about service code skip tests, build and tool scripts (see context.is_service_path).
    service_only: ClassVar[bool] = False
    # Opt-in rules run only when selected explicitly (by code, prefix, name or ALL).
    default_enabled: ClassVar[bool] = True
    VALID: ClassVar[Sequence[Example]] = ()
    INVALID: ClassVar[Sequence[Example]] = ()
    # False only for findings no code can cause on purpose (internal errors).
    needs_invalid_examples: ClassVar[bool] = True
    # The project phase may report more findings of this rule, at lines of its choosing (PRR501 at calls
    # of timeout-forwarding wrappers; a rule that `judges_call` through class attributes another module
    # sets): a suppression of it that silences nothing in the file is judged then.
    project_findings: ClassVar[bool] = False

    def __init__(self, ctx: "FileContext") -> None:
        self.ctx = ctx

    def report(
        self,
        node: cst.CSTNode,
        message: str,
        condition: Optional[str] = None,
        subjects: Tuple[str, ...] = (),
        severity: Optional[Severity] = None,
        end_node: Optional[cst.CSTNode] = None,
    ) -> None:
        """`severity` demotes this one finding below the rule's configured severity (never raises it);
        `end_node` extends the finding to the end of that node (one finding for several statements)."""
        self.ctx.report(self, node, message, condition, subjects, severity, end_node)

    def report_unless_reported(
        self, node: cst.CSTNode, message: str, callees: Tuple[str, ...], severity: Optional[Severity] = None
    ) -> None:
        """Report, unless one of `callees` turns out to be a project function that reports errors:
        only the project phase can tell, so with callees the finding waits for it."""
        if callees:
            self.report(node, message, "unless-reporter", callees, severity)
        else:
            self.report(node, message, severity=severity)

    @classmethod
    def judges_call(cls, typed: str, method: str) -> bool:
        """Whether the rule judges a call of `method` on an object of the library class `typed`: the project
        phase runs it once more on a file whose receivers only other modules type (project/attribute_types.py)."""
        return False

    @classmethod
    def documentation(cls) -> str:
        text = _dedent(cls.__doc__ or "")
        if cls.code in SERVING_BEHAVIOUR_RULES and "\nReferences" in text:
            # An option of sorts (`scope`), so it goes at the end of the Options section, made when missing.
            paragraph = "\n".join(textwrap.wrap(_HELD_BACK, 96, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False))
            before, _, references = text.partition("\nReferences")
            before = re.sub(r"\n    None( yet)?\.\s*$", "", before.rstrip())  # an Options section that said "None."
            heading = "" if re.search(r"^Options$", before, re.MULTILINE) else "Options\n"
            separator = "\n" if before.endswith("\nOptions") else "\n\n"
            text = f"{before}{separator}{heading}{paragraph}\n\nReferences{references}"
        return text

    @classmethod
    def problems(cls) -> Tuple[str, ...]:
        """What is wrong with this rule's definition itself; empty when it is well formed."""
        problems = []
        if not _CODE.match(getattr(cls, "code", "")):
            problems.append("code must look like PRR123")
        if not _NAME.match(getattr(cls, "name", "")):
            problems.append("name must be kebab-case")
        if not cls.checklist:
            problems.append("maps to no checklist item")
        if not cls.summary:
            problems.append("has no summary")
        doc = cls.documentation()
        for section in DOC_SECTIONS:
            if not re.search(rf"^{re.escape(section)}\s*$", doc, re.MULTILINE):
                problems.append(f"documentation lacks the section '{section}'")
        if not cls.VALID or (cls.needs_invalid_examples and not cls.INVALID):
            problems.append("needs VALID and INVALID examples")
        return tuple(problems)


def _dedent(text: str) -> str:
    lines = text.strip("\n").splitlines()
    if not lines:
        return ""
    first, rest = lines[0].strip(), textwrap.dedent("\n".join(lines[1:]))
    return f"{first}\n{rest}".strip()


RuleClass = Type[Rule]

