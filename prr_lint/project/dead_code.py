"""Dead code: module functions that no Python source of the project names, and the helpers beside
them that only they call.

A module function that no other source line of the project mentions is dead: a developer's
`do_test()` nobody calls any more, a `hello()` demo; it is not the running service. A name counts as
mentioned when it is a word of a non-test module's text, strings and comments included, beyond its
own definitions: a callable a settings string names, a function handed over as a value
(`Thread(target=do_import)`), one found again by `getattr(module, "name")` are all mentioned, which
the call graph alone would miss, and so is a plug-in's function its loader calls by name on the module
object it loaded by a computed name (`PLUGINS[name].handler(q)`: loaded_calls.py). Python programs without a `.py` name (`bin/rucio-auditor`, a
`#!` line that names python) and Pando simplates (`.spt`, Python pages) count too: a daemon they start is the service. Only module functions
can be unnamed: a method may be called by a framework through its base class (a serializer's
`to_representation`), and a class may be registered by subclassing (a web.py page, a plugin base's
`__init_subclass__`). A decorated function is registered by its decorator (a route, a signal
receiver, a plugin hook) and a dunder is called by Python: neither is dead here (for PRR401 and
PRR501, but under a cache or retry decorator, wrapped.py `LIBRARY_WRAPPERS`, which registers nothing: `@st.cache_resource` too, or under
a project decorator whose body only wraps it, newspipe's thread-starting `@async_maker`: wrapped.py), but for PRR501 a
Celery task (by Celery's decorator or a project decorator that makes one) no non-test source,
configuration or schedule names, which nothing sends (unsent_tasks.py). A route an earlier route of the same
router always answers for (shadowed_routes.py: `/errors` after `/{upload_id}`) is dead in every set, its name
used or not, and so are the helpers only it calls; so is a nested `def` no name of its module reads (unread_defs.py).

PRR401 asks more closely (its first set): a word counts only in a file that can reach the function's
module (its own file, by code and strings but not comments and docstrings, or a file that names the
module), so another class's `timer` method does not keep `utils.timer` alive; decorators that only
wrap (`@contextmanager`, `lru_cache`, such a project decorator) register nothing; and a class's methods are dead when its
module names it once and only dead code builds it, or when it is a plain class (no base but
`object`, no decorator, no metaclass) nothing names at all.

PRR501 asks what can run at all (`_unused`): a test's mention does not make code the service
(judges of several sets: a function only a test calls is not the deployed service), nor does a test
module's batch code (a locust load test's users, which run against the service), nor does prose
(a commented-out `# 'redis': check_redis` or `#     token = get_form_token(...)`, a message, a URL,
a logging call's message however short: structlog's `log.info("create_alert")`), another object of
its name (an import from another library, another object's method, an ORM row's `team.delete()` too, another module's function),
what uses it for nothing (its own recursive call, or its name in its own body, an attribute or a string that is no
prose, a task's lock key: foreign_calls.py; a package's re-export `from .client import
create_alert` and an `__all__` entry, but in a distribution's top package, whose imports are its API
for other distributions: who calls it through a package imports it from there or names a dotted
path through it) or any word of a file that cannot reach its module or, importing neither it nor its module, defines
a namesake of its own (foreign_calls.py).
A method is dead when only a call by its name can run it (no dunder Python or a common library calls, a made-up
`__logout_all__` is none: called_dunders.py, no `_sunder_` a library calls, no registering
decorator; in a class that code outside the project may call into, through an external base, a
class decorator or a registering metaclass anywhere in its lineage (a class's own, not its file's;
`ABCMeta` registers nothing: metaclasses.py), only a private `_name`, since a framework
calls public hooks such as `get_queryset` or `emit` (not one its module calls only in a comment, where its family
shows the name is no hook: commented_calls.py), unless every such base is one whose calls are
known, requests' `Session`, Django's `Model` (its auth user bases too), Tornado's `RequestHandler` or github3.py's `GitHub`, and the method is none of them: known_bases.py,
which also keeps such a handler's other methods from being served hooks (entrypoints.py); a
class a string of code or a configuration file names may be loaded by name (an import, one in a function body too, is none), one only prose or
documentation names is not (a docstring however short), nor one a file names only as its own class of that name, nor one a file imports or calls through its module: typed_calls.py
`by_string`; a file holding it only as identifiers, `Mopidy = __import__('mopidypost').Mopidy`, or in a label,
`"QQ Bot"` or a configuration file's `"EZID user name"`, names it by no string; a string naming a base loads no subclass nothing else names, and a
commented-out import builds none: `unbuilt`, `hooked_classes` without `base_loads`; a class an object of which is handed
to a library, `REGISTRY.register(QueueCollector(url))`: handed_objects.py; but a family only a string loads is used
through the interface it declares, if it declares one: interfaces.py), that implements no abstract method of a project
base (code that holds the base calls it, a library too) and no service source or other text file (a template, a configuration file) names
it beyond prose (a commented-out `#    self.replace_with_api(...)`; in a text file, a comment line
or a file's name, a crontab's `refresh_cache.sh`, or documentation, a `.md` or `.rst` file: text_words.py `tree_calling_words`;
for a library copy's method, any word but an attribute's, such as a link's path `auth/logout`: vendored.py `library_copies`) or an assignment that binds an attribute of
that name (a generated gRPC stub's `self.optimize = channel.unary_unary(...)`: `_unstored`), or every mention of its name is typed to another
class: a call whose receiver resolves to an unrelated class's method of that name (or a module
function of that name: kobocat's `gravatar_exists` property beside the helper it wraps), or a file
that defines such a method and names neither the class nor its module (`AccountsClient.get_credentials`
beside `GoogleClient.get_credentials`: typed_calls.py; or one whose only uses that may reach a method are such calls, its log line's
`[create_view_permission]` or a URLconf's imported view of that name none; no call at all on a receiver other than the
function locals that hold every object of a plain class or of its subclasses, or the class itself, which call other methods
of it: nadine's `MailgunAPI.send` beside other objects' `send(...)`, accounted_objects.py), or no service code may reach its name (no attribute
read, name-like string or class-body name; its own body's uses aside, a retry's call of itself or
of a stub's method of that name, which run only once it does: unused_names.py). A framework calls no public static method or property of
its subclass as a hook (a model's `media_upload` only tests call is dead); a template tag no template uses and a form's `clean_<name>` for
no field of the form are never called by the framework (framework_hooks.py), and a class only dead
code builds (the tag's node) has no live method, nor has a base the project never builds a method
every subclass overrides (overridden.py), nor a Django or DRF class-based view nothing refers to (an
entry point by its base alone: a copy left in another module while the URLconf imports its namesake;
serving reach is then taken without it: unrouted_views.py). A module-level class no service source names (its name held
only by unrelated classes of that name elsewhere, by a file whose import binds it to another object, or by a package's re-export but in a distribution's
top package: typed_calls.py `re_exports`; a file that calls its static method through a module, `transfer.Svc.reset()`,
names it in code, not by a string) has no live method, though one registers a servicer (start-up code) or a call
through its base's method seems to reach it; in a run over a whole project, a module no deployed process loads is no
service source for this (unrun_builds.py: a gateway only an unincluded router's wiring builds). What only dead code calls is
dead in any module when its name is in no file but its own and its dead callers' (for a method, but one that
holds it only as another class's: a generated servicer's `optimize`; a method's callers include the calls of
the base methods it overrides and of its name on a receiver of no known type: dispatched_callers.py), and nested code
of dead code is dead too (a generator a dead static method builds). A caller that only drops the
coroutine it makes (a sync view's unawaited call of an `async def`: unawaited.py) runs nothing of it,
as a dead caller, and so does one whose every call of it passes arguments its signature cannot bind (a keyword it
does not declare: unbound.py), a call of a method's name on a receiver of no known type included.

Without recognised entry points see dead_scope.py. Words are counted in the per-file pass, which holds the source and the tree (word_counts.py),
and kept in the module summaries (and so in the cache): the project phase merges them, and reads the
Python programs and text files the index does not hold (text_words.py). One step still parses modules
again: the search for classes nothing runs parses the files that name a candidate class
(unregistered.py; every such re-read goes through parsed_trees.py, once per file), a known cost on
large Django projects.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain
from typing import AbstractSet, Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Set, Tuple

from prr_lint.metaclasses import registering_metaclass
from prr_lint.model import UNREAD_DEF
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.distributions import published_packages
from prr_lint.project.foreign_calls import Reach, service_mentions
from prr_lint.project.hooked_classes import hooked_classes
from prr_lint.project.known_bases import SELF_BUILT
from prr_lint.project.framework_hooks import unrun_hooks
from prr_lint.project.loaded_calls import loaded_calls
from prr_lint.project.method_naming import MethodNaming, only_by_name
from prr_lint.project.names import class_ancestors
from prr_lint.project.overridden import overridden_methods
from prr_lint.project.parsed_trees import tree_reader
from prr_lint.project.dispatched_callers import dispatched_callers
from prr_lint.project.project_tree import ProjectTree, project_tree
from prr_lint.project.shadowed_routes import shadowed_handlers
from prr_lint.project.support import test_modules
from prr_lint.project.text_words import TEXT_SUFFIXES, script_words, tree_path_ends, tree_words
from prr_lint.project.typed_calls import TypedCalls
from prr_lint.project.unawaited import idle_callers
from prr_lint.project.unbound_callers import unbound_callers
from prr_lint.project.unregistered import CONFIG_SUFFIXES, ParsedSource, unrun_classes
from prr_lint.project.unrun_builds import unrun_built_classes
from prr_lint.project.unrouted_views import unrouted_views
from prr_lint.project.unsent_tasks import unsent_tasks
from prr_lint.project.unused_names import word_totals
from prr_lint.project.wrapped import only_wrapped
from prr_lint.tree_reads import is_file, read_text
from prr_lint.word_counts import tokenized_words

# What serving code reaches when the given functions are no entry points (scope.py `NonServing`).
Reaching = Callable[[FrozenSet[str]], Set[str]]


def dead_functions(analysis, serving: Set[str], reaching: Optional[Reaching] = None) -> Tuple[Set[str], Set[str], Set[str]]:
    """Unnamed module functions with their nested functions, and the module's own helpers every
    project caller of which is dead; never one that `serving` code or background work reaches.
    Second, those of them that no test names either: code the tests still exercise is kept working
    and may be wired in again. Third, PRR501's: what no service source names (`_unused`), where
    `reaching` tells what serving code reaches without some entry points (views nothing routes)."""
    index = analysis.index
    tests = test_modules(index)
    tree = project_tree(analysis)
    base = tree.root
    files = _service_files(index, tests, tree)
    if files is None:
        return set(), set(), set()
    names = _defined_names(index)
    counts = word_totals(files.values(), names)
    tested = word_totals((index.modules[name].words for name in tests), names)
    defined, test_defined, own = _definitions(index, tests)
    untested = _closed(analysis, serving, tests, lambda local, module: counts[local] <= defined[local] and tested[local] <= test_defined[local])
    # PRR401: only a file that can reach the module names its function: the module's own file, or one
    # that names the module (`import utils`, `from .utils import timer`, "pkg.utils.timer"); a word
    # elsewhere is another thing of the same name (a `querylog.timer()` method beside a dead `utils.timer`).
    where: Dict[str, List[str]] = {}
    for path, words in files.items():
        for word in names.intersection(words):
            where.setdefault(word, []).append(path)

    code: Dict[str, Counter] = {}

    def mentions(local: str, module: str) -> int:
        summary = index.modules[module]
        home, word = summary.path, module.rpartition(".")[2]
        found = sum(files[path][local] for path in where.get(local, ()) if path != home and files[path].get(word))
        if found or not files.get(home, {}).get(local):
            return found
        # its own file: code and strings, not comments and docstrings ("A quick timer.")
        if local in summary.code_words:
            return summary.code_words[local] - own.get(home, Counter())[local]
        if home not in code:  # a class of another module of the same name: its file, tokenized
            code[home] = tokenized_words(read_text(base / home) or "")
        return code[home][local] - own.get(home, Counter())[local]

    def single_use(cls: str) -> Optional[bool]:
        """Whether a module-level class of a non-test module is named once beyond its definition;
        None for a plain class (no bases, no decorators, no metaclass) named nowhere at all."""
        module, _, local = cls.rpartition(".")
        if module not in index.modules or module in tests:
            return False
        named, summary = mentions(local, module), index.modules[module]
        if named <= 0 and not registering_metaclass(summary, cls) and not summary.class_decorators.get(cls):
            return None if local in summary.plain_classes else False
        return named == 1

    called = loaded_calls(analysis)  # a plug-in's function its loader calls by name on the module object
    dead = _closed(analysis, serving, tests, lambda local, module: mentions(local, module) <= 0 and f"{module}.{local}" not in called,
                   single_use)

    named = _service_naming(analysis, own, called, Reach(index))

    def uncoded(local: str, module: str) -> bool:
        """No service source names it beyond its definitions: no comment, prose, other object of that
        name or file that cannot reach its module does (foreign_calls.py)."""
        return not named(f"{module}.{local}", ((path, files[path]) for path in where.get(local, ())))

    unused = _unused(analysis, serving, tests, _unstored(index, tests, files, names), uncoded,
                     _unnamed_in_code(index, tests, names, counts, defined), tree, reaching)
    return dead, untested, unused


def unsent(analysis) -> FrozenSet[str]:
    """The Celery tasks nothing sends (unsent_tasks.py), once per run: PRR501's dead code, and no background work
    for the serving scope (scope.py), since they run only where code calls them."""
    return analysis.derived("unsent-tasks", lambda: _unsent(analysis))


def _unsent(analysis) -> FrozenSet[str]:
    index = analysis.index
    tests = test_modules(index)
    files = _service_files(index, tests, project_tree(analysis))
    if files is None:
        return frozenset()
    # every file may name a task, reach aside: its registered name depends on how the worker imports it
    named = _service_naming(analysis, _definitions(index, tests)[2], loaded_calls(analysis), lambda *_: True)

    def unnamed(local: str, module: str, besides: Callable[[Optional[str]], int]) -> bool:
        """No service source names the task beyond its definitions and the `besides(module)` words of a module that
        send nothing, wherever it is (foreign_calls.py)."""
        return not named(f"{module}.{local}", ((path, words) for path, words in files.items() if words.get(local)), besides)

    stored = _unstored(index, tests, files, _defined_names(index))
    return frozenset(unsent_tasks(index, tests, stored, tree_words(analysis, TEXT_SUFFIXES), unnamed, tree_reader(analysis)))


def commented_dead(analysis, serving: Set[str], candidates: Iterable[str]) -> FrozenSet[str]:
    """Of the methods `candidates` (dead_scope.py: those whose only call is commented out; in a daemons-only project,
    its properties too), the ones `_unused` asks about that its method question finds uncalled (method_naming.py
    `uncalled`, text files aside), with what is nested in them, none reached by serving code or background work. A
    project that may be a library asks only this, and so only this is computed: `_unused`'s questions of every method cost seconds on the standard library."""
    index, tests, tree = analysis.index, test_modules(analysis.index), project_tree(analysis)
    files = _service_files(index, tests, tree)
    if files is None:
        return frozenset()
    names = _defined_names(index)
    unnamed = _unnamed_in_code(index, tests, names, word_totals(files.values(), names), _definitions(index, tests)[0])
    naming = MethodNaming(analysis, tests, _unstored(index, tests, files, names), unnamed, tree.root)
    found = [qualname for qualname in candidates for cls, _, local in [qualname.rpartition(".")]
             if index.module_of(cls) == cls.rpartition(".")[0] and naming.uncalled(cls, local, index.functions[qualname])
             and not naming.in_texts(local, cls)]
    batch = sorted(name for name in analysis.model.batch if name in index.functions and index.module_of(name) not in tests)
    live = serving | set(breadth_first(analysis.graph, batch, UNBOUNDED))
    prefixes = tuple(f"{name}." for name in found)
    return frozenset(name for name in index.functions if (name in found or name.startswith(prefixes)) and name not in live)


