"""PRR501 and environment switches read through a module's own converter (prr_lint/env_converters.py): `SEND_CHAT =
as_flag("SEND_CHAT")` with `def as_flag(name): return True if os.environ.get(name, False) == "True" else False`, or a
module global `queue_next = to_bool(os.getenv("QUEUE_NEXT", False))` tested by a handler, alone or in `a or b`. The
call it guards is off when the deployment files leave the variable unset; the root `app.json` (project/heroku_env.py)
is a deployment whose entry with a true `value`, a `generator` or none but `required` (the deployer types one) turns
it on, and so does a compose file. A helper that is no converter (two parameters, two statements), an `or` with a term
that is no switch, or a module global some function declares `global` keeps the finding."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Optional

import libcst as cst
import pytest

from _serving import shipped_findings
from prr_lint.env_eval import env_switch
from prr_lint.resolve import Resolver
from prr_lint.switch_keys import env_key

_SETTINGS = (
    "import os\n\n\ndef as_flag(name):\n    \"\"\"'True' in the environment, else off.\"\"\"\n"
    "    return True if os.environ.get(name, False) == \"True\" else False\n\n\n"
    "SEND_CHAT = as_flag(\"SEND_CHAT\")\nCHAT_HOOK = os.getenv(\"CHAT_HOOK\")\n"
)
_CHAT = (
    "import requests\n\nfrom svc.settings import CHAT_HOOK, SEND_CHAT\n\n\n"
    "def post_chat(text):\n    if not SEND_CHAT or not text:\n        return None\n"
    "    return requests.post(CHAT_HOOK, json={'text': text})\n"
)
_VIEWS = (
    "from flask import Flask\n\nfrom svc.chat import post_chat\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/gift', methods=['POST'])\ndef gift():\n    post_chat('a gift')\n    return 'ok'\n"
)
_PROCFILE = "web: gunicorn svc.views:app\n"

_WEBHOOK = (
    "import os\n\nimport requests\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n\n"
    "def to_bool(value):\n    # any spelling of yes\n    return str(value).lower() in ('true', 'on', '1', 'y', 'yes')\n\n\n"
    "queue_next = to_bool(os.getenv('QUEUE_NEXT', False))\nqueue_season = to_bool(os.getenv('QUEUE_SEASON', False))\n"
    "queue_all = to_bool(os.getenv('QUEUE_ALL', False))\n\n\n"
    "def next_episode(key):\n    return requests.get(f'http://media/next/{key}').json()\n\n\n"
    "def whole_season(key):\n    return requests.get(f'http://media/season/{key}').json()\n\n\n"
    "@app.route('/hook', methods=['POST'])\ndef hook():\n    key = request.json['key']\n"
    "    if queue_next:\n        next_episode(key)\n    if queue_all or queue_season:\n        whole_season(key)\n    return 'ok'\n"
)
_COMPOSE = "services:\n  media:\n    build: .\n    environment:\n      - QUEUE_NEXT={next}\n"


def _chat(tmp_path: Path, manifest: Optional[Dict[str, object]] = None, procfile: bool = True, folder: str = "") -> list:
    if manifest is not None:  # in the tree, as discovery finds it: no launch file
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "app.json").write_text(json.dumps({"name": "gifts", "env": manifest}))
    files = {"svc/__init__.py": "", "svc/settings.py": _SETTINGS, "svc/chat.py": _CHAT, "svc/views.py": _VIEWS}
    return shipped_findings(tmp_path, files, {"Procfile": _PROCFILE} if procfile else {})


def test_a_switch_a_converter_reads_and_no_deployment_file_sets_is_off(tmp_path: Path) -> None:
    assert _chat(tmp_path) == []


def test_a_manifest_entry_the_deployer_must_fill_in_may_turn_the_switch_on(tmp_path: Path) -> None:
    """Heroku's `required` defaults to true: whoever deploys types some value, unknown here."""
    assert _chat(tmp_path, {"SEND_CHAT": {"required": True}}) == [("svc/chat.py", 9)]
    assert _chat(tmp_path, {"SEND_CHAT": {"description": "post gifts to the chat"}}) == [("svc/chat.py", 9)]
    assert _chat(tmp_path, {"SEND_CHAT": {"generator": "secret"}}) == [("svc/chat.py", 9)]
    assert _chat(tmp_path, {"SEND_CHAT": {"required": False}}) == []  # optional, no value: unset


