"""Classes only code no deployed process loads builds (project/unrun_builds.py): a gateway object the wiring of an
unincluded router or of an app only an undeployed program serves makes exists in no deployed process, so its
methods' calls are dead for PRR501, however common their names; a router an app includes by any chain, a program
the deployment runs, or a configuration file naming the class keeps them reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional

from _serving import run_on_disk

PORT = ("from abc import ABC, abstractmethod\n\n\nclass ChatPort(ABC):\n    @abstractmethod\n"
        "    def send_message(self, chat, text):\n        ...\n")
# The gateway's `send_message` (line 9) and a module helper the deployed app calls (line 13).
GATEWAY = ("import requests\n\nfrom chat.port import ChatPort\n\n\nclass ChatGateway(ChatPort):\n"
           "    def send_message(self, chat, text):\n        url = 'https://chat.example/send'\n"
           "        return requests.post(url, json={'chat': chat, 'text': text})\n\n\n"
           "def alert_admins(text):\n    return requests.post('https://chat.example/admins', json={'text': text})\n")
WIRING = ("from chat.gateway import ChatGateway\nfrom chat.port import ChatPort\n\n\n"
          "def build_container():\n    return {ChatPort: ChatGateway()}\n")
HOOKS = ("from fastapi import APIRouter\n\nfrom chat.wiring import build_container\n\nrouter = APIRouter()\n\n\n"
         "@router.post('/hooks/issue')\ndef issue_hook(payload: dict):\n"
         "    build_container()[ChatPort].send_message(payload['chat'], payload['text'])\n    return {}\n\n\n"
         "from chat.port import ChatPort\n")
# The deployed app: other objects' `send_message` (an untyped bot's) and the helper.
APP = ("import uvicorn\nfrom fastapi import FastAPI\n\nfrom chat.gateway import alert_admins\n{imports}\n\n"
       "app = FastAPI()\n{mounts}\n\n\n@app.post('/alert')\ndef alert(bot, text: str):\n    bot.send_message(1, text)\n"
       "    return alert_admins(text)\n\n\nif __name__ == '__main__':\n    uvicorn.run(app, port=8080)\n")
IMAGE = 'FROM python:3.12\nCOPY chat /app/chat\nCMD ["python3", "chat/app.py"]\n'
BASE = {"chat/__init__.py": "", "chat/port.py": PORT, "chat/gateway.py": GATEWAY, "chat/wiring.py": WIRING, "chat/hooks.py": HOOKS}
HELPER, SEND = "PRR501 chat/gateway.py:13", "PRR501 chat/gateway.py:9"  # in sorted order: ":13" < ":9"


def _lines(root: Path, files: Dict[str, str], deployment: Optional[Dict[str, str]] = None) -> List[str]:
    deployment = {"Dockerfile": IMAGE} if deployment is None else deployment
    result = run_on_disk(root, files, select=("PRR501",), whole_project=True, on_disk_only=deployment, launch_files=tuple(deployment))
    return sorted(f"{f.rule} {f.path}:{f.span.line}" for f in result.findings)


def _app(imports: str = "", mounts: str = "") -> Dict[str, str]:
    return {**BASE, "chat/app.py": APP.format(imports=imports, mounts=mounts)}


def test_a_gateway_only_an_unincluded_router_builds_is_built_in_no_process(tmp_path: Path) -> None:
    """The app's `include_router` is commented out with its import: the wiring runs nowhere, and so does the gateway's call."""
    files = _app("# from chat import hooks", "# app.include_router(hooks.router)")
    assert _lines(tmp_path, files) == [HELPER]


def test_a_router_included_by_any_chain_keeps_the_gateway_built(tmp_path: Path) -> None:
    """Directly, through another router, through a loop over a list of routers, or in a mounted sub-app."""
    direct = _app("from chat import hooks", "app.include_router(hooks.router)")
    assert _lines(tmp_path / "direct", direct) == [HELPER, SEND]
    nested = {**_app("from chat.api import api", "app.include_router(api)"),
              "chat/api.py": "from fastapi import APIRouter\n\nfrom chat.hooks import router\n\napi = APIRouter()\napi.include_router(router)\n"}
    assert _lines(tmp_path / "nested", nested) == [HELPER, SEND]
    looped = _app("from chat import hooks", "for router in [hooks.router]:\n    app.include_router(router)")
    assert _lines(tmp_path / "looped", looped) == [HELPER, SEND]
    mounted = {**_app("from chat.sub import sub", "app.mount('/hooks', sub)"),
               "chat/sub.py": "from fastapi import FastAPI\n\nfrom chat.hooks import router\n\nsub = FastAPI()\nsub.include_router(router)\n"}
    assert _lines(tmp_path / "mounted", mounted) == [HELPER, SEND]


# An app module that includes the router, served only by a developer's script beside the deployed program; a summary
# text file quoting the code names the gateway.
CONTROLLER = "from fastapi import FastAPI\n\nfrom chat.hooks import router\n\napp = FastAPI()\napp.include_router(router)\n"
DEV_SERVER = ("import uvicorn\n\nfrom chat.controller import app\n\nif __name__ == '__main__':\n"
              "    uvicorn.run(app, host='0.0.0.0', port=8081, reload=True)\n")
HAND_RUN = {**_app(), "chat/controller.py": CONTROLLER, "chat/dev_server.py": DEV_SERVER}
SUMMARY = "Class: ChatGateway\nfrom chat.gateway import ChatGateway\n"


def test_a_gateway_only_an_app_no_deployed_program_serves_builds_is_built_in_no_process(tmp_path: Path) -> None:
    assert _lines(tmp_path, HAND_RUN, {"Dockerfile": IMAGE, "summary.txt": SUMMARY}) == [HELPER]


def test_a_deployed_server_program_or_a_configuration_naming_the_class_keeps_it(tmp_path: Path) -> None:
    both = {"Dockerfile": IMAGE, "docker-compose.yml": "services:\n  dev:\n    build: .\n    command: python3 chat/dev_server.py\n"}
    assert _lines(tmp_path / "deployed", HAND_RUN, both) == [HELPER, SEND]
    configured = {"Dockerfile": IMAGE, "config.yaml": "chat_gateway: chat.gateway.ChatGateway\n"}
    assert _lines(tmp_path / "configured", HAND_RUN, configured) == [HELPER, SEND]


def test_a_gateway_a_module_nothing_names_builds_stays_built(tmp_path: Path) -> None:
    """No router imports the wiring and nothing names it: something the project does not hold may load it."""
    files = {name: text for name, text in _app().items() if name != "chat/hooks.py"}
    assert _lines(tmp_path, files) == [HELPER, SEND]
