"""The per-file word counts (prr_lint/word_counts.py) give the numbers the tokenizer gives: the
project phase's dead-code check (project/dead_code.py) reads them instead of every source."""

from __future__ import annotations

import time

import libcst as cst
import pytest

from prr_lint.resolve import Resolver
from prr_lint.summary import SummaryCollector
from prr_lint.walker import walk
from prr_lint.word_counts import string_starts, tokenized_words

SOURCES = [
    # docstrings, a comment that quotes, a string holding `#`, a lone string in brackets
    '"""timer: the module."""\n# timer("x") is the \'old\' way\ndef timer():\n    """A quick timer."""\n'
    '    return "# timer"\n\nNAMES = [\n    "timer"\n]\n',
    # a lone string with a comment or a semicolon after it is code; so is an f-string statement's
    # neighbour and a concatenation
    'def timer():\n    pass\n\n"timer"  # timer\n"timer";\nf"{timer}"\n"timer" "timer"\n(\'timer\')\n',
    # number literals whose letters are words, and a name like them
    "def e5():\n    return 1e5 + 0x1f\n\ndef x1f():\n    return e5()\n",
    # a non-ASCII identifier beside an ASCII name
    "def ve_timer():\n    pass\n\nnaïve_timer = ve_timer\n",
    # a string continued by a backslash, triple quotes inside, CRLF line ends
    "def timer():\r\n    x = 'a \\\r\n timer'\r\n    '''timer ''' \r\n    return \"\"\"timer\"\"\" # timer\r\n",
    # a class docstring after comments, a one-line suite
    "class Timer:\n    # the timer\n    'Timer docs.'\n\nclass Other: 'Timer'\n",
]


def _summary(source: str):
    module = cst.parse_module(source)
    resolver = Resolver(module, "svc.mod", False)
    ancestors: list = []
    collector = SummaryCollector(resolver, "svc/mod.py", source, None, ancestors)
    walk(module, [collector], resolver, ancestors)
    return collector.summary


@pytest.mark.parametrize("source", SOURCES)
def test_code_counts_are_the_tokenizers(source: str) -> None:
    summary = _summary(source)
    assert summary.code_words, "every example defines a name its text holds"
    counted = tokenized_words(source.replace("\r\n", "\n"))
    assert summary.code_words == {name: counted[name] for name in summary.code_words}


def test_plain_classes_are_those_without_a_base() -> None:
    summary = _summary("class A:\n    pass\n\nclass B(object):\n    pass\n\nclass C(A):\n    pass\n")
    assert summary.plain_classes == ["A", "B"]


def test_prose_is_comments_and_text_strings_not_names_or_dotted_paths() -> None:
    """PRR501's dead code counts no prose mention (project/foreign_calls.py): a comment, a message,
    a URL; a name, a dotted path or an f-string's placeholder may name code."""
    from prr_lint.word_counts import literal_words

    source = (
        "x = '?download=true'  # download it\nHOOK = 'svc.utils:download'\nBY_NAME = getattr(m, 'download')\n"
        "PATHS = 'a.download b.download c.d e.f'\nMESSAGE = f'Failed to download the PDF: {download(url)}'\n"
        "HELP = 'Could not download file'\n"
    )
    assert literal_words(source)[0]["download"] == 4
    assert _summary(source).prose_words["download"] == 4


def test_a_logging_calls_message_is_prose_however_short_and_all_lists_exports() -> None:
    """sre-bot's structlog event `log.info("create_alert", ...)` names the function it is logged
    from and loads nothing; the same short string handed to another call may name code."""
    source = (
        "import logging\n\nlog = logging.getLogger(__name__)\n\n__all__ = ['create_alert', 'other']\n\n"
        "def create_alert():\n    log.info('create_alert')\n    return getattr(m, 'create_alert')\n"
    )
    summary = _summary(source)
    assert summary.prose_words.get("create_alert") == 1
    assert summary.exports == ["create_alert", "other"]


def test_string_words_leave_out_docstrings_labels_and_messages_and_survive_the_cache(tmp_path) -> None:
    """The words a loader may be handed are gathered in the per-file pass (typed_calls.py asks them instead of
    reading the file again): a setting's dotted path and a bare name, not a docstring, a label or a logging
    call's message however short, and the result cache gives them back."""
    from prr_lint.cache import ResultCache
    from prr_lint.model import FileResult

    source = (
        '"""Relay."""\nimport logging\n\nlog = logging.getLogger(__name__)\nHANDLER = "svc.relays.Relay"\n'
        'KIND = "Beacon"\nTITLE = "Signal Tower"\n\n\ndef start():\n    """Starter"""\n    log.info("Lantern")\n'
    )
    summary = _summary(source)
    assert summary.string_words == {"svc", "relays", "Relay", "Beacon"}
    cache = ResultCache(str(tmp_path))
    cache.put("ab" * 32, FileResult("svc/mod.py", summary=summary))
    assert cache.get("ab" * 32, FileResult).summary.string_words == summary.string_words


