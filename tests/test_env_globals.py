"""PRR501: a module global bound once to an environment switch (`email_ssl = bool(int(os.getenv("EMAIL_SSL", 0)))`),
passed on to a parameter that decides a branch (`send(to, use_ssl=config.email_ssl)`), decides it as the switch does
(rules/env_globals.py, project/env_globals.py): off in every shipped configuration, the branch never runs. A raw
`os.getenv("EMAIL_SSL")` ("false" is a true string), a shipped value that turns it on, or a store, `setattr`, `exec`,
`vars()` or `__dict__` that may rebind the global keeps the call."""

from __future__ import annotations

from pathlib import Path

import pytest
from _serving import shipped_findings

_CONFIG = "import os\n\nemail_from = os.getenv('EMAIL_FROM', 'ops@example.com')\nemail_ssl = bool(int(os.getenv('EMAIL_SSL', 0)))\n"
_MAIL = (
    "import smtplib\n\n\ndef send(to, text, use_ssl=False):\n    if use_ssl:\n        server = smtplib.SMTP_SSL('mail.example.com', 465)\n"
    "    else:\n        server = smtplib.SMTP('mail.example.com', 25)\n    server.sendmail('ops', [to], text)\n"
)
_VIEWS = (
    "from flask import Flask\n\nfrom svc import config\nfrom svc.mail import send\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/notify/<to>')\ndef notify(to):\n    send(to, 'hi', use_ssl=config.email_ssl)\n    return 'ok'\n"
)
_FILES = {"svc/__init__.py": "", "svc/config.py": _CONFIG, "svc/mail.py": _MAIL, "svc/views.py": _VIEWS}
_PROCFILE = {"Procfile": "web: gunicorn svc.views:app\n"}


def test_a_global_bound_to_an_environment_switch_no_shipped_file_sets_leaves_the_branch_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FILES, _PROCFILE) == [("svc/mail.py", 8)]


def test_a_global_imported_by_name_decides_as_the_module_s_attribute(tmp_path: Path) -> None:
    views = _VIEWS.replace("from svc import config\n", "from svc.config import email_ssl\n").replace("config.email_ssl", "email_ssl")
    assert shipped_findings(tmp_path, {**_FILES, "svc/views.py": views}, _PROCFILE) == [("svc/mail.py", 8)]


def test_a_shipped_value_that_turns_the_switch_on_keeps_the_branch(tmp_path: Path) -> None:
    shipped = {**_PROCFILE, "docker-compose.yml": "services:\n  web:\n    build: .\n    environment:\n      EMAIL_SSL: '1'\n"}
    assert shipped_findings(tmp_path, _FILES, shipped) == [("svc/mail.py", 6), ("svc/mail.py", 8)]


def test_a_raw_environment_string_passed_on_decides_no_branch(tmp_path: Path) -> None:
    """`os.getenv("EMAIL_SSL")` is the variable's text: "false" is a true string, so a shipped `false` decides nothing."""
    config = _CONFIG.replace("bool(int(os.getenv('EMAIL_SSL', 0)))", "os.getenv('EMAIL_SSL')")
    shipped = {**_PROCFILE, "docker-compose.yml": "services:\n  web:\n    build: .\n    environment:\n      EMAIL_SSL: 'false'\n"}
    assert shipped_findings(tmp_path, {**_FILES, "svc/config.py": config}, shipped) == [("svc/mail.py", 6), ("svc/mail.py", 8)]


def test_a_store_that_may_rebind_the_global_keeps_the_branch(tmp_path: Path) -> None:
    cli = "from svc import config\n\n\ndef use_ssl(args):\n    config.email_ssl = args.ssl\n"
    assert shipped_findings(tmp_path, {**_FILES, "svc/cli.py": cli}, _PROCFILE) == [("svc/mail.py", 6), ("svc/mail.py", 8)]


@pytest.mark.parametrize("rebinding", [
    "exec(open('local_config.py').read())\n", "execfile('local_config.py')\n", "vars().update(json.load(open('local.json')))\n",
    "locals().update(json.load(open('local.json')))\n", "globals().update(json.load(open('local.json')))\n"])
