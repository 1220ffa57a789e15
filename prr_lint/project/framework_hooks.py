"""Framework hooks the framework never calls (PRR501's dead code, project/dead_code.py `_unused`).

A framework calls some functions by a name it finds elsewhere, and only when it finds it:

- Django's template engine runs a tag or filter a template library registers
  (`@register.tag`, `@register.simple_tag`, `@register.filter`) only when a template uses it,
  `{% image_preview obj 64 %}` or `{{ value|image_preview }}`. A registered tag no file of the
  project uses (templates, other text files, Python strings included) and no project code calls is
  never run: tendenci's `{% image_preview %}`, whose node checks a URL with an unbounded request.
- A Django form calls `clean_<name>` only for the fields it has: the fields its classes declare,
  the `Meta.fields` of a model form, the ones `__init__` adds to `self.fields`. mathesar's
  `DataFileForm.clean_url`, for a `url` field the form does not have, never runs. A form whose
  fields cannot be listed (a base outside Django's forms, `fields = "__all__"`, `Meta.exclude`, a
  field added under a computed name, a model form an admin or a form factory may build with other
  fields) keeps all its `clean_` methods.
"""

from __future__ import annotations

import ast
import os
import re
from typing import Dict, Iterator, Optional, Set

from prr_lint.project.names import class_ancestors
from prr_lint.project.parsed_trees import TreeOf
from prr_lint.project.project_tree import ProjectTree
from prr_lint.tree_reads import read_bytes

# Template library registrars: a function they decorate runs when a template uses its name.
TEMPLATE_REGISTRARS = frozenset(f"{prefix}.Library.{kind}" for prefix in ("django.template", "django.template.library", "django.template.base")
                                 for kind in ("tag", "simple_tag", "inclusion_tag", "filter", "simple_block_tag"))
_FORM_BASES = frozenset({"django.forms.Form", "django.forms.forms.Form", "django.forms.BaseForm", "django.forms.forms.BaseForm"})
_MODEL_FORM_BASES = frozenset({"django.forms.ModelForm", "django.forms.models.ModelForm", "django.forms.models.BaseModelForm"})
_INERT = frozenset({"object", "builtins.object"})
# Names of code that builds a model form with other fields than its `Meta.fields` (an admin's fieldsets).
_FACTORIES = frozenset({"ModelAdmin", "InlineModelAdmin", "TabularInline", "StackedInline", "modelform_factory",
                        "modelformset_factory", "inlineformset_factory", "generic_inlineformset_factory"})
_MAX_TEXT = 1 << 21
# `{% name` (a tag) and `|name` (a filter, `{{ value|name:arg }}`).
_TAG_USE = re.compile(r"\{%-?\s*(\w+)")
_FILTER_USE = re.compile(r"\|\s*(\w+)")


def unrun_hooks(index, tree: ProjectTree, parse: TreeOf) -> Dict[str, str]:
    """Template tags and filters nothing uses and form `clean_` methods for fields no form has, with
    their modules; `parse` gives a root-relative file's tree (parsed_trees.py)."""
    found: Dict[str, str] = {}
    tags = {name: module for name, module in _registered_tags(index, parse)}
    if tags:
        used = _template_words(tree)
        found.update((name, module) for name, (module, tag) in tags.items() if tag not in used)
    found.update(_unrun_cleaners(index, parse))
    return found


def _registered_tags(index, parse: TreeOf) -> Iterator[tuple]:
    """(function, (module, the name templates use)) of every template tag or filter a project module
    registers by decorating it, that no project code calls."""
    callers = None
    for module, summary in index.modules.items():
        for qualname, function in summary.functions.items():
            if qualname.rpartition(".")[0] != module or not set(function.decorators) & TEMPLATE_REGISTRARS:
                continue
            if callers is None:
                callers = _called(index)
            if qualname in callers:
                continue
            name = _tag_name(parse(summary.path), qualname.rpartition(".")[2])
            if name:
                yield qualname, (module, name)


def _called(index) -> Set[str]:
    """Every function some project code calls, hands over or looks up by name."""
    found: Set[str] = set()
    for summary in index.modules.values():
        found.update(summary.by_name)
        for function in summary.functions.values():
            found.update(function.calls)
            found.update(function.handoffs)
    return found


def _tag_name(tree: Optional[ast.Module], local: str) -> Optional[str]:
    """The name templates use for the tag or filter `local` defines: its decorator's `name`, first
    string argument, or the function's own name; None when the file cannot be read."""
    if tree is None:
        return None
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == local:
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call):
                    for value in [*decorator.args[:1], *(k.value for k in decorator.keywords if k.arg == "name")]:
                        if isinstance(value, ast.Constant) and isinstance(value.value, str):
                            return value.value
                        if not isinstance(value, ast.Constant):  # a computed name: not known
                            return None
            return local
    return None


