"""Plug-in modules a framework runs only when their configuration section enables them (PRR501, PRR505).

A sandbox's processing and reporting modules (`cuckoo/processing/irma.py`, `cuckoo/reporting/mattermost.py`)
are loaded by a runner that looks up the section named for the module in the INI file named for its package
(`processing.conf` `[irma]`, `reporting.conf` `[mattermost]`) and skips the module unless that section's
`enabled` is on. So a module `<...>.<package>.<name>` is off when the key `ini:<package>:<name>.enabled` is
off: every value the project's INI files of that name give it, and the default its typed defaults table in
code gives (defaults_tables.py, `"irma": {"enabled": Boolean(False)}`), is a false word or blank, and at least
one is given (project/switches.py, project/ini_values.py). A module no such section names, or one a shipped
file enables (`enabled = yes`, a `crudini --set` in an install script), keeps its findings.
"""

from __future__ import annotations

from prr_lint.ini_keys import INI
from prr_lint.project.switches import SwitchView


def plugin_off(view: SwitchView, module: str) -> bool:
    """The module's package's INI file switches it off in its own section (module docstring)."""
    package, _, name = module.rpartition(".")
    kind = package.rpartition(".")[2]
    return bool(kind and name) and view.off(f"{INI}{kind}:{name}.enabled")