def _service_naming(analysis, own: Dict[str, Counter], called: AbstractSet[str], reach: Callable[..., bool]) -> Callable[..., bool]:
    """`named(qualname, places, besides)`: whether a non-test source of `places` ((path, words) pairs) names the module
    function `qualname` beyond its `own` definitions and its module's `besides(module)` words, as far as `reach` lets
    it (foreign_calls.py), or a plug-in loader calls its name on the module object (`called`, loaded_calls.py)."""
    index, published = analysis.index, published_packages(analysis)
    modules = {summary.path: name for name, summary in index.modules.items()}

    def named(qualname: str, places: Iterable[Tuple[str, Mapping[str, int]]], besides: Callable[..., int] = lambda _: 0) -> bool:
        local = qualname.rpartition(".")[2]
        return qualname in called or any(
            service_mentions(index, modules.get(path), qualname, words, own.get(path, Counter())[local], reach, published)
            > besides(modules.get(path)) for path, words in places)
    return named


def _service_files(index, tests: Set[str], tree: ProjectTree) -> Optional[Dict[str, Mapping[str, int]]]:
    """Root-relative path -> the words of each service source: the modules but tests, and the Python programs the
    index does not hold. None when a module is no file under the root (source handed over in memory, on stdin): the
    tree is unknown, and nothing may be called dead."""
    scripts = script_words(tree)
    if scripts is None or not all(is_file(tree.root / module.path) for module in index.modules.values()):
        return None
    files: Dict[str, Mapping[str, int]] = {module.path: module.words for name, module in index.modules.items() if name not in tests}
    files.update(scripts)
    return files


