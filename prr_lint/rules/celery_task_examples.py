"""PRR501's documented examples of Celery tasks whose project Task class puts a time limit into every send
(project/task_bases.py), apart from timeout_examples.py to keep each module short."""

from __future__ import annotations

from typing import Tuple

from prr_lint.rules.base import Example

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
)
# The counterparts (a limit set only under an `if`, one of an hour) need a helper in a module the views import,
# apart from the task's module: tests/test_task_bases.py.
INVALID: Tuple[Example, ...] = ()
