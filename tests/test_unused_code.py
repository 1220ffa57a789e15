"""PRR501 and the `serving` scope: code no service source can run (project/dead_code.py `_unused`):
methods nothing calls, a method whose name only other classes' methods answer to, a function a
comment or a test names, a class nothing builds, and what only such code calls in other modules."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import analysis_for, run_on_disk
from prr_lint.project.foreign_calls import service_mentions

VIEWS = (
    "from flask import Flask\nfrom svc.clients import GoogleClient\n\napp = Flask(__name__)\n\n"
    "@app.get('/a')\ndef a():\n    client = GoogleClient()\n    return client.get_profile('t')\n"
)
GOOGLE = (
    "import logging\nimport requests\n\nclass GoogleClient:\n    def get_profile(self, token):\n"
    "        logging.info('[google_client.get_profile] asking')\n        return requests.get('https://g', timeout=5).json()\n"
)
ACCOUNTS = (
    "import requests\n\nclass AccountsClient:\n    def __init__(self, url):\n        self.url = url\n\n"
    "    def setup(self, token):\n        self.token = token\n\n"
    "    def get_profile(self, token):\n        return requests.get(self.url).json()\n\n"
    "    def _docker_get(self):\n        return requests.get(self.url)\n"
)
SERVICE = "from svc.accounts import AccountsClient\n\nCLIENT = AccountsClient('https://a')\nCLIENT.setup('t')\n"


def _found(tmp_path: Path, files: Dict[str, str], select: Tuple[str, ...] = ("PRR501",)) -> List[Tuple[str, str, int]]:
    return sorted((f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=select).findings)


def _project(**extra: str) -> Dict[str, str]:
    files = {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/clients.py": GOOGLE, "svc/accounts.py": ACCOUNTS,
             "svc/service.py": SERVICE}
    files.update(extra)
    return files


def test_methods_no_source_calls_are_not_the_service(tmp_path: Path) -> None:
    """IntelOwl's `_docker_get` (named nowhere) and appointment's `AccountsClient.get_profile`, whose
    every mention is `GoogleClient`'s method (a call typed by its receiver, the other class's log line)."""
    assert _found(tmp_path, _project()) == []


def test_a_call_whose_receiver_is_unknown_keeps_a_shared_method_name_alive(tmp_path: Path) -> None:
    """A route's call; the same call in a function nothing names runs nothing (dead_code.py `_dispatched_callers`)."""
    jobs = "def refresh(client):\n    return client.get_profile('t')\n"
    route = "\n@app.get('/r')\ndef r():\n    from svc.jobs import refresh\n    return refresh(None)\n"
    files = _project(**{"svc/jobs.py": jobs, "svc/views.py": VIEWS + route})
    assert _found(tmp_path, files) == [("PRR501", "svc/accounts.py", 11)]
    assert _found(tmp_path, _project(**{"svc/jobs.py": jobs})) == []


def test_a_method_a_template_or_the_class_module_names_stays(tmp_path: Path) -> None:
    files = _project(**{"svc/templates/profile.html": "{{ client._docker_get() }}\n"})
    assert _found(tmp_path, files) == [("PRR501", "svc/accounts.py", 14)]
    (tmp_path / "svc/templates/profile.html").unlink()
    files = _project(**{"svc/accounts.py": ACCOUNTS + "\nHOOK = AccountsClient._docker_get\n"})
    assert _found(tmp_path, files) == [("PRR501", "svc/accounts.py", 14)]


HANDLER = (
    "import logging\nimport requests\n\nclass Shipping:\n    def emit(self, record):\n        requests.post('https://log', data=record)\n\n"
    "class Shipper(Shipping, logging.Handler):\n    pass\n\nlogging.getLogger().addHandler(Shipper())\n"
)


def test_a_method_a_framework_base_may_call_by_name_stays(tmp_path: Path) -> None:
    """A mixin's `emit` runs as a `logging.Handler`'s hook: a class with an external base, and its
    project bases, may have public methods that code outside the project calls by name."""
    assert _found(tmp_path, _project(**{"svc/shipping.py": HANDLER, "svc/views.py": VIEWS + "from svc import shipping\n"})) == [
        ("PRR501", "svc/shipping.py", 6)]


