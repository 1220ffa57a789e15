"""PRR000 for Python 2 leftovers the Python 3 service never meets, and their true neighbours: an import only
Python 2 makes (python2_gates.py), a fixture only tests name, a Python 2 tool only a developer's shell script
runs, a loader that imports only literal names (unloaded_files.py), and a string Python 2 reads as bytes in a
service that runs Python 2 (python2_literals.py, python2_files.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Dict, List, Optional

import libcst as cst
import pytest

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.parse_guard import interpreter_parse
from prr_lint.project.python2_files import PYTHON2 as PYTHON2_RUNTIME, OldRuntime, python2_files
from prr_lint.project.python2_runtime import Declared
from prr_lint.python2_literals import PYTHON2_BYTES, syntax_message
from prr_lint.resolve import Resolver
from prr_lint.runner import run_jobs
from prr_lint.summary import SummaryCollector
from prr_lint.walker import walk

VIEWS = "from flask import Flask\n\napp = Flask(__name__)\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
EXEC2 = "def run(code, env):\n    exec code in env\n"
PYTHON2 = "import sys\n\nprint 'words', len(sys.argv)\n"
UNFINISHED = "def main():\n    try:\n        pass\n    print('x')\n"
WORKER = "import sys\n\n{gate}:\n    from .exec2 import run\nelse:\n    from .exec3 import run\n"


def _syntax_errors(files: Dict[str, str], root: Path, deployment: Optional[Dict[str, str]] = None) -> List[str]:
    deployment = deployment or {}
    for path, text in {**files, **deployment}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    plan = Plan(replace(settings_with(), root=root), tuple(REGISTRY.select(["PRR000", "PRR501"], [], [])), whole_project=True,
                launch_files=tuple(str(root / path) for path in deployment))
    return sorted(finding.path for finding in run_jobs(jobs_for(files), plan).findings if finding.rule == "PRR000")


def _python2_words(source: str) -> Dict[str, int]:
    module = cst.parse_module(source)
    resolver = Resolver(module, "svc.compat")
    ancestors: list = []
    collector = SummaryCollector(resolver, "svc/compat.py", source, ancestors=ancestors)
    walk(module, [collector], resolver, ancestors)
    return collector.summary.python2_words


@pytest.mark.parametrize("gate", ["if sys.version_info[0] < 3", "if sys.version_info.major == 2", "if sys.version_info < (3,)",
                                  "if not sys.version_info >= (3, 0)", "import six\nif six.PY2", "from six import PY2\nif PY2",
                                  "from lib.six import PY2\nif PY2", "from django.utils import six\nif six.PY2",
                                  "PY2 = sys.version_info[0] == 2\nif PY2", "if sys.version_info < (3, 3)",
                                  "if sys.version_info[0] == 2 or (sys.version_info[0] == 3 and sys.version_info[1] < 3)",
                                  "PY2 = sys.version_info.major == 2\nPY33 = sys.version_info >= (3, 3)\nif PY2 and not PY33"])
def test_an_import_under_a_python2_test_is_one_only_python2_makes(gate: str) -> None:
    words = _python2_words("import sys\n" + gate + ":\n    from .exec2 import run\nelse:\n    from .exec3 import run\n")
    assert words == {"exec2": 1, "run": 1}


@pytest.mark.parametrize("gate", ["if six.PY3", "if sys.version_info[0] >= 3", "if sys.version_info >= (3,)",
                                  "if sys.version_info[0] < 4", "if sys.version_info[0] >= 3 and sys.version_info.minor >= 3"])
def test_the_else_of_a_python3_test_is_python2s(gate: str) -> None:
    words = _python2_words("import sys, six\n" + gate + ":\n    import exec3\nelse:\n    import exec2 as legacy\n")
    assert words == {"exec2": 1, "legacy": 1}


@pytest.mark.parametrize("flag", ["from settings import PY2", "from lib.sixes import PY2", "from lib.six import PY22"])
def test_a_flag_of_a_module_that_is_no_copy_of_six_decides_nothing(flag: str) -> None:
    assert _python2_words(flag + "\nif PY2:\n    import new\nelse:\n    import old\n") == {}


@pytest.mark.parametrize("gate", ["if sys.version_info >= (3, 6)", "if DEBUG", "if sys.version_info[1] < 6",
                                  "if sys.version_info[0] == 2 or sys.version_info[1] < 6", "if sys.version_info[0] == 2 or DEBUG"])
def test_a_test_other_python3_versions_take_too_makes_no_python2_import(gate: str) -> None:
    """`else` of `>= (3, 6)` runs on Python 3.5; `[1]` is the minor version, below 6 on Python 3.3 to 3.5; an
    unknown test on one side of `or` may hold on Python 3."""
    assert _python2_words("import sys\nDEBUG = False\nPY2 = sys.version_info[0] == 2\n" + gate + ":\n    import new\nelse:\n    import old\n") == {}


def test_a_python2_module_only_python2_imports_is_left_out_even_without_entry_points(tmp_path: Path) -> None:
    """anvil-runtime's `anvil_downlink_worker/exec2.py` (O082): imported only under `if sys.version_info[0] < 3`;
    Python 3 workers import exec3.py. The project has no recognised entry points: the gate alone shows it."""
    worker = {"worker/__init__.py": WORKER.format(gate="if sys.version_info[0] < 3"), "worker/exec2.py": EXEC2,
              "worker/exec3.py": "def run(code, env):\n    exec(code, env)\n"}
    assert _syntax_errors(worker, tmp_path / "bare") == []
    assert _syntax_errors({**worker, "svc/__init__.py": "", "svc/views.py": VIEWS}, tmp_path / "served") == []


def test_a_backport_only_python2_and_python_before_3_3_import_is_left_out(tmp_path: Path) -> None:
    """Cortex-Analyzers' `MaxMind/ipaddr.py` (Q487, `ip_int = 0L`): its importers take it only on Python 2 or a
    Python 3 before 3.3, which added `ipaddress`; a gate Python 3.5 passes keeps it reported."""
    backport = "def ip_address(text):\n    return 0L\n"
    compat = ("import sys\nis_py2 = sys.version_info[0] == 2\nis_py3_3 = sys.version_info[0] >= 3 and sys.version_info[1] >= 3\n"
              "if is_py2 and not is_py3_3:\n    import ipaddr as ipaddress\nelse:\n    import ipaddress\n")
    client = ("import sys\nif sys.version_info[0] == 2 or (sys.version_info[0] == 3 and sys.version_info[1] < {minor}):\n"
              "    import ipaddr as ipaddress\nelse:\n    import ipaddress\n")
    files = {"geo/ipaddr.py": backport, "geo/compat.py": compat, "geo/client.py": client.format(minor=3)}
    assert _syntax_errors(files, tmp_path / "backport") == []
    assert _syntax_errors({**files, "geo/client.py": client.format(minor=6)}, tmp_path / "live") == ["geo/ipaddr.py"]


def test_a_python2_module_python3_may_import_keeps_its_syntax_error(tmp_path: Path) -> None:
    """An ungated import, or the `else` of `>= (3, 6)` (Python 3.5 takes it), loads the module on Python 3; without
    entry points a Python 2 file no gate names, and a Python 3 file under a gate, stay reported as before."""
    ungated = {"worker/__init__.py": "from .exec2 import run\n", "worker/exec2.py": EXEC2}
    assert _syntax_errors(ungated, tmp_path / "ungated") == ["worker/exec2.py"]
    minor = {"worker/__init__.py": "import sys\nif sys.version_info >= (3, 6):\n    from .exec3 import run\nelse:\n"
                                   "    from .exec2 import run\n", "worker/exec2.py": EXEC2, "worker/exec3.py": "run = print\n"}
    assert _syntax_errors(minor, tmp_path / "minor") == ["worker/exec2.py"]
    python3 = {"worker/__init__.py": WORKER.format(gate="if sys.version_info[0] < 3"), "worker/exec2.py": UNFINISHED,
               "worker/exec3.py": "run = print\n"}
    assert _syntax_errors(python3, tmp_path / "python3") == ["worker/exec2.py"]
    assert _syntax_errors({"worker/__init__.py": "", "worker/legacy.py": EXEC2}, tmp_path / "unnamed") == ["worker/legacy.py"]


def test_a_fixture_only_tests_name_is_left_out_and_one_the_service_names_stays(tmp_path: Path) -> None:
    """pulsar's `test_data/test_shed/tool_repo/tool1_wrapper.py` (O220): a `print 'Hello'` file a validator test
    names as a file; a module the service also names keeps it."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "test_data/tool_repo/tool1_wrapper.py": PYTHON2,
             "test/validator_test.py": "def test_valid():\n    assert validate('tool1_wrapper.py')\n"}
    assert _syntax_errors(files, tmp_path / "tests") == []
    named = {**files, "svc/views.py": VIEWS + "WRAPPER = 'tool1_wrapper'\n"}
    assert _syntax_errors(named, tmp_path / "service") == ["test_data/tool_repo/tool1_wrapper.py"]


