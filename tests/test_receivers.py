"""Calls on objects whose class only the project knows (prr_lint/receivers.py, project/receivers.py): what a
project factory or method returns, what an attribute annotated in another module's base class holds, what
callers pass to a parameter; the call graph runs the class's method, and PRR501 sees the Celery limit
of the tasks that reach it through them."""

from __future__ import annotations

from _serving import analysis_for

from conftest import lint_sources

_MAIL = (
    "from typing import Optional\n\n\nclass Emailer:\n    def send_email_template(self, name):\n        return name\n\n\n"
    "class Texter:\n    def send_email_template(self, name):\n        return name\n\n\n"
    "def get_emailer() -> Optional['Emailer']:\n    return None\n\n\n"
    "def make_texter(kind):\n    if not kind:\n        return None\n    return Texter()\n"
)


def _callees(files: dict, function: str) -> set:
    return set(analysis_for(files).graph.callees(function))


def test_a_module_factory_gives_its_annotated_class() -> None:
    """`get_emailer().send_email_template(...)` runs `Emailer`'s method (`Optional['Emailer']`), not
    `Texter`'s of the same name; `texter = make_texter(x)` is a `Texter`: every `return` but `return None` makes one."""
    jobs = (
        "from svc.mail import get_emailer, make_texter\n\n\n"
        "def notify(user):\n    get_emailer().send_email_template('welcome')\n\n\n"
        "def text(user):\n    texter = make_texter(user)\n    return texter.send_email_template('hi')\n"
    )
    files = {"svc/__init__.py": "", "svc/mail.py": _MAIL, "svc/jobs.py": jobs}
    assert "svc.mail.Emailer.send_email_template" in _callees(files, "svc.jobs.notify")
    assert "svc.mail.Texter.send_email_template" not in _callees(files, "svc.jobs.notify")
    assert "svc.mail.Texter.send_email_template" in _callees(files, "svc.jobs.text")


_CONTEXT = (
    "from svc.client import RepoClient\n\n\nclass Context:\n    def get_repo_client(self, name: str) -> RepoClient:\n"
    "        return RepoClient.build(name)\n"
)
_CLIENT = (
    "class RepoClient:\n    @classmethod\n    def build(cls, name):\n        return cls()\n\n"
    "    def diff(self, url):\n        return url\n\n    def head(self, url):\n        return url\n"
)
_BASE = (
    "from svc.context import Context\n\n\nclass Step:\n    context: Context\n\n    def invoke(self):\n        return self._invoke()\n\n"
    "    def _invoke(self):\n        raise NotImplementedError\n"
)


def test_an_attribute_annotated_in_a_base_class_and_a_method_s_return() -> None:
    """`self.context` is annotated in `Step` (another module); its `get_repo_client` returns a `RepoClient`,
    whose methods run through a local (`client = ...; client.diff(...)`) and through a parameter of no
    annotation (`self._post(client)`)."""
    steps = (
        "from svc.base import Step\n\n\nclass Review(Step):\n    def _invoke(self):\n"
        "        client = self.context.get_repo_client('r')\n        client.diff('u')\n        self._post(client)\n\n"
        "    def _post(self, client):\n        return client.head('u')\n"
    )
    files = {"svc/__init__.py": "", "svc/client.py": _CLIENT, "svc/context.py": _CONTEXT, "svc/base.py": _BASE, "svc/steps.py": steps}
    assert {"svc.context.Context.get_repo_client", "svc.client.RepoClient.diff"} <= _callees(files, "svc.steps.Review._invoke")
    assert "svc.client.RepoClient.head" in _callees(files, "svc.steps.Review._post")


def test_an_init_parameter_kept_on_self() -> None:
    """`self.client = client` from `__init__(self, client: RepoClient)` in a base class, or from what the
    constructor's callers pass when the parameter has no annotation."""
    files = {
        "svc/__init__.py": "", "svc/client.py": _CLIENT,
        "svc/base.py": "from svc.client import RepoClient\n\n\nclass Base:\n    def __init__(self, client: RepoClient):\n"
        "        self.client = client\n",
        "svc/use.py": "from svc.base import Base\nfrom svc.client import RepoClient\n\n\nclass Puller(Base):\n    def pull(self):\n"
        "        return self.client.diff('u')\n\n\nclass Pusher:\n    def __init__(self, client):\n        self.client = client\n\n"
        "    def push(self):\n        return self.client.head('u')\n\n\ndef run():\n    Pusher(RepoClient()).push()\n",
    }
    assert _callees(files, "svc.use.Puller.pull") == {"svc.client.RepoClient.diff"}
    assert _callees(files, "svc.use.Pusher.push") == {"svc.client.RepoClient.head"}


