"""Where links to the rule documentation point, if anywhere.

prr-lint has no documentation site of its own, so it never invents one. A link exists only when
the user says where the rule reference (`prr-lint rules --format markdown`, whose headings are the
bare codes) is published: the `docs-url` setting, else the linted project's `[project.urls]` entry
labelled `prr-lint-docs`. Either is the URL of that page; a rule's link is the page plus `#prr101`.
Without one, SARIF carries the full help text and the readiness reports embed the documentation.
"""

from __future__ import annotations

import re
import string
from typing import Any, Mapping, Optional, Tuple
from urllib.parse import urlsplit

# The `[project.urls]` label, compared in its normalised form (PEP 753: lower case, without
# punctuation or white space), so `prr-lint-docs`, `prr_lint_docs` and `PRR lint docs` all match.
PROJECT_URL_LABEL = "prr-lint-docs"
# Characters RFC 3986 allows in a URL; anything else (spaces, quotes, angle brackets, backslashes,
# control characters) could end an HTML attribute or a Markdown link early.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def url_problem(value: str) -> Optional[str]:
    """Why `value` cannot be a docs page URL, or None when it can."""
    if not _URL_CHARACTERS.fullmatch(value):
        return f"'{value}' is not a URL (only characters RFC 3986 allows, no spaces)"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"expected an http:// or https:// URL, got '{value}'"
    if "#" in value:
        return f"give the page without a fragment: prr-lint appends the rule's anchor (#prr101), got '{value}'"
    return None


def rule_link(base: Optional[str], code: str) -> Optional[str]:
    """The link to one rule's documentation, or None when no docs page is configured."""
    return f"{base}#{code.lower()}" if base else None


def _normalised(label: str) -> str:
    return "".join(ch for ch in label.lower() if ch not in string.punctuation and not ch.isspace())


def project_docs_url(pyproject: Mapping[str, Any]) -> Tuple[Optional[str], Any]:
    """The label and value of the `prr-lint-docs` entry of a parsed pyproject's `[project.urls]`."""
    project = pyproject.get("project")
    urls = project.get("urls") if isinstance(project, dict) else None
    if not isinstance(urls, dict):
        return None, None
    wanted = _normalised(PROJECT_URL_LABEL)
    for label, value in urls.items():
        if _normalised(label) == wanted:
            return label, value
    return None, None
