"""GraphQL resolvers as entry points (issue 11 item 2): reachable from a schema, routed by endpoint."""

from __future__ import annotations

from _serving import analysis_for, entries, run


def test_graphene_mixins_mutations_and_unreachable_types() -> None:
    files = {
        "app/__init__.py": "",
        "app/users.py": (
            "import graphene\nfrom graphene import relay\n\n"
            "class User(graphene.ObjectType):\n    name = graphene.String()\n    friends = graphene.List(lambda: User)\n"
            "    def resolve_friends(root, info):\n        return []\n\n"
            "class UserQueries:\n    me = graphene.Field(User)\n    def resolve_me(root, info):\n        return None\n\n"
            "def resolve_count(root, info):\n    return 0\n\n"
            "class BaseMutation(graphene.Mutation):\n    ok = graphene.Boolean()\n"
            "    def mutate(root, info, **data):\n        return None\n\n"
            "class Rename(BaseMutation):\n    class Arguments:\n        name = graphene.String()\n"
            "    def perform_mutation(root, info, name):\n        return None\n\n"
            "class Delete(BaseMutation):\n    pass\n\n"
            "class Invite(relay.ClientIDMutation):\n    def mutate_and_get_payload(root, info, **data):\n        return None\n\n"
            "class Orphan(graphene.ObjectType):\n    x = graphene.Int()\n    def resolve_x(root, info):\n        return 1\n"
        ),
        "app/schema.py": (
            "import graphene\nfrom app.users import Delete, Invite, Rename, UserQueries, resolve_count\n\n"
            "class Query(UserQueries, graphene.ObjectType):\n    user_count = graphene.Int(resolver=resolve_count)\n\n"
            "class Mutation(graphene.ObjectType):\n    rename_user = Rename.Field()\n    delete_user = Delete.Field()\n"
            "    invite_user = Invite.Field()\n\n"
            "schema = graphene.Schema(query=Query, mutation=Mutation)\n"
        ),
    }
    assert entries(files) == [
        ("graphene", "Mutation.deleteUser", "app.users.BaseMutation.mutate"),
        ("graphene", "Mutation.inviteUser", "app.users.Invite.mutate_and_get_payload"),
        ("graphene", "Mutation.renameUser", "app.users.Rename.perform_mutation"),
        ("graphene", "Query.me", "app.users.UserQueries.resolve_me"),
        ("graphene", "Query.userCount", "app.users.resolve_count"),
        ("graphene", "User.friends", "app.users.User.resolve_friends"),
    ]


def test_strawberry_types_reached_through_annotations_and_the_flask_view() -> None:
    files = {
        "svc/schema.py": (
            "from typing import List, Optional\nimport strawberry\n\n"
            "@strawberry.type\nclass Book:\n    title: str\n    author: 'Author'\n\n"
            "@strawberry.type\nclass Author:\n    name: str\n    @strawberry.field\n    def books(self) -> List[Book]:\n        return []\n\n"
            "@strawberry.type\nclass Hidden:\n    @strawberry.field\n    def secret(self) -> str:\n        return ''\n\n"
            "@strawberry.type\nclass Query:\n    @strawberry.field\n    def book(self, id: strawberry.ID) -> Optional[Book]:\n        return None\n\n"
            "schema = strawberry.Schema(Query)\n"
        ),
        "svc/app.py": (
            "from flask import Flask\nfrom strawberry.flask.views import GraphQLView\nfrom svc.schema import schema\n"
            "app = Flask(__name__)\napp.add_url_rule('/graphql', view_func=GraphQLView.as_view('graphql_view', schema=schema))\n"
        ),
    }
    assert entries(files) == [
        ("strawberry", "POST /graphql Author.books", "svc.schema.Author.books"),
        ("strawberry", "POST /graphql Query.book", "svc.schema.Query.book"),
    ]


