"""Names resolved across the project for entry points: star imports, routers and mixins of other packages."""

from __future__ import annotations

import json
import subprocess
import sys

import libcst as cst

from _serving import analysis_for, entries
from prr_lint.resolve import Resolver


def _name(source: str, name: str, module: str = "svc.views") -> object:
    return Resolver(cst.parse_module(source), module).qualified_name(cst.Name(name))


def test_resolver_star_imported_names() -> None:
    # One star import: the name is that module's.
    assert _name("from flask import *\n", "Flask") == "flask.Flask"
    assert _name("from .types import *\n", "UserType", "svc.schema") == "svc.types.UserType"
    # Several: the module's own name, which the project index follows through its star imports.
    assert _name("from .a import *\nfrom .b import *\n", "X") == "svc.views.X"
    # Bound names and builtins are unchanged; without a star import an unknown name stays unknown.
    assert _name("from .a import *\nX = 1\n", "len") == "builtins.len"
    assert _name("import os\n", "Nowhere") is None


def test_view_bases_and_url_targets_through_star_re_exports() -> None:
    """INVALID before: `generic.ObjectView` where `generic/__init__.py` re-exports with `*` was no view."""
    files = {
        "svc/__init__.py": "",
        "svc/generic/__init__.py": "from .object_views import *\nfrom .bulk_views import *\n",
        "svc/generic/object_views.py": (
            "from django.views import View\n\n__all__ = ('ObjectView',)\n\n"
            "class ObjectView(View):\n    def get(self, request):\n        return None\n"
        ),
        "svc/generic/bulk_views.py": "from django.views import View\n\nclass BulkView(View):\n    pass\n",
        "svc/views/__init__.py": "from .misc import *\n",
        "svc/views/misc.py": (
            "from svc import generic\n\nclass HomeView(generic.ObjectView):\n    def get(self, request):\n        return 1\n\n"
            "class EditView(generic.BulkView):\n    def post(self, request):\n        return 2\n"
        ),
        "svc/urls.py": (
            "from django.urls import path\nfrom svc import views\n\n"
            "urlpatterns = [path('', views.HomeView.as_view()), path('edit/', views.EditView.as_view())]\n"
        ),
    }
    # (ObjectView.get is not listed: its only subclass overrides it, so no request dispatches to it.)
    assert entries(files) == [
        ("django", "/", "svc.views.misc.HomeView.get"),
        ("django", "/edit/", "svc.views.misc.EditView.post"),
    ]


def test_drf_router_subclass_in_another_package_mixin_actions_and_mapped_verbs() -> None:
    """INVALID before: `router.register` on a project router from another top-level package was not
    recorded, and actions on plain mixins (no DRF base) or mapped by the router class were dropped."""
    files = {
        "core/__init__.py": "",
        "core/routers.py": (
            "from rest_framework.routers import DefaultRouter, Route\n\nclass CoreRouter(DefaultRouter):\n"
            "    def __init__(self, *args, **kwargs):\n        super().__init__(*args, **kwargs)\n"
            "        self.routes[0].mapping.update({'put': 'bulk_update', 'delete': 'bulk_destroy'})\n\n"
            "class RunRouter(CoreRouter):\n    def get_routes(self, viewset):\n"
            "        self.routes = [r._replace(mapping={**r.mapping, 'post': 'run'}) for r in self.routes]\n"
            "        return super().get_routes(viewset)\n"
        ),
        "core/mixins.py": (
            "from rest_framework.decorators import action\n\nclass BulkMixin:\n    def bulk_update(self, request):\n        return 1\n"
            "    def bulk_destroy(self, request):\n        return 2\n\nclass TraceMixin:\n"
            "    @action(detail=True)\n    def trace(self, request, pk):\n        return 3\n    def list(self, request):\n        return 4\n"
            "    def helper(self):\n        return 5\n"
        ),
        "dcim/__init__.py": "",
        "dcim/views.py": (
            "from rest_framework.viewsets import ModelViewSet\nfrom core.mixins import BulkMixin, TraceMixin\n\n"
            "class SiteViewSet(TraceMixin, BulkMixin, ModelViewSet):\n    def get_queryset(self):\n        return []\n\n"
            "class ScriptViewSet(ModelViewSet):\n    lookup_field = 'name'\n    def run(self, request, pk):\n        return 6\n"
            "    def retrieve(self, request, pk):\n        return 7\n"
        ),
        "dcim/urls.py": (
            "from core.routers import CoreRouter, RunRouter\nfrom dcim import views\n\n"
            "router = CoreRouter()\nrouter.register('sites', views.SiteViewSet)\n"
            "scripts = RunRouter()\nscripts.register('scripts', views.ScriptViewSet)\nurlpatterns = router.urls + scripts.urls\n"
        ),
    }
    assert entries(files) == [
        # (a mapped method is shown on the list route: which route a router maps it to is not read)
        ("drf", "/scripts/", "dcim.views.ScriptViewSet.run"),
        ("drf", "/scripts/<name>/", "dcim.views.ScriptViewSet.retrieve"),
        ("drf", "/sites/", "core.mixins.BulkMixin.bulk_destroy"),
        ("drf", "/sites/", "core.mixins.BulkMixin.bulk_update"),
        ("drf", "/sites/", "core.mixins.TraceMixin.list"),
        ("drf", "/sites/<pk>/trace/", "core.mixins.TraceMixin.trace"),
    ]  # not TraceMixin.helper: no action