def test_a_python2_tool_only_a_developers_shell_script_runs_is_left_out(tmp_path: Path) -> None:
    """pulsar's `tools/install_venv.py` (O221): a Python 2 bootstrap only `setup_venv.sh` runs, a script nothing
    names. A Dockerfile that runs the script, a Procfile that runs the tool, a tool outside a tool path or one
    whose failing line is no Python 2 keep it reported."""
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "tools/install_venv.py": PYTHON2}
    script = {"setup_venv.sh": "#!/bin/bash\nif [ ! -e .venv ]; then\n    python tools/install_venv.py\nfi\n"}
    assert _syntax_errors(files, tmp_path / "script", script) == []
    docker = {**script, "Dockerfile": "FROM python:3.11\nRUN ./setup_venv.sh\nCMD gunicorn svc.views:app\n"}
    assert _syntax_errors(files, tmp_path / "docker", docker) == ["tools/install_venv.py"]
    procfile = {**script, "Procfile": "release: python tools/install_venv.py\n"}
    assert _syntax_errors(files, tmp_path / "procfile", procfile) == ["tools/install_venv.py"]
    service = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/install_venv.py": PYTHON2}
    assert _syntax_errors(service, tmp_path / "service", {"setup_venv.sh": "python svc/install_venv.py\n"}) == ["svc/install_venv.py"]
    python3 = {**files, "tools/install_venv.py": UNFINISHED}
    assert _syntax_errors(python3, tmp_path / "python3", script) == ["tools/install_venv.py"]