CHECKS = (
    "import requests\n\ndef check_db():\n    return True\n\ndef check_redis():\n    return requests.get('http://redis')\n\n"
    "CHECKS = {\n    'db': check_db,\n    # 'redis': check_redis,\n}\n"
)
ROUTES = (
    "from flask import Flask\nfrom svc.checks import CHECKS\nfrom svc.osm import OSMService\n\napp = Flask(__name__)\n\n"
    "@app.get('/health')\ndef health():\n    return {name: check() for name, check in CHECKS.items()}\n\n"
    "# @app.delete('/users')\ndef delete_users():\n    def stream():\n        yield from OSMService.get_deleted_users()\n"
    "    return stream()\n"
)
OSM = (
    "import requests\n\nclass OSMService:\n    @staticmethod\n    def get_deleted_users():\n"
    "        def gen():\n            yield requests.get('https://planet.osm.org/users_deleted.txt').text\n        return gen()\n"
)


def test_a_comment_or_a_commented_out_decorator_keeps_nothing_alive(tmp_path: Path) -> None:
    """etools' `# 'redis': check_redis` and tasking-manager's `# @router.delete` route, whose helper
    chain in another module (a static method's generator) runs only from it."""
    files = {"svc/__init__.py": "", "svc/routes.py": ROUTES, "svc/checks.py": CHECKS, "svc/osm.py": OSM}
    assert _found(tmp_path, files) == []
    files["svc/routes.py"] = ROUTES.replace("# @app.delete", "@app.delete")
    assert _found(tmp_path, files) == [("PRR501", "svc/osm.py", 7)]
    files["svc/checks.py"] = CHECKS.replace("# 'redis'", "'redis'")
    assert _found(tmp_path, files) == [("PRR501", "svc/checks.py", 7), ("PRR501", "svc/osm.py", 7)]


def test_a_function_only_tests_call_is_not_the_service_for_prr501(tmp_path: Path) -> None:
    """onadata's `retrieve_asset_permissions`: only a test calls it. PRR501 leaves it out; the
    other rules keep what a test exercises (it may be wired in again)."""
    utils = ("import requests\n\ndef retrieve(url):\n    try:\n        return requests.get(url)\n    except Exception:\n"
             "        return None\n")
    test = "from svc.utils import retrieve\n\ndef test_retrieve():\n    assert retrieve('u') is None\n"
    files = _project(**{"svc/utils.py": utils, "tests/test_utils.py": test})
    assert _found(tmp_path, files, ("PRR101", "PRR501")) == [("PRR101", "svc/utils.py", 6)]


SMTP = (
    "import smtplib\n\nclass MailNotification:\n    def __init__(self, host):\n        self.host = host\n\n"
    "    def send_mail(self, text):\n        with smtplib.SMTP(host=self.host) as server:\n            server.sendmail('a', 'b', text)\n"
)
MODELS = "class MailNotification:\n    kind = 'mail'\n\nNOTIFICATIONS = [MailNotification]\n"


def test_a_class_nothing_builds_beside_a_class_of_that_name_is_dead(tmp_path: Path) -> None:
    """faraday's unused `utils/smtp.py`: `MailNotification` is named only by another module's class
    of that name; once that module names `smtp`, it may be this class."""
    files = _project(**{"svc/utils/__init__.py": "", "svc/utils/smtp.py": SMTP, "svc/models.py": MODELS,
                        "svc/views.py": VIEWS + "from svc import models\n"})
    assert _found(tmp_path, files) == []
    files["svc/models.py"] = "from svc.utils import smtp\n" + MODELS + "\ndef notify(text):\n    smtp.MailNotification('h').send_mail(text)\n"
    files["svc/views.py"] += "\n@app.get('/n')\ndef n():\n    return models.notify('x')\n"
    assert _found(tmp_path, files) == [("PRR501", "svc/utils/smtp.py", 8)]


MIDDLEWARE = (
    "import requests\n\nclass AuditMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n"
    "    def process_exception(self, request, exception):\n        requests.post('https://audit', data=str(exception))\n"
)


def test_a_class_a_string_names_may_be_called_by_its_protocol(tmp_path: Path) -> None:
    """A Django middleware named only by a dotted string in MIDDLEWARE: Django calls its
    `process_exception` by name, so it stays."""
    files = _project(**{"svc/middleware.py": MIDDLEWARE,
                        "svc/settings.py": "MIDDLEWARE = ['svc.middleware.AuditMiddleware']\n"})
    assert _found(tmp_path, files) == [("PRR501", "svc/middleware.py", 8)]


