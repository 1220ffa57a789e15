"""PRR501's examples of typed settings switches (rules/config_switches.py, project/switches.py): a call guarded
by a settings field that defaults to off, or by a module constant bound once to a blank, or by what a helper returns
only while such a key is on (rules/returned_switches.py), is left alone, one whose
field defaults to on, or whose blank something fills, is reported. Kept apart
from timeout_examples.py so each module stays short; the environment and deployment-file cases need a project
tree, and are tests/test_settings_switches.py and tests/test_env_eval.py."""

from __future__ import annotations

from prr_lint.rules.base import Example

VALID = (
    # a pydantic settings field that defaults to `False`, read through the settings factory or a module copy
    # of the field; an `else` that only logs leaves the `if` a switch
    Example(
        "import logging\nfrom functools import lru_cache\n\nimport requests\nfrom pydantic import Field\n"
        "from pydantic_settings import BaseSettings\n\nlogger = logging.getLogger(__name__)\n\n"
        "class Settings(BaseSettings):\n    ENABLE_WEBHOOK: bool = False\n"
        "    ENABLE_AUDIT: bool = Field(default=False, description='audit events')\n\n"
        "@lru_cache\ndef get_settings():\n    return Settings()\n\nSEND_AUDIT = Settings.ENABLE_AUDIT\n\n"
        "def notify(event):\n    if get_settings().ENABLE_WEBHOOK:\n"
        "        requests.post('https://hooks.example.com/events', json=event)\n    else:\n"
        "        logger.info('webhook disabled')\n\ndef audit(event):\n    if SEND_AUDIT:\n"
        "        requests.post('https://audit.example.com/events', json=event)\n"
    ),
    # a field spelled in lower case: pydantic-settings fills it from the environment, so it is a switch too
    Example(
        "import requests\nfrom pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n"
        "    enable_metrics: bool = False\n\nsettings = Settings()\n\ndef push(sample):\n"
        "    if settings.enable_metrics:\n        requests.post('https://metrics.example.com/push', json=sample)\n"
    ),
    # a branch that needs a key off that the config turns on, and the `else` of a branch that only logs a key off
    Example(
        "import logging\n\nimport requests\nfrom flask import current_app\n\nlogger = logging.getLogger(__name__)\n\n"
        "class Config:\n    USE_MESSENGER = True\n    ENABLE_CLEANUP = False\n\ndef notify(event):\n"
        "    if not current_app.config.get('USE_MESSENGER', True):\n"
        "        requests.post('https://mail.example.com/send', json=event)\n\ndef cleanup(items):\n"
        "    if not current_app.config['ENABLE_CLEANUP']:\n        logger.info('cleanup disabled')\n    else:\n"
        "        requests.post('https://core.example.com/cleanup', json=items)\n"
    ),
    # a settings field whose integer default is `0`, tested for truth: as off as `False` (`MAIL_ENABLED: int = 0`)
    Example(
        "import requests\nfrom pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n"
        "    MAIL_ENABLED: int = 0\n\nsettings = Settings()\n\ndef create_user(email):\n"
        "    if settings.MAIL_ENABLED:\n        requests.post('https://mail.example.com/token', json={'to': email})\n"
        "    return email\n"
    ),
    # a module constant bound once to a blank and read by its bare name: what Python binds, nothing ships a value
    Example(
        "import requests\n\nLOKI_URL = None\n\ndef ship(record):\n    if LOKI_URL:\n"
        "        requests.post(LOKI_URL, data=record)\n"
    ),
    # a helper that returns an address only when Django's settings define the proxy's host and port, which no settings
    # module does: tested as the helper's value, or filled in from it when the caller passes no host (none does)
    Example(
        "import http.client\n\nfrom django.conf import settings\n\ndef proxy_host():\n"
        "    if hasattr(settings, 'PROXY_HOST') and hasattr(settings, 'PROXY_PORT'):\n"
        "        return '%s:%s' % (settings.PROXY_HOST, settings.PROXY_PORT)\n    return None\n\n"
        "def purge(path, host=None):\n    if host is None:\n        host = proxy_host()\n        if host is None:\n"
        "            return None\n    conn = http.client.HTTPConnection(host)\n    conn.request('PURGE', path)\n\n"
        "def purge_all():\n    if not proxy_host():\n        return\n    http.client.HTTPConnection(proxy_host()).request('BAN', '/')\n\n"
        "def on_save(page):\n    purge(page.url)\n    purge_all()\n"
    ),
    # a helper returning a key that the configuration leaves off
    Example(
        "import requests\n\nclass Config:\n    AUDIT_URL = False\n\nconfig = Config()\n\ndef audit_url():\n"
        "    return config.AUDIT_URL\n\ndef audit(event):\n    url = audit_url()\n    if not url:\n        return\n"
        "    requests.post(url, json=event)\n"
    ),
    # a helper whose conditional expression gives an address only while a key the configuration leaves off is on
    Example(
        "import requests\n\nclass Config:\n    ENABLE_AUDIT = False\n    AUDIT_HOST = 'audit.example.com'\n\nconfig = Config()\n\n"
        "def audit_endpoint():\n    return 'https://%s/events' % config.AUDIT_HOST if config.ENABLE_AUDIT else None\n\n"
        "def audit(event):\n    endpoint = audit_endpoint()\n    if endpoint is None:\n        return\n"
        "    requests.post(endpoint, json=event)\n"
    ),
    # a plain class's constant bound once to `False`, read through the class, that nothing rebinds
    Example(
        "import requests\n\nclass ServerEnv:\n    base_dir = 'data'\n    check_running: bool = False\n\n"
        "def connect(user):\n    if ServerEnv.check_running:\n        requests.post('https://jobs.example.com/running', json=user)\n"
    ),
    # a word an app's own configuration store holds, compared to the one that turns the feature on: the read's default
    # and the store's seed say "No", so the post runs only once an operator picks "Yes"
    Example(
        "import requests\n\nclass Seeder:\n    def __init__(self, app):\n        self.app = app\n\n"
        "    async def seed(self):\n        if self.app.config.get('INFLUXDB', None) is None:\n"
        "            await self.app.config.add('INFLUXDB', 'No', 'select', 'Write sensor data to influxdb')\n\n"
        "class Logger:\n    def __init__(self, app):\n        self.app = app\n\n    def log(self, name, value):\n"
        "        self.influxdb = self.app.config.get('INFLUXDB', 'No')\n        if self.influxdb == 'Yes':\n"
        "            requests.post('https://influx.example.com/write', data=f'{name} value={value}')\n"
    ),
)
INVALID = (
    # an integer field whose default is not `0` is on
    Example(
        "import requests\nfrom pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n"
        "    MAIL_ENABLED: int = 1\n\nsettings = Settings()\n\ndef create_user(email):\n    if settings.MAIL_ENABLED:\n"
        "        requests.post('https://mail.example.com/token', json={'to': email})  # expect: PRR501\n    return email\n"
    ),
    # a plain class's constant that a class method rebinds
    Example(
        "import requests\n\nclass ServerEnv:\n    check_running: bool = False\n\n    @classmethod\n"
        "    def strict(cls):\n        cls.check_running = True\n\ndef connect(user):\n    if ServerEnv.check_running:\n"
        "        requests.post('https://jobs.example.com/running', json=user)  # expect: PRR501\n"
    ),
    # the branch runs while the key is unset (no `True` default), or while a value read from the environment is false
    Example(
        "import os\n\nimport requests\nfrom flask import current_app\n\nclass Config:\n    USE_MESSENGER = True\n"
        "    USE_QUEUE = os.getenv('USE_QUEUE') == '1'\n\ndef notify(event):\n"
        "    if not current_app.config.get('USE_MESSENGER'):\n"
        "        requests.post('https://mail.example.com/send', json=event)  # expect: PRR501\n"
        "    if not current_app.config.get('USE_QUEUE', True):\n"
        "        requests.post('https://queue.example.com/send', json=event)  # expect: PRR501\n"
    ),
    # a field that defaults to on, and an `if` whose `else` does other work (a choice between two ways)
    Example(
        "from dataclasses import dataclass, field\n\nimport requests\n\n@dataclass\nclass Options:\n"
        "    ENABLE_SYNC: bool = field(default=True)\n    ENABLE_MIRROR: bool = False\n\nsettings = Options()\n\n"
        "def sync(event):\n    if settings.ENABLE_SYNC:\n"
        "        requests.post('https://sync.example.com/events', json=event)  # expect: PRR501\n\n"
        "def mirror(event):\n    if settings.ENABLE_MIRROR:\n"
        "        requests.post('https://mirror.example.com/events', json=event)  # expect: PRR501\n    else:\n"
        "        requests.post('https://spool.example.com/events', json=event)  # expect: PRR501\n"
    ),
    # a lower-case settings field that defaults to on, and one of a class no environment fills (not a setting)
    Example(
        "import requests\nfrom pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n"
        "    enable_metrics: bool = True\n\nclass Batch:\n    send_report: bool = False\n\n"
        "settings = Settings()\nbatch = Batch()\n\ndef push(sample):\n    if settings.enable_metrics:\n"
        "        requests.post('https://metrics.example.com/push', json=sample)  # expect: PRR501\n"
        "    if batch.send_report:\n        requests.post('https://reports.example.com', json=sample)  # expect: PRR501\n"
    ),
    # the helper's settings are defined (a settings module gives the port), a caller passes its own host, or the
    # helper may return what the environment sets
    Example(
        "import http.client\nimport os\n\nimport requests\nfrom django.conf import settings\n\n"
        "PROXY_HOST = 'varnish'\nPROXY_PORT = 6081\n\n"
        "def proxy_host():\n    if hasattr(settings, 'PROXY_HOST') and hasattr(settings, 'PROXY_PORT'):\n"
        "        return '%s:%s' % (settings.PROXY_HOST, settings.PROXY_PORT)\n    return None\n\n"
        "def purge_all():\n    host = proxy_host()\n    if host is None:\n        return\n"
        "    http.client.HTTPConnection(host).request('BAN', '/')  # expect: PRR501\n\n"
        "def cdn_host():\n    return None\n\ndef purge(path, host=None):\n    if host is None:\n        host = cdn_host()\n"
        "        if host is None:\n            return None\n"
        "    http.client.HTTPConnection(host).request('PURGE', path)  # expect: PRR501\n\n"
        "def on_save(page):\n    purge(page.url, host='cdn:80')\n\nclass Config:\n    AUDIT_URL = os.environ.get('AUDIT_URL')\n\n"
        "def audit_url():\n    return Config.AUDIT_URL\n\ndef audit(event):\n    url = audit_url()\n    if url:\n"
        "        requests.post(url, json=event)  # expect: PRR501\n"
    ),
    # a helper's conditional expression on a key the configuration turns on, or one giving an address either way
    Example(
        "import requests\n\nclass Config:\n    ENABLE_AUDIT = True\n    ENABLE_MIRROR = False\n\nconfig = Config()\n\n"
        "def audit_endpoint():\n    return 'https://audit.example.com/events' if config.ENABLE_AUDIT else None\n\n"
        "def mirror_endpoint():\n    return 'https://mirror.example.com/events' if config.ENABLE_MIRROR else 'https://spool.example.com'\n\n"
        "def audit(event):\n    endpoint = audit_endpoint()\n    if endpoint is None:\n        return\n"
        "    requests.post(endpoint, json=event)  # expect: PRR501\n\n"
        "def mirror(event):\n    endpoint = mirror_endpoint()\n    if endpoint is None:\n        return\n"
        "    requests.post(endpoint, json=event)  # expect: PRR501\n"
    ),
    # a blank constant another statement fills, and a blank read through a settings object a loader may fill
    Example(
        "import os\n\nimport requests\n\nLOKI_URL = None\nif os.environ.get('LOKI_HOST'):\n"
        "    LOKI_URL = os.environ['LOKI_HOST'] + '/loki/api/v1/push'\n\nclass Config:\n    SENTRY_URL = None\n\n"
        "config = Config()\n\ndef ship(record):\n    if LOKI_URL:\n"
        "        requests.post(LOKI_URL, data=record)  # expect: PRR501\n    if config.SENTRY_URL:\n"
        "        requests.post(config.SENTRY_URL, data=record)  # expect: PRR501\n"
    ),
    # a store word seeded "Yes", or set from what the code computes, keeps its branch; so does one compared to "No"
    Example(
        "import requests\n\nclass Seeder:\n    def __init__(self, app, form):\n        self.app = app\n        self.form = form\n\n"
        "    async def seed(self):\n        await self.app.config.add('CSVLOGFILES', 'Yes', 'select', 'Write sensor data to csv')\n"
        "        await self.app.config.set('MQTTLOG', self.form['mqtt'])\n\n"
        "class Logger:\n    def __init__(self, app):\n        self.app = app\n\n    def log(self, name, value):\n"
        "        csv = self.app.config.get('CSVLOGFILES', 'No')\n        if csv == 'Yes':\n"
        "            requests.post('https://csv.example.com/write', data=value)  # expect: PRR501\n"
        "        if self.app.config.get('MQTTLOG', 'No') == 'Yes':\n"
        "            requests.post('https://mqtt.example.com/write', data=value)  # expect: PRR501\n"
        "        if self.app.config.get('INFLUXDB', 'No') == 'No':\n"
        "            requests.post('https://spool.example.com/write', data=value)  # expect: PRR501\n"
    ),
)