def test_loads_of_literal_names_and_of_an_objects_module_load_no_other_file(tmp_path: Path) -> None:
    """crawl4ai (O332): `for module_path in ["crawl4ai"]: import_module(module_path)` and
    `import_module(obj.__module__)` load no docs example; nor does a loader of any name show that it loads one."""
    loads = ("import importlib\n\ndef find(kind):\n    for path in ['svc.kinds']:\n        mod = importlib.import_module(path)\n"
             "    paths = ('svc.views',)\n    for path in paths:\n        importlib.import_module(path)\n"
             "    return getattr(mod, kind)\n\ndef meta(obj):\n    return importlib.import_module(obj.__module__)\n")
    files = {"svc/__init__.py": "", "svc/kinds.py": "", "svc/views.py": VIEWS + loads, "docs/examples/serp_demo.py": UNFINISHED}
    assert _syntax_errors(files, tmp_path / "literal") == []
    anything = {**files, "svc/views.py": VIEWS + "import importlib\n\ndef load(name):\n    return importlib.import_module(name)\n"}
    assert _syntax_errors(anything, tmp_path / "anything") == []
    chosen = loads.replace("for path in paths:", "for path in paths + tuple(EXTRA):")
    assert _syntax_errors({**files, "svc/views.py": VIEWS + chosen}, tmp_path / "chosen") == []


