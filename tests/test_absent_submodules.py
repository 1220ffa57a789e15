"""First-party code the tree does not hold (project/submodules.py): a handler that hands the caught exception itself
to a package of a git submodule the root `.gitmodules` declares, whose folder is missing or empty, may
report there, for PRR101-PRR104, PRR106 and PRR107 alike (rules/handed_errors.py, project/reporters.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

from prr_lint.config import Settings
from prr_lint.engine import FileJob, Plan
from prr_lint.project.submodules import import_roots, parse_gitmodules
from prr_lint.registry import default_registry
from prr_lint.runner import run_jobs

REGISTRY = default_registry()
GITMODULES = '[submodule "core"]\n\tpath = core\n\turl = git@example.org:team/server_core.git\n'


def lint(root: Path, files: Dict[str, str], select: str = "PRR1", modules: Optional[Dict[str, str]] = None) -> List[Tuple[str, str, int]]:
    """Findings of a run rooted at `root` (which holds the `.gitmodules` and the folders the tests make) over `files`,
    each named by `modules` or by its path."""
    plan = Plan(Settings(root=root), tuple(REGISTRY.select(select.split(","), [], [])))
    jobs = []
    for path, source in sorted(files.items()):
        module = (modules or {}).get(path) or path[: -len(".py")].replace("/", ".").removesuffix(".__init__")
        jobs.append(FileJob(path, module, path.endswith("__init__.py"), source.encode()))
    return [(f.rule, f.path, f.span.line) for f in run_jobs(jobs, plan).findings]


def _root(tmp_path: Path, gitmodules: Optional[str] = GITMODULES) -> Path:
    if gitmodules is not None:
        (tmp_path / ".gitmodules").write_text(gitmodules)
    return tmp_path


def _flask(call: str, imports: str = "from core.errors import ErrorPages", params: str = "error") -> str:
    """A Flask app whose catch-all handler (line 8) answers through `pages`, an object of the shared library."""
    return (f"import sys\nfrom flask import Flask\n{imports}\n\napp = Flask(__name__)\npages = ErrorPages(app)\n\n"
            f"@app.errorhandler(Exception)\ndef on_error({params}):\n{call}\n\n@app.route('/')\ndef index():\n    return 'ok'\n")


# ----- PRR104: a registered handler -----

@pytest.mark.parametrize("call", [
    "    return pages.handle(error)",
    "    return pages.handle(exception=error)",
    "    pages.record(*sys.exc_info())\n    return 'internal error', 500",
    "    pages.record(sys.exc_info())\n    return 'internal error', 500",
    "    pages.record(sys.exception())\n    return 'internal error', 500",
])
def test_a_handler_handing_the_error_to_an_absent_submodule_may_report(tmp_path: Path, call: str) -> None:
    """VALID: the submodule `core` is not checked out (no folder, or an empty one): its ErrorHandler is the project's
    own, which the analysis cannot read, and it receives the error itself. INVALID: a folder with any file is checked
    out, and one holding no Python holds nothing `core.errors` could import."""
    assert lint(_root(tmp_path), {"svc/app.py": _flask(call)}) == []
    (tmp_path / "core").mkdir()
    assert lint(tmp_path, {"svc/app.py": _flask(call)}) == []
    (tmp_path / "core" / "README.md").write_text("checked out, no Python\n")
    assert lint(tmp_path, {"svc/app.py": _flask(call)}) == [("PRR104", "svc/app.py", 9)]


@pytest.mark.parametrize("call", [
    "    return pages.render()",  # the absent code is not handed the error
    "    return pages.render(500)",
    "    return pages.handle(str(error))",  # text of it: the traceback is lost
    "    return pages.handle(f'{error}')",
    "    return pages.handle(error.args)",
    "    error = None\n    return pages.handle(error)",  # another value by then
    "    for error in pages.pending():\n        pages.handle(error)\n    return 'internal error', 500",
    "    return [pages.handle(error) for error in pages.pending()]",
    "    try:\n        pages.flush()\n    except Exception:\n        pages.record(sys.exc_info())\n    return 'internal error', 500",
    "    pages.later(lambda error: pages.handle(error))\n    return 'internal error', 500",
])
def test_the_absent_code_must_be_handed_the_error_itself(tmp_path: Path, call: str) -> None:
    """INVALID: no call hands the absent code the caught exception (inner `except`: `sys.exc_info()` is the inner
    error; a lambda's parameter is another value)."""
    assert lint(_root(tmp_path), {"svc/app.py": _flask(call)}) == [("PRR104", "svc/app.py", 9)]


def test_a_third_party_package_or_a_submodule_present_keeps_the_finding(tmp_path: Path) -> None:
    """INVALID: an installed library's object (no submodule declares it); a checked-out submodule, whose code the run
    did not lint (it is read normally when linted, below); a `.gitmodules` in a subfolder, or one with no path."""
    source = _flask("    return pages.handle(error)")
    assert lint(_root(tmp_path, None), {"svc/app.py": source}) == [("PRR104", "svc/app.py", 9)]
    library = _flask("    return pages.handle(error)", imports="from errorpages import ErrorPages")
    assert lint(_root(tmp_path), {"svc/app.py": library}) == [("PRR104", "svc/app.py", 9)]
    (tmp_path / "core" / "errors").mkdir(parents=True)
    (tmp_path / "core" / "errors" / "pages.py").write_text("class ErrorPages:\n    pass\n")
    assert lint(tmp_path, {"svc/app.py": source}) == [("PRR104", "svc/app.py", 9)]


def test_only_the_root_gitmodules_counts(tmp_path: Path) -> None:
    source = _flask("    return pages.handle(error)")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / ".gitmodules").write_text(GITMODULES)
    assert lint(tmp_path, {"svc/app.py": source}) == [("PRR104", "svc/app.py", 9)]
    for text in ('[remote "core"]\n\tpath = core\n', '[submodule "core"]\n\turl = x\n', '[submodule "core"]\n\tpath = ../core\n',
                 '[submodule "core"]\n\t# path = core\n'):
        assert lint(_root(tmp_path, text), {"svc/app.py": source}) == [("PRR104", "svc/app.py", 9)], text


