"""GraphQL registries (prr_lint/graphql_marks.py, project/graphql.py): schema constructors, views and
apps that serve a schema, strawberry type and field decorators, graphene bases. Data only, matched
by fully qualified name like prr_lint/frameworks.py's tables."""

from __future__ import annotations

from typing import Dict, Tuple

GRAPHQL_PACKAGES = ("graphene", "strawberry", "ariadne")
# Schema constructors: `query=` (or the first argument), `mutation=`, `subscription=`, `types=`.
GRAPHQL_SCHEMAS = frozenset({"graphene.Schema", "graphene.types.schema.Schema", "strawberry.Schema",
                             "strawberry.federation.Schema", "strawberry.schema.Schema", "strawberry.schema.schema.Schema"})
ARIADNE_SCHEMA = frozenset({"ariadne.make_executable_schema", "ariadne.executable_schema.make_executable_schema"})
# Ariadne bindables -> the GraphQL type they bind ("" = the name given as first argument).
ARIADNE_TYPES: Dict[str, str] = {
    "ariadne.QueryType": "Query", "ariadne.MutationType": "Mutation", "ariadne.SubscriptionType": "Subscription",
    "ariadne.ObjectType": "", "ariadne.InterfaceType": "",
    "ariadne.objects.QueryType": "Query", "ariadne.objects.MutationType": "Mutation", "ariadne.objects.ObjectType": "",
}
# Views that serve a schema given as `schema=` to `as_view` (or from settings).
GRAPHQL_VIEWS = frozenset({
    "graphene_django.views.GraphQLView", "graphene_django.GraphQLView", "strawberry.django.views.GraphQLView",
    "strawberry.django.views.AsyncGraphQLView", "strawberry.flask.views.GraphQLView",
    "strawberry.flask.views.AsyncGraphQLView", "strawberry.sanic.views.GraphQLView", "strawberry.aiohttp.views.GraphQLView",
    "ariadne.contrib.django.views.GraphQLView", "flask_graphql.GraphQLView", "graphql_server.flask.GraphQLView",
    "graphql_server.flask.graphqlview.GraphQLView",
})
# ASGI/WSGI apps and routers built from a schema (first argument or `schema=`).
GRAPHQL_APPS = frozenset({
    "strawberry.fastapi.GraphQLRouter", "strawberry.asgi.GraphQL", "strawberry.aiohttp.views.GraphQLView",
    "ariadne.asgi.GraphQL", "ariadne.wsgi.GraphQL", "ariadne.asgi.graphql.GraphQL", "starlette_graphene3.GraphQLApp",
})
# Registrars whose handler may be a GraphQL view -> (handler index, keyword, route index).
GRAPHQL_REGISTRARS: Dict[str, Tuple[int, str, int]] = {
    **{name: (1, "view", 0) for name in ("django.urls.path", "django.urls.re_path", "django.conf.urls.url",
                                         "django.urls.conf.path", "django.urls.conf.re_path")},
    ".add_url_rule": (2, "view_func", 0),
    "starlette.routing.Route": (1, "endpoint", 0),
}
STRAWBERRY_TYPES = frozenset({
    "strawberry.type", "strawberry.interface", "strawberry.federation.type", "strawberry.federation.interface",
    "strawberry_django.type", "strawberry_django.interface", "strawberry.django.type", "strawberry.experimental.pydantic.type",
    "strawberry_django.partial",
})
# Types built by a call rather than a class statement.
STRAWBERRY_TYPE_BUILDERS = frozenset({"strawberry.tools.create_type", "strawberry.tools.merge_types",
                                      "strawberry.tools.create_type.create_type", "strawberry.tools.merge_types.merge_types"})
STRAWBERRY_FIELDS = frozenset({
    "strawberry.field", "strawberry.mutation", "strawberry.subscription", "strawberry.federation.field",
    "strawberry_django.field", "strawberry_django.mutation", "strawberry_django.connection", "strawberry.django.field",
    "strawberry.django.mutation", "strawberry.relay.connection", "strawberry.relay.field",
})
# Field functions whose resolver the library generates when none is given (`x: XType = strawberry_django.field()`
# on a root type queries the model; strawberry_django's `mutations.create(Input)` writes it).
GENERATED_FIELDS = STRAWBERRY_FIELDS | frozenset({
    "strawberry_django.mutations.create", "strawberry_django.mutations.update", "strawberry_django.mutations.delete",
    "strawberry_django.node", "strawberry.relay.node",
})
# Graphene bases and the methods a mutation class runs, in the order graphene looks for them.
GRAPHENE_PACKAGES = ("graphene.", "graphene_django.", "graphene_sqlalchemy.", "graphene_mongo.", "graphene_federation.")
GRAPHENE_MUTATION_METHODS = ("mutate", "mutate_and_get_payload", "perform_mutate", "perform_mutation")
