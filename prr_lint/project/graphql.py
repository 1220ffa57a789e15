"""GraphQL resolvers as entry points (graphene, strawberry, Ariadne), from the summaries' GraphQL marks.

A resolver serves requests when its type is reachable from a schema object: the schema's root
types (`graphene.Schema(query=Query, mutation=Mutation)`, `strawberry.Schema(...)`), then every type
a reachable type's fields refer to (`graphene.List(Product)`, `user: User`, a strawberry field's
return annotation), whether or not the URL wiring is found. Resolvers are graphene `resolve_<field>`
methods (inherited ones too) and a mutation class's `mutate` (or `mutate_and_get_payload`,
`perform_mutate`), strawberry `@strawberry.field`/`@strawberry.mutation` methods, any `resolver=`
function, and Ariadne `@query.field("x")`/`set_field` functions of bindables passed to
`make_executable_schema`. Routes read `POST /graphql Query.topSellers`: the endpoint when one serves
the schema, then the GraphQL type and field (camelCased as graphene and strawberry do by default).
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Dict, Iterator, List, Optional, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint import graphql_tables as gql
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors, methods, resolve_name
from prr_lint.project.routes import RouteTree, join, route_tree

# (function, framework, route, line): a field whose resolver the library generates is named by its class
# attribute (`svc.schema.Query.users`), which is no project function, and carries its line (0 otherwise).
Resolver = Tuple[str, str, str, int]


def camel(field: str) -> str:
    """graphene's and strawberry's default field names: `top_sellers` -> `topSellers`."""
    head, *rest = field.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class _Marks:
    """Every module's GraphQL marks, grouped."""

    def __init__(self, index: ProjectIndex) -> None:
        self.fields: Dict[str, Dict[str, Set[str]]] = {}
        self.resolvers: Dict[str, Dict[str, str]] = {}
        self.generated: Dict[str, Dict[str, int]] = {}  # root-type fields given no resolver: class -> field -> line
        self.returns: Dict[str, Set[str]] = {}
        self.schemas: Dict[str, List[Tuple[str, str]]] = {}
        self.bindables: Dict[str, List[str]] = {}
        self.ariadne_types: Dict[str, str] = {}
        self.ariadne_fields: Dict[str, List[Tuple[str, str]]] = {}
        self.endpoints: List[Tuple[str, str, str]] = []
        self.created: Set[str] = set()  # strawberry types made by `create_type` / `merge_types`
        self.bases: Dict[str, List[str]] = {}  # their bases (`merge_types`)
        for module in index.modules.values():
            for kind, a, b, c in module.graphql:
                if kind == "field":
                    self.fields.setdefault(a, {}).setdefault(b, set()).add(c)
                elif kind == "resolver":
                    self.resolvers.setdefault(a, {})[b] = c
                elif kind == "generated":
                    self.generated.setdefault(a, {})[b] = int(c or 0)
                elif kind == "returns":
                    self.returns.setdefault(a, set()).add(c)
                elif kind == "schema":
                    self.schemas.setdefault(a, []).append((b, c))
                elif kind == "bindable":
                    self.bindables.setdefault(a, []).append(c)
                elif kind == "ariadne-type":
                    self.ariadne_types[a] = b
                elif kind == "ariadne-field":
                    self.ariadne_fields.setdefault(a, []).append((b, c))
                elif kind == "endpoint":
                    self.endpoints.append((a, b, c))
                elif kind == "created-type":
                    self.created.add(a)
                elif kind == "base":
                    self.bases.setdefault(a, []).append(c)


