"""Entry points per framework, found from module summaries across modules."""

from __future__ import annotations

import json

from _serving import analysis_for, entries, settings_with


def test_flask_app_imported_from_another_module_blueprint_add_url_rule_and_method_view() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/app.py": "from flask import Flask\napp = Flask(__name__)\n",
        "svc/views.py": (
            "from flask import Blueprint\nfrom flask.views import MethodView\nfrom svc.app import app\n"
            "bp = Blueprint('b', __name__)\n\n"
            "@app.route('/a')\ndef a():\n    return 'a'\n\n"
            "@bp.post('/b')\ndef b():\n    return 'b'\n\n"
            "def c():\n    return 'c'\n\n"
            "app.add_url_rule('/c', view_func=c)\n\n"
            "class Items(MethodView):\n    def get(self):\n        return []\n    def helper(self):\n        return 1\n\n"
            "app.add_url_rule('/items', view_func=Items.as_view('items'))\n\n"
            "@app.before_request\ndef hook():\n    pass\n\n"
            "@app.errorhandler(500)\ndef oops(e):\n    return 'x', 500\n"
        ),
    }
    assert entries(files) == [
        ("flask", "/a", "svc.views.a"),
        ("flask", "/b", "svc.views.b"),
        ("flask", "/c", "svc.views.c"),
        ("flask", "/items", "svc.views.Items.get"),
    ]
    analysis = analysis_for(files)
    # Hooks run while serving but are not routes.
    assert {"svc.views.hook", "svc.views.oops"} <= analysis.model.seeds


def test_project_subclass_of_a_framework_app_class_serves_routes() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/base.py": (
            "from flask import Flask\nfrom fastapi import FastAPI\n\n"
            "class ServiceFlask(Flask):\n    pass\n\nclass App(FastAPI):\n    pass\n\nclass Api(App):\n    pass\n"
        ),
        "svc/app.py": (
            "from svc.base import ServiceFlask, Api\n\napp = ServiceFlask(__name__)\napi = Api()\n\n"
            "@app.route('/orders')\ndef orders():\n    return []\n\n"
            "@api.get('/items')\ndef items():\n    return []\n\n"
            "def create_app():\n    inner = ServiceFlask(__name__)\n    inner.add_url_rule('/users', view_func=users)\n    return inner\n\n"
            "def users():\n    return []\n"
        ),
    }
    assert entries(files) == [
        ("fastapi", "/items", "svc.app.items"),
        ("flask", "/orders", "svc.app.orders"),
        ("flask", "/users", "svc.app.users"),
    ]


def test_an_app_quart_cors_hands_back_still_serves_its_routes() -> None:
    """nachet-backend's `app = cors(app, **cors_settings)`: quart-cors configures the app and returns it, so the
    routes declared on it afterwards are its routes (library_types.py `RETURNS_FIRST_ARGUMENT`)."""
    files = {
        "app.py": (
            "from quart import Quart\nfrom quart_cors import cors\n\napp = Quart(__name__)\napp = cors(app, allow_origin='*')\n\n"
            "@app.post('/dir')\nasync def directories():\n    return []\n"
        ),
    }
    assert entries(files) == [("quart", "/dir", "app.directories")]


def test_fastapi_router_add_api_route_starlette_route_and_endpoint() -> None:
    files = {
        "api/main.py": (
            "from fastapi import FastAPI, APIRouter\nfrom starlette.routing import Route\n"
            "from starlette.endpoints import HTTPEndpoint\n"
            "app = FastAPI()\nrouter = APIRouter()\n\n"
            "@router.get('/items/{id}')\nasync def item(id: int):\n    return id\n\n"
            "@app.websocket('/ws')\nasync def ws(socket):\n    pass\n\n"
            "def health():\n    return 'ok'\n\n"
            "app.add_api_route('/healthz', health)\n\n"
            "async def legacy(request):\n    return None\n\n"
            "routes = [Route('/legacy', legacy)]\n\n"
            "class Ping(HTTPEndpoint):\n    async def get(self, request):\n        return None\n"
        ),
    }
    assert entries(files) == [
        ("fastapi", "/healthz", "api.main.health"),
        ("fastapi", "/items/{id}", "api.main.item"),
        ("fastapi", "/ws", "api.main.ws"),
        ("starlette", "", "api.main.Ping.get"),
        ("starlette", "/legacy", "api.main.legacy"),
    ]