def test_a_linted_module_that_answers_the_name_is_read_as_it_is(tmp_path: Path) -> None:
    """INVALID: the index holds `core.errors` (the submodule's code is in the run): its ErrorPages reports nothing."""
    errors = "class ErrorPages:\n    def __init__(self, app):\n        self.app = app\n\n    def handle(self, error):\n        return 'oops', 500\n"
    files = {"svc/app.py": _flask("    return pages.handle(error)"), "core/__init__.py": "", "core/errors.py": errors}
    assert lint(_root(tmp_path), files) == [("PRR104", "svc/app.py", 9)]


def test_starlette_hands_the_handler_the_error_second(tmp_path: Path) -> None:
    """Starlette calls `handler(request, exc)`: handing the absent code `exc` may report, `request` does not."""
    app = ("from fastapi import FastAPI\nfrom core.errors import answer\n\napp = FastAPI()\n\n"
           "@app.exception_handler(ConnectionError)\nasync def upstream_down(request, exc):\n    return answer({})\n")
    assert lint(_root(tmp_path), {"svc/app.py": app.format("exc")}) == []
    assert lint(tmp_path, {"svc/app.py": app.format("request")}) == [("PRR104", "svc/app.py", 7)]
    assert lint(_root(tmp_path, ""), {"svc/app.py": app.format("exc")}) == [("PRR104", "svc/app.py", 7)]


def test_a_submodule_below_an_import_root_gives_its_name_there(tmp_path: Path) -> None:
    """`src/core` with the project's packages named from `src/` is imported as `core`."""
    files = {"src/svc/__init__.py": "", "src/svc/app.py": _flask("    return pages.handle(error)")}
    modules = {"src/svc/__init__.py": "svc", "src/svc/app.py": "svc.app"}
    text = '[submodule "shared"]\n\tpath = src/core\n'
    assert lint(_root(tmp_path, text), files, modules=modules) == []
    assert lint(_root(tmp_path, text.replace("src/core", "lib/core")), files, modules=modules) == [("PRR104", "src/svc/app.py", 9)]