def find_resolvers(index: ProjectIndex) -> List[Resolver]:
    if not any(module.graphql for module in index.modules.values()):
        return []
    marks = _Marks(index)
    tree = route_tree(index)
    found: Dict[str, Resolver] = {}
    for schema, roots in sorted(marks.schemas.items()):
        endpoint = _endpoint(index, tree, marks, schema)
        names = (lambda field: field) if ("names-as-written", "") in roots else camel
        for function, framework, route, line in _schema_resolvers(index, marks, roots, names):
            found.setdefault(function, (function, framework, f"{endpoint} {route}" if endpoint else route, line))
    for schema, bindables in sorted(marks.bindables.items()):
        endpoint = _endpoint(index, tree, marks, schema)
        for bindable in bindables:
            key = _object(index, bindable)
            label = marks.ariadne_types.get(key)
            for field, function in sorted(marks.ariadne_fields.get(key, ())) if label else ():
                target = index.canonical(function)
                if target in index.functions:
                    route = f"{label}.{field}"
                    found.setdefault(target, (target, "ariadne", f"{endpoint} {route}" if endpoint else route, 0))
    return sorted(found.values())


def _object(index: ProjectIndex, name: str) -> str:
    """A module-level object's key with re-exports followed (`svc.api.schema` imported from `svc.schema`)."""
    for _ in range(6):
        owner, _, attribute = name.rpartition(".")
        module = index.modules.get(owner)
        target = module.imports.get(attribute) if module is not None else None
        if not target or target == name:
            return name
        name = target
    return name


def _endpoint(index: ProjectIndex, tree: RouteTree, marks: _Marks, schema: str) -> str:
    """`POST /graphql` for the endpoint serving `schema`: one given it by name (the shortest route
    when several are), else one that takes its schema from settings (graphene-django's
    `GRAPHENE["SCHEMA"]`), else the project's only one."""
    key = _object(index, schema)
    mine = [e for e in marks.endpoints if e[0] and _object(index, e[0]) == key]
    if not mine:
        mine = [e for e in marks.endpoints if not e[0]] or (marks.endpoints if len(marks.endpoints) == 1 else [])
    if not mine:
        return ""
    _, route, owner = min(mine, key=lambda e: (len(e[1]), e))  # the plainest route when several serve it
    if owner.startswith("django:"):
        full = join(tree.include_prefix(owner[len("django:"):]), route, "django")
    else:
        full = join(tree.router_prefix(owner) if owner else "", route, "fastapi")
    return "POST /" + full.lstrip("/")


def _schema_resolvers(index: ProjectIndex, marks: _Marks, roots: List[Tuple[str, str]],
                      camel: Callable[[str], str] = camel) -> Iterator[Resolver]:
    """Breadth-first over the types reachable from a schema's roots. A root type's fields that the
    library resolves itself (`users: list[User] = strawberry_django.field()`) are entry points too:
    each queries the database for a request; on other types such a field reads a model attribute."""
    queue: deque = deque()
    seen: Set[str] = set()
    root_types: Set[str] = set()

    def enqueue(name: str) -> None:
        target = _class(index, name) or _created(index, marks, name)
        if target is not None and target not in seen:
            seen.add(target)
            queue.append(target)

    order = ("query", "mutation", "subscription", "types")
    for role, root in sorted((item for item in roots if item[0] in order), key=lambda item: order.index(item[0])):
        enqueue(root)
        if role != "types":
            root_types.update(filter(None, (_class(index, root), _created(index, marks, root))))
    while queue:
        current = queue.popleft()
        lineage = _lineage(index, marks, current)
        library = "strawberry" if current in marks.created else _library(index, current, lineage)
        if library is None:
            continue
        label = current.rpartition(".")[2]
        fields: Dict[str, Set[str]] = {}
        resolvers: Dict[str, str] = {}
        generated: Dict[str, str] = {}
        for owner in reversed(lineage):
            for field, references in marks.fields.get(owner, {}).items():
                fields.setdefault(field, set()).update(references)
            resolvers.update(marks.resolvers.get(owner, {}))
            generated.update((field, owner) for field in marks.generated.get(owner, {}))
        for field, function in sorted(resolvers.items()):
            target = index.canonical(function)
            if target in index.functions:
                yield target, library, f"{label}.{camel(field)}", 0
                for reference in sorted(marks.returns.get(target, ())):
                    enqueue(reference)
        for field, owner in sorted(generated.items()) if current in root_types else ():
            if field not in resolvers:
                yield f"{owner}.{field}", library, f"{label}.{camel(field)}", marks.generated[owner][field]
        if library == "graphene":
            yield from _graphene_type(index, label, lineage, fields, camel)
        else:
            yield from _strawberry_type(index, marks, label, lineage, enqueue, camel)
        for field, references in sorted(fields.items()):
            for reference in sorted(references):
                enqueue(reference)