def test_routes_declared_by_test_code_are_not_entry_points() -> None:
    route = "from flask import Blueprint\nbp = Blueprint('t', __name__)\n\n@bp.route('/x')\ndef handler():\n    return 'x'\n"
    files = {
        "svc/__init__.py": "",
        "svc/views.py": route,
        "tests/test_views.py": route,
        "svc/tests/dummy_plugin/views.py": route,
        "conftest.py": route,
        "svc/views_test.py": route,
        "svc/pages.py": "from django.views import View\n\nclass Page(View):\n    def get(self, request):\n        return None\n",
        "svc/tests/urls.py": "from django.urls import path\nfrom svc.pages import Page\nurlpatterns = [path('fake/', Page.as_view())]\n",
    }
    assert entries(files) == [("django", "", "svc.pages.Page.get"), ("flask", "/x", "svc.views.handler")]


def test_flask_smorest_verb_shortcuts_on_a_re_exported_project_blueprint_with_its_own_prefix() -> None:
    """INVALID before: `@blp.get` on a flask-smorest Blueprint was no route, and the url_prefix of a
    Blueprint built from a project subclass (imported through a package re-export) was lost."""
    files = {
        "api/__init__.py": "from .extensions.smorest import Blueprint, Api\n",
        "api/extensions/__init__.py": "",
        "api/extensions/smorest.py": (
            "import flask_smorest\n\nclass Blueprint(flask_smorest.Blueprint):\n    pass\n\nclass Api(flask_smorest.Api):\n    pass\n"
        ),
        "api/resources/__init__.py": (
            "from api.resources import about, sites\n\ndef register(api):\n"
            "    api.register_blueprint(about.blp)\n    api.register_blueprint(sites.blp)\n"
        ),
        "api/resources/about.py": (
            "from api import Blueprint\n\nblp = Blueprint('About', __name__, url_prefix='/about')\n\n"
            "@blp.get('/')\ndef about():\n    return {}\n"
        ),
        "api/resources/sites.py": (
            "from flask.views import MethodView\nfrom api import Blueprint\n\nblp = Blueprint('Site', __name__, url_prefix='/sites')\n\n"
            "@blp.route('/<int:item_id>')\nclass SiteById(MethodView):\n    def delete(self, item_id):\n        return None\n\n"
            "@blp.post('/import')\ndef import_sites():\n    return None\n"
        ),
    }
    assert entries(files) == [
        ("flask-smorest", "/about/", "api.resources.about.about"),
        ("flask-smorest", "/sites/<int:item_id>", "api.resources.sites.SiteById.delete"),
        ("flask-smorest", "/sites/import", "api.resources.sites.import_sites"),
    ]


