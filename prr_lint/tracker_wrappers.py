"""Reporting functions of a library's error-tracker module: report sinks the analysis cannot read.

Companies wrap their error tracker in a shared library the service installs (`from
nylas.logging.sentry import sentry_alert`, which captures the exception being handled with Sentry's
client). The library's code is not in the tree, so its functions are judged by what they are: a
function of a module named for an error tracker (`sentry`, `rollbar`, `bugsnag` ... as a word of a
module's name) whose name says it reports (`sentry_alert`, `log_uncaught_errors`, `capture`,
`notify_error`); a setup function of the same module (`init_sentry`, `get_client`, `set_user`) is
none. The trackers' own SDKs are not wrappers: sinks.py lists their reporting functions one by one.
A project module is never judged by its name: the project phase reads its functions.
"""

from __future__ import annotations

import functools
import re

TRACKERS = frozenset({"sentry", "raven", "rollbar", "bugsnag", "honeybadger", "airbrake", "errbit", "appsignal"})
# The trackers' SDK packages: `sentry_sdk.init` is no report, `sentry_sdk.capture_exception` is one (sinks.py).
TRACKER_SDKS = frozenset({"sentry_sdk", "raven", "rollbar", "bugsnag", "honeybadger", "airbrake", "appsignal"})
REPORT_VERBS = frozenset({"alert", "capture", "report", "notify", "log", "send", "track", "record"})
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def _words(name: str) -> set:
    return {word.lower() for word in _WORDS.findall(name)}


@functools.lru_cache(maxsize=None)  # the project phase asks it of every called name, again and again
def tracker_library_report(name: str) -> bool:
    """`name` ("nylas.logging.sentry.sentry_alert", resolved through the project's imports) is a
    reporting function of a library module named for an error tracker. The caller makes sure no
    project module defines it."""
    module, _, function = name.rpartition(".")
    if not module or module.partition(".")[0] in TRACKER_SDKS:
        return False
    return any(_words(part) & TRACKERS for part in module.split(".")) and bool(_words(function) & REPORT_VERBS)