ZOOM = (
    "import requests\n\nclass ZoomSession(requests.Session):\n    def prepare_request(self, request):\n"
    "        request.url = 'https://zoom' + request.url\n        return super().prepare_request(request)\n\n"
    "class ZoomClient(ZoomSession):\n    def get_meeting(self, meeting_id):\n        return self.get(f'/meetings/{meeting_id}')\n\n"
    "    def get_poll_results(self, meeting_id):\n        return self.get(f'/past_meetings/{meeting_id}/polls')\n"
)


def test_a_session_subclass_method_nothing_calls_is_dead(tmp_path: Path) -> None:
    """tendenci's `ZoomClient(requests.Session)`: requests calls only its own API on a subclass
    (`prepare_request`), never `get_meeting`; the method the service calls stays reported."""
    files = _project(**{"svc/zoom/zoom.py": ZOOM, "svc/zoom/__init__.py": "from svc.zoom.zoom import ZoomClient\n",
                        "svc/service.py": SERVICE + "from svc.zoom import ZoomClient\n\n"
                        "def polls(meeting_id):\n    return ZoomClient().get_poll_results(meeting_id)\n\nPOLLS = polls(1)\n"})
    assert _found(tmp_path, files) == [("PRR501", "svc/zoom/zoom.py", 13)]


def test_a_function_whose_only_call_elsewhere_is_commented_out_is_dead(tmp_path: Path) -> None:
    """tendenci's `get_form_token`: its import and its call in the view are commented out."""
    utils = "import requests\n\ndef get_form_token(url):\n    return requests.post(url).json()\n"
    view = ("from flask import Flask\n\n# from svc.payments import get_form_token\napp = Flask(__name__)\n\n"
            "@app.get('/pay')\ndef pay():\n    # token = get_form_token('https://pay')\n    return 'ok'\n")
    files = _project(**{"svc/payments.py": utils, "svc/pay_views.py": view})
    assert _found(tmp_path, files) == []
    files["svc/pay_views.py"] = view.replace("# token", "token")
    assert _found(tmp_path, files) == [("PRR501", "svc/payments.py", 4)]


DOWNLOAD = ("import requests\n\ndef download(url, dest):\n    with open(dest, 'wb') as f:\n"
            "        f.write(requests.get(url).content)\n")
NLTK = "from nltk.downloader import download\n\n# download('all')\ndownload('punkt')\n"
PROSE = (
    "import yt_dlp\nfrom svc import utils\n\ndef fetch(url):\n    # then just download, so can use good parser\n"
    "    yt_dlp.YoutubeDL({}).download([url])\n"
    "    if url.endswith('?download=true'):\n        raise RuntimeError(f'Could not download the file {url}')\n"
    "    return utils.other(url)\n"
)


def test_a_name_held_only_as_prose_or_another_object_keeps_no_function_alive(tmp_path: Path) -> None:
    """h2ogpt's `utils.download`, only a test calls: other service files hold the word as nltk's
    imported `download`, another object's method (`ydl.download`), comments, messages and URLs."""
    utils = DOWNLOAD + "\ndef other(url):\n    return url\n"
    test = "from svc.utils import download\n\ndef test_download():\n    download('u', 'd')\n"
    files = _project(**{"svc/utils.py": utils, "svc/nltk_data.py": NLTK, "svc/fetch.py": PROSE, "tests/test_utils.py": test,
                        "svc/views.py": VIEWS + "from svc import fetch, nltk_data\n"})
    assert _found(tmp_path, files) == []
    files["svc/fetch.py"] = PROSE.replace("return utils.other(url)", "return utils.download(url, 'd')")
    assert _found(tmp_path, files) == [("PRR501", "svc/utils.py", 5)]
    files["svc/fetch.py"] = PROSE + "\nLOADER = getattr(utils, 'download')\n"
    assert _found(tmp_path, files) == [("PRR501", "svc/utils.py", 5)]