def test_django_urlpatterns_views_and_drf() -> None:
    files = {
        "shop/views.py": (
            "from django.views.generic import ListView\nfrom rest_framework import viewsets\n"
            "from rest_framework.decorators import action, api_view\n\n"
            "def index(request):\n    return None\n\n"
            "def unrouted(request):\n    return None\n\n"
            "class Products(ListView):\n    def get_queryset(self):\n        return []\n\n"
            "class Orders(viewsets.ModelViewSet):\n    def list(self, request):\n        return []\n"
            "    @action(detail=True)\n    def cancel(self, request, pk=None):\n        return None\n"
            "    def get_serializer_class(self):\n        return None\n\n"
            "@api_view(['GET'])\ndef ping(request):\n    return None\n"
        ),
        "shop/urls.py": (
            "from django.urls import path, re_path\nfrom rest_framework.routers import DefaultRouter\nfrom shop import views\n"
            "router = DefaultRouter()\nrouter.register('orders', views.Orders)\n"
            "urlpatterns = [path('', views.index), re_path(r'^products/$', views.Products.as_view())]\n"
        ),
    }
    found = entries(files)
    assert ("django", "/", "shop.views.index") in found
    assert ("drf", "/orders/", "shop.views.Orders.list") in found
    assert ("drf", "/orders/<pk>/cancel/", "shop.views.Orders.cancel") in found
    assert ("drf", "", "shop.views.ping") in found
    assert all(name != "shop.views.unrouted" for _, _, name in found)
    analysis = analysis_for(files)
    # Framework hooks on view classes are serving code.
    assert {"shop.views.Products.get_queryset", "shop.views.Orders.get_serializer_class"} <= analysis.model.seeds


def test_django_nested_include_lists_router_urls_and_generic_viewset_bases() -> None:
    files = {
        "docs/mixins.py": (
            "from typing import Any\nfrom rest_framework.generics import GenericAPIView\n\n"
            "class PassUserMixin(GenericAPIView[Any]):\n    def get_serializer(self, *args, **kwargs):\n        return None\n"
        ),
        "docs/views.py": (
            "from typing import Any\nfrom rest_framework.decorators import action\nfrom rest_framework.generics import GenericAPIView\n"
            "from rest_framework.viewsets import ModelViewSet\nfrom docs.mixins import PassUserMixin\n\n"
            "class DocumentViewSet(PassUserMixin, ModelViewSet[Any]):\n"
            "    @action(methods=['get'], detail=True)\n    def metadata(self, request, pk=None):\n        return None\n\n"
            "class SearchViewSet(DocumentViewSet):\n    pass\n\n"
            "class TagViewSet(PassUserMixin, ModelViewSet[Any]):\n    queryset = None\n\n"
            "class StatisticsView(GenericAPIView[Any]):\n    def get(self, request):\n        return None\n\n"
            "class PostDocumentView(GenericAPIView[Any]):\n    def post(self, request):\n        return None\n"
        ),
        "docs/urls.py": (
            "from django.urls import include, path, re_path\nfrom rest_framework.routers import DefaultRouter\n"
            "from docs.views import PostDocumentView, SearchViewSet, StatisticsView, TagViewSet\n\n"
            "router = DefaultRouter()\nrouter.register(r'documents', SearchViewSet)\nrouter.register(r'tags', TagViewSet)\n\n"
            "urlpatterns = [\n    re_path(r'^api/', include([\n"
            "        re_path('^statistics/', StatisticsView.as_view()),\n"
            "        re_path('^documents/', include(([re_path('^post_document/', PostDocumentView.as_view())], 'docs'))),\n"
            "        *router.urls,\n    ])),\n]\n"
        ),
    }
    assert entries(files) == [
        ("drf", "/api/documents/<pk>/metadata/", "docs.views.DocumentViewSet.metadata"),
        # DRF views routed by Django's path() are still DRF views
        ("drf", "/api/documents/post_document/", "docs.views.PostDocumentView.post"),
        ("drf", "/api/statistics/", "docs.views.StatisticsView.get"),
    ]
    # A viewset that leaves its handlers to DRF lists none (DRF's own serve it); its hooks are serving code.
    assert "docs.mixins.PassUserMixin.get_serializer" in analysis_for(files).model.seeds


def test_a_class_django_routes_is_a_view_whatever_external_base_makes_it_one() -> None:
    # only `as_view()` routes a class: ADL_LRS's reCAPTCHA subclass of Django's PasswordResetView serves `post`, and
    # its other public methods are hooks, as a VIEW_BASES match's are (`dispatch`, `form_valid` ...)
    files = {
        "lrs/views.py": (
            "from django.contrib.auth.views import PasswordResetView\n\n"
            "class ResetWithCaptcha(PasswordResetView):\n    def post(self, request):\n        return self.check(request)\n\n"
            "    def check(self, request):\n        return None\n"
        ),
        "lrs/urls.py": "from django.conf.urls import url\nfrom lrs import views\n\nurlpatterns = [url(r'^reset/$', views.ResetWithCaptcha.as_view())]\n",
    }
    assert entries(files) == [("django", "/reset/$", "lrs.views.ResetWithCaptcha.post")]
    assert "lrs.views.ResetWithCaptcha.check" in analysis_for(files).model.seeds


