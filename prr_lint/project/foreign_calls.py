"""Which occurrences of a module function's name in a service file may name it (PRR501's dead code,
dead_code.py): a word of the file's text is no mention of the function when it is

* prose: a comment, a message or a URL (`"Failed to download PDF: {e}"`, `"?download=true"`),
  counted in the per-file pass (word_counts.py `literal_words`); a short string or a dotted path
  (`"svc.utils:download"`, `getattr(module, "download")`) is code;
* a definition (the function's own `def`, a method or another module's function of that name);
* a use for nothing: its own recursive call (observation-portal's `return_paginated_results`), any attribute
  of its name its own body reads or calls, which runs only when it does (arxiv-search's `retrieve` wrapper that
  returns `current_session().retrieve(document_id)`) or string of it there that is no prose (a Celery task's Redis
  lock keyed by its own name; none of a name the module's prose also holds, which is taken back already), and
  an import of it under its own name, once or again and again, or an `__all__` entry (sre-bot's `opsgenie/__init__.py`
  re-exporting `create_alert`, which only tests call) but in a published package, a distribution's
  top package, whose imports are the API other distributions import (distributions.py
  `published_packages`); who calls it through a package imports it from there or names a dotted
  path through it, which `Reach` counts;
* another object: a call whose receiver is another object (`self.client.download_file(...)`, a
  boto client's method beside jumpserver's unused `common.utils.file.download_file`; turbinia's
  `smtp.sendmail(...)` in the file of its unused `notify.sendmail`; a project class's instance, hypatio's
  `team.delete()` on a `Team.objects.get(...)` row beside the unused `file_services.delete`), a call of another project
  module's own function of that name, whatever that module is called (bk-monitor's bklog
  `grafana/client.py` `create_user`, called as `client.create_user(...)`, beside the unused
  `bk_dataview/client.py` `create_user`), or an attribute another module binds to another object, that module
  found as Python imports it however the name spells it (we-mp-rss's `from core.wx import search_Biz`, the
  package's own function, for the package indexed as `wx`, beside the unimported `core/wx/wx.py` `search_Biz`;
  not where a star import may rebind it to ours), or a name imported from elsewhere, with its calls (h2ogpt's
  `from nltk.downloader import download` beside its unused `utils.download`), or a read of another
  object's attribute of that name (`@wraps(FulltextSession.retrieve)` on that wrapper);
* in a file that cannot reach the function's module (`Reach`): one that names not every part of the
  module's dotted name, imports neither the module, a name from it nor that name from a module
  that re-exports it, and looks no attribute up by that name (a model's `create_user` field in a
  file whose only tie is a word `client`, beside an unused `bk_dataview/client.py` `create_user`);
  nor, beyond those words, in a file that defines its own function or method of that name and
  imports none of these (fixcore's `cli/command.py`, whose nested `delete_config` and its
  `config_handler.delete_config(...)` speak of its own, beside fixlib's unused `core/config.py`
  `delete_config`): there the words name no dotted path of ours, but the file's own namesake.

A call whose receiver may be the function's module (`file.download_file`, a package that re-exports
it, `utils.download_file`) or that the resolver could not tell from a plain name does name it, and
so does every occurrence in a program the index does not hold.
"""

from __future__ import annotations

from itertools import chain
from typing import AbstractSet, Callable, Dict, FrozenSet, List, Mapping, Optional, Tuple

from prr_lint.project.names import closure, defined_named, resolve_name


def service_mentions(index, module: Optional[str], qualname: str, words: Mapping[str, int], defined: int,
                     reach: Optional[Callable[[str, str, Mapping[str, int], str], bool]] = None,
                     published: AbstractSet[str] = frozenset()) -> int:
    """How many of the words of one non-test file (`module` None for a program the index does not
    hold) may name the module function `qualname`, beyond the `defined` definitions of its name there;
    in a `published` package (a distribution's API) its import and `__all__` entry count."""
    local, home = qualname.rpartition(".")[2], qualname.rpartition(".")[0]
    count = words.get(local, 0)
    summary = index.modules.get(module) if module else None
    if summary is None:
        return count - defined
    reach = reach or Reach(index)
    if module != home and (not reach(module, home, words, local) or isinstance(reach, Reach) and _own_namesake(summary, local)
                           and not reach.imports(module, home, local)):
        return 0  # another `reach` (a Celery task's, reach aside: dead_code.py `_unsent`) asks no imports
    code = count - summary.prose_words.get(local, 0)
    if module == home:  # its own file: docstrings aside, however short, and what its own body says
        code = min(code, summary.code_words.get(local, code)) - _own_body_uses(summary, qualname)
    return max(0, code - defined - _other_objects(index, summary, qualname) - _no_uses(index, summary, qualname, module in published))


