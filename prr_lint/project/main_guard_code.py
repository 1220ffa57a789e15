"""Code written inline in a module's `if __name__ == "__main__":` block: the program's, not the importer's.

A module the service imports (a pipeline's `xml_to_json.py`, whose `generate_json` a scheduled job
calls) may also be a program a person runs by hand, its command-line handling written inline in the
`__main__` block (`elif args["url"]: urllib.request.urlopen(args["url"])` under a `-u` flag). An
import runs the module's top level but never that block, so the finding there is not the importer's,
though the summary files the block's code under the module's top level, which the service loads.

Such a finding (its function is the module's top level, its line inside a module-level `__main__`
block) is not the service when the project has serving entry points, or has none but a deployment that
runs others of its programs by name and nothing that runs or names this one (root_scripts.py
`unnamed_program`: no project module imports it or names its file's word, no launch file or script names
it, not even by its word, no image ships it, no loader may load it, nor a program run by a computed path;
fitsstorage's `bespoke_housekeeping_scripts/odbtest.py` beside the queue services its systemd units run),
and the block is a program the deployment does not run: no launch file runs the file (its path, or `-m`
and its dotted name: schedules.py), and nothing the block calls starts a server or loops until the
process stops (a `python app.py` that serves is the service whatever runs it), unless it reads its
command line while the deployment runs another of the project's programs and not it, or nothing names it
(schedules.py `unattended_tools`: d4's queue exporters, loops an operator starts by hand with `-t type -u
uuid`); without entry points a block that serves or loops stays whoever runs it (it may be the service).
The block's lines are read from the module's tree, parsed again only for such findings.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Set, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from prr_lint.context import is_main_guard
from prr_lint.model import Finding
from prr_lint.project.root_scripts import unnamed_program
from prr_lint.project.schedules import scheduled_roots, unattended_tools
from prr_lint.project.texts import parsed, run_text


def in_unrun_main_block(analysis, finding: Finding, long_running: Callable[[List[str]], bool], serving: Set[str],
                        deployed: Dict[str, str]) -> bool:
    """Whether `finding` is in the inline code of a `__main__` block the deployment does not run
    (module docstring); `deployed` are the programs the deployment may run (name -> scope.py's reason)."""
    index = analysis.index
    module = index.modules.get(finding.context)
    if module is None or not module.script_calls:
        return False
    if not any(start <= finding.span.line <= end for start, end in _main_blocks(analysis, module.path)):
        return False
    entries = bool(analysis.model.seeds)  # without them, only a program nothing runs or names, beside named ones
    if not entries and not unnamed_program(analysis, module.module, without_entries=True):
        return False
    own = {module.module: "`__main__` script"}
    if long_running([module.module, *sorted(set(module.script_calls))]) and (not entries or module.module not in unattended_tools(
            analysis, {**deployed, **own}, lambda name: unnamed_program(analysis, name))):
        return False  # the block's own calls are the top level's; a loop a person starts with arguments is a tool
    return not scheduled_roots(analysis, {module.module: "`__main__` script"}, serving)


def _main_blocks(analysis, path: str) -> Tuple[Tuple[int, int], ...]:
    """The first and last lines of each module-level `if __name__ == "__main__":` block of the file."""
    found: Dict[str, Tuple[Tuple[int, int], ...]] = analysis.derived("main-block-lines", dict)
    if path not in found:
        text = run_text(analysis, path)
        tree = parsed(text) if text else None
        found[path] = _spans(tree) if tree is not None else ()
    return found[path]


def _spans(tree: cst.Module) -> Tuple[Tuple[int, int], ...]:
    wrapper = MetadataWrapper(tree, unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    return tuple((positions[node].start.line, positions[node.body].end.line) for node in wrapper.module.body
                 if isinstance(node, cst.If) and is_main_guard(node.test))  # an `else:` runs on import