def test_a_project_router_of_the_same_package_registers_whatever_its_variable_is_called() -> None:
    files = {
        "shop/__init__.py": "",
        "shop/routers.py": "from rest_framework.routers import DefaultRouter\n\nclass ShopRouter(DefaultRouter):\n    pass\n",
        "shop/plugins.py": "class Registry:\n    def register(self, name, thing):\n        return None\n",
        "shop/views.py": (
            "from rest_framework.decorators import action\n\nclass Mixin:\n    @action(detail=True)\n"
            "    def sync(self, request, pk):\n        return None\n\nclass Cart(Mixin):\n    pass\n"
        ),
        "shop/urls.py": (
            "from shop.plugins import Registry\nfrom shop.routers import ShopRouter\nfrom shop.views import Cart\n\n"
            "api = ShopRouter()\napi.register('carts', Cart)\nplugins = Registry()\nplugins.register('x', Cart)\n"
        ),
    }
    assert entries(files) == [("drf", "/carts/<pk>/sync/", "shop.views.Mixin.sync")]


def test_http_methods_of_entry_points() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/web.py": (
            "from flask import Flask\nfrom flask.views import MethodView\napp = Flask(__name__)\n\n"
            "@app.route('/a', methods=['POST', 'put'])\ndef a():\n    return ''\n\n@app.route('/b')\ndef b():\n    return ''\n\n"
            "@app.delete('/c')\ndef c():\n    return ''\n\nclass Items(MethodView):\n    def patch(self):\n        return ''\n\n"
            "app.add_url_rule('/items', view_func=Items.as_view('items'))\n"
        ),
        "svc/api.py": (
            "from rest_framework.decorators import action\nfrom rest_framework.viewsets import ModelViewSet\n"
            "from rest_framework.routers import DefaultRouter\n\nclass Router(DefaultRouter):\n    def __init__(self):\n"
            "        self.routes[0].mapping.update({'delete': 'bulk_destroy'})\n\nclass Orders(ModelViewSet):\n"
            "    def destroy(self, request, pk):\n        return None\n    def bulk_destroy(self, request):\n        return None\n"
            "    @action(detail=True, methods=['post'])\n    def cancel(self, request, pk):\n        return None\n"
            "    @action(detail=False)\n    def stats(self, request):\n        return None\n"
            "    @action(detail=True, url_path='trace')\n    def trace(self, request, pk):\n        return None\n\n"
            "router = Router()\nrouter.register('orders', Orders)\n\n"
            "from rest_framework.decorators import api_view\n\n@api_view(['POST'])\ndef ping(request):\n    return None\n"
        ),
    }
    methods = {e.qualname.rpartition(".")[2]: e.method for e in analysis_for(files).model.entry_points}
    assert methods == {"a": "POST,PUT", "b": "GET", "c": "DELETE", "patch": "PATCH", "destroy": "DELETE",
                       "bulk_destroy": "DELETE", "cancel": "POST", "stats": "GET", "trace": "GET", "ping": "POST"}


def test_entrypoints_command_says_on_stderr_which_files_it_could_not_analyse(tmp_path) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "ok.py").write_text("from flask import Flask\napp = Flask(__name__)\n\n@app.get('/x')\ndef x():\n    return ''\n")
    (tmp_path / "svc" / "broken.py").write_text("def (:\n")
    # A process of its own: click before 8.2 mixes stderr into the test runner's output.
    command = [sys.executable, "-m", "prr_lint", "entrypoints", ".", "--format", "json"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "prr-lint: svc/broken.py: not analysed, its entry points are not listed (PRR000" in result.stderr
    document = json.loads(result.stdout)
    assert [(e["method"], e["route"], e["function"]) for e in document["entry_points"]] == [("GET", "/x", "svc.ok.x")]


def test_a_verb_of_an_abstract_view_base_that_every_subclass_overrides_is_not_listed() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/views.py": (
            "from rest_framework.views import APIView\n\nclass AvailableView(APIView):\n    def get(self, request):\n        return 1\n"
            "    def post(self, request):\n        return 2\n\nclass AvailableIPs(AvailableView):\n    def get(self, request):\n"
            "        return super().get(request)\n\nclass AvailableASNs(AvailableView):\n    def get(self, request):\n        return 3\n"
            "    def post(self, request):\n        return super().post(request)\n"
        ),
        "svc/urls.py": (
            "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('ips/', views.AvailableIPs.as_view()), "
            "path('asns/', views.AvailableASNs.as_view())]\n"
        ),
    }
    # AvailableView.post is dispatched for /ips/ (AvailableIPs does not override it); its get never is.
    assert entries(files) == [
        ("drf", "/asns/", "svc.views.AvailableASNs.get"), ("drf", "/asns/", "svc.views.AvailableASNs.post"),
        ("drf", "/ips/", "svc.views.AvailableIPs.get"), ("drf", "/ips/", "svc.views.AvailableView.post"),
    ]
    assert "svc.views.AvailableView.get" in analysis_for(files).model.seeds