def test_ariadne_bindables_of_an_executable_schema_mounted_on_starlette() -> None:
    files = {
        "api/main.py": (
            "from ariadne import MutationType, ObjectType, QueryType, gql, make_executable_schema\n"
            "from ariadne.asgi import GraphQL\nfrom starlette.applications import Starlette\n\n"
            "type_defs = gql('type Query { hello: String }')\nquery = QueryType()\nmutation = MutationType()\n"
            "user = ObjectType('User')\nunused = ObjectType('Unused')\n\n"
            "@query.field('hello')\ndef resolve_hello(_, info):\n    return 'hi'\n\n"
            "@user.field('fullName')\ndef resolve_full_name(obj, info):\n    return ''\n\n"
            "@unused.field('x')\ndef resolve_x(obj, info):\n    return 1\n\n"
            "def resolve_login(_, info, name):\n    return True\n\nmutation.set_field('login', resolve_login)\n\n"
            "schema = make_executable_schema(type_defs, query, [mutation, user])\n"
            "app = Starlette()\napp.mount('/graphql', GraphQL(schema))\n"
        ),
    }
    assert entries(files) == [
        ("ariadne", "POST /graphql Mutation.login", "api.main.resolve_login"),
        ("ariadne", "POST /graphql Query.hello", "api.main.resolve_hello"),
        ("ariadne", "POST /graphql User.fullName", "api.main.resolve_full_name"),
    ]


def test_batch_call_reached_from_a_resolver_is_reported_with_its_path() -> None:
    files = {
        "svc/schema.py": (
            "import graphene\nfrom svc import stats\n\n"
            "class Query(graphene.ObjectType):\n    total = graphene.Int()\n"
            "    def resolve_total(root, info):\n        return stats.total()\n\n"
            "schema = graphene.Schema(query=Query)\n"
        ),
        "svc/stats.py": "from google.cloud import bigquery\n\ndef total():\n    return bigquery.Client().query('select 1')\n",
    }
    [finding] = run(files, select=("PRR301",)).findings
    assert "graphene entry point Query.total" in finding.message
    assert [r.message for r in finding.related] == [
        "svc/schema.py:Query.resolve_total", "svc/stats.py:total", "google.cloud.bigquery.Client.query",
    ]


def test_strawberry_types_built_by_create_type_and_a_project_view_subclass() -> None:
    files = {
        "api/__init__.py": "",
        "api/users.py": (
            "import strawberry\nfrom strawberry.tools import create_type\n\n"
            "@strawberry.type\nclass User:\n    @strawberry.field\n    def email(self) -> str:\n        return ''\n\n"
            "@strawberry.field\ndef me() -> User:\n    return User()\n\nUserQuery = create_type('UserQuery', [me])\n"
        ),
        "api/schema.py": (
            "import strawberry\nfrom api.users import UserQuery\n\n@strawberry.type\nclass Query(UserQuery):\n    pass\n\n"
            "schema = strawberry.Schema(query=Query)\n"
        ),
        "api/views.py": "from strawberry.django.views import GraphQLView as Base\n\nclass GraphQLView(Base):\n    pass\n",
        "site/__init__.py": "",
        "site/urls.py": (
            "from django.urls import path\nfrom api.schema import schema\nfrom api.views import GraphQLView\n"
            "urlpatterns = [path('admin/graphql', GraphQLView.as_view(schema=schema)), path('graphql', GraphQLView.as_view(schema=schema))]\n"
        ),
    }
    assert entries(files) == [
        ("strawberry", "POST /graphql Query.me", "api.users.me"),
        ("strawberry", "POST /graphql User.email", "api.users.User.email"),
    ]


def test_schemas_that_keep_field_names_as_written() -> None:
    files = {
        "svc/schema.py": (
            "import graphene\n\nclass Query(graphene.ObjectType):\n    top_sellers = graphene.List(graphene.String)\n"
            "    def resolve_top_sellers(root, info):\n        return []\n\nschema = graphene.Schema(query=Query, auto_camelcase=False)\n"
        ),
    }
    assert entries(files) == [("graphene", "Query.top_sellers", "svc.schema.Query.resolve_top_sellers")]