def test_another_modules_function_of_that_name_keeps_none_alive(tmp_path: Path) -> None:
    """A call of `svc.mirror.download`, another module's own function, is no mention of
    `svc.utils.download`; a module that imports `download` from `svc.utils` is."""
    mirror = "def download(url):\n    return url\n\nMIRROR = download('m')\n"
    files = _project(**{"svc/utils.py": DOWNLOAD, "svc/mirror.py": mirror, "svc/views.py": VIEWS + "from svc import mirror\n"})
    assert _found(tmp_path, files) == []
    files["svc/mirror.py"] = "from svc.utils import download\n\nMIRROR = download('m', 'd')\n"
    assert _found(tmp_path, files) == [("PRR501", "svc/utils.py", 5)]


NOTIFY = (
    "import os\nimport smtplib\n\ndef sendmail(address, subject, message):\n    smtp = smtplib.SMTP(os.environ['SMTP_HOST'], 25)\n"
    "    smtp.sendmail('svc', [address], message)\n    smtp.quit()\n"
)


def test_another_objects_method_in_the_functions_own_file_keeps_it_not_alive(tmp_path: Path) -> None:
    """turbinia's `notify.sendmail`, only notify_test.py calls: its own `smtp.sendmail(...)` is
    smtplib's method, no call of it."""
    test = "import unittest\nfrom svc import notify\n\nclass T(unittest.TestCase):\n    def test_send(self):\n        notify.sendmail('a', 's', 'm')\n"
    files = _project(**{"svc/notify.py": NOTIFY, "svc/notify_test.py": test})
    assert _found(tmp_path, files) == []
    files["svc/service.py"] = SERVICE + "from svc import notify\nnotify.sendmail('a', 's', 'm')\n"
    assert _found(tmp_path, files) == [("PRR501", "svc/notify.py", 5)]


LOADERS = (
    "import requests\nfrom langchain_core.document_loaders import BaseLoader\n\n"
    "class CaptionLoader(BaseLoader):\n    def load(self):\n        return self._captions('https://a')\n\n"
    "    def _captions(self, url):\n        return requests.get(url).text\n\n"
    "class H2OCaptionLoader(CaptionLoader):\n    def load(self):\n        return self._captions('https://b')\n\n"
    "    def _captions(self, url):\n        return requests.get(url, timeout=5).text\n"
)
LOADER_VIEWS = VIEWS + "from svc.loaders import H2OCaptionLoader\n\n@app.get('/c')\ndef c():\n    return H2OCaptionLoader().load()\n"


def test_a_base_method_every_subclass_overrides_in_a_base_nothing_builds_is_dead(tmp_path: Path) -> None:
    """h2ogpt's `ImageCaptionLoader._get_captions_and_metadata`: the project builds only the subclass,
    which overrides it and `load`, its one caller."""
    files = _project(**{"svc/loaders.py": LOADERS, "svc/views.py": LOADER_VIEWS})
    assert _found(tmp_path, files) == []
    # the subclass calls the base's method through super(): it runs
    files["svc/loaders.py"] = LOADERS.replace("return requests.get(url, timeout=5).text", "return super()._captions(url)")
    assert _found(tmp_path, files) == [("PRR501", "svc/loaders.py", 9)]
    # the service builds the base itself
    files["svc/loaders.py"] = LOADERS
    files["svc/views.py"] = LOADER_VIEWS.replace("import H2OCaptionLoader", "import CaptionLoader, H2OCaptionLoader") + "\nPLAIN = CaptionLoader\n"
    assert _found(tmp_path, files) == [("PRR501", "svc/loaders.py", 9)]


REDIS_MIXIN = (
    "import requests\nfrom django.db import models\n{imports}\n\nclass RedisMixin(models.Model):\n"
    "    class Meta:\n        abstract = True\n\n"
    "    def provision_redis(self):\n        return requests.get('http://redis/acl')\n\n"
    "    def deprovision_redis(self):\n        return requests.delete('http://redis/acl')\n\n"
    "    def save(self, *args, **kwargs):\n        requests.post('http://audit')\n        return super().save(*args, **kwargs)\n\n"
    "    def get_kind_display(self):\n        return requests.get('http://kinds').text\n\n\n"
    "class Instance({bases}):\n    def spawn(self):\n        self.provision_redis()\n"
)
INSTANCE_VIEWS = VIEWS + "from svc.models import Instance\n\n@app.post('/i')\ndef spawn():\n    Instance().spawn()\n"


