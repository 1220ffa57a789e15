"""PRR501's examples of code after a call that never returns (rules/never_returning.py): left alone when the call
always raises or ends the process, reported when it may return. Kept apart from timeout_examples.py so each module
stays short; a callee of another module needs a project, and is tests/test_never_returning.py."""

from __future__ import annotations

from prr_lint.rules.base import Example

VALID = (
    # deprecated endpoints switched off by their first statement: flask's `abort(410)`, a helper that always raises
    Example(
        "import requests\nfrom flask import Flask, abort, request\n\napp = Flask(__name__)  # noqa: PRR201, PRR206\n\n"
        "class DeprecationError(Exception):\n    pass\n\ndef deprecated(req):\n"
        "    raise DeprecationError(f'Deprecated endpoint: {req.path}')\n\n"
        "@app.route('/v1/terms')\ndef terms():\n    abort(410)\n    return requests.get('https://terms.example.org/all').text\n\n"
        "@app.route('/v1/search')\ndef search():\n    deprecated(request)\n    return requests.get('https://terms.example.org/search', params=request.args).json()\n"
    ),
    # `sys.exit`, a helper annotated `NoReturn`, a helper whose every branch raises or aborts, one that returns the
    # call of such a helper, and `await` of an async helper that always raises
    Example(
        "import os\nimport sys\nfrom typing import NoReturn\n\nimport requests\nfrom flask import abort\n\n"
        "def fail(message) -> NoReturn:\n    print(message)\n    os._exit(2)\n\n"
        "def deny(reason):\n    if reason:\n        raise PermissionError(reason)\n    else:\n        abort(403)\n\n"
        "async def refuse():\n    raise PermissionError('read-only')\n\ndef forbid(reason):\n    return deny(reason)\n\n"
        "def main(url):\n    sys.exit(1)\n    requests.get(url)\n\ndef load(url):\n    fail('disabled')\n    requests.get(url)\n\n"
        "def push(url):\n    deny('')\n    requests.post(url)\n\ndef drop(url):\n    forbid('')\n    requests.delete(url)\n\nasync def write(url):\n    await refuse()\n    requests.put(url)\n"
    ),
)

INVALID = (
    # a helper that raises only under a condition; a `try` that catches the raise; a method a subclass may override;
    # a call that ends only the branch it is in; calls that only recurse (left undecided, as across modules)
    Example(
        "import requests\n\nclass DeprecationError(Exception):\n    pass\n\n"
        "def deprecated(flag):\n    if flag:\n        raise DeprecationError('old')\n\n"
        "def always():\n    raise DeprecationError('old')\n\n"
        "def maybe(url, flag):\n    deprecated(flag)\n    return requests.get(url).text  # expect: PRR501\n\n"
        "def caught(url):\n    try:\n        always()\n    except DeprecationError:\n        pass\n"
        "    return requests.get(url).text  # expect: PRR501\n\n"
        "class Handler:\n    def refuse(self):\n        raise DeprecationError('old')\n\n"
        "    def get(self, url):\n        self.refuse()\n        return requests.get(url).text  # expect: PRR501\n\n"
        "def branch(url, old):\n    if old:\n        always()\n        requests.get(url + '/old')\n"
        "    return requests.get(url).text  # expect: PRR501\n\n"
        "def ring(url):\n    return ring_back(url)\n\ndef ring_back(url):\n    return ring(url)\n\n"
        "def looped(url):\n    ring(url)\n    return requests.get(url).text  # expect: PRR501\n"
    ),
    # a generator's call runs none of its body; a decorator may catch what its function raises; an async helper
    # called without `await` only makes a coroutine; a helper rebound later in its module
    Example(
        "import functools\nimport logging\n\nimport requests\n\ndef halt():\n    raise SystemExit(1)\n    yield\n\n"
        "def quiet(function):\n    @functools.wraps(function)\n    def run(*args):\n        try:\n            return function(*args)\n"
        "        except Exception:\n            logging.getLogger(__name__).exception('failed')\n            return None\n    return run\n\n"
        "@quiet\ndef stop():\n    raise RuntimeError('stop')\n\nasync def refuse():\n    raise PermissionError('no')\n\n"
        "def gone():\n    raise LookupError('gone')\n\ndef gone():\n    return None\n\n"
        "def one(url):\n    halt()\n    return requests.get(url).text  # expect: PRR501\n\n"
        "def two(url):\n    stop()\n    return requests.get(url).text  # expect: PRR501\n\n"
        "async def three(url):\n    refuse()\n    return requests.get(url).text  # expect: PRR501\n\n"
        "def four(url):\n    gone()\n    return requests.get(url).text  # expect: PRR501\n"
    ),
)
