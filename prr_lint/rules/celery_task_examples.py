"""PRR501's documented examples of Celery tasks whose project Task class puts a time limit into every send
(project/task_bases.py), apart from timeout_examples.py to keep each module short."""

from __future__ import annotations

from typing import Tuple

from prr_lint.rules.base import Example


def _driver_table(mark: str = "") -> str:
    """A task refreshing a site through a driver picked from a table filled by name, beside a route."""
    return (
        "import importlib\nimport requests\nfrom celery import Celery\nfrom flask import Flask\n\n"
        "app = Flask(__name__)  # noqa: PRR201, PRR206\nworker = Celery(__name__)\nDRIVERS = {}\n\n"
        "def load_driver(name):\n    DRIVERS[name] = getattr(importlib.import_module(f'drivers.{name}'), 'Client')\n\n"
        "class Gauges:\n    def pull_levels(self, since):\n"
        "        return requests.get('https://gauges.example/levels', params={'since': since}).text" + mark + "\n\n"
        "class Site:\n    def __init__(self, kind):\n        self.kind = kind\n\n"
        "    def refresh(self):\n        self.client = DRIVERS[self.kind](self)\n        return self.client.pull_levels(None)\n\n"
        "@worker.task(soft_time_limit=300, time_limit=310)\ndef refresh(kind):\n    return Site(kind).refresh()\n\n"
        "@app.route('/sites', methods=['POST'])\ndef add_site():\n"
    )


VALID = (
    # every send goes through the base class's apply_async, which sets a soft and a hard limit first
    Example(
        "import smtplib\nfrom celery import Celery, Task\nfrom flask import Flask\n\n"
        "app = Flask(__name__)  # noqa: PRR201, PRR206\nworker = Celery(__name__)\n\n"
        "class BoundedTask(Task):\n"
        "    def apply_async(self, args=None, kwargs=None, task_id=None, **options):\n"
        "        options['soft_time_limit'] = 480\n        options['time_limit'] = 600\n"
        "        return super().apply_async(args, kwargs, task_id, **options)\n\n"
        "def deliver(host, message):\n    server = smtplib.SMTP(host, 587)\n"
        "    server.sendmail('a@example.org', ['b@example.org'], message)\n\n"
        "@worker.task(bind=True, base=BoundedTask)\ndef send_mail(self, host, message):\n    deliver(host, message)\n\n"
        "@app.route('/invite', methods=['POST'])\ndef invite():\n    send_mail.delay('mail.example.org', 'hello')\n    return 'queued'\n"
    ),
    # the task's client is picked from a table of drivers filled by name, of no type the call graph knows: its
    # `pull_levels` stands for every project method of that name, and only the time-limited task calls one
    Example(_driver_table() + "    refresh.delay('gauges')\n    return 'queued'\n"),
)
# The other counterparts (a limit set only under an `if`, one of an hour) need a helper in a module the views import,
# apart from the task's module: tests/test_task_bases.py.
INVALID: Tuple[Example, ...] = (
    # a route calls `pull_levels` on a driver of no known type too: it may run in a request
    Example(_driver_table("  # expect: PRR501") + "    return DRIVERS['gauges'](None).pull_levels(0)\n"),
)