def _defined_names(index) -> Set[str]:
    """The last parts of the project's function and class names: the words dead code is decided by."""
    return {qualname.rpartition(".")[2] for module in index.modules.values() for qualname in chain(module.functions, module.classes)}


def _definitions(index, tests: Set[str]) -> Tuple[Counter, Counter, Dict[str, Counter]]:
    """How often each word is defined (a `def f` or `class f` line mentions f once itself) in service modules and in
    tests, and per file the words its own definitions mention; not a module's own top level, whose qualname is the
    module's: its file name is no word of it."""
    defined: Counter = Counter()
    test_defined: Counter = Counter()
    own: Dict[str, Counter] = {}
    for name, module in index.modules.items():
        local = Counter(qualname.rpartition(".")[2] for qualname in chain(module.functions, module.classes) if qualname != name)
        (test_defined if name in tests else defined).update(local)
        own[module.path] = local
    return defined, test_defined, own


def _unnamed_in_code(index, tests: Set[str], names: Set[str], counts: Mapping[str, int], defined: Mapping[str, int]) -> Callable[[str], bool]:
    """PRR501: no service source names the word beyond its definitions, where prose names no method either (a
    commented-out `#    self.replace_with_api(...)`, a message), nor does an assignment that binds an attribute of that
    name (a gRPC stub's `self.optimize = ...`), nor an import's module path (kirara-ai's
    `from ...format.rerank import LLMReRankRequest` beside an adapter's `rerank`)."""
    service = [module for name, module in index.modules.items() if name not in tests]
    prose = word_totals((module.prose_words for module in service), names)
    stores = word_totals((module.attribute_stores for module in service), names)
    module_paths = word_totals((module.module_path_words for module in service), names)
    return lambda local: counts[local] - prose[local] - stores[local] - module_paths[local] <= defined[local]


