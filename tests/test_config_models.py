"""PRR505 and a field of the project's pydantic configuration model (project/config_models.py): a blocking call that
only runs once a switch read as `config.section.field` is on is off the event loop's path when the model defaults the
field to off and nothing shipped turns it on; a default that is on, a sample configuration, a compose file or a
launch flag that turns it on, a root object that is no pydantic model, or a read through a parameter keeps it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from _serving import run_on_disk

_MODELS = (
    "from typing import Optional\nfrom pydantic import BaseModel, Field\n\n\n"
    "class TracingConfig(BaseModel):\n    audit: Optional[bool] = Field(False, description='post every event')\n"
    "    audit_url: str = 'http://localhost:5341'\n\n\n"
    "class AppConfig(BaseModel):\n    tracing: TracingConfig = Field(default_factory=TracingConfig)\n"
)
_CONFIG = "from svc.models import AppConfig\n\n\nclass LoadedConfig(AppConfig):\n    pass\n\n\nconfig = LoadedConfig()\n"
_EVENTS = (
    "import requests\n\n\nclass Trail:\n    def __init__(self):\n        self.url = None\n        self.enabled = False\n\n"
    "    def start(self, url):\n        self.url = url\n        self.enabled = True\n\n"
    "    def note(self, message):\n        if not self.enabled:\n            return\n"
    "        requests.post(self.url, json={'m': message}, timeout=2)\n\n\ntrail = Trail()\n"
)
_API = (
    "from fastapi import FastAPI\nfrom svc.config import config\nfrom svc.events import trail\n\napp = FastAPI()\n\n\n"
    "@app.on_event('startup')\ndef boot():\n    if config.tracing.audit:\n        trail.start(config.tracing.audit_url)\n\n\n"
    "@app.get('/items')\nasync def items():\n    trail.note('listing')\n    return []\n"
)
_SAMPLE = "tracing:\n  # post every event to the audit server\n  audit: false\n  audit_url: http://localhost:5341\n"
_SHIPPED = {"Dockerfile": "FROM python:3.12\nCMD [\"uvicorn\", \"svc.api:app\"]\n", "config_sample.yml": _SAMPLE}


def _findings(tmp_path: Path, files: Dict[str, str], shipped: Dict[str, str]) -> List[Tuple[str, int]]:
    sources = {"svc/__init__.py": "", "svc/models.py": _MODELS, "svc/config.py": _CONFIG, "svc/events.py": _EVENTS, "svc/api.py": _API, **files}
    result = run_on_disk(tmp_path, sources, select=("PRR505",), on_disk_only=shipped, launch_files=tuple(shipped))
    return sorted((finding.path, finding.span.line) for finding in result.findings)


def test_a_call_only_a_configuration_field_the_model_leaves_off_enables_is_not_on_the_path(tmp_path: Path) -> None:
    """`trail.start` runs only under `config.tracing.audit`, which `TracingConfig` and the sample leave false (tabbyapi Y029)."""
    assert _findings(tmp_path, {}, _SHIPPED) == []


@pytest.mark.parametrize("files, shipped", [
    ({"svc/models.py": _MODELS.replace("Field(False,", "Field(True,")}, _SHIPPED),  # the model's default is on
    ({}, {**_SHIPPED, "config_sample.yml": _SAMPLE.replace("audit: false", "audit: true")}),  # the sample turns it on
    ({}, {**_SHIPPED, "docker-compose.yml": "services:\n  api:\n    environment:\n      - APP_TRACING_AUDIT=true\n"}),
    ({}, {**_SHIPPED, "start.sh": "#!/bin/sh\nexec python -m svc.main --audit\n"}),  # a launch flag turns it on
    ({"svc/config.py": "from svc.models import AppConfig\n\n\nclass LoadedConfig:\n    tracing = None\n\n\nconfig = LoadedConfig()\n"}, _SHIPPED),
    ({"svc/api.py": _API.replace("def boot():\n    if config.tracing.audit:", "def boot(config=config):\n    if config.tracing.audit:")}, _SHIPPED),
    ({"svc/admin.py": "from svc.config import config\n\n\ndef force():\n    config.tracing.audit = True\n"}, _SHIPPED),
    ({"svc/models.py": _MODELS + "\n\nclass Replay:\n    audit: bool = True\n"}, _SHIPPED),  # another class gives the name an on value
])
def test_the_call_stays_on_the_path_when_anything_may_turn_the_field_on(tmp_path: Path, files: Dict[str, str], shipped: Dict[str, str]) -> None:
    assert _findings(tmp_path, files, shipped) == [("svc/events.py", 16)]
