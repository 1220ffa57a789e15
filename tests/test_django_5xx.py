"""rules/django_5xx.py: which Django LOGGING settings route django.request somewhere in production."""

import libcst as cst
import pytest

from prr_lint.rules.django_5xx import logs_django_requests

CONSOLE = "'handlers': {'console': {'class': 'logging.StreamHandler'}}"


def _routes(source: str) -> bool:
    statement = cst.parse_module(source).body[0].body[0]
    return logs_django_requests(statement)


@pytest.mark.parametrize("source, expected", [
    # the root logger writes, and nothing in between stops the record
    ("LOGGING = {'version': 1, 'disable_existing_loggers': False, " + CONSOLE + ", 'loggers': {'': {'handlers': ['console']}}}", True),
    ("LOGGING = {'version': 1, 'disable_existing_loggers': False, " + CONSOLE + ", 'root': {'handlers': ['console']}}", True),
    # django.request to a file handler
    ("LOGGING = {'version': 1, 'handlers': {'f': {'class': 'logging.handlers.RotatingFileHandler'}}, "
     "'loggers': {'django.request': {'handlers': ['f']}}}", True),
    # only mail_admins, and it does not propagate
    ("LOGGING = {'version': 1, 'handlers': {'m': {'class': 'django.utils.log.AdminEmailHandler'}, "
     "'console': {'class': 'logging.StreamHandler'}}, 'loggers': {'django.request': {'handlers': ['m'], 'propagate': False}, '': {'handlers': ['console']}}}", False),
    # a console handler only under DEBUG
    ("LOGGING = {'version': 1, 'filters': {'dev': {'()': 'django.utils.log.RequireDebugTrue'}}, "
     "'handlers': {'c': {'class': 'logging.StreamHandler', 'filters': ['dev']}}, 'loggers': {'django': {'handlers': ['c']}}}", False),
    # dictConfig disables the django loggers when the setting names neither
    ("LOGGING = {'version': 1, " + CONSOLE + ", 'loggers': {'': {'handlers': ['console']}}}", False),
    # not the setting
    ("CONFIG = {'version': 1, 'disable_existing_loggers': False, " + CONSOLE + ", 'root': {'handlers': ['console']}}", False),
])
def test_logging_routes(source, expected):
    assert _routes(source) is expected
