"""Entry points of the REST extensions and the smaller frameworks (issue 11 item 1), by resolved names."""

from __future__ import annotations

from _serving import analysis_for, entries


def test_flask_restx_namespaces_api_route_add_resource_and_blueprint_prefixes() -> None:
    files = {
        "svc/__init__.py": "",
        "svc/ns.py": (
            "from flask_restx import Namespace, Resource\n"
            "ns = Namespace('todos', description='x')\nother = Namespace('misc', path='/m')\n\n"
            "@ns.route('/<int:id>')\nclass Todo(Resource):\n    def get(self, id):\n        return id\n"
            "    def put(self, id):\n        return id\n    def helper(self):\n        return 1\n\n"
            "class Base(Resource):\n    def get(self):\n        return 1\n\n"
            "@other.route('/x')\nclass Inherits(Base):\n    pass\n\n"
            "class Unrouted(Resource):\n    def get(self):\n        return 1\n"
        ),
        "svc/api.py": (
            "from flask import Blueprint\nfrom flask_restx import Api, Resource\nfrom svc.ns import ns, other\n"
            "bp = Blueprint('api', __name__, url_prefix='/api')\napi = Api(bp, prefix='/v2')\n"
            "api.add_namespace(ns)\napi.add_namespace(other, path='/other')\n"
            "items = api.namespace('items')\n\n"
            "@items.route('/')\nclass Items(Resource):\n    def post(self):\n        return 1\n\n"
            "class Ping(Resource):\n    def get(self):\n        return 'pong'\n\n"
            "api.add_resource(Ping, '/ping', '/ping2')\n"
        ),
    }
    assert entries(files) == [
        ("flask-restx", "/api/v2/items/", "svc.api.Items.post"),
        ("flask-restx", "/api/v2/other/x", "svc.ns.Base.get"),
        ("flask-restx", "/api/v2/ping", "svc.api.Ping.get"),
        ("flask-restx", "/api/v2/todos/<int:id>", "svc.ns.Todo.get"),
        ("flask-restx", "/api/v2/todos/<int:id>", "svc.ns.Todo.put"),
    ]


def test_flask_restful_and_flask_restplus() -> None:
    files = {
        "svc/app.py": (
            "from flask import Flask\nfrom flask_restful import Api, Resource\nimport flask_restplus\n"
            "app = Flask(__name__)\napi = Api(app, prefix='/v1')\nold = flask_restplus.Api(app)\n\n"
            "class Todo(Resource):\n    def get(self, todo_id):\n        return {}\n    def delete(self, todo_id):\n        return ''\n\n"
            "class Legacy(flask_restplus.Resource):\n    def get(self):\n        return 1\n\n"
            "api.add_resource(Todo, '/todos/<todo_id>')\nold.add_resource(Legacy, '/legacy')\n"
        ),
    }
    found = analysis_for(files).model.entry_points
    assert sorted((e.framework, e.route, e.qualname, e.registered) for e in found) == [
        ("flask-restful", "/v1/todos/<todo_id>", "svc.app.Todo.delete", "svc/app.py:18"),
        ("flask-restful", "/v1/todos/<todo_id>", "svc.app.Todo.get", "svc/app.py:18"),
        ("flask-restx", "/legacy", "svc.app.Legacy.get", "svc/app.py:19"),
    ]


def test_flask_smorest_blueprints_and_method_views() -> None:
    files = {
        "svc/pets.py": (
            "from flask.views import MethodView\nfrom flask_smorest import Blueprint\n"
            "blp = Blueprint('pets', __name__, url_prefix='/pets')\n\n"
            "@blp.route('/')\nclass Pets(MethodView):\n    @blp.response(200)\n    def get(self):\n        return []\n"
            "    def post(self):\n        return {}\n\n"
            "@blp.route('/<int:pet_id>/photo')\ndef photo(pet_id):\n    return b''\n"
        ),
        "svc/app.py": (
            "from flask import Flask\nfrom flask_smorest import Api\nfrom svc.pets import blp\n"
            "app = Flask(__name__)\napi = Api(app)\napi.register_blueprint(blp, url_prefix='/v1/pets')\n"
        ),
    }
    assert entries(files) == [
        ("flask-smorest", "/v1/pets/", "svc.pets.Pets.get"),
        ("flask-smorest", "/v1/pets/", "svc.pets.Pets.post"),
        ("flask-smorest", "/v1/pets/<int:pet_id>/photo", "svc.pets.photo"),
    ]


def test_django_ninja_routers_and_urls_mount() -> None:
    files = {
        "events/__init__.py": "",
        "events/api.py": "from ninja import Router\nrouter = Router()\n\n@router.get('/{event_id}')\ndef event(request, event_id: int):\n    return {}\n",
        "site/__init__.py": "",
        "site/api.py": (
            "from ninja import NinjaAPI\nfrom events.api import router as events\napi = NinjaAPI()\n"
            "api.add_router('/events/', events)\n\n@api.post('/ping')\ndef ping(request):\n    return 'pong'\n"
        ),
        "site/urls.py": "from django.urls import path\nfrom site.api import api\nurlpatterns = [path('api/', api.urls)]\n",
    }
    assert entries(files) == [
        ("ninja", "api/events/{event_id}", "events.api.event"),
        ("ninja", "api/ping", "site.api.ping"),
    ]


