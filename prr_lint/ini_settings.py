"""An application setting read from a PasteDeploy-style settings mapping (Pyramid, Pylons, TurboGears).

Such an app is built by `main(global_config, **settings)` from the `[app:...]` section of the INI file the server is
started with (`pserve production.ini`, `gunicorn --paste`), and reads its settings by dotted lower-case keys:
`settings["redis.url"]`, `request.registry.settings.get("celery.broker_url")`. A read of a configuration mapping (a
`settings`, `config` or `conf` name or attribute, switch_keys.config_holder) by such a key, with no default or a blank
one, is `ini-setting:<key>`: PRR501 asks the project phase whether every shipped INI file, template or sample that gives
the key a value gives it a loopback address (project/ini_settings.py). Upper-case keys are switch_keys.py's.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.setting_keys import is_setting_key
from prr_lint.switch_keys import BLANK, config_holder, string_text, value_kind

INI_SETTING = "ini-setting:"


def setting_read(node: cst.BaseExpression) -> Optional[str]:
    """`ini-setting:<key>` of `settings["<key>"]` or `settings.get("<key>")` (a blank default aside) on a
    configuration mapping; None for anything else."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        holder, key = node.value, string_text(node.slice[0].slice.value)
    elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" \
            and 1 <= len(node.args) <= 2 and not any(arg.keyword or arg.star for arg in node.args):
        holder, key = node.func.value, string_text(node.args[0].value)
        if len(node.args) == 2 and value_kind(node.args[1].value) != BLANK:
            return None  # a default of its own: where no file gives the key, the code's value holds
    else:
        return None
    return INI_SETTING + key if key and is_setting_key(key) and config_holder(holder) else None