def _message(source: str) -> str:
    with pytest.raises(SyntaxError) as refused:
        interpreter_parse(source, "svc/crispin.py")
    return syntax_message(refused.value, source)


def test_a_string_python2_reads_as_bytes_says_so() -> None:
    """nylas's `inbox/crispin.py` (O288): `\\HasNoChildren`, `\\Noselect` in a docstring are malformed `\\N{...}`
    escapes to Python 3 only. A `u""` string or an f-string, a module with unicode_literals and other errors say nothing of it."""
    docstring = 'def folders():\n    """ * LIST (\\Noselect \\HasChildren) "/" "[Gmail]"\n    """\n'
    assert _message(docstring).endswith(PYTHON2_BYTES)
    assert not _message(docstring.replace('"""', 'u"""', 1)).endswith(PYTHON2_BYTES)
    assert not _message("from __future__ import unicode_literals\n" + docstring).endswith(PYTHON2_BYTES)
    assert not _message('path = f"C:\\Users\\{name}"\n').endswith(PYTHON2_BYTES)  # no f-strings in Python 2
    assert not _message("print('a' +)\n").endswith(PYTHON2_BYTES)


def test_a_string_python2_reads_as_bytes_is_left_out_only_where_the_service_runs_python2() -> None:
    bytes_message = "syntax error: (unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape"
    findings = [SimpleNamespace(rule="PRR000", message=bytes_message + PYTHON2_BYTES, source_line='    """', path="svc/a.py"),
                SimpleNamespace(rule="PRR000", message=bytes_message, source_line='x = u"\\N"', path="svc/b.py")]
    def analysis(*tested):
        declared = Declared([], list(tested), [], False)
        return SimpleNamespace(settings=SimpleNamespace(root=None),
                               derived=lambda key, build: declared if key == "runtime-declarations" else build())

    python2 = OldRuntime("tox.ini: envlist = py27", PYTHON2_RUNTIME)
    assert python2_files(findings, analysis((frozenset({(2, 7)}), "tox.ini: envlist = py27"))) == ({0}, python2)
    assert python2_files(findings, analysis()) == (set(), None)


ARCHIVE = ("from vendor.six import PY2\n\ntry:\n    import tarfile\nexcept ImportError:\n    if PY2:\n"
           "        import vendor.tarfile as tarfile\n    else:\n        import vendor3.tarfile as tarfile\n\n\n"
           "def pack(path):\n    return tarfile.open(path, 'w:gz')\n")
PACKED = ("from flask import Flask\nfrom vendor.six import PY2\nfrom svc.archive import pack\n\napp = Flask(__name__)\n\n"
          "@app.get('/a')\ndef a():\n    tarfile = pack('x')\n    return str(tarfile) if PY2 else 'ok'\n")
VENDORED = {"svc/__init__.py": "", "svc/archive.py": ARCHIVE, "svc/views.py": PACKED, "vendor/__init__.py": "",
            "vendor/six.py": "import sys\nPY2 = sys.version_info[0] == 2\n", "vendor/tarfile.py": "def open(path, mode):\n    print 'old'\n",
            "vendor3/__init__.py": "", "vendor3/tarfile.py": "def open(path, mode):\n    return path\n"}