def test_django_include_of_a_url_list_by_name() -> None:
    files = {
        "shop/views.py": "def orders(request):\n    return None\n\ndef carts(request):\n    return None\n",
        "shop/urls.py": (
            "from django.urls import include, path\nfrom shop import views\n\n"
            "api_patterns = [path('orders/', views.orders)]\n\n"
            "urlpatterns = [path('api/', include(api_patterns)), path('carts/', views.carts)]\n"
        ),
    }
    assert entries(files) == [("django", "/api/orders/", "shop.views.orders"), ("django", "/carts/", "shop.views.carts")]


def test_django_view_decorators_stacked_in_urls_and_the_project_s_own_are_unwrapped() -> None:
    files = {
        "auth/__init__.py": "",
        "auth/views.py": "def initiate(request):\n    return None\n\n\ndef callback(request):\n    return None\n\n\ndef search(request):\n    return None\n",
        "auth/guard.py": "def api(view):\n    return view\n",
        "auth/urls.py": (
            "from django.urls import path\nfrom django.views.decorators.cache import never_cache\n"
            "from django.views.decorators.http import require_safe\nfrom auth import guard, views\n\n"
            "urlpatterns = [path('login/', require_safe(never_cache(views.initiate))), path('back/', never_cache(views.callback)),\n"
            "               path('search/', require_safe(guard.api(views.search)))]\n"
        ),
    }
    # a decorator of the project's own applied there serves its view, handed back or called by its wrapper
    assert entries(files) == [("django", "/back/", "auth.views.callback"), ("django", "/login/", "auth.views.initiate"),
                              ("django", "/search/", "auth.guard.api"), ("django", "/search/", "auth.views.search")]


def test_grpc_servicers_sync_and_aio_aiohttp_and_tornado() -> None:
    files = {
        "rpc/server.py": (
            "import grpc\nfrom rpc import prices_pb2_grpc\n\n"
            "class Prices(prices_pb2_grpc.PricesServicer):\n    def Get(self, request, context):\n        return None\n"
            "    async def Stream(self, request, context):\n        return None\n    def _private(self):\n        return None\n"
        ),
        "web/aio.py": (
            "from aiohttp import web\nroutes = web.RouteTableDef()\n\n@routes.get('/a')\nasync def a(request):\n    return None\n\n"
            "async def b(request):\n    return None\n\napp = web.Application()\napp.router.add_get('/b', b)\n"
            "app.add_routes([web.post('/c', b)])\n"
        ),
        "web/tornado_app.py": (
            "import tornado.web\n\nclass Main(tornado.web.RequestHandler):\n    def get(self):\n        pass\n"
            "    def helper(self):\n        pass\n\napp = tornado.web.Application([(r'/', Main)])\n"
        ),
    }
    assert entries(files) == [
        ("aiohttp", "/a", "web.aio.a"),
        ("aiohttp", "/b", "web.aio.b"),
        ("grpc", "Prices/Get", "rpc.server.Prices.Get"),
        ("grpc", "Prices/Stream", "rpc.server.Prices.Stream"),
        ("tornado", "/", "web.tornado_app.Main.get"),
    ]


def test_batch_contexts_are_not_entry_points() -> None:
    files = {
        "svc/jobs.py": (
            "import click\nfrom celery import shared_task, Celery\nfrom django.core.management.base import BaseCommand\n"
            "celery = Celery('x')\n\n@shared_task\ndef a():\n    pass\n\n@celery.task\ndef b():\n    pass\n\n"
            "@click.group()\ndef cli():\n    pass\n\n@cli.command()\ndef c():\n    pass\n\n"
            "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        pass\n"
        ),
    }
    analysis = analysis_for(files)
    assert analysis.model.entry_points == []
    assert {"svc.jobs.a", "svc.jobs.b", "svc.jobs.cli", "svc.jobs.c", "svc.jobs.Command.handle"} <= analysis.model.batch


def test_configured_decorators_base_classes_and_lambda_handlers() -> None:
    files = {
        "svc/handlers.py": (
            "from platform_sdk import http, Handler\n\n@http.endpoint('/x')\ndef x():\n    pass\n\n"
            "class H(Handler):\n    def on_request(self):\n        pass\n\ndef lambda_handler(event, context):\n    pass\n"
        ),
    }
    settings = settings_with(entrypoints={
        "extra-decorators": ("platform_sdk.http.endpoint",),
        "extra-base-classes": ("platform_sdk.Handler",),
        "lambda-handlers": ("svc.handlers.lambda_handler",),
    })
    assert entries(files, settings) == [
        ("custom", "", "svc.handlers.H.on_request"),
        ("custom", "", "svc.handlers.x"),
        ("lambda", "", "svc.handlers.lambda_handler"),
    ]


