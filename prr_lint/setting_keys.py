"""The settings of a PasteDeploy-style app (Pyramid, Pylons, TurboGears), kept apart from switch_keys.py's upper-case keys.

Such an app is built by `main(global_config, **settings)` from the `[app:...]` section of the INI file the server is
started with (`pserve production.ini`, `gunicorn --paste`), and reads its settings by dotted lower-case keys:
`settings["redis.url"]`, `request.registry.settings.get("celery.broker_url")`. A read of a configuration mapping (a
`settings`, `config` or `conf` name or attribute, switch_keys.config_holder) by such a key, with no default or a blank
one, is `ini-setting:<key>` (switch_keys.config_read), and the code's writes of it are module tags as any key's
(switch_keys.write_marks): PRR501 asks the project phase whether every shipped INI file, template or sample that gives
the key a value gives it a loopback address (project/ini_settings.py).
"""

from __future__ import annotations

import re

INI_SETTING = "ini-setting:"
# two lower-case words at least, joined by dots; no part holds a dot, so no backtracking
_SETTING = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")


def is_setting_key(text: object) -> bool:
    """A PasteDeploy application setting's key: lower-case words joined by dots, `redis.url`."""
    return isinstance(text, str) and bool(_SETTING.match(text))