def test_a_model_method_django_does_not_call_and_nothing_names_is_dead(tmp_path: Path) -> None:
    """opencraft's `RedisInstanceMixin.deprovision_redis`: Django calls a model's `save` and its
    per-field `get_<field>_display`, never a mixin's own public method; nothing else names it."""
    models = REDIS_MIXIN.format(imports="", bases="RedisMixin")
    docs = "# Instances\n\nAn `Instance` provisions Redis when it spawns.\n"
    files = _project(**{"svc/models.py": models, "svc/views.py": INSTANCE_VIEWS, "docs/howto.md": docs})
    assert _found(tmp_path, files) == [("PRR501", "svc/models.py", 10), ("PRR501", "svc/models.py", 16), ("PRR501", "svc/models.py", 20)]


def test_a_class_documentation_names_may_not_be_loaded_but_one_a_configuration_file_names_may(tmp_path: Path) -> None:
    """A configuration file may load a class by name and call its public methods as a protocol (a
    plug-in's `sync`); documentation, templates and a message load nothing (opencraft's how-tos
    naming `OpenEdXInstance`)."""
    accounts = ACCOUNTS + "\n    def sync(self):\n        return requests.post(self.url)\n"
    docs = "Call `AccountsClient` to read a profile.\n"
    message = "import logging\n\nlogging.info('AccountsClient profile service ready to answer')\n"  # prose
    assert _found(tmp_path, _project(**{"svc/accounts.py": accounts, "docs/clients.md": docs, "svc/start.py": message})) == []
    (tmp_path / "docs/clients.md").unlink()
    files = _project(**{"svc/accounts.py": accounts, "deploy/plugins.yaml": "sync: svc.accounts.AccountsClient\n"})
    assert _found(tmp_path, files) == [("PRR501", "svc/accounts.py", 11), ("PRR501", "svc/accounts.py", 17)]


def test_a_model_with_another_framework_base_keeps_its_public_methods(tmp_path: Path) -> None:
    """A lineage with a base whose hooks are unknown (a third-party model base) may call any public method."""
    models = REDIS_MIXIN.format(imports="from django_extensions.db.models import TimeStampedModel",
                                bases="RedisMixin, TimeStampedModel")
    assert _found(tmp_path, _project(**{"svc/models.py": models, "svc/views.py": INSTANCE_VIEWS})) == [
        ("PRR501", "svc/models.py", 10), ("PRR501", "svc/models.py", 13), ("PRR501", "svc/models.py", 16),
        ("PRR501", "svc/models.py", 20)]


GRAFANA_CLIENT = (
    "import requests\n\ndef create_datasource(ds):\n    return requests.post('https://g/ds', json=ds, timeout=5)\n\n"
    "def create_user(name):\n    return requests.post('https://g/users', json={'name': name})\n"
)
OTHER_CLIENT = "import requests\n\ndef create_user(name):\n    return requests.post('https://o/users', json={'name': name}, timeout=5)\n"
DATAVIEW_VIEWS = (
    "from flask import Flask\nfrom svc.dataview import provisioning\nfrom svc.logs.grafana import views as grafana_views\n\n"
    "app = Flask(__name__)\n\n@app.get('/p')\ndef p():\n    provisioning.provision()\n    return grafana_views.sync()\n"
)


def _dataview(**extra: str) -> Dict[str, str]:
    files = {"svc/__init__.py": "", "svc/views.py": DATAVIEW_VIEWS, "svc/dataview/__init__.py": "",
             "svc/dataview/client.py": GRAFANA_CLIENT,
             "svc/dataview/provisioning.py": "from . import client\n\ndef provision():\n    return client.create_datasource({})\n",
             "svc/logs/__init__.py": "", "svc/logs/grafana/__init__.py": "", "svc/logs/grafana/client.py": OTHER_CLIENT,
             "svc/logs/grafana/views.py": "from . import client\n\ndef sync():\n    return client.create_user('a')\n"}
    files.update(extra)
    return files


