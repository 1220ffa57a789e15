"""PRR501 and a project decorator that runs what it decorates only while a django-flags flag is on
(rules/switch_decorators.py, project/switch_decorators.py, django_flags.py): `@skip_if_flag_disabled("K")` returns a
wrapper that calls the function only under `if flag_state(flag_name):`. A flag the `FLAGS` setting declares with no
conditions is off, and the signal receiver, task or helper only it runs is not deployed; a condition that turns it
on, code outside tests that enables it, or a wrapper that also calls the function unguarded keeps the finding."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_DECORATOR = (
    "import logging\nfrom functools import wraps\nfrom typing import Any, Callable\n\nfrom flags.state import flag_state\n\n\n"
    "def skip_if_flag_disabled(flag_name: str) -> Callable:\n    \"\"\"A no-op unless the flag is on.\"\"\"\n\n"
    "    def decorator(func: Callable) -> Callable:\n        def inner(*args: list, **kwargs: dict) -> Any:\n"
    "            enabled = flag_state(flag_name)\n\n            if enabled:\n                return func(*args, **kwargs)\n"
    "            else:\n                logging.info(f'Skipping {func.__name__}: flag {flag_name} is off')\n\n"
    "        return wraps(func)(inner)\n\n    return decorator\n"
)
_RECEIVER = (
    "import os\n\nimport requests\nfrom django.db.models.signals import post_save\nfrom django.dispatch import receiver\n\n"
    "from svc.models import Install\nfrom svc.flagged import skip_if_flag_disabled\n\n\n"
    "@receiver(post_save, sender=Install, dispatch_uid='join_requests')\n"
    "@skip_if_flag_disabled('INTEGRATION_ENABLED_SEND_SLACK')\ndef send_slack_message(sender, instance, created, **kwargs):\n"
    "    if created:\n        requests.post(os.environ['SLACK_WEBHOOK_URL'], json={'text': str(instance)})\n"
)
_MODELS = "from django.db import models\n\n\nclass Install(models.Model):\n    name = models.CharField(max_length=10)\n"
_APPS = ("from django.apps import AppConfig\n\n\nclass SvcConfig(AppConfig):\n    name = 'svc'\n\n"
         "    def ready(self):\n        import svc.events  # noqa: F401\n")
_SETTINGS = "FLAGS = {\n    'MAINTENANCE_MODE': [],\n    'INTEGRATION_ENABLED_SEND_SLACK': [],\n}\nINSTALLED_APPS = ['flags', 'svc.apps.SvcConfig']\n"
_DEPLOYED = {"Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD gunicorn svc.wsgi\n"}


def _service(extra: Dict[str, str] = {}) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/flagged.py": _DECORATOR, "svc/events.py": _RECEIVER, "svc/models.py": _MODELS,
            "svc/apps.py": _APPS, "svc/settings.py": _SETTINGS, **extra}


def test_a_receiver_run_only_under_a_flag_declared_with_no_conditions_is_not_deployed(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _service(), _DEPLOYED) == []


def test_a_flag_whose_shipped_condition_turns_it_on_keeps_the_receiver(tmp_path: Path) -> None:
    settings = _SETTINGS.replace("'INTEGRATION_ENABLED_SEND_SLACK': []", "'INTEGRATION_ENABLED_SEND_SLACK': [{'condition': 'boolean', 'value': True}]")
    assert shipped_findings(tmp_path, _service({"svc/settings.py": settings}), _DEPLOYED) == [("svc/events.py", 15)]


def test_code_outside_tests_that_enables_the_flag_keeps_the_receiver(tmp_path: Path) -> None:
    setup = "from flags.state import enable_flag\n\n\ndef turn_on():\n    enable_flag('INTEGRATION_ENABLED_SEND_SLACK')\n"
    assert shipped_findings(tmp_path, _service({"svc/setup.py": setup}), _DEPLOYED) == [("svc/events.py", 15)]


def test_a_test_that_enables_the_flag_does_not_deploy_it(tmp_path: Path) -> None:
    test = ("from flags.state import enable_flag\n\n\ndef test_sends():\n    enable_flag('INTEGRATION_ENABLED_SEND_SLACK')\n")
    assert shipped_findings(tmp_path, _service({"svc/tests/test_events.py": test}), _DEPLOYED) == []


def test_a_wrapper_that_also_calls_the_function_unguarded_keeps_the_receiver(tmp_path: Path) -> None:
    decorator = _DECORATOR.replace("                logging.info(", "                func(*args, **kwargs)\n                logging.info(")
    assert shipped_findings(tmp_path, _service({"svc/flagged.py": decorator}), _DEPLOYED) == [("svc/events.py", 15)]


def test_a_wrapper_that_hands_the_function_on_keeps_the_receiver(tmp_path: Path) -> None:
    decorator = _DECORATOR.replace("            enabled = flag_state(flag_name)\n", "            enabled = flag_state(flag_name)\n            REGISTRY.append(func)\n")
    assert shipped_findings(tmp_path, _service({"svc/flagged.py": decorator}), _DEPLOYED) == [("svc/events.py", 15)]


_VIEW = (
    "from django.http import JsonResponse\n\nfrom svc.events import send_slack_message\n\n\n"
    "def notify(request):\n    send_slack_message(None, request.GET['name'], True)\n    return JsonResponse({})\n"
)
_URLS = "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('notify/', views.notify)]\n"


def test_a_view_that_calls_the_decorated_function_runs_it_only_under_the_flag(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _service({"svc/views.py": _VIEW, "svc/urls.py": _URLS}), _DEPLOYED) == []


_GUARDED = (
    "import requests\nfrom django.http import JsonResponse\nfrom flags.state import flag_enabled\n\n\n"
    "def notify(request):\n    if flag_enabled('MAINTENANCE_MODE', request=request):\n"
    "        requests.post('https://status.example.org/maintenance', json={})\n    return JsonResponse({})\n"
)


def test_a_view_s_call_under_a_flag_read_off_is_not_served_unless_code_enables_the_flag(tmp_path: Path) -> None:
    files = _service({"svc/views.py": _GUARDED, "svc/urls.py": _URLS})
    assert shipped_findings(tmp_path, files, _DEPLOYED) == []
    task = "from flags.state import enable_flag\n\n\ndef start_maintenance():\n    enable_flag('MAINTENANCE_MODE')\n"
    assert shipped_findings(tmp_path, {**files, "svc/tasks.py": task}, _DEPLOYED) == [("svc/views.py", 8)]


def test_a_switch_decorator_above_the_registering_one_keeps_the_receiver(tmp_path: Path) -> None:
    """Decorators apply from the bottom up: `@receiver` below registers the bare function, which runs unswitched."""
    swapped = _RECEIVER.replace("@receiver(post_save, sender=Install, dispatch_uid='join_requests')\n@skip_if_flag_disabled('INTEGRATION_ENABLED_SEND_SLACK')\n",
                                "@skip_if_flag_disabled('INTEGRATION_ENABLED_SEND_SLACK')\n@receiver(post_save, sender=Install, dispatch_uid='join_requests')\n")
    assert swapped != _RECEIVER
    assert shipped_findings(tmp_path, _service({"svc/events.py": swapped}), _DEPLOYED) == [("svc/events.py", 15)]


def test_a_wrapper_calling_the_function_through_its_call_method_keeps_the_receiver(tmp_path: Path) -> None:
    called = _DECORATOR.replace("logging.info(f'Skipping {func.__name__}: flag {flag_name} is off')",
                                "return func.__call__(*args, **kwargs)")
    assert called != _DECORATOR
    assert shipped_findings(tmp_path, _service({"svc/flagged.py": called}), _DEPLOYED) == [("svc/events.py", 15)]


def test_a_factory_the_module_rebinds_switches_nothing(tmp_path: Path) -> None:
    rebound = _DECORATOR + "\n\ndef _plain(flag_name):\n    return lambda func: func\n\n\nskip_if_flag_disabled = _plain\n"
    assert shipped_findings(tmp_path, _service({"svc/flagged.py": rebound}), _DEPLOYED) == [("svc/events.py", 15)]


_HELPED = (
    "import os\n\nimport requests\n\nfrom svc.flagged import skip_if_flag_disabled\n\n\n"
    "def post_to_slack(text):\n    requests.post(os.environ['SLACK_WEBHOOK_URL'], json={'text': text})\n\n\n"
    "@skip_if_flag_disabled('INTEGRATION_ENABLED_SEND_SLACK')\ndef send_slack_message(sender, instance, created, **kwargs):\n"
    "    if created:\n        post_to_slack(str(instance))\n"
)


def test_a_helper_only_the_decorated_function_calls_from_a_view_runs_only_under_the_flag(tmp_path: Path) -> None:
    """The call graph's edge into the decorated function is cut while the flag is off (project/switched_reach.py)."""
    files = _service({"svc/events.py": _HELPED, "svc/views.py": _VIEW, "svc/urls.py": _URLS})
    assert shipped_findings(tmp_path, files, _DEPLOYED) == []
    on = _SETTINGS.replace("'INTEGRATION_ENABLED_SEND_SLACK': []", "'INTEGRATION_ENABLED_SEND_SLACK': [{'condition': 'boolean', 'value': True}]")
    assert shipped_findings(tmp_path, {**files, "svc/settings.py": on}, _DEPLOYED) == [("svc/events.py", 9)]
