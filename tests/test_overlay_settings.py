"""PRR201 at the Django settings a deployment serves, not at an overlay loaded only under a switch."""

from __future__ import annotations

from _serving import run

VIEWS = {"cms/urls.py": "from django.urls import path\nfrom cms import views\nurlpatterns = [path('media/', views.media)]\n",
         "cms/views.py": "def media(request):\n    return []\n"}
DEV = "DEBUG = True\nMIDDLEWARE = ['debug_toolbar.middleware.DebugToolbarMiddleware']\n"


def _codes(files):
    return [(f.rule, f.path, f.span.line) for f in run(files, select=("PRR201",)).findings]


def test_an_overlay_loaded_under_a_switch_is_reported_at_the_importing_settings() -> None:
    settings = ("import os\n\nMIDDLEWARE = ['django.middleware.common.CommonMiddleware']\n\n"
                "if os.environ.get('DEVELOPMENT_MODE'):\n    from .dev_settings import *  # noqa\n")
    assert _codes({**VIEWS, "cms/settings.py": settings, "cms/dev_settings.py": DEV}) == [("PRR201", "cms/settings.py", 3)]
    in_try = settings.replace("if os.environ", "try:\n    if os.environ").replace("    from .dev", "        from .dev") + \
        "except ImportError:\n    pass\n"
    assert _codes({**VIEWS, "cms/settings.py": in_try, "cms/dev_settings.py": DEV}) == [("PRR201", "cms/settings.py", 3)]


def test_an_overlay_imported_unconditionally_or_by_a_module_without_its_own_list_stays() -> None:
    """`try:` alone (a local_settings a deployment may use) is no switch; a base module star-imported
    at the top of a production module is part of what runs; an importer without its own list leaves
    the overlay's the only one."""
    local = "MIDDLEWARE = ['django.middleware.common.CommonMiddleware']\n\ntry:\n    from .dev_settings import *  # noqa\nexcept ImportError:\n    pass\n"
    assert ("PRR201", "cms/dev_settings.py", 2) in _codes({**VIEWS, "cms/settings.py": local, "cms/dev_settings.py": DEV})
    no_list = "import os\n\nif os.environ.get('DEVELOPMENT_MODE'):\n    from .dev_settings import *  # noqa\n"
    assert _codes({**VIEWS, "cms/settings.py": no_list, "cms/dev_settings.py": DEV}) == [("PRR201", "cms/dev_settings.py", 2)]