def test_a_library_that_answers_the_submodule_name_keeps_the_finding(tmp_path: Path) -> None:
    """INVALID: the name a not-checked-out submodule's path gives is a standard module's (`locale`) or one a declared
    distribution provides (`schema`; `python-i18n` for `i18n`, in requirements.txt or pyproject.toml): the import
    reaches that library, not the submodule. VALID again once no dependency declares it."""
    work = ("import {top}\nimport requests\n\ndef fetch(url):\n    try:\n        return requests.get(url, timeout=3).json()\n"
            "    except Exception as e:\n        {top}.{call}\n        return None\n")
    cases = (("locale", "format_string('%s', e)", None), ("schema", "Schema(e)", ("requirements.txt", "requests\nschema==0.7\n")),
             ("i18n", "t('errors.fetch', error=e)", ("requirements.txt", "python-i18n>=0.3\n")),
             ("i18n", "t('errors.fetch', error=e)", ("pyproject.toml", '[project]\nname = "svc"\ndependencies = ["python_i18n"]\n')))
    for top, call, declared in cases:
        root = _root(tmp_path, f'[submodule "{top}"]\n\tpath = {top}\n')
        for name in ("requirements.txt", "pyproject.toml"):
            (root / name).unlink(missing_ok=True)
        if declared is not None:
            (root / declared[0]).write_text(declared[1])
        source = work.format(top=top, call=call)
        assert lint(root, {"svc/work.py": source}) == [("PRR101", "svc/work.py", 7)], (top, declared)
        if declared is not None:
            (root / declared[0]).write_text("requests\n" if declared[0] == "requirements.txt" else '[project]\nname = "svc"\n')
            assert lint(root, {"svc/work.py": source}) == [], (top, declared)


NESTED = ("import requests\nfrom core.errors import report\n{outer}\ndef fetch(url):\n{before}    try:\n"
          "        return requests.get(url, timeout=3).json()\n    except Exception as e:\n{inner}        report(e)\n        return None\n")


@pytest.mark.parametrize("outer, before, inner, line", [
    ("", "", "        def forget():\n            nonlocal e\n            e = None\n        forget()\n", 7),
    ("", "    def forget():\n        nonlocal e\n        e = None\n\n", "        forget()\n", 11),
])
def test_a_nested_function_rebinding_the_name_keeps_the_finding(tmp_path: Path, outer: str, before: str, inner: str, line: int) -> None:
    """INVALID: a function the handler calls rebinds the caught name through `nonlocal` (defined in the handler or
    before the `try`): `report(e)` may be handed None. VALID without the rebinding."""
    root = _root(tmp_path)
    source = NESTED.format(outer=outer, before=before, inner=inner)
    assert lint(root, {"svc/work.py": source}) == [("PRR101", "svc/work.py", line)]
    plain = NESTED.format(outer="", before="", inner="")
    assert lint(root, {"svc/work.py": plain}) == []


def test_a_global_rebinding_of_a_global_caught_name_keeps_the_finding(tmp_path: Path) -> None:
    """INVALID: the handler binds a module-level `e` (`global e` in its function), which another function's `global e`
    rebinds when the handler calls it."""
    source = ("import requests\nfrom core.errors import report\n\ndef forget():\n    global e\n    e = None\n\n"
              "def fetch(url):\n    global e\n    try:\n        return requests.get(url, timeout=3).json()\n"
              "    except Exception as e:\n        {call}\n        report(e)\n        return None\n")
    assert lint(_root(tmp_path, ""), {"svc/work.py": source.format(call="pass")}) == [("PRR101", "svc/work.py", 12)]
    assert lint(_root(tmp_path), {"svc/work.py": source.format(call="forget()")}) == [("PRR101", "svc/work.py", 12)]


# ----- PRR101-PRR103, PRR106, PRR107: the same question of an except handler's callees -----

HANDLERS = (
    "import requests\nfrom core.errors import report\n\n"
    "def swallowed(url):\n    try:\n        requests.post(url, timeout=3)\n    except Exception as e:\n        report({e})\n\n"
    "def fallback(url):\n    try:\n        return requests.get(url, timeout=3).json()\n    except requests.RequestException as e:\n"
    "        report({e})\n        return []\n\n"
    "def answer(url):\n    try:\n        return requests.get(url, timeout=3).json(), 200\n    except Exception as e:\n"
    "        report({e})\n        return {{'error': 'internal'}}, 500\n"
)


