"""Work over linted code ends, in time linear in it: regular expressions that each of these inputs
kept busy from 18 s to minutes (nested or adjacent quantifiers that backtrack), and loops over the
tree that never ended (found linting the standard library)."""

from __future__ import annotations

import time
from typing import Callable

import libcst as cst
import pytest

from conftest import lint_sources
from prr_lint import suppressions
from prr_lint.context import FileContext
from prr_lint.project.launchers import _SECTION
from prr_lint.project.managed_platforms import _deploys_elsewhere, _platform
from prr_lint.project.request_deadline import _starts_green_gunicorn
from prr_lint.project.celery_workers import celery_program, worker_lines
from prr_lint.project.config_files import yaml_items
from prr_lint.project.dag_parsing import _VALUE as _DAGBAG_VALUE
from prr_lint.project.live_lines import logical_lines
from prr_lint.rules.handler_context import says_best_effort
from prr_lint.rules.logging_rules import is_bootstrap_module
from prr_lint.word_counts import code_counts, literal_words, plain_classes

N = 20_000
# CPU seconds a case may take: each takes a fifth of that or less on an idle machine (20,000 assignments then
# `celery`: 0.2 s), and a loaded one stretches CPU time too (1.03 s seen in CI beside two test suites), while the
# backtracking these cases guard against took from 18 s to minutes.
_BUDGET = 5.0
CASES = {
    "best-effort words after many #": lambda: says_best_effort("# a" * N),
    "a line of #": lambda: says_best_effort("#" * N),
    "noqa codes then spaces": lambda: suppressions._NOQA.search("# noqa: A1" + " " * N + "!"),
    "a long module name part with logging in it": lambda: is_bootstrap_module("logging" * N + ".x"),
    # every module's text, for the dead-code word counts
    "a line of quotes and backslashes": lambda: code_counts("'\\" * N, {"x": 1}, ["x"], []),
    "a string of open braces": lambda: literal_words("'" + "{a" * N + "'"),
    "a string of words and one odd character": lambda: literal_words("'" + "a " * N + "?'"),
    "a class name, spaces, then a base": lambda: plain_classes("class A" + " " * N + "(Base):\n"),
    # a shipped YAML file of up to 1 MB, read line by line (project/config_files.py)
    "a YAML line of spaces with no colon": lambda: list(yaml_items("a" + " " * N + "b\n" + " " * N + "x")),
    # deployment files the project phase reads (a Procfile, a compose file, a pyproject)
    "a long line of celery with no worker": lambda: list(worker_lines(["celery " * N])),
    "celery then multi again and again": lambda: list(worker_lines(["celery " + "multi " * N])),
    "a line of distinct assignments then celery": lambda: celery_program([" ".join(f"v{i}=" for i in range(N)) + " celery"]),
    "a line of variables with no program": lambda: list(worker_lines(["$CELERY_BIN" * N], celery_program(["X=celery"]))),
    "a file of continued lines": lambda: logical_lines("a \\\n" * N),
    "a long line of gunicorn with no worker class": lambda: _starts_green_gunicorn("gunicorn " * N),
    "a line of [": lambda: _SECTION.match("[" * N),
    "a section name then spaces and no ]": lambda: _SECTION.match("[a" + " " * N),
    "gcloud beta again and again": lambda: _platform("deploy.yml", "gcloud beta " * N),
    "args and spaces with no run": lambda: _platform("cloudbuild.yaml", "args: " * N + "run"),
    "blank lines then a dockerfile key": lambda: _deploys_elsewhere("docker-compose.yml", "\n \t" * N + "dockerfile:"),
    "a dagbag timeout's name then blank lines and no value": lambda: _DAGBAG_VALUE.match("\n" * N + "x"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_adversarial_text_is_matched_in_linear_time(name: str) -> None:
    check: Callable[[], object] = CASES[name]
    started = time.process_time()
    check()
    assert time.process_time() - started < _BUDGET


def test_matching_is_unchanged() -> None:
    assert says_best_effort("x = 1\n# best effort, the cache refills") and says_best_effort("#ok")
    assert not says_best_effort("best effort # no") and not says_best_effort("# token")
    assert suppressions._NOQA.search("# noqa: PRR101 , PRR102,PRR103 E1").group("codes") == "PRR101 , PRR102,PRR103 E1"
    assert is_bootstrap_module("svc.logging_setup") and is_bootstrap_module("svc.wsgi") and is_bootstrap_module("app")
    assert not is_bootstrap_module("svc.orders") and not is_bootstrap_module("app.orders")
    assert list(worker_lines(["web: gunicorn app", "worker: celery -A svc worker --time-limit=300", "# celery worker"])) == [
        "worker: celery -A svc worker --time-limit=300"]
    assert _starts_green_gunicorn("web: gunicorn app:app -k gevent -w 4") and _starts_green_gunicorn("gunicorn --worker-class=eventlet a")
    assert not _starts_green_gunicorn("# gunicorn -k gevent") and not _starts_green_gunicorn("gunicorn app  # -k gevent")
    assert plain_classes("class A:\nclass B( object ) :\nclass C(Base):\n") == ["A", "B"]
    assert _platform("cloudbuild.yaml", 'entrypoint: gcloud\nargs: ["run", "deploy", "svc"]\n') == "args: run deploy"
    assert _platform("ci.yml", "run: npm run deploy\n") is None and _platform("ci.yml", "gcloud run jobs deploy x") is None
    assert _SECTION.match("[[tool.uv.index]]").group(1) == "tool.uv.index" and _SECTION.match("  [ dev ]").group(1) == "dev"


def test_a_handler_with_a_long_comment_is_linted_quickly() -> None:
    source = "def f():\n    try:\n        db.commit()\n    except Exception:\n        pass  # " + "# a" * N + "\n"
    started = time.process_time()
    result = lint_sources({"svc/api.py": source})
    assert time.process_time() - started < 5.0
    assert [f.rule for f in result.findings] == ["PRR101"]


@pytest.mark.parametrize(
    "source",
    [
        # test_collections.py: a loop over a call with keyword arguments only (batch_marks.record_for)
        "def f():\n    for job in make_jobs(kind='x', **extra):\n        pass\n    for n in range(start=1):\n        pass\n",
    ],
)
def test_loops_over_the_tree_end(source: str) -> None:
    started = time.process_time()
    result = lint_sources({"svc/api.py": source})
    assert time.process_time() - started < 5.0
    assert [f.rule for f in result.findings if f.rule in ("PRR003", "PRR004")] == []


def test_main_guard_is_judged_once_per_if() -> None:
    """An `elif` is an `if` in the one before: a call in the last branch of a 3,000-branch chain has
    3,000 `if`s among its ancestors, and each call asked is_main_guard of every one (minutes)."""
    guard = cst.parse_statement("if __name__ == '__main__':\n    pass\n")
    for outermost, expected in ((cst.parse_statement("if x == 0:\n    pass\n"), False), (guard, True)):
        chain = [outermost, *(cst.parse_statement(f"if x == {i}:\n    pass\n") for i in range(1, 3000))]
        context = FileContext("svc/a.py", "svc.a", "", None, {})  # type: ignore[arg-type]
        started = time.process_time()
        answers = set()
        for depth in range(1, len(chain) + 1):
            context.ancestors[:] = chain[:depth]
            answers.add(context.in_main_guard())
        assert answers == {expected}
        assert time.process_time() - started < 2.0


def _ancestor_lists(node: cst.CSTNode, above: tuple = ()) -> list:
    """Every node's ancestors as the walker holds them (outermost first, the node last)."""
    found, pending = [], [(node, above)]
    while pending:
        current, path = pending.pop()
        found.append([*path, current])
        pending.extend((child, (*path, current)) for child in current.children)
    return found


def test_enclosing_tries_remembered_per_ancestor_answer_as_the_walk_up() -> None:
    from prr_lint.try_bodies import enclosing_try_bodies

    source = ("try:\n    a()\n    try:\n        b()\n    except E:\n        c()\n    def f():\n        try:\n            d()\n"
              "        finally:\n            e()\n        lambda: g()\n    class C:\n        h()\nexcept Exception:\n    i()\n")
    above: dict = {}
    for ancestors in _ancestor_lists(cst.parse_module(source)):
        assert enclosing_try_bodies(ancestors, above) == enclosing_try_bodies(ancestors)


def test_a_call_in_each_branch_of_a_long_module_level_chain_is_linted_quickly() -> None:
    """summary.visit_Call asked try_bodies.enclosing_try_bodies and the innermost function of every
    ancestor, and switched_calls._owner did too: thousands per call in a 3,000-branch chain."""
    source = "from svc import helpers\nif MODE == '0':\n    helpers.run('0')\n" + "".join(
        f"elif MODE == '{i}':\n    helpers.run('{i}')\n" for i in range(1, 3000))
    started = time.process_time()
    result = lint_sources({"svc/api.py": source})
    assert time.process_time() - started < 5.0
    assert [f.rule for f in result.findings if f.rule in ("PRR000", "PRR003", "PRR004")] == []


def test_the_walk_up_stops_at_an_answered_ancestor() -> None:
    """Asked at every depth of 10,000 ancestors: once each, not 50 million steps."""
    from prr_lint.tree import KindOf, Nearest
    from prr_lint.try_bodies import enclosing_try_bodies

    chain = [cst.Module([]), *(cst.Name(f"x{i}") for i in range(10_000))]
    held: list = []
    innermost = Nearest(held, KindOf(cst.FunctionDef))
    above: dict = {}
    started = time.process_time()
    for node in chain:
        held.append(node)
        assert enclosing_try_bodies(held, above) == () and innermost() is None
    assert time.process_time() - started < _BUDGET


def _chain(branches: int, body: str, indent: str = "") -> str:
    """An `if`/`elif` chain on `x`, `body` (with `{i}` for the branch) in each branch."""
    return "".join(
        f"{indent}{'if' if i == 0 else 'elif'} x == {i}:\n{indent}    {body.format(i=i)}\n" for i in range(branches))


# Output in each branch of a 1,200-branch chain: each call asked about every ancestor (debug_output.under_switch
# per pair, cubic; how_it_runs.interactive_prompt, the innermost class or handler, the statement before the
# chain) and took past the 20 s budget (PRR004); from 600 branches the placing of the findings (libcst's
# code generation, 3 frames a level) hid its RecursionError behind 600 KeyErrors and ended the whole run.
LONG_CHAINS = {
    "print in a function": ("def f(x):\n" + _chain(1200, "print({i})", "    "), 1200),
    "print at the top level": ("x = 1\n" + _chain(1200, "print({i})"), 0),  # a script's output
    "a method's sys.stdout.write": ("import sys\nclass C:\n    def f(self, x):\n" + _chain(1200, "sys.stdout.write('{i}')", "        "), 1200),
    "logging in a function": ("import logging\nlog = logging.getLogger(__name__)\ndef f(x):\n" + _chain(1200, "log.info('%s', {i})", "    "), 0),
    "print then input()": ("def f(x):\n" + _chain(1200, "print({i}); y = input('> ')", "    "), 0),  # a prompt
}


@pytest.mark.parametrize("name", sorted(LONG_CHAINS))
def test_output_in_each_branch_of_a_long_chain_is_analysed(name: str) -> None:
    source, printed = LONG_CHAINS[name]
    result = lint_sources({"svc/chain.py": source})
    broken = [f"{f.rule} {f.message}" for f in result.findings if f.rule in ("PRR000", "PRR003", "PRR004")]
    assert not broken and result.internal_errors == 0, broken
    assert sum(f.rule == "PRR401" for f in result.findings) == printed


def test_switches_in_a_long_chain_are_still_read() -> None:
    """The remembered answers keep the switch each branch is under: the opt-in branch's print and the
    prints after an early exit unless `verbose` is on are developer output (PRR401 silent); the rest
    stay reported."""
    source = ("def f(x, verbose=False):\n    if verbose:\n        print('on')\n" + _chain(300, "print({i})", "    ").replace("if x", "elif x", 1)
              + "\n\ndef g(x, verbose=False):\n    print('always')\n    if not verbose:\n        return\n" + _chain(300, "print({i})", "    "))
    lines = [f.span.line for f in lint_sources({"svc/chain.py": source}).findings if f.rule == "PRR401"]
    assert len(lines) == 301  # the 300 branches of f after `if verbose:`, and g's print before its early exit
    assert min(lines) == 5 and source.splitlines()[max(lines) - 1].strip() == "print('always')"


def test_under_switch_remembered_per_ancestor_answers_as_a_fresh_walk() -> None:
    from prr_lint.resolve import Resolver
    from prr_lint.rules.switched_output import SwitchMemo, under_switch
    from prr_lint.tree import Enclosing, KindOf, any_step

    source = ("import os\nfrom django.conf import settings\nDEBUG_LOG = os.getenv('DEBUG_LOG')\n"
              "def f(x, verbose=False, *, level=0):\n    if not verbose:\n        return\n    print(x)\n"
              "class C:\n    def __init__(self, trace=False):\n        self.trace = trace\n"
              "    def m(self, x):\n        if self.trace:\n            print(x)\n        elif x:\n            g(lambda: print(x))\n"
              "        while settings.DEBUG and x:\n            print(1 if level >= 2 else 0)\n"
              "if DEBUG_LOG:\n    print(1)\nelse:\n    print(2)\n")
    module = cst.parse_module(source)
    resolver = Resolver(module, "svc.a")
    memo, known, held = SwitchMemo(), {}, []
    functions = Enclosing(held, KindOf(cst.FunctionDef))
    answers = []
    for ancestors in _ancestor_lists(module):
        held[:] = ancestors[:-1]
        answers.append(under_switch(ancestors, resolver, memo))
        assert answers[-1] == under_switch(ancestors, resolver, SwitchMemo())
        assert any_step(ancestors, known, lambda at: isinstance(ancestors[at - 1], cst.If)) == any(
            isinstance(node, cst.If) for node in ancestors[:-1])
        assert functions() == tuple(node for node in reversed(held) if isinstance(node, cst.FunctionDef))
    assert any(answers) and not all(answers)


def test_the_error_behind_a_long_chain_of_key_errors_is_found() -> None:
    """libcst's position recorder adds a KeyError per level of the tree it generates code for: the
    RecursionError (or timeout) lies as deep as the tree, past the 10 or 20 links once read."""
    from prr_lint.deep_codegen import behind

    error: BaseException = RecursionError()
    for level in range(2000):
        wrapped = KeyError(level)
        wrapped.__context__ = error
        error = wrapped
    assert isinstance(behind(error, RecursionError), RecursionError) and behind(error, SyntaxError) is None


def test_an_attribute_bound_hundreds_of_times_to_itself_is_linted_quickly() -> None:
    """A generated parser (canopy's, 4,400 lines) binds `self._offset` hundreds of times, to itself and to names bound
    to it, and passes it to every call: config_paths.mapping_tie followed every binding of every binding, six hops
    deep, and the file hit the 20 s file-timeout (PRR004) before any rule had read it."""
    methods = "".join(
        f"    def _read_{i}(self):\n        index{i} = self._offset\n        self._offset = self._offset\n"
        f"        self._offset = index{i}\n        node = self._build(self._input[index{i}:self._offset], index{i})\n"
        f"        self._offset = self._offset\n        return node\n\n" for i in range(150))
    source = f"import re\n\n\nclass Parser(object):\n    def __init__(self, text):\n        self._input = text\n        self._offset = 0\n\n{methods}"
    started = time.process_time()
    result = lint_sources({"svc/grammar.py": source})
    assert time.process_time() - started < 5.0
    assert [f.rule for f in result.findings if f.rule in ("PRR000", "PRR004")] == []


def test_a_path_attribute_bound_many_times_to_itself_is_linted_quickly() -> None:
    """module_loads._file_name followed every binding of `self.path` (to itself, to a local bound to it), six hops
    deep, for the file a module is loaded from (`exec(open(self.path).read())`): exponential in the bindings."""
    methods = "".join(f"    def move_{i}(self):\n        path{i} = self.path\n        self.path = self.path\n"
                      f"        self.path = path{i}\n        self.path = self.path or path{i}\n\n" for i in range(60))
    source = ("from pathlib import Path\n\n\nclass Plugin(object):\n    def __init__(self):\n        self.path = 'plugin.py'\n\n"
              f"{methods}    def load(self):\n        exec(open(self.path).read())\n        return Path(self.path).read_text()\n")
    started = time.process_time()
    result = lint_sources({"svc/plugins.py": source})
    assert time.process_time() - started < 5.0
    assert [f.rule for f in result.findings if f.rule in ("PRR000", "PRR004")] == []


def test_classes_deriving_from_several_of_each_other_are_linted_quickly() -> None:
    """module_loads._extension_host followed every base of every base, six classes deep, to tell whether a class
    loads extensions by name (`bot.load_extension(...)`): sixteen bases each made it 10^7 steps."""
    classes = "".join(f"class Bot{i}({', '.join(f'Bot{j}' for j in range(max(0, i - 16), i)[::-1])}):\n    pass\n\n\n"
                      for i in range(1, 40))
    source = f"class Bot0(object):\n    pass\n\n\n{classes}def start():\n    bot = Bot39()\n    bot.load_extension('svc.cogs')\n"
    started = time.process_time()
    result = lint_sources({"svc/bots.py": source})
    assert time.process_time() - started < 5.0
    assert [f.rule for f in result.findings if f.rule in ("PRR000", "PRR004")] == []


def test_attributes_bound_to_each_other_in_every_pair_of_methods_are_linted_quickly() -> None:
    """`self.a = self.b` for every pair of eight attributes: the resolver tried each attribute's bindings from inside
    each other's and so explored every order of them (8! paths, PRR004 at the file-timeout); past
    resolve.ATTRIBUTE_STEPS nested lookups the type is unknown."""
    names = [f"_a{i}" for i in range(8)]
    methods = "".join(f"    def m{i}_{j}(self):\n        self.{a} = self.{b}\n\n"
                      for i, a in enumerate(names) for j, b in enumerate(names) if a != b)
    source = ("import requests\n\n\nclass Client(object):\n    def __init__(self):\n"
              + "".join(f"        self.{a} = 'http://svc'\n" for a in names) + "\n" + methods
              + "    def use(self):\n        return requests.get(self._a0, timeout=5)\n")
    started = time.process_time()
    result = lint_sources({"svc/client.py": source})
    assert time.process_time() - started < 5.0
    assert [f.rule for f in result.findings if f.rule in ("PRR000", "PRR004")] == []


def test_a_long_view_testing_its_parameters_again_and_again_is_linted_quickly() -> None:
    """A 4,000-line view (gkcore's) tests its parameters hundreds of times: each test asked whether the def rebinds the
    parameter or changes its items by walking the whole def again (last_binding.py): 20 s and PRR004."""
    params = ", ".join(f"flag{i}=False" for i in range(40))
    filler = "".join(f"    total = total + {i}\n    rows.append(total)\n    rows.sort()\n    rows.reverse()\n" for i in range(250))
    guarded = "".join(f"    if flag{i % 40}:\n        requests.get(url, timeout=5)\n" for i in range(150))
    source = f"import requests\n\n\ndef report(url, rows, {params}):\n    total = 0\n{filler}{guarded}    return rows\n"
    started = time.process_time()
    result = lint_sources({"svc/views.py": source})
    assert time.process_time() - started < 5.0
    assert [f.rule for f in result.findings if f.rule in ("PRR000", "PRR004")] == []
