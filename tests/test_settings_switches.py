"""PRR501 and typed settings switches (switch_keys.write_marks, project/switches.py): a pydantic or dataclass
settings field's default is the switch's value, read as `settings.K` or `get_settings().K`; `K = Settings.K`
keeps the switch; an `if` whose `else` only logs is still a switch; a blank a deployment file ships leaves a
switch tested for truth off. A field that defaults to on, or that a deployment file turns on, stays reported."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_CONFIG = (
    "from functools import lru_cache\n\nfrom pydantic import Field\nfrom pydantic_settings import BaseSettings\n\n\n"
    "class Settings(BaseSettings):\n    ENABLE_WEBHOOK: bool = False\n"
    "    ENABLE_AUDIT: bool = Field(default=False, description='audit events')\n    HOOK_URL: str = 'https://hooks.example.com'\n\n\n"
    "@lru_cache\ndef get_settings() -> Settings:\n    return Settings()\n\n\nsettings = get_settings()\n"
)
_HOOKS = (
    "import logging\n\nimport requests\n\nfrom svc.config import get_settings, settings\n\nlogger = logging.getLogger(__name__)\n\n\n"
    "def notify(event):\n    if get_settings().ENABLE_WEBHOOK:\n        requests.post(settings.HOOK_URL, json=event)\n\n\n"
    "def audit(event):\n    if settings.ENABLE_AUDIT:\n        requests.post('https://audit.example.com', json=event)\n"
    "    else:\n        logger.info('audit is disabled')\n"
)
_DOCKERFILE = {"Dockerfile": "FROM python:3.12\nCMD [\"uvicorn\", \"svc.app:app\"]\n"}


def _files(config: str = _CONFIG, hooks: str = _HOOKS) -> dict:
    return {"svc/__init__.py": "", "svc/config.py": config, "svc/hooks.py": hooks}


def test_settings_fields_that_default_to_false_switch_their_calls_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {}) == []


def test_a_settings_field_that_defaults_to_true_keeps_its_call(tmp_path: Path) -> None:
    config = _CONFIG.replace("ENABLE_WEBHOOK: bool = False", "ENABLE_WEBHOOK: bool = True")
    assert shipped_findings(tmp_path, _files(config), {}) == [("svc/hooks.py", 12)]


def test_an_else_that_logs_and_sets_the_client_to_none_leaves_the_if_a_switch(tmp_path: Path) -> None:
    hooks = _HOOKS.replace("        logger.info('audit is disabled')\n", "        logger.info('audit is disabled')\n        client = None\n")
    assert "client = None" in hooks
    assert shipped_findings(tmp_path, _files(hooks=hooks), {}) == []


def test_an_else_that_does_work_makes_the_if_a_choice_not_a_switch(tmp_path: Path) -> None:
    hooks = _HOOKS.replace("logger.info('audit is disabled')", "requests.post('https://spool.example.com', json=event)")
    assert shipped_findings(tmp_path, _files(hooks=hooks), {}) == [("svc/hooks.py", 17), ("svc/hooks.py", 19)]


def test_a_deployment_file_that_turns_the_field_on_keeps_the_call(tmp_path: Path) -> None:
    shipped = {**_DOCKERFILE, ".env": "ENABLE_WEBHOOK=true\nENABLE_AUDIT=\n"}
    assert shipped_findings(tmp_path, _files(), shipped) == [("svc/hooks.py", 12)]


def test_a_blank_address_in_a_deployment_file_leaves_the_feature_off(tmp_path: Path) -> None:
    hooks = "import requests\n\nfrom svc.config import settings\n\n\ndef mirror(event):\n" \
            "    if settings.MIRROR_URL:\n        requests.post(settings.MIRROR_URL, json=event)\n"
    config = _CONFIG.replace("    HOOK_URL:", "    MIRROR_URL: str = ''\n    HOOK_URL:")
    assert shipped_findings(tmp_path, _files(config, hooks), {**_DOCKERFILE, ".env": "MIRROR_URL=\n"}) == []
    shipped = {**_DOCKERFILE, ".env": "MIRROR_URL=https://mirror.example.com\n"}
    assert shipped_findings(tmp_path, _files(config, hooks), shipped) == [("svc/hooks.py", 8)]


def test_a_module_copy_of_a_field_is_the_same_switch(tmp_path: Path) -> None:
    config = _CONFIG + "ENABLE_WEBHOOK = Settings.ENABLE_WEBHOOK\nSEND_AUDIT = Settings.ENABLE_AUDIT\n"
    hooks = ("import requests\n\nfrom svc.config import ENABLE_WEBHOOK, SEND_AUDIT\n\n\ndef notify(event):\n"
             "    if ENABLE_WEBHOOK:\n        requests.post('https://a.example.com', json=event)\n"
             "    if SEND_AUDIT:\n        requests.post('https://b.example.com', json=event)\n")
    assert shipped_findings(tmp_path, _files(config, hooks), {}) == []
    on = config.replace("ENABLE_AUDIT: bool = Field(default=False", "ENABLE_AUDIT: bool = Field(default=True")
    assert shipped_findings(tmp_path, _files(on, hooks), {}) == [("svc/hooks.py", 10)]


def test_a_dataclass_settings_holder_is_read_the_same_way(tmp_path: Path) -> None:
    config = ("from dataclasses import dataclass, field\n\n\n@dataclass\nclass Options:\n"
              "    ENABLE_WEBHOOK: bool = field(default=False)\n    ENABLE_AUDIT: bool = False\n    HOOK_URL: str = 'https://h'\n\n\n"
              "settings = Options()\n\n\ndef get_settings():\n    return settings\n")
    assert shipped_findings(tmp_path, _files(config), {}) == []


def test_an_environment_test_read_into_a_field_is_off_until_a_deployment_sets_it(tmp_path: Path) -> None:
    config = _CONFIG.replace("ENABLE_WEBHOOK: bool = False", "ENABLE_WEBHOOK: bool = bool(int(os.getenv('HOOKS', '0')))")
    config = "import os\n" + config
    assert shipped_findings(tmp_path, _files(config), _DOCKERFILE) == []
    assert shipped_findings(tmp_path, _files(config), {**_DOCKERFILE, "docker-compose.yml": "services:\n  api:\n    environment:\n      HOOKS: '1'\n"}) \
        == [("svc/hooks.py", 12)]


_LOWER_CONFIG = (
    "from pydantic import Field\nfrom pydantic_settings import BaseSettings, SettingsConfigDict\n\n\n"
    "class Settings(BaseSettings):\n    model_config = SettingsConfigDict(env_prefix='APP_')\n\n"
    "    enable_webhook: bool = False\n    enable_audit: bool = Field(False, alias='AUDIT_ON')\n\n\nsettings = Settings()\n"
)
_LOWER_HOOKS = (
    "import requests\n\nfrom svc.config import settings\n\n\ndef notify(event):\n    if settings.enable_webhook:\n"
    "        requests.post('https://hooks.example.com', json=event)\n    if settings.enable_audit:\n"
    "        requests.post('https://audit.example.com', json=event)\n"
)


def test_a_lower_case_base_settings_field_that_defaults_to_false_is_a_switch(tmp_path: Path) -> None:
    """A field whose environment variable is renamed (`alias=`) stays on: its shipped value is not looked for."""
    found = shipped_findings(tmp_path, _files(_LOWER_CONFIG, _LOWER_HOOKS), {})
    assert found == [("svc/hooks.py", 10)]


def test_a_lower_case_field_a_deployment_or_a_subclass_turns_on_keeps_the_call(tmp_path: Path) -> None:
    shipped = {**_DOCKERFILE, "docker-compose.yml": "services:\n  api:\n    environment:\n      APP_ENABLE_WEBHOOK: 'true'\n"}
    assert shipped_findings(tmp_path, _files(_LOWER_CONFIG, _LOWER_HOOKS), shipped) == [("svc/hooks.py", 8), ("svc/hooks.py", 10)]
    config = _LOWER_CONFIG + "\n\nclass Production(Settings):\n    enable_webhook: bool = True\n"
    assert shipped_findings(tmp_path / "sub", _files(config, _LOWER_HOOKS), {}) == [("svc/hooks.py", 8), ("svc/hooks.py", 10)]


def test_a_lower_case_field_of_a_plain_class_is_no_switch(tmp_path: Path) -> None:
    config = "class Settings:\n    enable_webhook: bool = False\n    enable_audit = False\n\n\nsettings = Settings()\n"
    assert shipped_findings(tmp_path, _files(config, _LOWER_HOOKS), {}) == [("svc/hooks.py", 8), ("svc/hooks.py", 10)]


def test_a_field_a_validator_always_computes_keeps_its_call(tmp_path: Path) -> None:
    """pydantic runs `@validator(..., always=True)` on the default too: the value is derived, not `False`."""
    config = _CONFIG.replace("    HOOK_URL:", "    SMTP_HOST: str = ''\n    HOOK_URL:") + (
        "\n\nclass Derived(Settings):\n    @validator('ENABLE_WEBHOOK', pre=True, always=True)\n"
        "    def _derive(cls, value, values):\n        return bool(values.get('SMTP_HOST'))\n")
    config = config.replace("from pydantic import Field\n", "from pydantic import Field, validator\n")
    assert shipped_findings(tmp_path, _files(config), {}) == [("svc/hooks.py", 12)]


def test_a_key_read_from_the_environment_in_one_module_stays_on(tmp_path: Path) -> None:
    """`os.environ["K"]` is no copy of the key: the deployment gives it, so a `False` elsewhere does not decide."""
    config = _CONFIG + "\nimport os\n\nENABLE_WEBHOOK = os.environ['ENABLE_WEBHOOK']\n"
    hooks = ("import requests\n\nfrom svc.config import ENABLE_WEBHOOK\n\n\ndef notify(event):\n"
             "    if ENABLE_WEBHOOK:\n        requests.post('https://a.example.com', json=event)\n")
    assert shipped_findings(tmp_path, _files(config, hooks), {}) == [("svc/hooks.py", 8)]