def test_the_python2_copy_of_a_package_only_python2_imports_is_left_out(tmp_path: Path) -> None:
    """LazyLibrarian's `lib/zipfile.py` (HH007): `if PY2: import lib.zipfile as zipfile` is the only import of it,
    beside the standard library's `import zipfile` and a variable `zipfile`; a package member is loaded by its
    dotted name, which no Python 3 import nor name-like string spells."""
    assert _syntax_errors(VENDORED, tmp_path / "gated") == []
    # `lib/bs4/element.py` (HH004): its package's own `__init__.py` is Python 2 too, a regular package all the same.
    soup = {"vendor/soup/__init__.py": "print 'soup'\n", "vendor/soup/element.py": "print 'element'\n",
            "svc/parse.py": "from vendor.six import PY2\n\nif PY2:\n    from vendor.soup import element\n\n\n"
                            "def first(element):\n    return element[0]\n",
            "svc/views.py": PACKED + "\nfrom svc.parse import first\n"}
    assert _syntax_errors({**VENDORED, **soup}, tmp_path / "package") == []


def test_a_package_member_python3_imports_keeps_its_syntax_error(tmp_path: Path) -> None:
    """The same copy imported on Python 3 too, and a service module of its own with a real syntax error that a view
    imports, stay reported."""
    ungated = {**VENDORED, "svc/archive.py": ARCHIVE.replace("else:\n        import vendor3", "else:\n        import vendor")}
    assert _syntax_errors(ungated, tmp_path / "ungated") == ["vendor/tarfile.py"]
    broken = {**VENDORED, "svc/views.py": PACKED + "\nfrom svc import jobs\n", "svc/jobs.py": UNFINISHED}
    assert _syntax_errors(broken, tmp_path / "broken") == ["svc/jobs.py"]


def test_only_what_python2_alone_imports_is_a_python2_import() -> None:
    source = "from lib.six import PY2\nif PY2:\n    import lib.zipfile as zipfile\n    from lib import csv\nelse:\n    import lib3.zipfile as zipfile\n"
    assert _python2_imports(source) == ["lib", "lib.csv", "lib.zipfile"]
    assert _python2_imports(source + "from lib import csv\n") == ["lib.zipfile"]


def _python2_imports(source: str) -> List[str]:
    module = cst.parse_module(source)
    resolver = Resolver(module, "svc.compat")
    ancestors: list = []
    collector = SummaryCollector(resolver, "svc/compat.py", source, ancestors=ancestors)
    walk(module, [collector], resolver, ancestors)
    return collector.summary.python2_imports


def test_a_python2_folder_a_live_module_only_shares_words_with_is_left_out(tmp_path: Path) -> None:
    """openparliament's `imports/hans_old/` (no `__init__.py`, a namespace folder): `current.py` and `old.py` fail on
    Python 2 lines in a service the Dockerfile runs on Python 3, and only a dead `old-init.py` imports them. A live
    module that has a variable `current` and a Django field `'current'` loads nothing from that folder. One that
    imports the file by its dotted name, or hands its word to a loader given the folder, keeps the finding."""
    docker = {"Dockerfile": "FROM python:3.13\nCMD gunicorn svc.views:app\n"}
    leftovers = {"svc/imports/hans_old/current.py": PYTHON2, "svc/imports/hans_old/old.py": PYTHON2,
                 "svc/imports/hans_old/old-init.py": "from svc.imports.hans_old import current, old\n"}
    admin = "current = None\n\nclass RidingAdmin:\n    list_display = ('name', 'current')\n    list_filter = ('old',)\n"
    files = {"svc/__init__.py": "", "svc/imports/__init__.py": "", "svc/views.py": VIEWS + "from svc import admin\n",
             "svc/admin.py": admin, **leftovers}
    assert _syntax_errors(files, tmp_path / "words", docker) == []
    imported = {**files, "svc/views.py": VIEWS + "from svc import admin\nfrom svc.imports.hans_old import current\n"}
    assert _syntax_errors(imported, tmp_path / "imported", docker) == ["svc/imports/hans_old/current.py"]
    loader = "import importlib\n\ndef load(name='old'):\n    return importlib.import_module(f'svc.imports.hans_old.{name}')\n"
    loaded = {**files, "svc/views.py": VIEWS + "from svc import admin, loader\n", "svc/loader.py": loader}
    assert _syntax_errors(loaded, tmp_path / "loaded", docker) == ["svc/imports/hans_old/old.py"]
