"""Programs without a `.py` name (`bin/quoter`, a `#!` python file): discovered, and classified like
any program (project/program_files.py, scope.py). In a project without serving entry points whose
deployment runs some of them, what only the others reach is operator code (mango-explorer's
`bin/download-trades` beside the deployed `bin/marketmaker`); what a deployed program runs stays reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Tuple

from _serving import run_on_disk

PACKAGE = {
    "svc/__init__.py": "from .history import History as History\nfrom .prices import spot as spot\n\n__all__ = ['History', 'spot']\n",
    "svc/history.py": "import requests\n\nclass History:\n    def download(self, url):\n        return requests.get(url).json()\n",
    "svc/prices.py": "import requests\n\ndef spot(url):\n    return requests.get(url).json()\n",
}
QUOTER = "#!/usr/bin/env python3\nimport argparse\nimport svc\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--market')\nargs = parser.parse_args()\nprint(svc.spot(args.market))\n"
SUPERVISED = QUOTER.replace("import svc\n", "import signal\nimport svc\n\nsignal.signal(signal.SIGTERM, lambda *_: None)\n")
DOWNLOAD = "#!/usr/bin/env python3\nimport sys\nimport svc\n\nsvc.History().download(sys.argv[1])\n"
DEPLOYMENT = "spec:\n  containers:\n    - name: quoter\n      command:\n        - quoter\n        - --market\n        - BTC\n"
PRICES, HISTORY = ("svc/prices.py", 4), ("svc/history.py", 5)


def _found(tmp_path: Path, quoter: str = QUOTER, deployment: Optional[str] = DEPLOYMENT) -> List[Tuple[str, int]]:
    files: Dict[str, str] = {**PACKAGE, "bin/quoter": quoter, "bin/download-history": DOWNLOAD}
    shipped = {"k8s/quoter.yml": deployment} if deployment else {}
    found = run_on_disk(tmp_path, files, whole_project=True, on_disk_only=shipped, launch_files=tuple(shipped)).findings
    return sorted((f.path, f.span.line) for f in found if f.rule == "PRR501")


def test_what_only_an_operator_program_reaches_beside_a_deployed_one_is_not_the_service(tmp_path: Path) -> None:
    """The deployment runs `quoter` by its name; `download-history` is a person's. `History` is the
    package's re-export (`__init__` hands it on, uses it for nothing): no use as a value."""
    assert _found(tmp_path) == [PRICES]


def test_a_program_that_awaits_sigterm_is_the_service(tmp_path: Path) -> None:
    """Installing a SIGTERM handler: a supervisor stops it, as it does a daemon the deployment elsewhere runs."""
    assert _found(tmp_path, SUPERVISED, None) == [PRICES]


def test_without_a_program_known_to_serve_nothing_is_left_out(tmp_path: Path) -> None:
    """No deployment runs either program and neither waits to be stopped: which is the service is unknown."""
    assert _found(tmp_path, QUOTER, None) == [HISTORY, PRICES]
