"""A nested `def` whose name nothing reads never runs (unread_defs.py): the call graph takes no edge from its
parent to it, and PRR501 reports nothing in it nor in the module helpers only it calls. A nested `def` that is
called, handed on, returned, decorated, declared `global` or reachable through `locals()` stays run."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

VIEWS = (
    "import requests\nfrom flask import Flask, session\n\napp = Flask(__name__)\n\n\n"
    "def _revoke_remote(url):\n    requests.delete(url)\n\n\n"
    "@app.route('/logout')\ndef logout():\n    user_id = session.get('user_id')\n\n"
    "    def delete_facebook_authorization(user_id):\n"
    "        requests.delete(f'https://graph.facebook.com/{user_id}/permissions')\n"
    "        _revoke_remote(f'https://auth.example/{user_id}')\n\n"
    "    if user_id:\n        session.clear()\n        # delete_facebook_authorization(user_id)  # not used at this time\n"
    "    return 'bye'\n"
)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, {"svc/__init__.py": "", **files}, whole_project=True).findings
                  if f.rule == "PRR501")


def test_a_nested_def_whose_only_call_is_commented_out_never_runs(tmp_path: Path) -> None:
    """true_nth_usa_portal (n67 TF025): the logout view's `delete_facebook_authorization`, called only in a
    commented-out line: neither its `requests.delete()` nor the helper only it calls runs."""
    assert _found(tmp_path, {"svc/views.py": VIEWS}) == []


def test_a_nested_def_that_is_called_handed_on_or_returned_runs(tmp_path: Path) -> None:
    uses = {
        "called": "        delete_facebook_authorization(user_id)\n",
        "handed": "        threading.Thread(target=delete_facebook_authorization, args=(user_id,)).start()\n",
        "returned": "        return delete_facebook_authorization\n",
        "by locals": "        locals()['delete_facebook_authorization'](user_id)\n",
    }
    for case, line in uses.items():
        source = "import threading\n" + VIEWS.replace("        # delete_facebook_authorization(user_id)  # not used at this time\n", line)
        assert _found(tmp_path / case.replace(" ", "_"), {"svc/views.py": source}) == [
            ("svc/views.py", 9), ("svc/views.py", 17)], case


def test_a_decorated_or_global_nested_def_may_run(tmp_path: Path) -> None:
    """A decorator may register the function (`@atexit.register` runs it at exit); `global` makes it a module global
    that another module may import and call."""
    decorated = "import atexit\n" + VIEWS.replace("    def delete_facebook_authorization", "    @atexit.register\n    def delete_facebook_authorization")
    assert _found(tmp_path / "decorated", {"svc/views.py": decorated}) == [("svc/views.py", 9), ("svc/views.py", 18)]
    declared = VIEWS.replace("    user_id = session.get('user_id')\n", "    global delete_facebook_authorization\n    user_id = session.get('user_id')\n")
    caller = "from svc import views\n\n\ndef revoke_all(ids):\n    for user_id in ids:\n        views.delete_facebook_authorization(user_id)\n"
    assert _found(tmp_path / "global", {"svc/views.py": declared, "svc/jobs.py": caller}) == [("svc/views.py", 8), ("svc/views.py", 17)]