def _unstored(index, tests: Set[str], files: Mapping[str, Mapping[str, int]], names: Set[str]) -> Dict[str, Mapping[str, int]]:
    """The files' words without the attributes their assignments bind, of the project's function and
    class names: `self.optimize = channel.unary_unary(...)` in a generated gRPC stub holds the stub's own
    attribute, and names no other class's `optimize` (word_counts.py `bound_attributes`)."""
    found = dict(files)
    for name, module in index.modules.items():
        stored = names.intersection(module.attribute_stores) if name not in tests else ()
        if stored and module.path in found:
            words = dict(found[module.path])
            for word in stored:
                left = words.get(word, 0) - module.attribute_stores[word]
                if left > 0:
                    words[word] = left
                else:
                    words.pop(word, None)
            found[module.path] = words
    return found


def _unused(analysis, serving: Set[str], tests: Set[str], files: Mapping[str, Mapping[str, int]],
            uncoded: Callable[..., bool], unnamed: Callable[[str], bool], tree: ProjectTree,
            reaching: Optional[Reaching] = None) -> Set[str]:
    """PRR501's dead code: module functions no service source names (a test's mention or a comment
    in its own file does not count), methods nothing but a call by name can run and that no source
    or text file of the project names, the methods of a Django or DRF view nothing refers to (an
    entry point by its base alone, so `serving` is what `reaching` finds without them), and what only
    such code calls, in any module when its name is in no other file."""
    index = analysis.index
    naming = MethodNaming(analysis, tests, files, unnamed, tree.root)
    typed, hooked, in_texts, loaded, parse = naming.typed, naming.hooked, naming.in_texts, naming.loaded, naming.parse
    text_words = lambda suffixes=TEXT_SUFFIXES: tree_words(analysis, suffixes)  # noqa: E731 - by suffix, read once per run
    methods: Dict[str, str] = {}  # method -> its module
    for cls in index.classes:
        module = index.module_of(cls)
        if module != cls.rpartition(".")[0] or module in tests:  # a nested class (`Config`, `Meta`) a framework reads
            continue
        for qualname, function in index.modules[module].functions.items():
            local = qualname[len(cls) + 1:] if qualname.startswith(f"{cls}.") else ""
            if naming.uncalled(cls, local, function):
                methods[qualname] = module
    methods = {name: module for name, module in methods.items() if not in_texts(name.rpartition(".")[2], name.rpartition(".")[0])}
    # A class nothing can build or subclass: all its methods (`__init__` included) never run, though one
    # registers handlers (a serving seed) or a call through a base's method may reach it.
    found_by_name = hooked_classes(index, loaded, base_loads=False)
    unbuilt = {f"{cls}." for cls in index.classes
               if cls not in found_by_name and index.module_of(cls) not in tests and cls.rpartition(".")[0] == index.module_of(cls)
               and typed.unbuilt(cls) and not in_texts(cls.rpartition(".")[2]) and SELF_BUILT.isdisjoint(class_ancestors(index, cls))}
    # and a class only modules no deployed process loads build (unrun_builds.py)
    unbuilt.update(f"{cls}." for cls in unrun_built_classes(
        analysis, tests, files, lambda kept: TypedCalls(index, kept, naming.published, naming.copies, naming.accounted).unbuilt,
        lambda cls: cls in found_by_name or loaded(cls)))
    methods.update((prefix, prefix[:-1].rpartition(".")[0]) for prefix in unbuilt)
    # and a class nothing runs: only imported, subclassed or read a plain attribute of (unregistered.py)
    sources: Dict[str, Optional[ParsedSource]] = {}  # files indexed for it, indexed once for overridden.py too
    methods.update((f"{cls}.", index.module_of(cls)) for cls in unrun_classes(
        index, tests, files, parse, text_words, lambda suffixes: tree_path_ends(analysis, suffixes), sources))
    # a Django/DRF view nothing refers to: an entry point by its base, routed by nothing (unrouted_views.py)
    unrouted = unrouted_views(index, tests, files, parse, text_words(CONFIG_SUFFIXES), sources) if reaching is not None else set()
    if unrouted:
        methods.update((f"{cls}.", index.module_of(cls)) for cls in unrouted)
        prefixes = tuple(f"{cls}." for cls in unrouted)
        serving = reaching(frozenset(name for name in index.functions if name.startswith(prefixes)))
    methods.update(unrun_hooks(index, tree, parse))  # a template tag no template uses, a form's `clean_` for no field
    # a base's method every subclass overrides, in a base the project never builds (overridden.py)
    methods.update((name, index.module_of(name)) for name in overridden_methods(index, analysis.graph, tests, files, parse, sources, naming.published))
    # a Celery task nothing sends, which no background work then reaches either (unsent_tasks.py)
    idle = unsent(analysis)
    methods.update((name, index.module_of(name)) for name in idle)

    def spreads(name: str, callers: Set[str]) -> bool:
        """Nothing but its dead callers can run `name`: a method only a call by name runs, or an
        undecorated module function, whose name no file holds but theirs and its own, or, for a
        method, one that holds it only as another class's (typed_calls.py `names_other`: a generated
        gRPC servicer's `optimize` beside a client's)."""
        owner, _, local = name.rpartition(".")
        function = index.functions[name]
        method = owner in index.classes
        if method:
            if naming.base_api(owner, local) or not only_by_name(local, function, hooked.may_call(owner, local)):
                return False
        elif owner not in index.modules or not local.isidentifier() or local.startswith("__") or function.decorators:
            return False
        homes = {index.modules[index.module_of(caller)].path for caller in callers} | {index.modules[index.module_of(name)].path}
        return all(path in homes or method and typed.names_other(path, owner, local)
                   for path, words in files.items() if words.get(local)) and not in_texts(local, owner)

    def built(cls: str, callers: Set[str]) -> bool:
        """Only `callers` build the module-level class `cls`: no other file names it, and its own
        names it once for the definition and once for each of them, beside annotations that build
        nothing (a getter's `-> SyncClient`, a module variable's `_client: SyncClient | None`: annotation_words.py)."""
        summary, local = index.modules.get(cls.rpartition(".")[0]), cls.rpartition(".")[2]
        named = summary.code_words.get(local, 0) - summary.type_words.get(local, 0) if summary is not None else 0
        return summary is not None and named <= 1 + len(callers) and not in_texts(local) and all(
            path == summary.path for path, words in files.items() if words.get(local))

    return _closed(analysis, serving, tests, uncoded, methods=methods, spreads=spreads, built=built, idle=idle, never=tuple(sorted(unbuilt)),
                   may_reach=naming.accounted.may_reach)


