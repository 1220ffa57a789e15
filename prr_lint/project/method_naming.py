"""Whether only a call by its name can run a method, and no service source makes that call (PRR501's dead code).

dead_code.py's `_unused` asks it of every method of the project; dead_scope.py's commented-out candidates (methods
whose only call is commented out) ask it of a few. Building the answers' tables is cheap (the summaries' words, the
classes' lineages); what costs is asking every method, so the tables are built once and each question is one call.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Callable, FrozenSet, Mapping, Set

from prr_lint.called_dunders import called_outside_code
from prr_lint.project.accounted_objects import AccountedObjects
from prr_lint.project.commented_calls import commented_out_calls, without_prose
from prr_lint.project.distributions import module_distributions, published_packages, runs_on_its_own
from prr_lint.project.handed_objects import handed_classes
from prr_lint.project.hooked_classes import Hooks
from prr_lint.project.interfaces import Interfaces
from prr_lint.project.known_bases import base_calls
from prr_lint.project.names import class_ancestors
from prr_lint.project.parsed_trees import tree_reader
from prr_lint.project.text_words import tree_attribute_words, tree_calling_words, tree_loading_words, tree_path_ends
from prr_lint.project.typed_calls import TypedCalls
from prr_lint.project.unregistered import CONFIG_SUFFIXES
from prr_lint.project.unused_names import UnusedNames, project_aliases
from prr_lint.project.vendored import library_copies

# Properties that keep their first value: the getter runs when code reads the attribute, as a property's does
# (openalex-guts' `@cached_property def raw_wikipedia_data` on a model, which nothing reads).
_CACHED_PROPERTIES = frozenset({"functools.cached_property", "cached_property.cached_property",
                                "cached_property.threaded_cached_property", "django.utils.functional.cached_property",
                                "werkzeug.utils.cached_property", "werkzeug.cached_property"})
# Decorators that make a method a property: its getter runs when code reads the attribute by its name.
PROPERTIES = frozenset({"builtins.property"}) | _CACHED_PROPERTIES
# Decorators that register nothing: a method they decorate runs only when called by its name.
PLAIN_METHODS = frozenset({"builtins.staticmethod", "builtins.classmethod"}) | PROPERTIES
# Methods a framework base does not call as hooks: a public static method or property of a model
# (kobocat's `MetaData.media_upload`, `UserProfile.gravatar_exists`) runs only when called by name.
_NO_HOOKS = frozenset({"builtins.staticmethod"}) | PROPERTIES


def only_by_name(local: str, function, hooked: bool) -> bool:
    """Whether a method named `local` runs only when code calls it by that name: not a dunder Python or a
    common library calls nor such a `_sunder_` (called_dunders.py; a made-up `__logout_all__` or `_getheaders_` is an ordinary method),
    not registered by a decorator (`staticmethod`, `classmethod`, `property` and a cached property register nothing),
    and, in a class that code outside the project may call into (hooked_classes.py: a framework base's `get_queryset`,
    `emit`, `run`), only a private `_name` (a made-up dunder too) or a static method or property (`_NO_HOOKS`)."""
    if not local.isidentifier() or called_outside_code(local):
        return False
    decorators = set(function.decorators)
    return decorators <= PLAIN_METHODS and (not hooked or local.startswith("_") or bool(decorators) and decorators <= _NO_HOOKS)


class MethodNaming:
    """The tables dead_code.py's method questions read, over `files` (the service's files' words without the
    attributes their assignments bind) and `unnamed` (no service source names the word beyond prose)."""

    def __init__(self, analysis, tests: Set[str], files: Mapping[str, Mapping[str, int]],
                 unnamed: Callable[[str], bool], root: Path) -> None:
        self.index = analysis.index
        self.analysis, self.tests, self.files, self.unnamed = analysis, tests, files, unnamed
        self.parse = tree_reader(analysis)  # each file parsed once in the run (parsed_trees.py)
        self._coded = None
        self._root = root

    # Every table below is built on first use, as the hooks further down: a question about a few methods
    # (dead_code.py `commented_dead`) may need few of them.

    @cached_property
    def copies(self) -> Set[str]:
        return library_copies(self.analysis)

    @cached_property
    def accounted(self) -> AccountedObjects:
        """A class whose every object a function's local holds only to call methods on: untyped calls reach no other
        method of it (accounted_objects.py), unless a string, a text file or a library hand-off may hold one."""
        return AccountedObjects(self.index, self.tests, self.files, self.parse,
                                lambda cls: self.loaded(cls) or cls in self.handed or self.in_texts(cls.rpartition(".")[2]))

    @cached_property
    def published(self) -> Set[str]:
        return published_packages(self.analysis)

    @cached_property
    def typed(self) -> TypedCalls:
        return TypedCalls(self.index, self.files, self.published, self.copies, self.accounted)

    @cached_property
    def handed(self) -> FrozenSet[str]:
        """A library an object of the class is handed to may call its public methods (handed_objects.py)."""
        return handed_classes(self.analysis, self.tests)

    @cached_property
    def interfaces(self) -> Interfaces:
        return Interfaces(self.index)

    @cached_property
    def commented_only(self) -> Callable[[str, str], bool]:
        return commented_out_calls(self.index, self.analysis.graph, self.tests)

    @cached_property
    def _dotted(self) -> Callable[[str], bool]:
        """A string spells a dotted path to the class."""
        ends = tree_path_ends(self.analysis, CONFIG_SUFFIXES).union(
            *(module.path_ends for name, module in self.index.modules.items() if name not in self.tests))
        return lambda cls: cls.rpartition(".")[2] in ends

    @cached_property
    def hooked(self) -> Hooks:
        """The classes code outside the project may call into (hooked_classes.py). Built on first use, as the two
        below: a question about a few methods (dead_code.py `commented_dead`) may need none of them."""
        return Hooks(self.index, self.loaded, self._dotted, self.handed, self.interfaces)

    @cached_property
    def named_hooked(self) -> Hooks:
        """`hooked` where a base the index leaves unresolved may be a project class's shorter name (unused_names.py)."""
        return Hooks(self.index, self.loaded, self._dotted, self.handed, self.interfaces, project_aliases(self.index))

    @cached_property
    def unused(self) -> Callable[[str, str], bool]:
        """No service code may reach the method by its name (unused_names.py)."""
        paths = {summary.path for summary in self.index.modules.values()}
        libraries = [folder for folder in module_distributions(self.analysis) if not runs_on_its_own(self._root / folder)]
        programs = (words for path, words in self.files.items() if path not in paths)
        return UnusedNames(self.index, self.tests, programs, self.named_only, libraries).unused

    def in_texts(self, local: str, owner: str = "") -> bool:
        """A text file may call `local` (a comment line or a file's name calls nothing); a method of a library
        copy's class `owner` only as an attribute (mylar's `href="auth/logout"` beside python-qbittorrent's `logout`); no text file
        holds an object of a class whose every object is accounted for (accounted_objects.py), to call another method of."""
        index = self.index
        if owner in index.classes and not self.accounted.may_reach(owner, local):
            return False
        if owner in index.classes and index.module_of(owner) in self.copies:
            return local in tree_attribute_words(self.analysis)
        return local in tree_calling_words(self.analysis)

    def loaded(self, cls: str) -> bool:
        """A class a string or a configuration file names (Django's MIDDLEWARE, an entry point) is
        loaded by name, and its public methods may be a protocol (`process_view`); documentation, a template's
        text, a script of another language (opencraft's `OpenEdXInstance` in its how-tos) or a configuration
        file's prose (a comment, a `package.json` description: text_words.py `tree_loading_words`) loads no class."""
        return self.typed.by_string(cls) or cls.rpartition(".")[2] in tree_loading_words(self.analysis, CONFIG_SUFFIXES)

    def base_api(self, cls: str, local: str) -> bool:
        """A known external base of `cls`'s lineage calls its method `local` (known_bases.py), or it implements an
        abstract method of a project base, which code that knows only the base calls (interfaces.py)."""
        return base_calls(class_ancestors(self.index, cls), local) or self.interfaces.implements(cls, local)

    def named_only(self, qualname: str) -> bool:
        """A method of a non-test module that runs only when code names it."""
        cls, _, local = qualname.rpartition(".")
        function = self.index.functions.get(qualname)
        return function is not None and cls in self.index.classes and self.index.module_of(cls) not in self.tests \
            and not self.base_api(cls, local) and only_by_name(local, function, self.named_hooked.may_call(cls, local))

    def coded_calls(self) -> TypedCalls:
        """`typed` over the files' words without their prose, built once."""
        if self._coded is None:
            self._coded = TypedCalls(self.index, without_prose(self.index, self.files), self.published, self.copies, self.accounted)
        return self._coded

    def uncalled(self, cls: str, local: str, function) -> bool:
        """Only a call by its name runs the method `local` of `cls` and no service source makes one: no known base
        calls it, and its name is unnamed, every mention is typed to another class (typed_calls.py), or no service
        code may reach it (unused_names.py); a method whose only call is commented out is no hook (commented_calls.py),
        and the commented call names it only in prose. Text files aside (`in_texts`)."""
        if self.base_api(cls, local):
            return False
        commented = self.commented_only(cls, local)
        typing = self.coded_calls() if commented else self.typed
        return only_by_name(local, function, not commented and self.hooked.may_call(cls, local)) and (self.unnamed(local) or typing.elsewhere(cls, local)) \
            or only_by_name(local, function, self.named_hooked.may_call(cls, local)) and self.unused(cls, local)