def test_the_root_manifest_alone_is_a_deployment(tmp_path: Path) -> None:
    assert _chat(tmp_path, {"CHAT_HOOK": "https://chat/hook"}, procfile=False) == []
    assert _chat(tmp_path, {"SEND_CHAT": {"generator": "secret"}}, procfile=False) == [("svc/chat.py", 9)]


def test_a_manifest_below_the_root_deploys_nothing(tmp_path: Path) -> None:
    """Heroku reads the root's `app.json` only: one in `docs/` sets no value and makes no deployment known."""
    assert _chat(tmp_path, {"CHAT_HOOK": "https://chat/hook"}, procfile=False, folder="docs") == [("svc/chat.py", 9)]
    assert _chat(tmp_path, {"SEND_CHAT": "False"}, procfile=False, folder="docs") == [("svc/chat.py", 9)]


def test_a_manifest_value_that_turns_the_switch_on_keeps_the_call(tmp_path: Path) -> None:
    assert _chat(tmp_path, {"SEND_CHAT": {"required": True, "value": "True"}}) == [("svc/chat.py", 9)]
    assert _chat(tmp_path, {"SEND_CHAT": "True"}) == [("svc/chat.py", 9)]


def test_a_manifest_value_that_leaves_the_switch_off_drops_the_call(tmp_path: Path) -> None:
    assert _chat(tmp_path, {"SEND_CHAT": {"value": "False"}}) == []


def test_a_manifest_value_reaches_a_settings_field(tmp_path: Path) -> None:
    """A `BaseSettings` field (`send_chat: bool = False`) reads its variable as any shipped file's: app.json's too."""
    settings = "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    send_chat: bool = False\n\n\nsettings = Settings()\n"
    chat = ("import requests\nfrom flask import Flask\n\nfrom svc.settings import settings\n\napp = Flask(__name__)\n\n\n@app.route('/gift', "
            "methods=['POST'])\ndef gift():\n    if settings.send_chat:\n        requests.post('http://chat/hook', json={})\n    return 'ok'\n")
    files = {"svc/__init__.py": "", "svc/settings.py": settings, "svc/chat.py": chat}
    assert shipped_findings(tmp_path, files, {"Procfile": _PROCFILE}) == []
    (tmp_path / "app.json").write_text(json.dumps({"env": {"SEND_CHAT": "true"}}))
    assert shipped_findings(tmp_path, files, {"Procfile": _PROCFILE}) == [("svc/chat.py", 12)]


def test_a_helper_that_is_no_converter_keeps_the_call(tmp_path: Path) -> None:
    two = _SETTINGS.replace("def as_flag(name):", "def as_flag(name, default=False):")
    files = {"svc/__init__.py": "", "svc/settings.py": two, "svc/chat.py": _CHAT, "svc/views.py": _VIEWS}
    assert shipped_findings(tmp_path, files, {"Procfile": _PROCFILE}) == [("svc/chat.py", 9)]
    logged = _SETTINGS.replace("    return True if", "    print(name)\n    return True if")
    files["svc/settings.py"] = logged
    assert shipped_findings(tmp_path, files, {"Procfile": _PROCFILE}) == [("svc/chat.py", 9)]


def _hook(tmp_path: Path, source: str = _WEBHOOK, compose: str = "") -> list:
    shipped = {"Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD [\"flask\", \"run\"]\n", **({"docker-compose.yml": compose} if compose else {})}
    return shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/hook.py": source}, shipped)


def test_module_globals_a_converter_reads_switch_off_what_a_handler_calls_under_them(tmp_path: Path) -> None:
    assert _hook(tmp_path) == []