def test_a_call_of_another_modules_function_of_that_name_keeps_none_alive_whatever_its_modules_name(tmp_path: Path) -> None:
    """bk-monitor's `bk_dataview/client.py`: its one importer uses 3 of its 12 functions; the other
    `client.create_user(...)` calls are of bklog's own `grafana/client.py`, a module of the same last
    name, whose call the resolver types: no mention of `bk_dataview.client.create_user`."""
    assert _found(tmp_path, _dataview()) == []
    # nor a word of a file that shares only a word (`client`) or the top-level package with its module
    audit = ("from svc.logs.grafana import client as logs\n\nclient = 'local'\n\n"
             "class Audit:\n    create_user = 'admin'\n\nAUDIT = logs.create_user(Audit.create_user)\n")
    assert _found(tmp_path, _dataview(**{"svc/audit.py": audit, "svc/views.py": DATAVIEW_VIEWS + "from svc import audit\n"})) == []


def test_a_function_imported_re_exported_or_named_by_a_dotted_path_stays(tmp_path: Path) -> None:
    """The neighbours that may run it: a call through the module object by another name, a package
    that re-exports it, a dotted path a loader imports."""
    line = ("PRR501", "svc/dataview/client.py", 7)
    attribute = "from svc.dataview import client as grafana\n\ndef sync():\n    return grafana.create_user('a')\n"
    assert _found(tmp_path, _dataview(**{"svc/logs/grafana/views.py": attribute})) == [line]
    reexport = {"svc/dataview/__init__.py": "from .client import create_user\n",
                "svc/logs/grafana/views.py": "from svc.dataview import create_user\n\ndef sync():\n    return create_user('a')\n"}
    assert _found(tmp_path, _dataview(**reexport)) == [line]
    dotted = ("from django.utils.module_loading import import_string\n\n"
              "def sync():\n    return import_string('svc.dataview.client.create_user')('a')\n")
    assert _found(tmp_path, _dataview(**{"svc/logs/grafana/views.py": dotted})) == [line]
    star = "from svc.dataview.client import *\n\ndef sync():\n    return create_user('a')\n"
    assert _found(tmp_path, _dataview(**{"svc/logs/grafana/views.py": star})) == [line]


OPSGENIE = (
    "import json\nimport logging\nfrom urllib.request import Request, urlopen\n\nlog = logging.getLogger(__name__)\n\n"
    "def create_alert(description):\n    content = post('https://api.opsgenie.com/v2/alerts', {'description': description})\n"
    "    log.info('create_alert')\n    return json.loads(content)\n\n"
    "def post(url, data):\n    return urlopen(Request(url, data=json.dumps(data).encode())).read()\n\n"
    "def healthcheck():\n    return urlopen('https://api.opsgenie.com/v2/heartbeats').status\n"
)
OPSGENIE_PACKAGE = "from .client import create_alert, healthcheck, post\n\n__all__ = ['create_alert', 'healthcheck', 'post']\n"
OPSGENIE_VIEWS = VIEWS + "from svc.opsgenie import healthcheck\n\n@app.get('/h')\ndef h():\n    return healthcheck()\n"


def _opsgenie(**extra: str) -> Dict[str, str]:
    return _project(**{"svc/opsgenie/__init__.py": OPSGENIE_PACKAGE, "svc/opsgenie/client.py": OPSGENIE,
                       "svc/views.py": OPSGENIE_VIEWS, **extra})


def test_a_function_only_its_package_re_exports_is_dead(tmp_path: Path) -> None:
    """sre-bot's `opsgenie.create_alert` (I133): the package's `from .client import create_alert` and
    its `__all__` entry call nothing, nor does its own structlog event `log.info("create_alert")`;
    the helper only it calls goes with it. A module that imports it from the package and calls it,
    or a dotted path through the package (a setting a loader imports), may run it."""
    health = ("PRR501", "svc/opsgenie/client.py", 16)
    alert = [("PRR501", "svc/opsgenie/client.py", 13), health]
    assert _found(tmp_path, _opsgenie()) == [health]
    caller = "from svc.opsgenie import create_alert\n\nALERT = create_alert('compromised')\n"
    assert _found(tmp_path, _opsgenie(**{"svc/service.py": SERVICE + caller})) == alert
    setting = "ALERT_HANDLER = 'svc.opsgenie.create_alert'\n"
    assert _found(tmp_path, _opsgenie(**{"svc/settings.py": setting})) == alert
    unused = "from svc.opsgenie import create_alert\n"  # an unused import calls nothing either
    assert _found(tmp_path, _opsgenie(**{"svc/service.py": SERVICE + unused})) == [health]


