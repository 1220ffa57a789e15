"""Which occurrences of a word in a module are the names of modules its imports spell.

The word counts (word_counts.py) say that a file holds a name, not what the name stands for. In
`from kaapana.operators.HelperDcmWeb import get_dcmweb_helper` the word `HelperDcmWeb` is a module, not
the class of that name in `kaapanapy/helper/HelperDcmWeb.py`; in `from bxcommon.rpc.provider.cloud_wss_provider
import CloudWssProvider` the word `cloud_wss_provider` is another distribution's module, not the project's
`bloxroute_cli/provider/cloud_wss_provider.py`. Each distinct module path an import spells holds the word
once in the text at least, so their number is a lower bound on the occurrences that are module names:
a file whose count of the word is no higher names nothing else by it. Only the module's top-level imports
are known here (a function's own import is not), which keeps the bound low, never too high.
"""

from __future__ import annotations

from typing import Set


def import_prefixes(summary, word: str) -> Set[str]:
    """The dotted module names ending in the segment `word` that the module's top-level imports spell:
    `a.word` for `import a.word`, `from a.word import f` and `from a.word import *` (not the name an
    import binds: in `from a import word` the word may be a class)."""
    found: Set[str] = set()
    for target in summary.imports.values():
        parts = target.split(".")
        found.update(".".join(parts[:end + 1]) for end, part in enumerate(parts[:-1]) if part == word)
    for target in (*summary.dotted_imports, *summary.star_imports):
        parts = target.split(".")
        found.update(".".join(parts[:end + 1]) for end, part in enumerate(parts) if part == word)
    return found


def only_module_names(summary, word: str, count: int) -> bool:
    """Every one of the `count` occurrences of `word` in the module may be a module name its imports spell."""
    return 0 < count <= len(import_prefixes(summary, word))


def foreign_module_names(index, summary, word: str, homes: Set[str]) -> int:
    """How many module paths the module's imports spell that end in `word` and name none of the project
    modules `homes`: another project module, or one no project module answers whose dotted name is no
    tail of any of theirs (a shorter name from a folder on `sys.path` may be one of them)."""
    return sum(1 for path in import_prefixes(summary, word)
               if path not in homes and (path in index.modules or not any(home.endswith(f".{path}") for home in homes)))