def test_a_module_that_may_rebind_its_globals_by_computed_names_keeps_the_branch(tmp_path: Path, rebinding: str) -> None:
    """`exec`, `vars()`, `globals()` at the binding module's top level may set `email_ssl` to anything (project/kept_globals.py)."""
    config = "import json\n" + _CONFIG + rebinding
    assert shipped_findings(tmp_path, {**_FILES, "svc/config.py": config}, _PROCFILE) == [("svc/mail.py", 6), ("svc/mail.py", 8)]


def test_a_module_dict_another_module_updates_keeps_the_branch(tmp_path: Path) -> None:
    loader = "import json\n\nfrom svc import config\n\n\ndef load(path):\n    config.__dict__.update(json.load(open(path)))\n"
    assert shipped_findings(tmp_path, {**_FILES, "svc/loader.py": loader}, _PROCFILE) == [("svc/mail.py", 6), ("svc/mail.py", 8)]


def test_another_module_s_vars_of_the_binding_module_keeps_the_branch(tmp_path: Path) -> None:
    """`vars(config).update(...)` in another module is a `setattr` of any name on the module (switch_keys.py)."""
    loader = "import json\n\nfrom svc import config\n\n\ndef load(path):\n    vars(config).update(json.load(open(path)))\n"
    assert shipped_findings(tmp_path, {**_FILES, "svc/loader.py": loader}, _PROCFILE) == [("svc/mail.py", 6), ("svc/mail.py", 8)]


@pytest.mark.parametrize("write", ["vars(config)[key] = value", "namespace = vars(config)", "vars(config).setdefault(key, value)"])
def test_other_writes_through_vars_of_the_binding_module_keep_the_branch(tmp_path: Path, write: str) -> None:
    loader = f"from svc import config\n\n\ndef load(key, value):\n    {write}\n"
    assert shipped_findings(tmp_path, {**_FILES, "svc/loader.py": loader}, _PROCFILE) == [("svc/mail.py", 6), ("svc/mail.py", 8)]


@pytest.mark.parametrize("read", ["return vars(args).get('verbose')", "return repr(vars(config))",
                                  "return {k: v for k, v in vars(config).items()}", "return dict(vars(config))"])
def test_a_read_of_vars_rebinds_nothing(tmp_path: Path, read: str) -> None:
    """Reading the namespace `vars()` hands out (logging it, copying it) gives no name a value (namespace_writes.py)."""
    loader = f"from svc import config\n\n\ndef show(args):\n    {read}\n"
    assert shipped_findings(tmp_path, {**_FILES, "svc/loader.py": loader}, _PROCFILE) == [("svc/mail.py", 8)]


def test_a_global_decides_only_a_test_of_truth(tmp_path: Path) -> None:
    """An off switch's global may hold `""` as well as `False` (`"ssl" if os.getenv("EMAIL_SSL") else ""`), and
    `"" == False` is false: a test of equality with `False` is not settled, so neither branch is left out."""
    mail = _MAIL.replace("if use_ssl:", "if use_ssl == False:").replace("SMTP_SSL('mail.example.com', 465)", "SMTP('mail.example.com', 26)") \
        .replace("SMTP('mail.example.com', 25)", "SMTP_SSL('mail.example.com', 465)")
    assert shipped_findings(tmp_path, {**_FILES, "svc/mail.py": mail}, _PROCFILE) == [("svc/mail.py", 6), ("svc/mail.py", 8)]


def test_a_re_export_whose_star_import_may_rebind_the_global_keeps_the_branch(tmp_path: Path) -> None:
    """`svc/__init__.py` re-exports `email_ssl`, then `from .local_settings import *` may bind it again: each module the
    name passes through must keep it (project/env_globals.py `global_switch`)."""
    package = "from .config import email_ssl\nfrom .local_settings import *\n"
    views = _VIEWS.replace("from svc import config\n", "from svc import email_ssl\n").replace("config.email_ssl", "email_ssl")
    files = {**_FILES, "svc/__init__.py": package, "svc/local_settings.py": "email_ssl = True\n", "svc/views.py": views}
    assert shipped_findings(tmp_path, files, _PROCFILE) == [("svc/mail.py", 6), ("svc/mail.py", 8)]