def _closed(analysis, serving: Set[str], tests: Set[str], unnamed: Callable[[str, str], bool],
            single_use: Optional[Callable[[str], bool]] = None, methods: Optional[Mapping[str, str]] = None,
            spreads: Optional[Callable[[str, Set[str]], bool]] = None, built: Optional[Callable[[str, Set[str]], bool]] = None,
            idle: AbstractSet[str] = frozenset(), never: Tuple[str, ...] = (),
            may_reach: Callable[[str, str], bool] = lambda cls, local: True) -> Set[str]:
    """The module functions `unnamed` picks with their nested functions and their module's helpers
    only they call, none reached by serving code or background work; with `single_use` (a class its
    module names once, beyond its definition), the methods of such a class that only dead code builds
    (`with Timer(name):` in the wrapper of an unused decorator). With `methods`, those are candidates
    too, test code calls nothing, and a function of another module every caller of which is dead is
    dead when `spreads` says nothing else can call it (given those callers), and a class's methods
    when all that builds it is dead and `built` says nothing else can (a template tag's node). The methods of
    the classes `never` (prefixes `cls.`) are dead even where serving code seems to reach them: nothing builds one."""
    index, graph = analysis.index, analysis.graph
    # `idle`: unsent tasks; with `methods`, a test module's batch code (a load test's locust users) runs no service code
    batch = sorted(name for name in analysis.model.batch if name in index.functions and name not in idle
                   and (methods is None or index.module_of(name) not in tests))
    live = serving | set(breadth_first(graph, batch, UNBOUNDED))
    wrapping = single_use is not None or methods is not None  # not the others' set
    candidates: Dict[str, str] = dict(methods or {})  # module function -> its module
    for name, module in index.modules.items():
        if name in tests:
            continue
        prefix = f"{name}."
        for qualname, function in module.functions.items():
            local = qualname[len(prefix):] if qualname.startswith(prefix) else ""
            if not local.isidentifier() or local.startswith("__"):  # not a `<lambda>`
                continue
            if function.decorators and not (wrapping and only_wrapped(index, function)):  # registered (wrapped.py)
                continue
            if unnamed(local, name):
                candidates[qualname] = name
    # a route an earlier route of its router answers for, however its name is used (shadowed_routes.py)
    candidates.update((name, index.module_of(name)) for name in shadowed_handlers(analysis) if index.module_of(name) not in tests)
    # a nested `def` nothing names, wherever its parent runs (unread_defs.py)
    candidates.update((name, index.module_of(name)) for name, function in index.functions.items()
                      if UNREAD_DEF in function.tags and index.module_of(name) not in tests)
    if single_use is not None:  # a plain class nothing names: its methods (`__init__` included) never run
        candidates.update((f"{cls}.", cls.rpartition(".")[0]) for cls in index.classes if single_use(cls) is None)
    # A caller that only drops the coroutine it makes runs nothing of it, as a dead caller (unawaited.py).
    # So does one whose every call of it cannot bind to its signature (unbound_callers.py).
    dropping = {name: frozenset(caller for caller in found if methods is None or index.module_of(caller) not in tests) - {name}
                for name, found in _merged(idle_callers(graph, tests), unbound_callers(graph, tests)).items()}
    if not candidates and not dropping:
        return set()
    prefixes = tuple(f"{name}." if not name.endswith(".") else name for name in candidates)
    dead = {name for name in index.functions if (name in candidates or name.startswith(prefixes)) and (name not in live or name.startswith(never))}
    # Helpers of the same module that only dead code calls are dead too (a fixpoint over callers).
    # A recursive call keeps nothing alive, nor (with `methods`) a test's.
    callers = {name: frozenset(caller for caller in found if methods is None or index.module_of(caller) not in tests) - {name}
               for name, found in graph.callers().items()}
    callers.update((name, frozenset()) for name in dropping if name not in callers)
    if methods is not None:
        callers = dispatched_callers(index, callers, tests, may_reach)
    homes = set(candidates.values())
    # A class of those modules built once, in dead code, and named nowhere else: its methods too.
    classes = [name for name in index.classes if name.rpartition(".")[0] in homes and single_use is not None and single_use(name)
               or built is not None and f"{name}.__init__" in callers]
    changed = True
    while changed:
        added = {
            name for name, found in callers.items()
            if (found or dropping.get(name)) and name not in dead and name not in live and found <= dead
            and (name.rpartition(".")[0] in homes or spreads is not None and spreads(name, found | dropping.get(name, frozenset())))
        }
        for cls in classes:
            if callers.get(f"{cls}.__init__") and callers[f"{cls}.__init__"] <= dead and (built is None or built(cls, callers[f"{cls}.__init__"])):
                added.update(name for name in index.functions if name.startswith(f"{cls}.") and name not in dead and name not in live)
        # and what is nested in them (a generator a dead method builds), which runs only when they do
        nested = tuple(f"{name}." for name in added)
        dead |= added | {name for name in index.functions if name.startswith(nested) and name not in live} if added else added
        changed = bool(added)
    return dead


def _merged(*tables: Mapping[str, FrozenSet[str]]) -> Dict[str, FrozenSet[str]]:
    """Function -> the callers any of `tables` gives it."""
    merged: Dict[str, FrozenSet[str]] = {}
    for table in tables:
        for name, callers in table.items():
            merged[name] = merged.get(name, frozenset()) | callers
    return merged