class Reach:
    """Whether a file may name a module's function: every part of the module's dotted name is a word
    of it (`import pkg.client`, a dotted path "pkg.client.f" a loader imports), it looks the name up
    (`getattr(m, "f")`), or it imports the module or a name from it, star imports included (by a
    shorter name too, from a folder on `sys.path`: `from hbi_api_core import f`), or the name from a
    module that re-exports it (a package `__init__`'s `from .client import f` or `from .client import
    *`), or names every part of such a module's dotted name (`"pkg.notify.f"` in a setting). A file that shares only a word with the module's name (`client`) or its top-level package
    reaches nothing there (bk-monitor's bklog files beside an unused `bk_dataview/client.py`)."""

    def __init__(self, index) -> None:
        self.index = index
        # module -> the project modules it imports from, and the leading parts of imports the index does not resolve
        self._imported: Dict[str, Tuple[FrozenSet[str], FrozenSet[str]]] = {}
        self._exporters: Optional[Dict[Tuple[str, str], List[str]]] = None

    def __call__(self, module: str, home: str, words: Mapping[str, int], local: str) -> bool:
        parts = home.split(".")
        if any(words.get(path[-1]) and all(words.get(part) for part in path if part.isidentifier())
               for path in [parts, *(exporter.split(".") for exporter in self.exporters().get((home, local), ()))]):
            return True
        return self.imports(module, home, local)

    def imports(self, module: str, home: str, local: str) -> bool:
        """`module` looks the name up, or imports `home`, a name from it, or the name from a module that re-exports it."""
        parts = home.split(".")
        if local in self.index.modules[module].by_name:
            return True
        imported, loose = self.imported(module)
        if home in imported or any(".".join(parts[start:]) in loose for start in range(len(parts))):
            return True
        for source in imported:  # a re-export
            target = self.index.modules[source].imports.get(local)
            if target is not None and self.index.module_of(target) == home or home in self.imported(source, stars=True)[0]:
                return True
        return False

    def exporters(self) -> Dict[Tuple[str, str], List[str]]:
        """(module, function name) -> the modules that import that name from it (through other
        re-exports too) under its own name, so a dotted path through them (`"pkg.notify.create_alert"` for `pkg/notify/client.py`) may name it."""
        if self._exporters is None:
            self._exporters = {}
            for name, summary in self.index.modules.items():
                for bound, target in summary.imports.items():
                    owner = self.index.module_of(resolve_name(self.index, target)) if target.rpartition(".")[2] == bound else None
                    if owner and owner != name:
                        self._exporters.setdefault((owner, bound), []).append(name)
        return self._exporters

    def imported(self, module: str, stars: bool = False) -> Tuple[FrozenSet[str], FrozenSet[str]]:
        """The project modules `module` imports, imports names from or calls into, a function's own
        `from x import f` too (`stars`: only those it star-imports), and the leading parts of the
        imports and calls no project module answers."""
        key = f"*{module}" if stars else module
        if key not in self._imported:
            summary = self.index.modules[module]
            found, loose = set(), set()
            calls = (call for function in summary.functions.values() for call in function.calls)  # a function's own imports
            for target in summary.star_imports if stars else chain(summary.imports.values(), summary.star_imports, calls):
                owner = self.index.module_of(target)
                if owner:
                    found.add(owner)
                else:
                    split = target.split(".")
                    loose.update(".".join(split[:end]) for end in range(1, len(split) + 1))
            self._imported[key] = (frozenset(found), frozenset(loose))
        return self._imported[key]


def _own_namesake(summary, local: str) -> bool:
    """The module defines a function or method of that name itself (fixcore's `ConfigsCommand.parse`
    nests a `delete_config` it hands to `partial`) and imports no name `local`: its bare name is its own."""
    return local not in summary.imports and bool(defined_named(summary, local))