def test_cycles_and_unknown_names_give_no_edge() -> None:
    """A factory returning its own call, a name rebound from itself, parameters passed back and forth
    and a factory of an unknown module: no class, no edge, no crash."""
    odd = (
        "from elsewhere import make\n\n\ndef loop():\n    return loop()\n\n\nclass Node:\n    def __init__(self, nxt):\n"
        "        self.nxt = nxt\n        self.me = self.me.nxt\n\n    def walk(self, other):\n        node = loop()\n"
        "        node = node.walk(other)\n        self.nxt.walk(self.me)\n        make().walk(other)\n        return self.back(other)\n\n"
        "    def back(self, other):\n        other.walk(other)\n        return self.walk(other)\n\n\n"
        "def start():\n    Node(Node(None)).walk(Node.back)\n"
    )
    analysis = analysis_for({"svc/__init__.py": "", "svc/odd.py": odd})
    assert set(analysis.graph.callees("svc.odd.Node.walk")) == {"svc.odd.loop", "svc.odd.Node.back"}
    assert analysis.graph.callees("svc.odd.Node.back") == ("svc.odd.Node.walk",)
    assert analysis.graph.callees("svc.odd.loop") == ()


_TASK_PROJECT = {
    "svc/__init__.py": "",
    "svc/client.py": "import requests\n\n\nclass RepoClient:\n    @classmethod\n    def build(cls, name):\n        return cls()\n\n"
    "    def diff(self, url):\n        return requests.get(url).text\n\n    def head(self, url):\n        return requests.get(url).text\n",
    "svc/context.py": _CONTEXT,
    "svc/base.py": _BASE,
    "svc/worker.py": "from celery import Celery\n\napp = Celery('svc')\n",
    "svc/steps.py": "from svc.base import Step\nfrom svc.worker import app\n\n\n@app.task(time_limit=900, soft_time_limit=600)\n"
    "def review_task():\n    Review().invoke()\n\n\nclass Review(Step):\n    def _invoke(self):\n"
    "        client = self.context.get_repo_client('r')\n        return client.diff('u')\n",
}


def test_a_celery_limit_bounds_a_call_reached_through_a_factory() -> None:
    """`RepoClient.diff` runs only in a task with a 900 s limit, through `self.context.get_repo_client(...)`:
    bounded. `head`, which a view reaches the same way, stays reported."""
    view = (
        "from flask import Flask\nfrom svc.context import Context\n\napp = Flask(__name__)\n\n\n"
        "@app.route('/head')\ndef head():\n    return Context().get_repo_client('r').head('u')\n"
    )
    found = [(f.path, f.span.line) for f in lint_sources({**_TASK_PROJECT, "svc/app.py": view}, select=["PRR501"]).findings]
    assert found == [("svc/client.py", 13)]


def test_parameters_passed_round_a_cycle_get_what_every_caller_passes_whatever_is_asked_first() -> None:
    """`f` passes its `x` to `g`, `g` its `y` back to `f`; `run` gives `f` an `A` and `g` a `B`: both
    parameters may hold either, in whichever order the graph asks (a type worked out while the cycle was
    cut short is not kept)."""
    ring = (
        "class A:\n    def ping(self):\n        return 1\n\n\nclass B:\n    def ping(self):\n        return 2\n\n\n"
        "def f(x, n):\n    x.ping()\n    return g(x, n)\n\n\ndef g(y, n):\n    y.ping()\n    return f(y, n)\n\n\n"
        "def run():\n    f(A(), 1)\n    g(B(), 1)\n"
    )
    graph = analysis_for({"svc/__init__.py": "", "svc/ring.py": ring}).graph
    pings = {"svc.ring.A.ping", "svc.ring.B.ping"}
    assert pings <= set(graph.callees("svc.ring.f"))
    assert pings <= set(graph.callees("svc.ring.g"))


def test_an_explicit_base_init_call_passes_self_itself() -> None:
    """`Base.__init__(self, RepoClient())` passes `self` as its first argument: the client is `Base`'s
    `client` parameter; `Base.helper(self, c)` likewise, while a classmethod or staticmethod named on the
    class and a method called on an instance take what they are given as they count it."""
    files = {
        "svc/__init__.py": "",
        "svc/client.py": "class RepoClient:\n    def diff(self, url):\n        return url\n\n    def head(self, url):\n        return url\n\n"
        "    def tags(self, url):\n        return url\n\n    def blame(self, url):\n        return url\n",
        "svc/base.py": "class Base:\n    def __init__(self, client):\n        self.client = client\n\n    def pull(self):\n"
        "        return self.client.diff('u')\n\n    def helper(self, c):\n        return c.head('u')\n\n    @classmethod\n"
        "    def make(cls, c):\n        return c.tags('u')\n\n    @staticmethod\n    def check(c):\n        return c.blame('u')\n",
        "svc/use.py": "from svc.base import Base\nfrom svc.client import RepoClient\n\n\nclass Child(Base):\n    def __init__(self):\n"
        "        Base.__init__(self, RepoClient())\n        Base.helper(self, RepoClient())\n        Base.make(RepoClient())\n"
        "        Base.check(RepoClient())\n",
    }
    graph = analysis_for(files).graph
    assert set(graph.callees("svc.base.Base.pull")) == {"svc.client.RepoClient.diff"}
    assert set(graph.callees("svc.base.Base.helper")) == {"svc.client.RepoClient.head"}
    assert set(graph.callees("svc.base.Base.make")) == {"svc.client.RepoClient.tags"}
    assert set(graph.callees("svc.base.Base.check")) == {"svc.client.RepoClient.blame"}
