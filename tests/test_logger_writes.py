"""PRR403's project half (project/logger_writes.py): a `getLogger(__file__)` logger is judged by the records the
project actually writes through it. A plug-in base's `self.logger` that its subclasses, in other modules, use only
at INFO (or not at all) files nothing under the path; one a subclass writes a warning through, or hands on, does. A
module logger whose only warning is in a function nothing calls writes it in no process."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

APP = (
    "from aiohttp import web\nfrom svc.plugins.mqtt import MqttActor\n\n\n"
    "async def switch(request):\n    await MqttActor(request.app, 'a', {}).on()\n    return web.Response(text='ok')\n\n\n"
    "app = web.Application()\napp.router.add_get('/switch', switch)\n"
)
BASE = (
    "import logging\n\n\nclass Actor:\n    def __init__(self, cbpi, id, props):\n        self.cbpi = cbpi\n"
    "        self.logger = logging.getLogger(__file__)\n\n    async def on(self):\n        pass\n"
)


def _mqtt(record: str) -> str:
    return (
        "from svc.api.actor import Actor\n\n\nclass MqttActor(Actor):\n    async def on(self):\n"
        f"        {record}\n        await self.cbpi.publish('on')\n"
    )


def _found(tmp_path: Path, files: Dict[str, str], whole_project: bool = True) -> List[Tuple[str, int]]:
    tree = {"svc/__init__.py": "", "svc/api/__init__.py": "", "svc/plugins/__init__.py": "", "svc/app.py": APP, **files}
    run = run_on_disk(tmp_path, tree, select=("PRR403",), whole_project=whole_project)
    return [(f.path, f.span.line) for f in run.findings if f.rule == "PRR403"]


def test_a_base_attribute_logger_its_subclasses_write_only_info_through(tmp_path: Path) -> None:
    files = {"svc/api/actor.py": BASE, "svc/plugins/mqtt.py": _mqtt("self.logger.info('publish on')")}
    assert _found(tmp_path, files) == []


def test_a_base_attribute_logger_nothing_writes_through(tmp_path: Path) -> None:
    files = {"svc/api/actor.py": BASE, "svc/plugins/mqtt.py": _mqtt("pass")}
    assert _found(tmp_path, files) == []


def test_a_subclass_in_another_module_files_a_warning_under_the_path(tmp_path: Path) -> None:
    files = {"svc/api/actor.py": BASE, "svc/plugins/mqtt.py": _mqtt("self.logger.warning('broker slow')")}
    assert _found(tmp_path, files) == [("svc/api/actor.py", 7)]


def test_a_subclass_hands_the_logger_on(tmp_path: Path) -> None:
    mqtt = _mqtt("self.cbpi.watch(self.logger)").replace("from svc.api.actor import Actor\n",
                                                        "from svc.api.actor import Actor\nfrom svc.watch import watch\n")
    mqtt = mqtt.replace("self.cbpi.watch(self.logger)", "watch(self.logger)")
    watch = "def watch(logger):\n    logger.error('lost')\n"
    files = {"svc/api/actor.py": BASE, "svc/plugins/mqtt.py": mqtt, "svc/watch.py": watch}
    assert _found(tmp_path, files) == [("svc/api/actor.py", 7)]


def test_an_object_of_no_known_type_writes_a_warning_through_the_attribute(tmp_path: Path) -> None:
    helper = "def complain(actor):\n    actor.logger.error('stuck')\n"
    app = APP.replace("    return web.Response", "    complain(request.match_info)\n    return web.Response")
    app = app.replace("from svc.plugins.mqtt import MqttActor\n", "from svc.plugins.mqtt import MqttActor\nfrom svc.helpers import complain\n")
    files = {"svc/api/actor.py": BASE, "svc/plugins/mqtt.py": _mqtt("pass"), "svc/helpers.py": helper, "svc/app.py": app}
    assert _found(tmp_path, files) == [("svc/api/actor.py", 7)]


EXTENSION = (
    "import logging\n\nlogger = logging.getLogger(__file__)\n\n\n"
    "def configure(**options):\n    for key in options:\n        logger.debug('option %s', key)\n\n\n"
    "def load_defaults(path):\n    try:\n        return open(path).read()\n    except OSError:\n"
    "        logger.warning('cannot read %s', path)\n"
)


def test_a_module_logger_whose_only_warning_is_in_a_function_nothing_calls(tmp_path: Path) -> None:
    app = APP.replace("    return web.Response", "    configure(debug=True)\n    return web.Response")
    app = app.replace("from svc.plugins.mqtt import MqttActor\n", "from svc.plugins.mqtt import MqttActor\nfrom svc.api.extension import configure\n")
    files = {"svc/api/actor.py": BASE, "svc/plugins/mqtt.py": _mqtt("pass"), "svc/api/extension.py": EXTENSION, "svc/app.py": app}
    assert _found(tmp_path, files) == []


def test_a_module_logger_whose_warning_a_route_reaches(tmp_path: Path) -> None:
    app = APP.replace("    return web.Response", "    load_defaults('x.yaml')\n    return web.Response")
    app = app.replace("from svc.plugins.mqtt import MqttActor\n", "from svc.plugins.mqtt import MqttActor\nfrom svc.api.extension import load_defaults\n")
    files = {"svc/api/actor.py": BASE, "svc/plugins/mqtt.py": _mqtt("pass"), "svc/api/extension.py": EXTENSION, "svc/app.py": app}
    assert _found(tmp_path, files) == [("svc/api/extension.py", 3)]


def test_a_run_over_single_files_keeps_a_base_attribute_logger(tmp_path: Path) -> None:
    """The subclasses that may write a warning through it are not in the run."""
    files = {"svc/api/actor.py": BASE, "svc/plugins/mqtt.py": _mqtt("self.logger.info('publish on')")}
    assert _found(tmp_path, files, whole_project=False) == [("svc/api/actor.py", 7)]


def test_a_warning_through_a_re_exported_subclass_keeps_the_finding(tmp_path: Path) -> None:
    files = {"svc/api/actor.py": BASE, "svc/plugins/mqtt.py": _mqtt("self.logger.info('publish on')"),
             "svc/plugins/__init__.py": "from svc.plugins.mqtt import MqttActor\n",
             "svc/watch.py": "from svc.plugins import MqttActor\n\n\ndef complain():\n    MqttActor.logger.error('stuck')\n",
             "svc/app.py": APP + "\n\nasync def complain_view(request):\n    from svc.watch import complain\n    complain()\n"
             "    return web.Response(text='ok')\n\n\napp.router.add_get('/complain', complain_view)\n"}
    assert _found(tmp_path, files) == [("svc/api/actor.py", 7)]