def test_blueprints_mounted_in_a_loop_over_a_parameter_get_the_prefix_their_callers_lead_to() -> None:
    """INVALID before: `for bp in blueprints: app.register_blueprint(bp, url_prefix=f"/api/{API_VERSION}")`
    with the blueprints passed in by the callers lost the prefix."""
    files = {
        "svc/__init__.py": (
            "from svc import factory\nfrom svc.items.views import mod as items_bp\n\nSVC_BLUEPRINTS = (items_bp,)\n\n"
            "def create_app(config=None):\n    return factory.create_app(app_name=__name__, blueprints=SVC_BLUEPRINTS, config=config)\n"
        ),
        "svc/factory.py": (
            "from flask import Flask\nfrom svc.health import mod as health\n\nDEFAULT_BLUEPRINTS = (health,)\nAPI_VERSION = 1\n\n"
            "def create_app(app_name=None, blueprints=None, config=None):\n    app = Flask(app_name)\n"
            "    if not blueprints:\n        blueprints = DEFAULT_BLUEPRINTS\n    else:\n        blueprints = blueprints + DEFAULT_BLUEPRINTS\n"
            "    configure_blueprints(app, blueprints)\n    return app\n\n"
            "def configure_blueprints(app, blueprints):\n    for blueprint in blueprints:\n"
            "        app.register_blueprint(blueprint, url_prefix=f'/api/{API_VERSION}')\n"
        ),
        "svc/health.py": "from flask import Blueprint\nmod = Blueprint('health', __name__)\n\n@mod.route('/healthcheck')\ndef health():\n    return 'ok'\n",
        "svc/items/__init__.py": "",
        "svc/items/views.py": (
            "from flask import Blueprint\nfrom flask_restful import Api, Resource\n\nmod = Blueprint('items', __name__)\napi = Api(mod)\n\n"
            "class Items(Resource):\n    def get(self):\n        return []\n\napi.add_resource(Items, '/items', endpoint='items')\n"
        ),
    }
    assert entries(files) == [
        ("flask", "/api/1/healthcheck", "svc.health.health"),
        ("flask-restful", "/api/1/items", "svc.items.views.Items.get"),
    ]


def test_include_of_an_imported_url_list_with_an_app_namespace() -> None:
    """INVALID before: `include((plugin_api_patterns, 'plugins-api'))` lost the `api/plugins/` prefix."""
    files = {
        "site/__init__.py": "",
        "site/views.py": "from rest_framework.views import APIView\n\nclass Installed(APIView):\n    def get(self, request):\n        return []\n",
        "site/plugin_urls.py": "from django.urls import path\nfrom site.views import Installed\n\nplugin_api_patterns = [path('installed/', Installed.as_view())]\n",
        "site/urls.py": (
            "from django.urls import include, path\nfrom site.plugin_urls import plugin_api_patterns\n\n"
            "urlpatterns = [path('api/plugins/', include((plugin_api_patterns, 'plugins-api')))]\n"
        ),
    }
    assert entries(files) == [("drf", "/api/plugins/installed/", "site.views.Installed.get")]
