"""A checkout whose root holds a stray `__init__.py` (project/index.py `_stray_root_package`): the root folder's
name then starts every module's name (`checkout.svc.feeds`), while the code imports its modules as the programs
run from the root do (`from svc import feeds`). Those imports still reach the project's modules."""

from __future__ import annotations

APP = (
    "from fastapi import FastAPI\n\nfrom svc import feeds\n\napp = FastAPI()\n\n\n"
    "@app.get('/latest')\nasync def latest():\n    return feeds.fetch()\n"
)
FEEDS = "import requests\n\n\ndef fetch():\n    return requests.get('https://feeds.example/latest', timeout=5).json()\n"


def test_a_stray_root_init_does_not_hide_the_blocking_call_a_handler_reaches(tree_lines) -> None:
    """pulseguardian (n67): its checkout holds `__init__.py` beside the package of its own name; the async
    handler's helper in another module blocks the event loop, found through `from svc import feeds`."""
    files = {"__init__.py": "", "svc/__init__.py": "", "svc/app.py": APP, "svc/feeds.py": FEEDS}
    assert tree_lines(files, rule="PRR505") == [("svc/feeds.py", 5)]
    by_function = APP.replace("from svc import feeds", "from svc.feeds import fetch").replace("feeds.fetch()", "fetch()")
    assert tree_lines({**files, "svc/app.py": by_function}, rule="PRR505") == [("svc/feeds.py", 5)]


def test_the_same_tree_without_the_stray_init_reads_the_same(tree_lines) -> None:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/feeds.py": FEEDS}
    assert tree_lines(files, rule="PRR505") == [("svc/feeds.py", 5)]


CONFIG = "import os\n\nemail_ssl = bool(int(os.getenv('EMAIL_SSL', 0)))\n"
MAIL = (
    "import smtplib\n\n\ndef send(body, use_ssl=False):\n    if use_ssl:\n        server = smtplib.SMTP_SSL('mail.example.com')\n"
    "    else:\n        server = smtplib.SMTP('mail.example.com')\n    server.sendmail('a@example.com', ['b@example.com'], body)\n"
)
GUARDIAN = (
    "import time\n\nfrom svc import config\nfrom svc.mail import send\n\n\ndef main():\n    while True:\n"
    "        send('queue over quota', use_ssl=config.email_ssl)\n        time.sleep(60)\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)


def test_an_environment_switch_read_through_the_root_decides_the_branch(tree_lines) -> None:
    """pulseguardian (n67 TI004): `use_ssl=config.email_ssl`, a global bound to `EMAIL_SSL` (off unless set, and no
    shipped file sets it), imported as `from pulseguardian import config` beside the stray root `__init__.py`: the
    `SMTP_SSL` branch never runs; the plain `SMTP` one does."""
    files = {"__init__.py": "", "svc/__init__.py": "", "svc/config.py": CONFIG, "svc/mail.py": MAIL,
             "svc/guardian.py": GUARDIAN, "Procfile": "worker: python -m svc.guardian\n"}
    assert tree_lines(files) == [("svc/mail.py", 8)]
    assert tree_lines({**files, "Procfile": "worker: EMAIL_SSL=1 python -m svc.guardian\n"}) == [("svc/mail.py", 6), ("svc/mail.py", 8)]