def test_except_handlers_handing_the_error_to_absent_code_may_report(tmp_path: Path) -> None:
    """VALID with the error itself; INVALID with none of it (each rule's finding stays)."""
    root = _root(tmp_path)
    assert lint(root, {"svc/api.py": HANDLERS.format(e="e")}, select="PRR101,PRR102,PRR103") == []
    assert lint(root, {"svc/api.py": HANDLERS.format(e="")}, select="PRR101,PRR102,PRR103") == [
        ("PRR101", "svc/api.py", 7), ("PRR102", "svc/api.py", 13), ("PRR103", "svc/api.py", 20)]
    assert lint(root, {"svc/api.py": HANDLERS.format(e="str(e)")}, select="PRR101,PRR102,PRR103") == [
        ("PRR101", "svc/api.py", 7), ("PRR102", "svc/api.py", 13), ("PRR103", "svc/api.py", 20)]
    assert lint(_root(tmp_path, ""), {"svc/api.py": HANDLERS.format(e="e")}, select="PRR101,PRR102,PRR103") == [
        ("PRR101", "svc/api.py", 7), ("PRR102", "svc/api.py", 13), ("PRR103", "svc/api.py", 20)]


def test_a_thread_target_and_a_retry_loop_ask_the_same(tmp_path: Path) -> None:
    """PRR106 (a thread target's handler in its work loop, with work outside the `try` that may fail) and PRR107 (a
    retry loop that gives up)."""
    jobs = ("import threading\nimport time\nimport requests\nfrom core.errors import report\n\n"
            "def sync(queue):\n    while True:\n        batch = queue.get()\n        try:\n"
            "            requests.post('http://hub/sync', json=batch.items, timeout=3)\n"
            "        except Exception as e:\n            report({e})\n        batch.done()\n\n"
            "def start(queue):\n    threading.Thread(target=sync, args=(queue,)).start()\n\n"
            "def fetch(url):\n    for attempt in range(3):\n        try:\n            return requests.get(url, timeout=3).json()\n"
            "        except requests.RequestException as e:\n            report({e})\n            time.sleep(2 ** attempt)\n    return None\n")
    root = _root(tmp_path)
    assert lint(root, {"svc/jobs.py": jobs.format(e="e")}, select="PRR106,PRR107") == []
    assert lint(root, {"svc/jobs.py": jobs.format(e="")}, select="PRR106,PRR107") == [
        ("PRR106", "svc/jobs.py", 16), ("PRR107", "svc/jobs.py", 19)]
    assert lint(_root(tmp_path, ""), {"svc/jobs.py": jobs.format(e="e")}, select="PRR106,PRR107") == [
        ("PRR106", "svc/jobs.py", 16), ("PRR107", "svc/jobs.py", 19)]


# ----- the facts -----

def test_gitmodules_is_read_as_git_config() -> None:
    text = (
        "# submodules\n[submodule \"core\"]\n\tpath = core\n\turl = git@example.org:x/core.git\n"
        "[submodule \"docs\"] ; the manual\n\tpath = \"docs/manual\" # quoted\n"
        "[SubModule \"twice\"]\n\tPATH = first\n\tpath = second\n"
        "[submodule.legacy]\n\tpath = old/legacy\n"
        "[remote \"origin\"]\n\tpath = not-a-submodule\n"
        "[submodule \"empty\"]\n\tpath =\n"
        "[submodule \"esc\"]\n\tpath = a\\\\b ;comment\r\n"
    )
    assert parse_gitmodules(text) == ["core", "docs/manual", "second", "old/legacy", "a\\b"]


def test_import_roots_are_read_from_module_names() -> None:
    assert import_roots([("src/svc/app.py", "svc.app"), ("app.py", "app"), ("tools/run.py", "tools.run"),
                         ("odd/x.py", "y"), ("/elsewhere/z.py", "z")]) == {"src", ""}
