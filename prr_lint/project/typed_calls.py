"""Which class a mention of a method's or a class's name means, for PRR501's dead code (dead_code.py `_unused`).

A word count says that some file holds a name, not which object of that name it means. A method is
still dead when every mention of its name is a call the resolver types to an unrelated class's method
(appointment's `google_client.get_credentials(code)` beside an unused `AccountsClient.get_credentials`),
and a file names it only by what may reach a method (name_uses.py): its words in a log line, a comment or a
bare name (a view function of that name a URLconf imports) beside such calls name none (hypatio's
`DBMIAuthz.create_view_permission`, whose every call is on a `SciAuthZ`); a class is still dead when every
other file that holds its name defines another class of that name, and a class is loaded by name when a file names it without importing it (a dotted path in a string; an import in a
function's body is an import too), but not as a module its imports spell (`from kaapana.operators.HelperDcmWeb import f` beside a class `HelperDcmWeb`:
import_words.py), nor only as an identifier of its code (mycroft's `Mopidy = __import__('mopidypost').Mopidy`:
the project's own code holds the class, no string hands it to a loader). These answers weigh the summaries' resolved calls, imports and class lineages against
the word counts: a job of its own beside the dead-code decision that asks them.
"""

from __future__ import annotations

from itertools import chain
from typing import AbstractSet, Dict, FrozenSet, List, Mapping, Optional, Tuple

from prr_lint.project.accounted_objects import AccountedObjects
from prr_lint.project.import_words import foreign_module_names, only_module_names
from prr_lint.project.names import class_ancestors, defined_named, resolve_name


