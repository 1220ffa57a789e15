"""PRR206: health routes served under another path or name (judged false when reported)."""

from __future__ import annotations

from _serving import run

SETTINGS = "MIDDLEWARE = ['django.middleware.common.CommonMiddleware']\nROOT_URLCONF = 'svc.urls'\n"
VIEWS = (
    "from django.http import HttpResponse, JsonResponse\nfrom django.views import View\n\n"
    "class HealthCheckView(View):\n    def get(self, request):\n        return HttpResponse(status=200)\n\n"
    "class FileStatusView(View):\n    def get(self, request):\n        return JsonResponse({'files': []})\n\n"
    "class NotifyView(View):\n    def post(self, request):\n        return JsonResponse({})\n"
)


def _codes(files):
    return [(f.rule, f.path, f.span.line) for f in run(files, select=("PRR206",)).findings]


def test_a_health_check_view_under_a_regex_status_route_is_a_health_route() -> None:
    # apprise-api: re_path(r"^status/?$", views.HealthCheckView.as_view(), name="health")
    urls = ("from django.urls import re_path\nfrom svc import views\n\nurlpatterns = [\n"
            "    re_path(r'^status/?$', views.HealthCheckView.as_view(), name='health'),\n"
            "    re_path(r'^notify/?$', views.NotifyView.as_view()),\n]\n")
    assert _codes({"svc/settings.py": SETTINGS, "svc/urls.py": urls, "svc/views.py": VIEWS}) == []


def test_a_model_status_view_is_no_health_route() -> None:
    urls = ("from django.urls import re_path\nfrom svc import views\n\nurlpatterns = [\n"
            "    re_path(r'^files/(?P<pk>\\d+)/?$', views.FileStatusView.as_view()),\n"
            "    re_path(r'^notify/?$', views.NotifyView.as_view()),\n]\n")
    views = VIEWS.replace("HealthCheckView", "ReportView")
    assert _codes({"svc/settings.py": SETTINGS, "svc/urls.py": urls, "svc/views.py": views}) == [("PRR206", "svc/settings.py", 1)]


APP = (
    "import tornado.web\nfrom svc.health import HealthHandler\n\n"
    "class MainHandler(tornado.web.RequestHandler):\n    def get(self):\n        self.write('ok')\n\n"
    "class App:\n    health_handler_class = HealthHandler\n\n"
    "    def make_app(self):\n        return tornado.web.Application([\n"
    "            (r'/', MainHandler),\n            (r'/health', self.health_handler_class),\n        ])\n"
)
HEALTH = ("import tornado.web\n\nclass HealthHandler(tornado.web.RequestHandler):\n"
          "    def get(self):\n        self.write({'ok': True})\n")


def test_a_health_handler_class_held_in_a_setting_is_a_health_route() -> None:
    # binderhub: (r"/health", self.health_handler_class), a configurable traitlets setting
    assert _codes({"svc/app.py": APP, "svc/health.py": HEALTH}) == []
    unnamed = HEALTH.replace("HealthHandler", "StatsHandler")
    assert _codes({"svc/app.py": APP.replace("HealthHandler", "StatsHandler"), "svc/health.py": unnamed}) != []