def test_a_function_only_its_own_recursion_names_is_dead(tmp_path: Path) -> None:
    """observation-portal's `return_paginated_results` (I303): its one call is its own, for the next page."""
    utils = ("import requests\n\ndef paginated(collection, url):\n    response = requests.get(url)\n"
             "    collection += response.json()['results']\n    nxt = response.json()['next']\n"
             "    return paginated(collection, nxt) if nxt else collection\n")
    assert _found(tmp_path, _project(**{"svc/pages.py": utils, "svc/views.py": VIEWS + "from svc import pages\n"})) == []
    caller = "from svc.pages import paginated\n\nALL = paginated([], 'https://p')\n"
    assert _found(tmp_path, _project(**{"svc/pages.py": utils, "svc/service.py": SERVICE + caller})) == [("PRR501", "svc/pages.py", 4)]


STAC = (
    "import requests\nfrom openeo_driver.save_result import SaveResult\n\nclass StacSaveResult(SaveResult):\n"
    "    def __init__(self, root):\n        self.root = root\n\n"
    "    def write_assets(self, directory):\n        return requests.get(self.root).json()\n"
)
BATCH = (
    "from openeo_driver.save_result import SaveResult\nfrom svc.stac import StacSaveResult\n\n"
    "def write(result: SaveResult, directory):\n    if isinstance(result, StacSaveResult):\n        return {}\n"
    "    return result.write_assets(directory)\n\nWRITTEN = write(None, '/tmp')\n"
)


def test_a_framework_subclass_the_service_only_tells_apart_is_dead(tmp_path: Path) -> None:
    """openeo-geopyspark-driver's `StacSaveResult` (I310): `batch_job.py` only imports it and asks
    `isinstance(result, StacSaveResult)`; only tests build it. Once service code builds it, it runs."""
    files = _project(**{"svc/stac.py": STAC, "svc/batch.py": BATCH, "svc/views.py": VIEWS + "from svc import batch\n"})
    assert _found(tmp_path, files) == []
    files["svc/batch.py"] = BATCH + "\ndef stac(root):\n    return write(StacSaveResult(root), '/tmp')\n\nSTAC = stac('https://s')\n"
    assert _found(tmp_path, files) == [("PRR501", "svc/stac.py", 9)]


def test_a_singleton_model_method_nothing_names_is_dead(tmp_path: Path) -> None:
    """series-tiempo-ar-api's `ImportConfig.get_results` (J282): django-solo's `SingletonModel` is a Django
    model whose own class methods load the row; Django calls `clean`, nothing calls `get_results`."""
    config = ("import requests\nfrom solo.models import SingletonModel\n\nclass ImportConfig(SingletonModel):\n"
              "    def clean(self):\n        requests.head('https://analytics')\n\n"
              "    def get_results(self):\n        return requests.get('https://analytics').json()\n")
    views = VIEWS + "from svc.config import ImportConfig\n\n@app.get('/config')\ndef config():\n    return ImportConfig.get_solo().pk\n"
    assert _found(tmp_path, _project(**{"svc/config.py": config, "svc/views.py": views})) == [("PRR501", "svc/config.py", 6)]


CONFIG_CLIENT = (
    "import requests\n\ndef get_config(name):\n    return requests.get('https://core/config/' + name, timeout=5).json()\n\n"
    "def delete_config(name):\n    return requests.delete('https://core/config/' + name)\n"
)
DELETE = ("PRR501", "svc/lib/config.py", 7)
ENVELOPE = "class Envelope:\n    def __init__(self, name):\n        self.name = name\n"
COMMANDS = (
    "from functools import partial\nfrom flask import Flask\nfrom svc.lib import Envelope\n\napp = Flask(__name__)\n\n"
    "@app.delete('/config/<name>')\ndef remove(name):\n    def delete_config(key):\n"
    "        return app.extensions['config'].delete_config(key)\n    return partial(delete_config, name)() or Envelope(name)\n"
)