def test_entry_point_lines_come_from_a_text_scan() -> None:
    source = (
        "from flask import Flask\napp = Flask(__name__)\nDOC = '''\ndef get():\n'''\n\n"
        "@app.get('/a')\n@other\nasync def get():\n    pass\n\nclass V:\n    def get(self):\n        pass\n"
    )
    analysis = analysis_for({"svc/a.py": source})
    [entry] = analysis.model.entry_points
    assert (entry.qualname, entry.line) == ("svc.a.get", 9)
    assert analysis.index.functions["svc.a.V.get"].line == 13


def test_entrypoints_command_lists_fixture_routes_as_json(run_cli, monkeypatch) -> None:
    from conftest import REPO

    monkeypatch.chdir(REPO)
    result = run_cli("entrypoints", "fixtures/flask_service", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert [(e["route"], e["function"], e["line"]) for e in document["entry_points"]] == [
        ("/reports/<report_id>", "reports.api.get_report", 16),
        ("/reports/warm", "reports.api.warm", 21),
        ("/reports/refresh", "reports.api.refresh", 27),
        ("/exports", "reports.api.ExportView.post", 33),
        ("/healthz", "reports.app.healthz", 13),
    ]
    text = run_cli("entrypoints", "fixtures/flask_service").output
    assert "5 entry points in 9 files (flask 5)" in text


def test_extra_registrars_name_the_handler_argument() -> None:
    files = {
        "svc/__init__.py": "from svc.routing import register\n",
        "svc/routing.py": "def register(path, handler):\n    pass\n",
        "svc/other.py": "def register(name, thing):\n    pass\n",
        "svc/views.py": (
            "import mylib\nfrom svc import register, other\n\n"
            "def report():\n    return 1\n\ndef tick():\n    return 2\n\ndef unrelated():\n    return 3\n\n"
            "class Jobs:\n    def run(self):\n        pass\n    def _private(self):\n        pass\n\n"
            "register('/report', report)\nmylib.add_handler(tick)\nmylib.add_handler(Jobs())\n"
            "other.register('x', unrelated)\n"
        ),
    }
    settings = settings_with(entrypoints={"extra-registrars": {"svc.routing.register": 1, "mylib.add_handler": 0}})
    assert entries(files, settings) == [
        ("custom", "", "svc.views.Jobs.run"),
        ("custom", "", "svc.views.tick"),
        ("custom", "/report", "svc.views.report"),
    ]
    assert entries(files) == []


def test_route_prefixes_of_blueprints_routers_and_django_includes() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/api.py": (
            "from flask import Blueprint\nbp = Blueprint('api', __name__, url_prefix='/own')\n"
            "kept = Blueprint('kept', __name__, url_prefix='/kept')\n\n"
            "@bp.get('/items')\ndef items():\n    return []\n\n@kept.route('/')\ndef root():\n    return ''\n\n"
            "def plain():\n    return ''\n\nbp.add_url_rule('/plain', view_func=plain)\n"
        ),
        "svc/app.py": (
            "from flask import Flask\nfrom svc import api\nfrom svc.api import kept\napp = Flask(__name__)\n"
            "app.register_blueprint(api.bp, url_prefix='/v1')\napp.register_blueprint(kept)\n"
        ),
        "fa/__init__.py": "",
        "fa/routes.py": (
            "from fastapi import APIRouter\nrouter = APIRouter(prefix='/items')\n\n"
            "@router.get('/{id}')\nasync def item(id: int):\n    return id\n\n@router.get('')\nasync def listing():\n    return []\n"
        ),
        "fa/main.py": "from fastapi import FastAPI\nfrom fa.routes import router\napp = FastAPI()\napp.include_router(router, prefix='/v2')\n",
        "site/__init__.py": "",
        "site/urls.py": "from django.urls import include, path\nurlpatterns = [path('shop/', include('shop.urls'))]\n",
        "shop/__init__.py": "",
        "shop/views.py": "def index(request):\n    return None\n",
        "shop/urls.py": "from django.urls import path\nfrom shop import views\nurlpatterns = [path('list/', views.index)]\n",
    }
    assert entries(files) == [
        ("django", "/shop/list/", "shop.views.index"),
        ("fastapi", "/v2/items", "fa.routes.listing"),
        ("fastapi", "/v2/items/{id}", "fa.routes.item"),
        ("flask", "/kept/", "svc.api.root"),
        ("flask", "/v1/items", "svc.api.items"),
        ("flask", "/v1/plain", "svc.api.plain"),
    ]
