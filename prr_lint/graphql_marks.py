"""Per-file GraphQL marks, recorded during the one walk in modules that import a GraphQL library.

Plain facts, resolved as far as one file allows (prr_lint/project/graphql.py decides what serves):

* ("field", class, field, name): a class-body field of a graphene or strawberry type and a name its
  type expression refers to (`top_sellers = graphene.List(SalesFigure)`, `user: User`); "returns"
  rows do the same for the return annotation of a decorated method (a strawberry field resolver).
* ("resolver", class, field, function): `graphene.Field(T, resolver=f)`, `strawberry.field(resolver=f)`.
* ("generated", class, field, line): a field whose resolver the library makes (`x: T = strawberry_django.field()`).
* ("schema", schema, role, type): `graphene.Schema(query=Query, mutation=Mutation)`, `strawberry.Schema(...)`.
* ("ariadne-type", object, type name, ""), ("ariadne-field", object, field, function) and
  ("bindable", schema, "", object): Ariadne's `QueryType()`/`ObjectType("User")`, `@query.field("x")`
  or `set_field`, and `make_executable_schema(type_defs, query, ...)`.
* ("endpoint", schema, route, owner): a view or ASGI app serving a schema (`GraphQLView.as_view(schema=)`,
  `GraphQLRouter(schema)`, `GraphQL(schema)`), its route and the router or urlconf ("django:<module>")
  whose prefix applies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional, Set

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint import graphql_tables as gql
from prr_lint.entry_marks import object_key
from prr_lint.tree import call_argument, descendants, string_value

if TYPE_CHECKING:
    from prr_lint.entry_marks import MarkState
    from prr_lint.model import FunctionSummary, ModuleSummary
    from prr_lint.resolve import Resolver

_LIBRARY_NAMES = ("builtins.", "typing.", "typing_extensions.", "graphene.", "strawberry.", "ariadne.", "datetime.",
                  "decimal.", "uuid.", "enum.")


def is_graphql_module(summary: "ModuleSummary") -> bool:
    return any(target.startswith(gql.GRAPHQL_PACKAGES) for target in summary.imports.values())


def _references(resolver: "Resolver", expr: cst.BaseExpression) -> Set[str]:
    """Names a type expression refers to (`List["Product"]` too), without library names."""
    found: Set[str] = set()
    for node in (expr, *descendants(expr, ())):
        name = None
        if isinstance(node, (cst.Name, cst.Attribute)):
            name = resolver.qualified_name(node)
        elif isinstance(node, cst.SimpleString) and string_value(node).isidentifier():
            name = resolver.qualified_name(cst.Name(string_value(node)))
        if name and "." in name and not name.startswith(_LIBRARY_NAMES):
            found.add(name)
    return found


def record_field(summary: "ModuleSummary", resolver: "Resolver", target: cst.BaseExpression,
                 annotation: Optional[cst.BaseExpression], value: Optional[cst.BaseExpression],
                 state: Optional["MarkState"] = None) -> None:
    """A class-body field: what its type refers to, and its resolver function when one is given
    (or, for a field function given none, that the library generates it)."""
    if not isinstance(target, cst.Name) or resolver.scope.kind != "class":
        return
    owner, field = resolver.scope.qualname, target.value
    references: Set[str] = set()
    for expr in (annotation, value):
        if expr is not None:
            references |= _references(resolver, expr)
    if isinstance(value, cst.Call):
        function = call_argument(value, -1, "resolver")
        name = resolver.qualified_name(function) if isinstance(function, (cst.Name, cst.Attribute)) else None
        if name:
            summary.graphql.append(("resolver", owner, field, name))
            references.discard(name)
        elif fw.canonical(resolver.qualified_name(value.func) or "") in gql.GENERATED_FIELDS:
            line = state.lines.attribute_line(field) if state is not None else 0
            summary.graphql.append(("generated", owner, field, str(line)))
    for reference in sorted(references):
        summary.graphql.append(("field", owner, field, reference))


def record_function(summary: "ModuleSummary", resolver: "Resolver", function: "FunctionSummary", node: cst.FunctionDef) -> None:
    """A decorated method's return type (strawberry fields), and Ariadne's `@query.field("name")`."""
    if node.decorators and node.returns is not None:
        for reference in sorted(_references(resolver, node.returns.annotation)):
            summary.graphql.append(("returns", function.qualname, "", reference))
    for decorator in node.decorators:
        call = decorator.decorator
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value in ("field", "source"):
            field = string_value(call_argument(call, 0, "name"))
            owner = object_key(resolver, call.func.value)
            if field and owner:
                summary.graphql.append(("ariadne-field", owner, field, function.qualname))


def record_call(summary: "ModuleSummary", resolver: "Resolver", node: cst.Call, name: str, state: "MarkState",
                endpoints_only: bool = False) -> None:
    """Schemas, Ariadne bindables and resolvers, and the endpoints that serve a schema (in any
    module, `endpoints_only`: a urlconf need not import a GraphQL library)."""
    name = fw.canonical(name)
    if endpoints_only:
        if name in gql.GRAPHQL_REGISTRARS or name.endswith(".add_url_rule"):
            _endpoint_registration(summary, resolver, node, name, state)
        return
    if name in gql.GRAPHQL_SCHEMAS:
        key = state.key_of(node)
        for role in ("query", "mutation", "subscription"):
            root = call_argument(node, 0 if role == "query" else -1, role)
            if isinstance(root, (cst.Name, cst.Attribute)):
                summary.graphql.append(("schema", key, role, resolver.qualified_name(root) or ""))
        for extra in _listed(call_argument(node, -1, "types")):
            summary.graphql.append(("schema", key, "types", resolver.qualified_name(extra) or ""))
        if _keeps_field_names(node):
            summary.graphql.append(("schema", key, "names-as-written", ""))
        return
    if name in gql.STRAWBERRY_TYPE_BUILDERS:
        # `create_type("UserQuery", [me, login])`: a type made of field functions;
        # `merge_types("Query", (A, B))`: a type with A and B's fields.
        key = state.keys.get(id(node))
        listed = call_argument(node, 1, "fields" if name.endswith("create_type") else "types")
        for item in _listed(listed):
            target = resolver.qualified_name(item) or ""
            if key and target:
                kind = "resolver" if name.endswith("create_type") else "base"
                summary.graphql.append((kind, key, target.rpartition(".")[2], target))
        if key:
            summary.graphql.append(("created-type", key, "", ""))
        return
    if name in gql.ARIADNE_SCHEMA:
        key = state.key_of(node)
        for arg in node.args[1:]:
            for bindable in _listed(arg.value):
                summary.graphql.append(("bindable", key, "", object_key(resolver, bindable)))
        return
    type_name = gql.ARIADNE_TYPES.get(name)
    if type_name is not None:
        key = state.keys.get(id(node))
        label = type_name or string_value(call_argument(node, 0, "name"))
        if key and label:
            summary.graphql.append(("ariadne-type", key, label, ""))
        return
    if name.endswith(".set_field") and isinstance(node.func, cst.Attribute):
        function = call_argument(node, 1, "resolver")
        target = resolver.qualified_name(function) if isinstance(function, (cst.Name, cst.Attribute)) else None
        field = string_value(call_argument(node, 0, "name"))
        if target and field:
            summary.graphql.append(("ariadne-field", object_key(resolver, node.func.value), field, target))
        return
    if name in gql.GRAPHQL_APPS and id(node) not in state.handled:
        schema = call_argument(node, 0, "schema")
        route = string_value(call_argument(node, -1, "path"))
        summary.graphql.append(("endpoint", _schema_key(resolver, schema), route, state.key_of(node)))
        return
    if name in gql.GRAPHQL_REGISTRARS or name.endswith(".add_url_rule"):
        _endpoint_registration(summary, resolver, node, name, state)


def _endpoint_registration(summary: "ModuleSummary", resolver: "Resolver", node: cst.Call, name: str, state: "MarkState") -> None:
    """`path("graphql/", GraphQLView.as_view(schema=schema))`, `app.add_url_rule("/graphql", view_func=...)`."""
    registrar = gql.GRAPHQL_REGISTRARS.get(name) or (gql.GRAPHQL_REGISTRARS[".add_url_rule"] if name.endswith(".add_url_rule") else None)
    if registrar is not None:
        handler_index, keyword, route_index = registrar
        view = call_argument(node, handler_index, keyword)
        if isinstance(view, cst.Call) and (resolver.qualified_name(view.func) or "").startswith("django.") and view.args:
            view = view.args[0].value  # csrf_exempt(GraphQLView.as_view(...))
        schema = graphql_view(resolver, view)
        if schema is None:
            return
        state.handled.add(id(view))
        route = string_value(call_argument(node, route_index, ""))
        if name.startswith("django."):
            owner = f"django:{summary.module}"
        else:
            owner = object_key(resolver, node.func.value) if isinstance(node.func, cst.Attribute) else ""
        summary.graphql.append(("endpoint", schema, route, owner))


def _keeps_field_names(node: cst.Call) -> bool:
    """`graphene.Schema(auto_camelcase=False)`, `strawberry.Schema(config=StrawberryConfig(auto_camel_case=False))`."""
    flag = call_argument(node, -1, "auto_camelcase")
    config = call_argument(node, -1, "config")
    if isinstance(config, cst.Call):
        flag = call_argument(config, -1, "auto_camel_case")
    return isinstance(flag, cst.Name) and flag.value == "False"


def graphql_view(resolver: "Resolver", expr: Optional[cst.BaseExpression]) -> Optional[str]:
    """The schema key of `GraphQLView.as_view(schema=schema)` (or a GraphQL app built in place),
    "" when the view takes its schema from settings; None when `expr` serves no GraphQL. A view
    class of the project's own (a subclass of a library view) counts when given `schema=`."""
    if not isinstance(expr, cst.Call):
        return None
    func = expr.func
    if isinstance(func, cst.Attribute) and func.attr.value == "as_view":
        schema = call_argument(expr, -1, "schema")
        if fw.canonical(resolver.qualified_name(func.value) or "") in gql.GRAPHQL_VIEWS or schema is not None:
            return _schema_key(resolver, schema)
        return None
    if fw.canonical(resolver.qualified_name(func) or "") in gql.GRAPHQL_APPS:
        return _schema_key(resolver, call_argument(expr, 0, "schema"))
    return None


def _schema_key(resolver: "Resolver", schema: Optional[cst.BaseExpression]) -> str:
    return object_key(resolver, schema) if isinstance(schema, (cst.Name, cst.Attribute)) else ""


def _listed(expr: Optional[cst.BaseExpression]) -> Iterator[cst.BaseExpression]:
    if isinstance(expr, (cst.List, cst.Tuple)):
        for element in expr.elements:
            if isinstance(element.value, (cst.Name, cst.Attribute)):
                yield element.value
    elif isinstance(expr, (cst.Name, cst.Attribute)):
        yield expr
