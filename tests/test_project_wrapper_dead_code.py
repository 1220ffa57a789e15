"""PRR501's dead code (project/dead_code.py, wrapper_defs.py, project/wrapped.py): a decorator of the project
whose body only wraps the function (hands it to a thread or an executor in a nested function it returns)
registers nothing, so a function it decorates that no source names never runs; one that stores the
function anywhere, or that the project does not define, may register it and keeps it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

APP = (
    "from flask import Flask\nfrom svc.alerts import page_oncall\n\napp = Flask(__name__)\n\n"
    "@app.route('/page')\ndef page():\n    page_oncall('disk full')\n    return 'ok'\n"
)
# A decorator that runs the function in a thread when the wrapper is called, a factory that hands it to an
# executor, its wrapper marked with functools.wraps, and one that returns it untouched.
BACKGROUND = (
    "import functools\nimport logging\nfrom threading import Thread\n\nLOG = logging.getLogger(__name__)\n\n\n"
    "def in_background(job):\n    \"\"\"Run the job without holding the request.\"\"\"\n\n"
    "    def starter(*args, **kwargs):\n        worker = Thread(target=job, args=args, kwargs=kwargs, name=job.__name__)\n"
    "        worker.start()\n\n    return starter\n\n\n"
    "def offloaded(pool):\n    def decorate(job):\n        @functools.wraps(job)\n"
    "        def submit(*args, **kwargs):\n            return pool.submit(job, *args, **kwargs)\n\n"
    "        return submit\n\n    return decorate\n\n\n"
    "def audited(job):\n    LOG.debug('a background job declared')\n    return job\n"
)
ALERTS = (
    "import smtplib\nfrom concurrent.futures import ThreadPoolExecutor\n\nimport requests\n\n"
    "from svc.background import audited, in_background, offloaded\n\nPOOL = ThreadPoolExecutor(2)\n\n\n"
    "@in_background\ndef mail_oncall(sender, to, body):\n"
    "    server = smtplib.SMTP('mail.example.org')\n    server.sendmail(sender, to, body)\n\n\n"
    "@offloaded(POOL)\ndef push_event(event):\n    requests.post('https://events.example.org', json=event)\n\n\n"
    "def page_oncall(text):\n    requests.post('https://pager.example.org', json={'text': text}, timeout=5)\n\n\n"
    "@audited\ndef poll_status():\n    return requests.get('https://status.example.org')\n"
)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, {"svc/__init__.py": "", **files}, whole_project=True).findings)


def test_a_function_a_wrapping_project_decorator_decorates_that_nothing_names_is_dead(tmp_path: Path) -> None:
    """newspipe's `@async_maker def send_async_email` (its decorator starts a thread running the function
    from the wrapper it returns) that nothing calls, and a factory's `@offloaded(pool)` submit to an
    executor, and one that returns the function itself after logging: each runs only when its name is called."""
    assert _found(tmp_path, {"svc/app.py": APP, "svc/background.py": BACKGROUND, "svc/alerts.py": ALERTS}) == []


def test_a_wrapped_function_a_route_calls_is_reported(tmp_path: Path) -> None:
    app = APP.replace("page_oncall('disk full')", "mail_oncall('a@example.org', ['b@example.org'], 'disk full')\n"
                      "    push_event({'disk': 'full'})").replace("import page_oncall", "import mail_oncall, push_event")
    assert _found(tmp_path, {"svc/app.py": app, "svc/background.py": BACKGROUND, "svc/alerts.py": ALERTS}) == [
        ("svc/alerts.py", 13), ("svc/alerts.py", 19)]


REGISTERING = (
    "HOOKS = []\nHANDLERS = {}\n\n\n"
    "def on_boot(job):\n    HOOKS.append(job)\n    return job\n\n\n"
    "def handles(kind):\n    def decorate(job):\n        HANDLERS[kind] = job\n        return job\n\n    return decorate\n\n\n"
    "def scheduled(job):\n    def runner(*args):\n        return job(*args)\n\n    HOOKS.append(runner)\n    return runner\n\n\n"
    "def tagged(job):\n    job.is_hook = True\n    return job\n\n\n"
    "def routed(job):\n    @on_boot\n    def runner(*args):\n        return job(*args)\n\n    return runner\n"
)
REGISTERED = (
    "import smtplib\n\nfrom hooks_lib import on_event\n\nfrom svc.background import in_background\n"
    "from svc.registry import handles, on_boot, routed, scheduled, tagged\n\n\n"
    "@on_boot\ndef warm_mail():\n    return smtplib.SMTP('mail.example.org')\n\n\n"
    "@handles('mail')\ndef relay_mail():\n    return smtplib.SMTP('relay.example.org')\n\n\n"
    "@scheduled\ndef nightly_mail():\n    return smtplib.SMTP('nightly.example.org')\n\n\n"
    "@tagged\ndef tagged_mail():\n    return smtplib.SMTP('tagged.example.org')\n\n\n"
    "@on_event\ndef event_mail():\n    return smtplib.SMTP('event.example.org')\n\n\n"
    "@in_background()\ndef misused_mail():\n    return smtplib.SMTP('misused.example.org')\n\n\n"
    "@routed\ndef routed_mail():\n    return smtplib.SMTP('routed.example.org')\n"
)


def test_a_function_a_decorator_may_register_stays_reported(tmp_path: Path) -> None:
    """A project decorator that appends the function to a list, stores it in a dict (a factory's inner
    function), registers the wrapper it returns (by a call, by a decorator) or marks the function; a library decorator no table knows;
    and a wrapping decorator called as a factory, which hands the function to what it was given: each keeps
    a function nothing names."""
    app = APP.replace("from svc.alerts", "import svc.jobs  # noqa: F401 - its hooks\nfrom svc.alerts")
    files = {"svc/app.py": app, "svc/background.py": BACKGROUND, "svc/alerts.py": ALERTS, "svc/registry.py": REGISTERING,
             "svc/jobs.py": REGISTERED}
    assert _found(tmp_path, files) == [("svc/jobs.py", line) for line in (11, 16, 21, 26, 31, 36, 41)]


def test_a_method_used_as_a_decorator_keeps_its_function(tmp_path: Path) -> None:
    """A static method that only wraps is still a method: it is not read as a decorator of the project."""
    tools = (
        "from threading import Thread\n\n\nclass Background:\n    @staticmethod\n    def run(job):\n"
        "        def starter(*args):\n            Thread(target=job, args=args).start()\n\n        return starter\n"
    )
    jobs = (
        "import smtplib\n\nfrom svc.tools import Background\n\n\n"
        "@Background.run\ndef mail_later():\n    return smtplib.SMTP('mail.example.org')\n"
    )
    app = APP.replace("from svc.alerts", "import svc.jobs  # noqa: F401 - its hooks\nfrom svc.alerts")
    assert _found(tmp_path, {"svc/app.py": app, "svc/alerts.py": ALERTS, "svc/background.py": BACKGROUND,
                             "svc/tools.py": tools, "svc/jobs.py": jobs}) == [("svc/jobs.py", 8)]
