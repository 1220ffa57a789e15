"""PRR501 and the methods of a github3.py `GitHub` subclass that github3 never calls (known_bases.py): a label bot's
`GitHubApp(GitHub)` keeps helpers nothing calls (code-intelligence's `get_reactions`), one only an uncalled sample
helper calls (`get_all_repos`) and an access-token request only those call. github3's client calls on itself only its
own API, so those run only when the project calls them by name. The installation lookup the webhook runs stays
reported, and so do an override of github3's own API, a helper once a live call of it returns, and every method when
another library's base may call it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

_APP = (
    "import requests\nfrom github3 import GitHub\n\n\nclass GitHubApp(GitHub):\n"
    "    def installation_id(self, owner, repo):\n"
    "        return requests.get(f'https://api.github.com/repos/{owner}/{repo}/installation').json()['id']\n\n"
    "    def access_token(self, installation_id):\n"
    "        return requests.post(f'https://api.github.com/app/installations/{installation_id}/access_tokens').json()\n\n"
    "    def all_repos(self, installation_id):\n        token = self.access_token(installation_id)\n"
    "        return requests.get('https://api.github.com/installation/repositories', headers={'token': token}).json()\n\n"
    "    def sample_repo(self):\n        return self.all_repos(1)[0]\n\n"
    "    def reactions(self, owner, repo, comment_id):\n"
    "        return requests.get(f'https://api.github.com/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions').json()\n\n"
    "    def rate_limit(self):\n        return requests.get('https://api.github.com/rate_limit').json()\n"
)
_WEBHOOK = (
    "from flask import Flask, request\n\nfrom label_bot.github_app import GitHubApp\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/events', methods=['POST'])\ndef event():\n    payload = request.get_json()\n"
    "    GitHubApp().installation_id(payload['owner'], payload['repo'])\n"
    "    # GitHubApp().reactions(payload['owner'], payload['repo'], payload['comment'])\n    return 'ok'\n"
)
# the webhook's installation lookup, and `rate_limit`, an override of github3's API that github3 itself may call
_LIVE = [("label_bot/github_app.py", 7), ("label_bot/github_app.py", 23)]


def _lines(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    result = run_on_disk(tmp_path, {"label_bot/__init__.py": "", **files}, whole_project=True)
    return sorted((finding.path, finding.span.line) for finding in result.findings)


def test_methods_github3_never_calls_are_dead(tmp_path: Path) -> None:
    assert _lines(tmp_path, {"label_bot/github_app.py": _APP, "label_bot/webhook.py": _WEBHOOK}) == _LIVE


def test_a_live_call_keeps_it(tmp_path: Path) -> None:
    webhook = _WEBHOOK.replace("# GitHubApp().reactions(", "GitHubApp().reactions(")
    assert _lines(tmp_path, {"label_bot/github_app.py": _APP, "label_bot/webhook.py": webhook}) == [
        *_LIVE[:1], ("label_bot/github_app.py", 20), *_LIVE[1:]]


def test_another_library_base_may_call_it(tmp_path: Path) -> None:
    app = _APP.replace("from github3 import GitHub\n", "from github3 import GitHub\nfrom botkit import HookMixin\n").replace(
        "(GitHub)", "(HookMixin, GitHub)")
    assert _lines(tmp_path, {"label_bot/github_app.py": app, "label_bot/webhook.py": _WEBHOOK}) == [
        ("label_bot/github_app.py", line) for line in (8, 11, 15, 21, 24)]