def _created(index: ProjectIndex, marks: _Marks, name: str) -> Optional[str]:
    key = _object(index, name)
    return key if key in marks.created else None


def _lineage(index: ProjectIndex, marks: _Marks, name: str) -> List[str]:
    """A type and its project bases, including types built by `create_type` / `merge_types`."""
    found: List[str] = []
    stack = [name]
    while stack and len(found) < 200:
        current = stack.pop(0)
        if current in found:
            continue
        found.append(current)
        if current in marks.created:
            stack.extend(filter(None, (_class(index, b) or _created(index, marks, b) for b in marks.bases.get(current, ()))))
        else:
            for base in index.classes.get(current, ()):
                resolved = _class(index, base) or _created(index, marks, base)
                if resolved is not None:
                    stack.append(resolved)
    return found


def _class(index: ProjectIndex, name: str) -> Optional[str]:
    target = index.canonical(name) or resolve_name(index, name)
    return target if target in index.classes else None


def _library(index: ProjectIndex, name: str, lineage: List[str]) -> Optional[str]:
    for owner in lineage:
        module = index.modules.get(owner.rpartition(".")[0])
        decorators = module.class_decorators.get(owner, ()) if module is not None else ()
        if any(fw.canonical(resolve_name(index, decorator)) in gql.STRAWBERRY_TYPES for decorator, _ in decorators):
            return "strawberry"
    if any(base.startswith(gql.GRAPHENE_PACKAGES) for base in class_ancestors(index, name)):
        return "graphene"
    return None


def _graphene_type(index: ProjectIndex, label: str, lineage: List[str], fields: Dict[str, Set[str]],
                   camel: Callable[[str], str]) -> Iterator[Resolver]:
    """`resolve_<field>` methods along the class hierarchy, and the mutations its fields mount."""
    done: Set[str] = set()
    for owner in lineage:
        for method in sorted(methods(index, owner)):
            short = method.rpartition(".")[2]
            if short.startswith("resolve_") and short not in done:
                done.add(short)
                yield method, "graphene", f"{label}.{camel(short[len('resolve_'):])}", 0
    for field, references in sorted(fields.items()):
        for reference in sorted(references):
            target = _class(index, reference)
            handler = _mutation_method(index, target) if target is not None else None
            if handler is not None:
                yield handler, "graphene", f"{label}.{camel(field)}", 0


def _mutation_method(index: ProjectIndex, name: str) -> Optional[str]:
    """The method graphene runs for a mutation class: one of its own, else an inherited `mutate`."""
    own = {method.rpartition(".")[2]: method for method in methods(index, name)}
    for candidate in gql.GRAPHENE_MUTATION_METHODS:
        if candidate in own:
            return own[candidate]
    if not any(base.startswith(gql.GRAPHENE_PACKAGES) and base.endswith("Mutation") for base in class_ancestors(index, name)):
        return None
    for candidate in gql.GRAPHENE_MUTATION_METHODS:
        found = index._method(name, candidate, set())
        if found is not None:
            return found
    return None


def _strawberry_type(index: ProjectIndex, marks: _Marks, label: str, lineage: List[str], enqueue,
                     camel: Callable[[str], str]) -> Iterator[Resolver]:
    """`@strawberry.field` / `@strawberry.mutation` methods, and the types their return annotations name."""
    done: Set[str] = set()
    for owner in lineage:
        for method in sorted(methods(index, owner)):
            short = method.rpartition(".")[2]
            function = index.functions[method]
            if short in done or not any(fw.canonical(resolve_name(index, d)) in gql.STRAWBERRY_FIELDS for d in function.decorators):
                continue
            done.add(short)
            yield method, "strawberry", f"{label}.{camel(short)}", 0
            for reference in sorted(marks.returns.get(method, ())):
                enqueue(reference)