def test_a_deployment_that_turns_one_on_keeps_its_calls(tmp_path: Path) -> None:
    assert _hook(tmp_path, compose=_COMPOSE.format(next="yes")) == [("svc/hook.py", 20)]
    assert _hook(tmp_path, compose=_COMPOSE.format(next="no")) == []


def test_a_module_global_a_function_declares_global_keeps_its_calls(tmp_path: Path) -> None:
    """`global queue_next` in `configure(args)`: the handler tests whatever configure sets, not only the environment."""
    rebound = _WEBHOOK.replace("\n\n\ndef next_episode", "\n\n\ndef configure(args):\n    global queue_next\n    queue_next = args.next\n\n\ndef next_episode")
    assert _hook(tmp_path, rebound) == [("svc/hook.py", 25)]


def test_an_or_with_a_term_that_is_no_switch_keeps_its_calls(tmp_path: Path) -> None:
    source = _WEBHOOK.replace("if queue_all or queue_season:", "if queue_all or key.startswith('s'):")
    assert _hook(tmp_path, source) == [("svc/hook.py", 24)]


def _key(source: str) -> Optional[str]:
    module = cst.parse_module(source)
    value = module.body[-1].body[0].value  # type: ignore[attr-defined]
    return env_key(value, Resolver(module, "svc.settings"))


@pytest.mark.parametrize("source, expected", [
    (_SETTINGS.partition("CHAT_HOOK =")[0], "env:SEND_CHAT~00000010000000000000"),
    ("import os\n\ndef to_bool(v):\n    return str(v).lower() in ('true', '1')\n\nQ = to_bool(os.getenv('Q', False))\n",
     "env:Q~00011010100000000000"),
    # a converter whose unset answer is on (`'True'` default) is no switch a deployment must turn on
    ("import os\n\ndef to_bool(v):\n    return str(v).lower() in ('true', '1')\n\nQ = to_bool(os.getenv('Q', 'True'))\n", None),
    # the parameter used twice: two reads, no one test
    ("import os\n\ndef flag(n):\n    return os.getenv(n) == '1' or os.getenv(n) == 'yes'\n\nQ = flag('Q')\n", None),
    # a function bound twice is no known converter
    ("import os\n\ndef flag(n):\n    return os.getenv(n) == '1'\n\ndef flag(n):\n    return True\n\nQ = flag('Q')\n", None),
    # both calls of one test are inlined, the one pass rewriting each (a rewrite of the first made new nodes of the second)
    ("import os\n\ndef to_bool(v):\n    return str(v).lower() in ('true', '1')\n\nQ = to_bool(os.getenv('Q', '')) == to_bool('true')\n",
     "env:Q~00011010100000000000"),
])
def test_the_key_of_a_converted_read(source: str, expected: Optional[str]) -> None:
    assert _key(source) == expected


def test_a_parameter_named_as_the_converter_is_no_converter() -> None:
    """`def check(bool_env): return bool_env("X")`: the caller's function, not the module's converter."""
    module = cst.parse_module("import os\n\ndef bool_env(name):\n    return os.environ.get(name, False) == 'True'\n\n"
                              "def check(bool_env):\n    return bool_env('X')\n\ndef other():\n    return bool_env('X')\n")
    keys = []
    for function in module.body[2:]:
        resolver = Resolver(module, "svc.settings")
        resolver.enter(function)  # type: ignore[arg-type]
        keys.append(env_key(function.body.body[0].body[0].value, resolver))  # type: ignore[attr-defined]
    assert keys == [None, "env:X~00000010000000000000"]


@pytest.mark.parametrize("test, switch", [("True if os.getenv('X') == 'True' else False", True),
                                          ("False if os.getenv('X') == 'off' else True", False)])
def test_a_conditional_expression_with_boolean_ends_is_a_test(test: str, switch: bool) -> None:
    """Off while X is unset: a switch; on while it is unset: none."""
    assert (env_switch(cst.parse_expression(test)) is not None) == switch
