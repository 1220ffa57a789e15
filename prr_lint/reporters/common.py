"""What the SARIF, GitHub and readiness-report outputs share: rule doc links (see doc_links),
families, checklist items (built-in and the organisation's own), rule docs as Markdown,
repository-relative paths, and atomic file writes."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from prr_lint.checklist import ITEMS, ChecklistItem
from prr_lint.doc_links import rule_link

if TYPE_CHECKING:
    from prr_lint.config import Settings
    from prr_lint.rules.base import RuleClass

FAMILIES = {
    "0": "meta",
    "1": "error-reporting",
    "2": "instrumentation",
    "3": "dependencies",
    "4": "logging",
    "5": "timeouts-and-overload",
    "6": "change-management",
}

_SECTION = re.compile(r"^(What it does|Why is this bad\?|Example|Use instead|Options|References|Known problems)\s*$")
_CODE_SECTIONS = ("Example", "Use instead")


def docs_url(settings: Optional["Settings"]) -> Optional[str]:
    """The page holding the rule reference, when the configuration says where it is published."""
    return settings.docs_url if settings is not None else None


def rule_url(code: str, settings: Optional["Settings"]) -> Optional[str]:
    """A link to the rule's documentation, or None: then the output carries the documentation itself."""
    return rule_link(docs_url(settings), code)


def family(code: str) -> str:
    digit = code[3:4] if code.upper().startswith("PRR") else ""
    return FAMILIES.get(digit, "other")


def checklist_catalogue(settings: Optional["Settings"]) -> Dict[str, ChecklistItem]:
    """The built-in checklist items, then the organisation's own (`[checklist] items`), in that order."""
    items: Dict[str, ChecklistItem] = dict(ITEMS)
    custom = settings.section("checklist").get("items", {}) if settings is not None else {}
    for item_id in sorted(custom):
        if item_id not in items:
            title = str(custom[item_id])
            items[item_id] = ChecklistItem(item_id, title, title, "project configuration")
    return items


def rule_items(rule: "RuleClass", settings: Optional["Settings"]) -> Tuple[str, ...]:
    """The checklist items a rule maps to, with the extra ones `[checklist] rule-items` adds."""
    extra: List[str] = []
    if settings is not None:
        mapping = settings.section("checklist").get("rule-items", {})
        extra = list(mapping.get(rule.code, ())) + list(mapping.get(rule.name, ()))
    return tuple(dict.fromkeys([*rule.checklist, *extra]))


def doc_sections(rule: "RuleClass") -> Tuple[str, List[Tuple[str, str]]]:
    """A rule docstring as (its first line, [(section title, dedented body)])."""
    lines = rule.documentation().splitlines()
    first = lines[0].strip() if lines else rule.summary
    sections: List[Tuple[str, List[str]]] = []
    for line in lines[1:]:
        match = _SECTION.match(line)
        if match:
            sections.append((match.group(1), []))
        elif sections:
            sections[-1][1].append(line)
    return first, [(title, _dedent_block(body)) for title, body in sections]


def _dedent_block(lines: List[str]) -> str:
    import textwrap

    return textwrap.dedent("\n".join(lines)).strip("\n")


def is_code_section(title: str) -> bool:
    """Sections whose body is Python source, shown as a code block."""
    return title in _CODE_SECTIONS


def doc_markdown(rule: "RuleClass") -> str:
    """The rule's documentation as Markdown: sections become headings, examples Python code blocks."""
    first, sections = doc_sections(rule)
    parts = [f"# {rule.code} {rule.name}", first]
    for title, body in sections:
        parts.append(f"## {title}")
        if is_code_section(title):
            parts.append(f"```python\n{body}\n```")
        else:
            parts.append(" ".join(body.split()) if "\n\n" not in body else body)
    return "\n\n".join(parts) + "\n"


def what_it_does(rule: "RuleClass") -> str:
    first, sections = doc_sections(rule)
    for title, body in sections:
        if title == "What it does":
            return " ".join(body.split())
    return first or rule.summary


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when something was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def repository_prefix(root: Optional[Path]) -> str:
    """How the project root sits inside its git repository ('' when it is the top, or no repository).

    GitHub takes relative URIs and annotation paths relative to the repository root, while findings
    are relative to the project root, which may be a service directory inside a monorepo.
    """
    if root is None:
        return ""
    root = Path(os.path.abspath(root))
    for candidate in (root, *root.parents):
        if (candidate / ".git").exists():
            if candidate == root:
                return ""
            return root.relative_to(candidate).as_posix() + "/"
    return ""


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same directory and `os.replace`, so
    a reader never sees a half-written file and an interrupted run leaves the old file intact."""
    import tempfile  # here: a run that writes no file does not import it

    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(directory))
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            try:
                os.chmod(temporary, path.stat().st_mode & 0o7777)
            except OSError:
                pass
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