def test_litestar_handlers_controllers_and_routers() -> None:
    files = {
        "app/main.py": (
            "from litestar import Controller, Litestar, Router, get, post\n\n"
            "@get('/')\nasync def index() -> str:\n    return 'ok'\n\n"
            "class UserController(Controller):\n    path = '/users'\n\n"
            "    @get('/{user_id:int}')\n    async def get_user(self, user_id: int) -> dict:\n        return {}\n\n"
            "    @post()\n    async def create(self, data: dict) -> dict:\n        return data\n\n"
            "api = Router(path='/api', route_handlers=[UserController])\napp = Litestar(route_handlers=[index, api])\n"
        ),
    }
    assert entries(files) == [
        ("litestar", "/", "app.main.index"),
        ("litestar", "/api/users", "app.main.UserController.create"),
        ("litestar", "/api/users/{user_id:int}", "app.main.UserController.get_user"),
    ]


def test_sanic_blueprints_groups_and_method_views() -> None:
    files = {
        "svc/app.py": (
            "from sanic import Blueprint, Sanic\nfrom sanic.views import HTTPMethodView\n"
            "app = Sanic('svc')\nbp = Blueprint('items', url_prefix='/items')\n\n"
            "@app.get('/')\nasync def index(request):\n    return None\n\n"
            "@bp.route('/<id>')\nasync def item(request, id):\n    return None\n\n"
            "class Things(HTTPMethodView):\n    async def get(self, request):\n        return None\n\n"
            "app.add_route(Things.as_view(), '/things')\napp.blueprint(bp, url_prefix='/v1/items')\n"
        ),
    }
    assert entries(files) == [
        ("sanic", "/", "svc.app.index"),
        ("sanic", "/things", "svc.app.Things.get"),
        ("sanic", "/v1/items/<id>", "svc.app.item"),
    ]


def test_falcon_responders_of_added_resources() -> None:
    files = {
        "svc/app.py": (
            "import falcon\nimport falcon.asgi\n\n"
            "class Things:\n    def on_get(self, req, resp):\n        pass\n    def on_post(self, req, resp):\n        pass\n"
            "    def on_get_detail(self, req, resp, id):\n        pass\n    def helper(self):\n        pass\n\n"
            "class Unused:\n    def on_get(self, req, resp):\n        pass\n\n"
            "app = falcon.App()\nthings = Things()\napp.add_route('/things', things)\n"
            "app.add_route('/things/{id}', things, suffix='detail')\n"
            "aapp = falcon.asgi.App()\naapp.add_route('/other', Things())\n"
        ),
    }
    assert entries(files) == [
        ("falcon", "/things", "svc.app.Things.on_get"),
        ("falcon", "/things", "svc.app.Things.on_post"),
        ("falcon", "/things/{id}", "svc.app.Things.on_get_detail"),
    ]


def test_starlette_mounts_and_fastapi_sub_applications() -> None:
    files = {
        "svc/users.py": (
            "from starlette.routing import Route\n\nasync def users(request):\n    return None\n\n"
            "async def user(request):\n    return None\n\n"
            "routes = [Route('/', users), Route('/{name}', user)]\n"
        ),
        "svc/main.py": (
            "from fastapi import FastAPI\nfrom starlette.applications import Starlette\n"
            "from starlette.routing import Mount, Route, Router\nfrom svc import users\n\n"
            "async def home(request):\n    return None\n\n"
            "async def deep(request):\n    return None\n\n"
            "app = Starlette(routes=[Route('/', home), Mount('/users', routes=users.routes),\n"
            "    Mount('/a', routes=[Mount('/b', routes=[Route('/c', deep)])])])\n\n"
            "sub = FastAPI()\n\n@sub.get('/items')\nasync def items():\n    return []\n\n"
            "main = FastAPI()\nmain.mount('/v1', sub)\n"
        ),
    }
    assert entries(files) == [
        ("fastapi", "/v1/items", "svc.main.items"),
        ("starlette", "/", "svc.main.home"),
        ("starlette", "/a/b/c", "svc.main.deep"),
        ("starlette", "/users/", "svc.users.users"),
        ("starlette", "/users/{name}", "svc.users.user"),
    ]


def test_slack_bolt_listeners_are_serving() -> None:
    files = {
        "bot/app.py": (
            "from slack_bolt import App\napp = App(token='x')\n\n"
            "@app.event('app_mention')\ndef mention(event, say):\n    say('hi')\n\n"
            "@app.command('/deploy')\ndef deploy(ack, command):\n    ack()\n\n"
            "@app.action('approve')\ndef approve(ack):\n    ack()\n"
        ),
    }
    assert entries(files) == [
        ("slack-bolt", "action approve", "bot.app.approve"),
        ("slack-bolt", "command /deploy", "bot.app.deploy"),
        ("slack-bolt", "event app_mention", "bot.app.mention"),
    ]
