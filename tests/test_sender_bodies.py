"""sender_bodies.py: the bare names the body of a module-level `def` holds (unsent_tasks.py discounts a task's names
found only in the bodies of tasks nothing sends), and module_level.py's walk that finds that `def`."""

from __future__ import annotations

import ast
from collections import Counter

from prr_lint.project.module_level import ANY_BLOCK, top_level
from prr_lint.project.sender_bodies import body_names

WORDS = frozenset({"check", "other"})


def _names(source: str, local: str = "sender"):
    return body_names(ast.parse(source), local, WORDS)


def test_bare_names_count_and_calls_do_not() -> None:
    """`check.delay()` and `[check]` hold the name; `check(x)` runs it in place (counted elsewhere), `x.check` is an
    attribute, `check=` a keyword, and a string or a comment is no name."""
    source = ("def sender(ids):\n    check.delay(1)\n    handlers = [check]\n    check(2)\n    ids.check()\n"
              "    run(check=1)\n    log('check')  # check\n")
    assert _names(source) == Counter({"check": 2})


def test_imports_in_the_body_count_and_those_of_the_module_do_not() -> None:
    source = "from svc.tasks import other\n\ndef sender():\n    from svc.tasks import check as other\n    other.delay()\n"
    assert _names(source) == Counter({"check": 1, "other": 2})


def test_decorators_defaults_and_nested_bodies() -> None:
    """Decorators and defaults run with the `def`, not the body; a nested function's body is part of the body."""
    source = "@register(check)\ndef sender(send=check.s):\n    def inner():\n        return other.delay()\n    return inner\n"
    assert _names(source) == Counter({"other": 1})


def test_the_def_is_found_through_blocks_and_must_be_alone() -> None:
    """Through `if`/`try`/`with`, loops and `match` cases; two `def`s of the name (which one is the task is not known),
    none, or no tree give None. A method of that name is no module-level `def`."""
    for wrapped in ("if A:\n{}", "try:\n{}except E:\n    pass\n", "with x:\n{}", "for i in y:\n{}", "while A:\n{}",
                    "match A:\n    case 1:\n    {}"):
        body = "    def sender():\n        check.delay()\n"
        if wrapped.startswith("match"):
            body = body.replace("\n    ", "\n        ").replace("    def", "        def", 1)
            wrapped = wrapped.replace("    {}", "{}")
        assert _names(wrapped.format(body)) == Counter({"check": 1}), wrapped
    twice = "if A:\n    def sender():\n        check.delay()\nelse:\n    def sender():\n        pass\n"
    assert _names(twice) is None
    assert _names("class Jobs:\n    def sender(self):\n        check.delay()\n") is None
    assert body_names(None, "sender", WORDS) is None


def test_top_level_keeps_to_its_blocks() -> None:
    """The narrow walk (flask_configs.py's) does not enter loops; neither walk enters a function or a class."""
    tree = ast.parse("for i in y:\n    A = 1\nif B:\n    C = 2\ndef f():\n    D = 3\nclass K:\n    E = 4\n")
    assigned = lambda statements: [target.id for s in statements if isinstance(s, ast.Assign) for target in s.targets]
    assert assigned(top_level(tree.body)) == ["C"]
    assert assigned(top_level(tree.body, ANY_BLOCK)) == ["A", "C"]