def test_path_starts_are_the_words_of_strings_a_loader_or_a_process_may_take_not_of_urls_addresses_or_sentences() -> None:
    """A loader handed `"sdk"`, `"sdk.middleware.Timing"` or `f"sdk.{name}"` imports the top-level package `sdk`, a
    process a string starts may run it (project/started_packages.py): every word standing as a token of its own or as
    a whole folder of a path, as in a deployment file; a URL, an address, a hostname's inner word, a file's name name
    none, and a sentence only what is code in it."""
    source = (
        "import importlib\n\nAPPS = ['sdk', 'svc.jobs:run']\nMIDDLEWARE = ('kit.middleware.Timing',)\n\n"
        "def load(name):\n    importlib.import_module(f'plug.{name}')\n    return importlib.import_module('ext.%s' % name)\n\n"
        "URL = 'https://api.example.com/v2/'\nSUPPORT = 'help@example.com'\nHOST = 'www.example.com'\n"
        "NOTE = 'Details at docs.example.com'\nLOGO = '/static/logo/brand.png'\n"
        "TEXT = 'Write to us at help dot example dot com. We answer -m fast, see api.example.com.'\n"
        "SAY = 'Please start it with python -m tasker.jobs or with uwsgi --module uwtool.wsgi, then in /opt/folder now.'\n"
        "WORKER = 'celery -A tasker worker --loglevel info'\nRUN = 'exec python ./tools/sync.py --all'\n"
        "CODE = 'import boot;boot.run(\"https://x.example.com/a\")'\nMORE = 'from jobs.nightly import run'\n"
        "GLUED = '-mglued.worker'\nCWD = '/srv/app/cwdpkg'\nDOT = 'cd /srv/dotpkg && ./worker.py'\n"
        "JOINED = 'django.contrib.admin,joined,other.mw.Audit'\nUWSGI = 'uwsgi --http :9001 --module uw.wsgi:application'\n"
        "ECHO = 'echo Starting the nightly sync. && cd echopkg && ./worker.py'\n"
        "SCRIPT = \'\'\'\n# Pull the users from upstream.\ncd scriptpkg\n\'\'\'\n"
    )
    # a sentence's clause (`TEXT`'s first, `SAY`'s first, `ECHO`'s echo, `SCRIPT`'s comment) gives only its code: what
    # `-m` or `--module` names, a path's whole folder; the rest of its string is read as any string is (`We answer -m
    # fast,`, `see api.example.com.`, `then in /opt/folder now.`, `cd echopkg`, `cd scriptpkg`); options' and keywords'
    # words (`--all`, `import`) and a file's name (`sync` of `./tools/sync.py`, `brand.png`) none
    assert _summary(source).path_starts == {
        "sdk", "svc", "kit", "plug", "ext", "s", "www", "Details", "at", "docs", "static", "logo", "fast", "tasker", "uwtool",
        "opt", "folder", "celery", "worker", "info", "exec", "python", "tools", "boot", "jobs", "run", "glued", "srv", "app",
        "cwdpkg", "cd", "dotpkg", "django", "joined", "other", "uwsgi", "uw", "application", "We", "answer", "see", "api",
        "then", "now", "echopkg", "scriptpkg"}


@pytest.mark.parametrize("text", [
    "abcdefg hij " * 20000,  # letters and spaces with no clause mark: no sentence is searched for
    "a b c d e f g h i j k, " * 10000,  # a sentence's run in every clause
    "a b c d e f g h i j k," * 10000,  # marks no space follows: one clause
    "a-b c-d e " * 20000 + ".",  # a clause no run of four words starts in
    "x" * 200000 + " a b c d.",
])
def test_path_starts_take_linear_time_on_long_strings(text: str) -> None:
    """A string's sentences are searched for between two marks of one line only (word_counts.py `_blank_sentences`):
    a long string without a clause mark, or with many, is read in one pass."""
    started = time.perf_counter()
    string_starts(text)
    assert time.perf_counter() - started < 1.0