class TypedCalls:
    """Whether every service mention of a method's name is another class's method (appointment's
    `google_client.get_credentials(code)` beside an unused `AccountsClient.get_credentials`)."""

    def __init__(self, index, files: Mapping[str, Mapping[str, int]], published: AbstractSet[str] = frozenset(),
                 copies: AbstractSet[str] = frozenset(), accounted: Optional[AccountedObjects] = None) -> None:
        self.index, self.files, self.published, self.copies, self.accounted = index, files, published, copies, accounted
        self.modules = {module.path: name for name, module in index.modules.items()}
        self.lineages = {cls: {cls, *class_ancestors(index, cls)} for cls in index.classes}
        self.calls: Dict[Tuple[str, bool], Dict[str, List[str]]] = {}  # (module, by owner) -> name -> the resolved calls (`_calls`)
        self.naming: Dict[str, List[Tuple[str, Optional[str], int, FrozenSet[str]]]] = {}  # class name -> `_naming`
        self.strings: Dict[str, bool] = {}  # class -> `by_string`, once per class
        names = {qualname.rpartition(".")[2] for qualname in chain(index.functions, index.classes)
                 if qualname.rpartition(".")[0] in index.classes or qualname in index.classes}
        self.where: Dict[str, List[str]] = {}  # method name -> the files that hold it
        for path, words in files.items():
            for word in names.intersection(words):
                self.where.setdefault(word, []).append(path)

    def elsewhere(self, cls: str, local: str) -> bool:
        """Every file that holds the word `local` holds it only as definitions of it, plus calls that
        resolve to a method of a class that neither is nor derives from `cls` nor a base of it; or it
        defines such a class's `local` and names neither `cls` nor its module (its log lines and
        docstrings speak of its own method)."""
        return all(self.names_other(path, cls, local) for path in self.where.get(local, ()))

    def names_other(self, path: str, cls: str, local: str) -> bool:
        """The file at `path` holds the word `local` only as definitions of it, plus calls that resolve
        to a method of a class that neither is nor derives from `cls` nor a base of it (another scraper's
        `self.scrape_vote(...)` in a module named like `cls`'s) or to a subclass's override of it (`_overriding`); or it defines such a class's `local` and
        names neither `cls` nor its module (a generated gRPC servicer's `optimize`, its handler table's
        `servicer.optimize`; `_names_module`); or no use of the name there may reach a method but those calls
        (name_uses.py `method_uses`: a log line's `[create_view_permission]`, a route module's imported view function
        `remove_view_permission`, a commented-out call are no attribute read nor name-like string)."""
        index, name = self.index, f"{cls}.{local}"
        words = self.files[path]
        count, module = words.get(local, 0), self.modules.get(path)
        if module is None:
            return False  # a program the index does not hold
        defined = defined_named(index.modules[module], local)
        calls = self._calls(module).get(local, [])
        if self.accounted is not None and not self.accounted.may_reach(cls, local):
            return name not in calls  # no other receiver, `getattr` or string's loader holds an object of `cls`
        if any(self._related(cls, target.rpartition(".")[0]) and not self._overriding(cls, target) for target in calls + [q for q in defined if q != name]):
            return False
        summary = index.modules[module]
        uses = summary.method_uses.get(local, 0) + sum(built.count(local) for built in summary.property_parts.values())
        if uses <= sum(target.rpartition(".")[0] in index.classes for target in calls):
            return True  # no use that may reach a method (name_uses.py, a property's parts too) but calls typed to other classes' methods
        if name in defined or not defined:  # an imported module function of that name is named once more
            return count <= len(defined) + len(calls) + (local in summary.imports)
        # every word of it a definition or a resolved call of another class's method, or no word for `cls`
        return count <= len(defined) + len(calls) or not words.get(cls.rpartition(".")[2]) and not self._names_module(module, index.module_of(cls))

    def _names_module(self, module: str, home: str) -> bool:
        """The module `module` names the module `home`: imports it (or from it), or a string of its ends a dotted path
        with its name (`"scrapers.al.bills"`, which a loader may take); a word alone is no name of it (`self.bills` in
        every state's `bills.py`, a URL's `/bills`)."""
        summary = self.index.modules[module]
        return home.rpartition(".")[2] in summary.path_ends or any(
            target == home or target.startswith(f"{home}.") for target in summary.imports.values())

    def unbuilt(self, cls: str) -> bool:
        """No service source names the class `cls` beyond its definition: every other file that holds
        its name defines another class of that name and does not name `cls`'s module (faraday's
        unused `utils/smtp.py` `MailNotification` beside a model of that name), or only re-exports it
        (`re_exports`), or binds the name to another object by an import (`imports_other`), or holds
        it only as prose (a commented-out `# from models.baidu.baidu_unit_bot import BaiduUnitBot`)."""
        index, local = self.index, cls.rpartition(".")[2]
        module_word = index.module_of(cls).rpartition(".")[2]
        for path in self.where.get(local, ()):
            words, module = self.files[path], self.modules.get(path)
            if module is None:
                return False
            if path != index.modules[index.module_of(cls)].path and words[local] <= index.modules[module].prose_words.get(local, 0):
                continue
            defined = [name for name in index.modules[module].classes if name.rpartition(".")[2] == local]
            if cls in defined:
                if words[local] > len(defined):
                    return False
            elif self.re_exports(module, cls, words[local]) or not defined and self.imports_other(module, cls):
                continue
            elif not defined or words.get(module_word) or any(self._related(cls, name) for name in defined):
                return False
        return True

    def imports_other(self, module: str, cls: str) -> bool:
        """`module` binds `cls`'s name by an import of another object (llm-graph-builder's `llm.py` imports
        langchain's `DiffbotGraphTransformer` beside an unused `shared/diffbot.py` class of that name),
        so its bare name is that object, and it names `cls`'s module by no word but prose and the module
        paths its imports spell (`langchain_experimental.graph_transformers.diffbot`: import_words.py)."""
        index, summary, local = self.index, self.index.modules[module], cls.rpartition(".")[2]
        home, target = index.module_of(cls), summary.imports.get(local)
        found = resolve_name(index, target) if target is not None else cls
        if found == cls:
            return False
        source = found.rpartition(".")[0]
        if found not in index.classes and found not in index.functions and any(
                name == source or name.endswith(f".{source}") for name in index.modules):
            return False  # a project module by a shorter name from a folder on `sys.path` (`from shared import Cls`) may hand on ours
        word = home.rpartition(".")[2]
        return summary.words.get(word, 0) - summary.prose_words.get(word, 0) <= foreign_module_names(index, summary, word, {home})

    def re_exports(self, module: str, cls: str, count: int) -> bool:
        """The `count` mentions of `cls`'s name in `module` are only its import of `cls` under that name and
        its `__all__` entries: a package's re-export (mindsdb's `auth_utilities/google/__init__.py` of a
        `GoogleUserOAuth2Manager` nothing builds), which who builds it through the package names again;
        but in a distribution's top package, whose imports are its API for other distributions
        (distributions.py `published_packages`)."""
        summary, local = self.index.modules[module], cls.rpartition(".")[2]
        target = summary.imports.get(local)
        return module not in self.published and target is not None and resolve_name(self.index, target) == cls \
            and count <= summary.repeated_imports.get(local, 1) + summary.exports.count(local)

    def by_string(self, cls: str) -> bool:
        """Another file names the class `cls` without importing it (a dotted path in a string), unless
        it defines a class of that name and names it only there (dlrover's HTTP `BrainClient` beside
        the gRPC one) or does not name `cls`'s module. A class of a library copy (`copies`: vendored.py
        `library_copies`) is the other project's, which loads none of the project's strings: a file names it
        only by a path through its module (mylar's `'Client'` configuration label beside its copy of
        python-qbittorrent's `Client` loads nothing), as a file that defines its own class of that name does. A file that imports a class
        of that name, or calls it through a module it imports (`distrib.BagDistribClient(...)` after
        `import pkg.distrib as distrib`), names it in code: by a shorter name from a folder on
        `sys.path` or from a package several services of a monorepo share (`from models import
        UserManagementModel`) the import may not resolve, but it is no string."""
        if cls not in self.strings:
            self.strings[cls] = self._by_string(cls)
        return self.strings[cls]

    def _by_string(self, cls: str) -> bool:
        index, local = self.index, cls.rpartition(".")[2]
        home_module = index.module_of(cls)
        home, module_word = index.modules[home_module].path, home_module.rpartition(".")[2]
        for path, module, defined, calls in self._naming(local):
            if path == home or cls in calls:  # its own file, or one that calls it by its name
                continue
            if module is None:
                return True
            if not defined and home_module not in self.copies or self.files[path][local] > defined and self.files[path].get(module_word):
                return True  # beyond its own class's definition, a dotted path may name `cls`
        return False

    def _naming(self, local: str) -> List[Tuple[str, Optional[str], int, FrozenSet[str]]]:
        """The files that may name a class called `local` by a string, once per name: those that hold
        the word beyond prose and import no name of it nor call it through a module they import, as
        (path, its module or None, how many classes of that name it defines, its calls of that name); not
        those that hold it only as the name of a module their imports spell."""
        if local not in self.naming:
            index, found = self.index, []
            for path in self.where.get(local, ()):
                module = self.modules.get(path)
                if module is None:
                    found.append((path, None, 0, frozenset()))
                    continue
                summary = index.modules[module]
                targets = set(summary.imports.values())
                calls = self._calls(module).get(local, [])
                # `module` imports a name of its (`from models import Cls`, maybe re-exported by a package)
                # or calls one the resolver followed through an import: through a module it imports
                # (`distrib.Cls(...)`), or bound by an import in the calling function's body (`from s3store
                # import S3Store` in the factory that builds the configured backend, or `from api.lightning.cln
                # import CLNNode` before `CLNNode.get_version()`, a method called on the class), which `imports`,
                # the module's top-level bindings, does not hold. A resolved call not into `module` came so.
                if any(name.rpartition(".")[2] == local for name in targets) or any(
                        not call.startswith(f"{module}.") for call in (*calls, *self._calls(module, True).get(local, ()))):
                    continue
                if summary.prose_words.get(local, 0) >= self.files[path][local]:
                    continue  # only prose names it: a message, a comment ("Mage" the product, beside the class `Mage`)
                if only_module_names(summary, local, self.files[path][local] - summary.prose_words.get(local, 0)):
                    continue  # a module its imports name (`from kaapana.operators.HelperDcmWeb import f`, import_words.py)
                if local not in summary.string_words:  # word_counts.py `literal_words`, docstrings and labels aside
                    continue  # only its code's identifiers (`Mopidy = __import__('mopidypost').Mopidy`, `Mopidy(url)`)
                found.append((path, module, sum(name.rpartition(".")[2] == local for name in summary.classes), frozenset(calls)))
            self.naming[local] = found
        return self.naming[local]

    def _overriding(self, cls: str, target: str) -> bool:
        """`target` is a project subclass's own method overriding `cls`'s of its name: defining it or a call resolved
        to it (bpmservice's `self._getserviceaccounttoken_()`) runs none of `cls`'s."""
        other = target.rpartition(".")[0]
        return other != cls and cls in self.lineages.get(other, ()) and target in self.index.functions

    def _related(self, cls: str, other: str) -> bool:
        """`other` is no project class (a call the resolver could not type) nor module (a module
        function's call is no method's), or shares a lineage with `cls`."""
        if other in self.index.modules:
            return False
        return other not in self.lineages or cls in self.lineages[other] or other in self.lineages[cls]

    def _calls(self, module: str, owners: bool = False) -> Dict[str, List[str]]:
        """`module`'s resolved calls by the name they call, or (`owners`) by the name of what they call a
        method of (`Cls.method` under `Cls`)."""
        key = (module, owners)
        if key not in self.calls:
            found: Dict[str, List[str]] = {}
            for function in self.index.modules[module].functions.values():
                for call in function.calls:
                    owner, _, name = call.rpartition(".")
                    found.setdefault(owner.rpartition(".")[2] if owners else name, []).append(call)
            self.calls[key] = found
        return self.calls[key]