def _own_body_uses(summary, qualname: str) -> int:
    """How many attributes of the function's name its own body reads or calls (name_uses.py `own_attributes`)
    beyond the calls `_other_objects` or `_no_uses` may count already, and how many strings of it there are no
    prose (`own_strings`: a Celery task's `r.lock("poll_results")`, or its `send_task` of itself): they run only
    when it runs, and name nothing that could run it (arxiv-search's `retrieve` that returns
    `current_session().retrieve(document_id)`)."""
    local = qualname.rpartition(".")[2]
    calls = sum(1 for name, function in summary.functions.items() if name == qualname or name.startswith(f"{qualname}.")
                for call in function.calls if call.rpartition(".")[2] == local)
    return max(0, summary.own_attributes.get(qualname, 0) - calls) + summary.own_strings.get(qualname, 0)


def _no_uses(index, summary, qualname: str, published: bool) -> int:
    """How many occurrences of the function's name in the module's code use it for nothing: its own
    recursive calls and, but in a `published` package, the names its `__all__` exports and each import
    of it under its own name, repeated ones too (a package's re-export: who calls it through the
    package imports it from there, `Reach`)."""
    local, home = qualname.rpartition(".")[2], qualname.rpartition(".")[0]
    found = 0 if published else summary.exports.count(local)
    imported = summary.imports.get(local)
    if not published and summary.module != home and imported is not None and (imported == qualname or resolve_name(index, imported) == qualname):
        found += summary.repeated_imports.get(local, 1)  # each import of it again (eudi's `from redirect_func import json_post` twice)
    if summary.module == home:
        found += sum(1 for name, function in summary.functions.items() if name == qualname or name.startswith(f"{qualname}.")
                     for call in function.calls if call == qualname)
    return found


def _other_objects(index, summary, qualname: str) -> int:
    """How many occurrences of the function's name in the module's code stand for another object:
    calls of another object's method (one on a project class's instance, an ORM row too) or of another
    module's own function of that name, reads of such an
    attribute (`@wraps(FulltextSession.retrieve)` beside a module function `retrieve`: name_uses.py `reads`),
    and a name imported from elsewhere (the import, and its calls among them)."""
    local, home = qualname.rpartition(".")[2], qualname.rpartition(".")[0]
    segments = set(home.split("."))

    def other(target: str) -> bool:
        receiver = target.rpartition(".")[0]
        if not receiver or receiver == home or resolve_name(index, target) == qualname:
            return False
        owner = index.module_named(receiver)  # the module an import of the receiver loads, however it is spelt
        if owner is not None and owner != home:
            # an attribute of another module, bound there to another object (its own function, even one named like a part
            # of `home`: another `client.create_user`; we-mp-rss's `core.wx.search_Biz` beside `core/wx/wx.py`'s)
            return _binds_other(index, owner, local, qualname)
        return receiver.rpartition(".")[2] not in segments and owner is None
    imported = summary.imports.get(local)
    found = 1 if imported is not None and other(imported) else 0
    for function in summary.functions.values():
        found += sum(1 for call in function.calls if call.rpartition(".")[2] == local and other(call))
        # a method call on an instance of a project class (`team.delete()` on `Team.objects.get(...)`: receivers.py)
        found += sum(1 for call in function.chained if call.rpartition(".")[2] == local and call.rpartition(".")[0] in index.classes)
    return found + sum(1 for read in summary.attribute_reads if read.rpartition(".")[2] == local and other(read))


def _binds_other(index, owner: str, local: str, qualname: str) -> bool:
    """The module `owner` binds `local` itself to something that is not `qualname`: its own function or class, or an
    import resolved elsewhere. Not when a star import, its own or one through the modules it star-imports, may bind
    it to `qualname` (Python keeps the later binding, which the summaries do not order), nor when alternative
    branches may, nor when it binds no such name (a module `__getattr__`, names set through `globals()`)."""
    summary = index.modules[owner]
    bound = f"{owner}.{local}"
    if not (bound in index.functions and bound not in index.modules or bound in index.classes or local in summary.imports):
        return False
    home = qualname.rpartition(".")[0]
    starred = closure(owner, lambda module: (index.module_of(star) for star in index.modules[module].star_imports
                                             if index.module_of(star) in index.modules))
    return home not in starred and qualname not in (resolve_name(index, name) for name in index.alternatives(bound))