def test_strawberry_django_root_fields_merged_query_star_imported_types_and_the_view_subclass() -> None:
    """A Query merged from per-app query classes whose fields are generated by strawberry_django, types
    star-imported, names kept as written, and the project's GraphQL view subclass served at a path."""
    files = {
        "netsvc/__init__.py": "",
        "dcim/__init__.py": "",
        "dcim/types.py": (
            "import strawberry\nimport strawberry_django\n\n__all__ = ('SiteType',)\n\n"
            "@strawberry_django.type(Site)\nclass SiteType:\n    name: str\n    region: str = strawberry_django.field()\n\n"
            "    @strawberry_django.field\n    def tenant_name(self) -> str:\n        return ''\n"
        ),
        "dcim/schema.py": (
            "import strawberry\nimport strawberry_django\n\nfrom .types import *\n\n\n"
            "@strawberry.type(name='Query')\nclass DCIMQuery:\n    site: SiteType = strawberry_django.field()\n"
            "    site_list: list[SiteType] = strawberry_django.field()\n"
        ),
        "users/__init__.py": "",
        "users/schema.py": (
            "import strawberry\n\n@strawberry.type\nclass UsersQuery:\n    version: str = strawberry.field()\n"
            "    stats: str = strawberry.field(resolver=lambda: '')\n"
        ),
        "netsvc/schema.py": (
            "import strawberry\nfrom strawberry.schema.config import StrawberryConfig\nfrom dcim.schema import DCIMQuery\n"
            "from users.schema import UsersQuery\n\n@strawberry.type\nclass Query(UsersQuery, DCIMQuery):\n    pass\n\n"
            "schema = strawberry.Schema(query=Query, config=StrawberryConfig(auto_camel_case=False))\n"
        ),
        "netsvc/views.py": (
            "from strawberry.django.views import GraphQLView\n\nclass NetGraphQLView(GraphQLView):\n"
            "    def dispatch(self, request, *args, **kwargs):\n        return super().dispatch(request, *args, **kwargs)\n"
        ),
        "netsvc/urls.py": (
            "from django.urls import path\nfrom netsvc.schema import schema\nfrom netsvc.views import NetGraphQLView\n"
            "urlpatterns = [path('graphql/', NetGraphQLView.as_view(schema=schema), name='graphql')]\n"
        ),
    }
    assert entries(files) == [
        ("django", "/graphql/", "netsvc.views.NetGraphQLView.dispatch"),
        ("strawberry", "POST /graphql/ Query.site", "dcim.schema.DCIMQuery.site"),
        ("strawberry", "POST /graphql/ Query.site_list", "dcim.schema.DCIMQuery.site_list"),
        ("strawberry", "POST /graphql/ Query.stats", "users.schema.UsersQuery.stats"),  # an inline lambda resolver
        ("strawberry", "POST /graphql/ Query.version", "users.schema.UsersQuery.version"),
        ("strawberry", "POST /graphql/ SiteType.tenant_name", "dcim.types.SiteType.tenant_name"),
    ]
    lines = {e.qualname: (e.path, e.line, e.how) for e in analysis_for(files).model.entry_points}
    assert lines["dcim.schema.DCIMQuery.site_list"] == ("dcim/schema.py", 10, "generated field")


def test_generated_mutations_are_entry_points_and_generated_fields_of_object_types_are_not() -> None:
    files = {
        "svc/schema.py": (
            "import strawberry\nimport strawberry_django\nfrom strawberry_django import mutations\n\n"
            "@strawberry_django.type(Site)\nclass SiteType:\n    name: str\n    region: str = strawberry_django.field()\n\n"
            "@strawberry.type\nclass Query:\n    sites: list[SiteType] = strawberry_django.field()\n\n"
            "@strawberry.type\nclass Mutation:\n    create_site: SiteType = mutations.create(SiteInput)\n\n"
            "schema = strawberry.Schema(query=Query, mutation=Mutation)\n"
        ),
    }
    # SiteType.region reads a model attribute: no resolver of its own, no entry point.
    assert entries(files) == [
        ("strawberry", "Mutation.createSite", "svc.schema.Mutation.create_site"),
        ("strawberry", "Query.sites", "svc.schema.Query.sites"),
    ]