def test_a_file_whose_own_namesake_holds_the_name_does_not_call_the_function(tmp_path: Path) -> None:
    """fixcore's `cli/command.py` nests a `delete_config` and calls `config_handler.delete_config(...)`,
    and imports a name from the `fixlib.core` package, beside fixlib's `core/config.py` `delete_config`, which nothing calls."""
    files = {"svc/__init__.py": "", "svc/lib/__init__.py": ENVELOPE, "svc/lib/config.py": CONFIG_CLIENT, "svc/commands.py": COMMANDS}
    assert _found(tmp_path, files) == []


def test_a_file_that_imports_the_module_beside_its_own_namesake_may_call_it(tmp_path: Path) -> None:
    commands = COMMANDS.replace("from svc.lib import Envelope\n", "from svc.lib import config\n").replace(
        "Envelope(name)", "config.delete_config(name)")
    files = {"svc/__init__.py": "", "svc/lib/__init__.py": ENVELOPE, "svc/lib/config.py": CONFIG_CLIENT, "svc/commands.py": commands}
    assert _found(tmp_path, files) == [DELETE]


def test_without_reach_a_namesake_file_still_names_the_function() -> None:
    """A Celery task's registered name does not depend on imports (dead_code.py `uncoded` with
    `anywhere`): a reach that asks none keeps every word, a namesake file's too."""
    files = {"svc/__init__.py": "", "svc/lib/__init__.py": ENVELOPE, "svc/lib/config.py": CONFIG_CLIENT, "svc/commands.py": COMMANDS}
    index = analysis_for(files).index
    words = index.modules["svc.commands"].words
    assert service_mentions(index, "svc.commands", "svc.lib.config.delete_config", words, 1, lambda *_: True) == 2
    assert service_mentions(index, "svc.commands", "svc.lib.config.delete_config", words, 1) == 0


NODE = (
    "import requests\n\nclass LndNode:\n    @classmethod\n    def version(cls):\n        return requests.get('http://lnd/version')\n\n"
    "    @classmethod\n    def pay(cls, invoice):\n        return requests.post('http://lnd/pay', json=invoice)\n\n"
    "    @classmethod\n    def fund(cls):\n        return requests.post('http://lnd/address')\n"
)
NODE_VIEWS = (
    "from flask import Flask\nfrom svc.node import Node\n\napp = Flask(__name__)\n\n"
    "@app.get('/version')\ndef version():\n    from svc.lnd import LndNode\n\n    return LndNode.version()\n\n"
    "@app.post('/pay')\ndef pay():\n    return Node.pay({})\n"
)
NODE_FILES = {
    "svc/__init__.py": "", "svc/lnd.py": NODE, "svc/views.py": NODE_VIEWS,
    "svc/node.py": "import os\n\nif os.environ.get('VENDOR', 'LND') == 'LND':\n    from svc.lnd import LndNode\n\n    Node = LndNode\n",
    "tests/__init__.py": "", "tests/test_node.py": "from svc.lnd import LndNode\n\ndef test_fund():\n    LndNode.fund()\n",
    "svc/AGENTS.md": "# Nodes\n\n- `LndNode.fund()` funds the regtest node; `version()`, `pay(invoice)` serve the API.\n",
}


def test_a_method_only_tests_and_documentation_name_is_dead(tmp_path: Path) -> None:
    """robosats' `CLNNode.newaddress`, only tests call (a contributor guide lists it): documentation calls no
    method, and a view's import of the class in its body (`from svc.lnd import LndNode` before
    `LndNode.version()`) is code, not a string that may load the class by name and call its public methods."""
    assert _found(tmp_path, dict(NODE_FILES)) == [("PRR501", "svc/lnd.py", 6), ("PRR501", "svc/lnd.py", 10)]


def test_a_template_calling_the_method_or_a_string_naming_its_class_keeps_it(tmp_path: Path) -> None:
    """A template may call a method by its name; a class a string names may be loaded by a framework that
    calls its public methods: either keeps the method only tests call."""
    files = {**NODE_FILES, "svc/templates/node.html": "<p>{{ node.fund() }}</p>\n"}
    assert ("PRR501", "svc/lnd.py", 14) in _found(tmp_path, files)
    (tmp_path / "svc/templates/node.html").unlink()
    files = {**NODE_FILES, "svc/settings.py": "NODE_CLASS = 'svc.lnd.LndNode'\n"}
    assert ("PRR501", "svc/lnd.py", 14) in _found(tmp_path, files)
