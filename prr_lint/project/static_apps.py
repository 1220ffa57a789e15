"""Apps that only hand out files, pages, redirects and constant documents (PRR201, PRR206).

A web UI bundle mounted into a daemon's server (`send_from_directory(ui_dist, path)`, a redirect to
the UI's home) runs no code of the service: there is no request work to count or time, and nothing
for a probe to exercise that the server's own routes do not. Decided on what each handler calls:
only the framework's file, template, redirect and abort answers, path joins and request reads.
A version-discovery app (OpenStack's `/` answering the API versions a paste pipeline serves) is
alike: its handler, and the project functions it calls, only serialise module data (`json.dumps`,
`jsonutils.dumps`), with no dependency call, no I/O and no work that could fail.
"""

from __future__ import annotations

from typing import Iterable

from prr_lint.project.index import ProjectIndex
from prr_lint.project.model import EntryPoint

_STATIC_ANSWERS = frozenset({
    "flask.send_from_directory", "flask.send_file", "flask.redirect", "flask.render_template", "flask.abort", "flask.url_for",
    "quart.send_from_directory", "quart.send_file", "quart.redirect", "quart.render_template", "quart.abort", "quart.url_for",
    "werkzeug.utils.send_from_directory", "werkzeug.utils.send_file", "werkzeug.utils.redirect",
    "starlette.responses.FileResponse", "starlette.responses.RedirectResponse",
    "fastapi.responses.FileResponse", "fastapi.responses.RedirectResponse",
    "django.shortcuts.redirect", "django.http.FileResponse", "django.http.HttpResponseRedirect",
})
# Reads and path arithmetic a file-serving handler does around its answer.
_HARMLESS_PREFIXES = ("os.path.", "flask.request.", "quart.request.", "posixpath.", "pathlib.Path")


# Serialisers a constant-document handler calls (the document itself comes from module data).
_SERIALISERS = frozenset({"json.dumps", "oslo_serialization.jsonutils.dumps", "flask.jsonify", "quart.jsonify"})
_DOCUMENT_DEPTH = 3


def _static_answer(index: ProjectIndex, entry: EntryPoint) -> bool:
    function = index.functions.get(entry.qualname)
    if function is None:
        return False
    called = [call for call in function.calls if call not in function.decorators]
    return bool(called) and all(call in _STATIC_ANSWERS or call.startswith(_HARMLESS_PREFIXES) for call in called) \
        or _constant_document(index, entry.qualname)


def _constant_document(index: ProjectIndex, qualname: str) -> bool:
    """The handler serialises a document and calls nothing else than project functions that do the
    same (`resp.data = self._build_versions(req.url)` returning `json.dumps(...)` of module data)."""
    serialises, seen, frontier = False, {qualname}, [qualname]
    for _ in range(_DOCUMENT_DEPTH):
        following = []
        for name in frontier:
            function = index.functions[name]
            for call in function.calls:
                if call in function.decorators:
                    return False
                if call in _SERIALISERS:
                    serialises = True
                    continue
                target = index.canonical(call)
                if target is None or target not in index.functions or index.module_of(target) != index.module_of(qualname):
                    return False
                if target not in seen:
                    seen.add(target)
                    following.append(target)
        frontier = following
    return serialises and not frontier


def serves_static_only(index: ProjectIndex, entries: Iterable[EntryPoint]) -> bool:
    """Every route of the app answers with a file, a template, a redirect or an abort, and calls
    nothing else: a static front end, not request work of the service."""
    entries = list(entries)
    return bool(entries) and all(_static_answer(index, entry) for entry in entries)