def _template_words(tree: ProjectTree) -> Set[str]:
    """Every name a file of the project uses as a template tag or filter: templates of any suffix,
    and Python source that builds a template from a string."""
    used: Set[str] = set()
    for folder, name in tree.files():
        data = read_bytes(os.path.join(folder, name), _MAX_TEXT) or b""
        if b"{%" in data or b"|" in data:
            text = data.decode("utf-8", errors="replace")
            used.update(_TAG_USE.findall(text))
            used.update(_FILTER_USE.findall(text))
    return used


def _unrun_cleaners(index, parse: TreeOf) -> Iterator[tuple]:
    """(method, module) of each `clean_<name>` of a Django form whose fields are all known and hold
    no `<name>`."""
    for cls in index.classes:
        module = index.module_of(cls)
        summary = index.modules.get(module)
        if summary is None or cls.rpartition(".")[0] != module:
            continue
        cleaners = [name for name in summary.functions if name.startswith(f"{cls}.clean_") and name.count(".") == cls.count(".") + 1
                    and name.rpartition(".")[2] != "clean_"]
        if not cleaners:
            continue
        fields: Optional[Set[str]] = set()
        for form in [cls, *(name for name in index.classes if cls in class_ancestors(index, name))]:  # a subclass's fields too
            own = _form_fields(index, form, parse)
            fields = None if own is None or fields is None else fields | own
        if fields is not None:
            yield from ((name, module) for name in cleaners if name.rpartition(".")[2][len("clean_"):] not in fields)


def _form_fields(index, cls: str, parse: TreeOf) -> Optional[Set[str]]:
    """The fields of the Django form `cls`, or None when it is no form or they cannot all be known."""
    lineage = [cls, *class_ancestors(index, cls)]
    external = [name for name in lineage if name not in index.classes and name not in _INERT]
    if not external or not set(external) <= _FORM_BASES | _MODEL_FORM_BASES:
        return None
    fields: Set[str] = set()
    meta_fields: Optional[Set[str]] = None
    for name in (name for name in lineage if name in index.classes):
        summary = index.modules[index.module_of(name)]
        node = _class_node(parse(summary.path), name[len(summary.module) + 1:])
        if node is None or "base_fields" in summary.words:
            return None
        own = _declared(node)
        if own is None:
            return None
        fields |= own[0]
        if own[1] is not None and meta_fields is None:  # the nearest Meta wins
            meta_fields = own[1]
    if set(external) & _MODEL_FORM_BASES:
        local = cls.rpartition(".")[2]
        if meta_fields is None or any(summary.words.get(local) and not _FACTORIES.isdisjoint(summary.words) for summary in index.modules.values()):
            return None  # an admin or a form factory may build it with fields of its own
        fields |= meta_fields
    return fields


def _declared(node: ast.ClassDef) -> Optional[tuple]:
    """A form class's own fields: its class-level names and the literal keys `self.fields[...]` is
    given; and its `Meta.fields` when a literal list (None without one); None when a field's name is
    computed or `Meta` excludes fields or lists them all."""
    names: Set[str] = set()
    meta: Optional[Set[str]] = None
    for statement in node.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            names.update(target.id for target in targets if isinstance(target, ast.Name))
        elif isinstance(statement, ast.ClassDef) and statement.name == "Meta":
            for item in statement.body:
                if not isinstance(item, ast.Assign) or not any(isinstance(t, ast.Name) and t.id in ("fields", "exclude") for t in item.targets):
                    continue
                if any(isinstance(t, ast.Name) and t.id == "exclude" for t in item.targets) or not isinstance(item.value, (ast.List, ast.Tuple)):
                    return None
                values = [element.value for element in item.value.elts if isinstance(element, ast.Constant) and isinstance(element.value, str)]
                if len(values) != len(item.value.elts):
                    return None
                meta = set(values)
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr == "fields" and not isinstance(getattr(sub, "ctx", None), ast.Load):
            return None  # `self.fields = {...}`
        if isinstance(sub, ast.Subscript) and isinstance(sub.value, ast.Attribute) and sub.value.attr == "fields":
            if isinstance(sub.ctx, ast.Store):
                if not (isinstance(sub.slice, ast.Constant) and isinstance(sub.slice.value, str)):
                    return None
                names.add(sub.slice.value)
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr in ("update", "setdefault") \
                and isinstance(sub.func.value, ast.Attribute) and sub.func.value.attr == "fields":
            return None
    return names, meta


def _class_node(tree: Optional[ast.Module], local: str) -> Optional[ast.ClassDef]:
    if tree is None:
        return None
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == local:
            return node
    return None
