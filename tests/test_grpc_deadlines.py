"""PRR502: which stubs and channels carry a deadline."""

from __future__ import annotations

import pytest

from conftest import lint_sources

HEAD = "import grpc\nfrom protos import pricing_pb2_grpc\n"


def _lines(source: str) -> list:
    result = lint_sources({"svc/client.py": HEAD + source}, select=["PRR502"])
    return [finding.span.line - 2 for finding in result.findings]


@pytest.mark.parametrize(
    "source",
    [
        # A client interceptor of the module that sets the deadline.
        "\nclass DeadlineInterceptor(grpc.UnaryUnaryClientInterceptor):\n"
        "    def intercept_unary_unary(self, continuation, details, request):\n"
        "        return continuation(details._replace(timeout=details.timeout or 1.0), request)\n\n"
        "channel = grpc.intercept_channel(grpc.insecure_channel('p:1'), DeadlineInterceptor())\n"
        "stub = pricing_pb2_grpc.PricingStub(channel)\n\ndef f(r):\n    return stub.Quote(r)\n",
        # An imported interceptor that says what it does.
        "from svc.grpcutil import DefaultTimeoutInterceptor\n\n"
        "channel = grpc.aio.insecure_channel('p:1', interceptors=[DefaultTimeoutInterceptor(2.0)])\n"
        "stub = pricing_pb2_grpc.PricingStub(channel)\n\nasync def f(r):\n    return await stub.Quote(r)\n",
        "\ndef f(stub: pricing_pb2_grpc.PricingStub, r, options):\n    return stub.Quote(r, **options)\n",
        "\ndef f(stub: pricing_pb2_grpc.PricingStub, r):\n    return stub.Quote(r, 0.5)\n",
        # Not a generated stub.
        "from svc.fake import PricingStub\n\ndef f(r):\n    return PricingStub(None).Quote(r)\n",
    ],
)
def test_not_reported(source: str) -> None:
    assert _lines(source) == []


@pytest.mark.parametrize(
    "source, line",
    [
        # An interceptor that only adds metadata sets no deadline.
        ("\nclass AuthInterceptor(grpc.UnaryUnaryClientInterceptor):\n"
         "    def intercept_unary_unary(self, continuation, details, request):\n"
         "        return continuation(details, request)\n\n"
         "channel = grpc.intercept_channel(grpc.insecure_channel('p:1'), AuthInterceptor())\n"
         "stub = pricing_pb2_grpc.PricingStub(channel)\n\ndef f(r):\n    return stub.Quote(r)\n", 10),
        ("\ndef f(stub: pricing_pb2_grpc.PricingStub, r):\n    response, call = stub.Quote.with_call(r)\n    return response\n", 3),
        ("\ndef f(channel, r):\n    return pricing_pb2_grpc.PricingStub(channel).Quote(r)\n", 3),
    ],
)
def test_reported(source: str, line: int) -> None:
    assert _lines(source) == [line]


# A stub built once in a helper module (a cached factory), the stub class re-exported from there.
_HELPER = (
    "import functools\nimport grpc\nfrom protos import infer_pb2_grpc\nfrom protos.infer_pb2_grpc import InferStub\n\n"
    "@functools.cache\ndef get_stub(uri) -> InferStub:\n    channel = grpc.insecure_channel(uri{options})\n"
    "    return infer_pb2_grpc.InferStub(channel)\n"
)
_CALLERS = {
    "svc/vision.py": "from svc.triton import get_stub\n\ndef classify(uri, request):\n    stub = get_stub(uri)\n"
                     "    return stub.ModelInfer(request)\n",
    "svc/text.py": "from svc.triton import InferStub\n\ndef embed(request, stub: InferStub):\n    return stub.ModelInfer(request)\n",
    "svc/other.py": "from svc.store import open_store\n\ndef load(key):\n    return open_store().Get(key)\n",
    "svc/store.py": "def open_store():\n    return {}\n",
}


def test_stub_from_a_project_helper() -> None:
    """Calls on what a project function returns, or on a parameter typed with the re-exported stub
    class, are stub calls; not when the helper's channel carries a default deadline."""
    sources = {"svc/triton.py": _HELPER.format(options=""), **_CALLERS}
    found = sorted((f.path, f.span.line) for f in lint_sources(sources, select=["PRR502"]).findings)
    assert found == [("svc/text.py", 4), ("svc/vision.py", 5)]
    configured = {"svc/triton.py": _HELPER.format(options=", options=[('grpc.service_config', CONFIG)]"), **_CALLERS}
    found = sorted((f.path, f.span.line) for f in lint_sources(configured, select=["PRR502"]).findings)
    assert found == [("svc/text.py", 4)]


_SERVICE = {
    "svc/__init__.py": "",
    "svc/app.py": ("import grpc\nfrom flask import Flask\nfrom protos import pricing_pb2_grpc\n\napp = Flask(__name__)\n\n\n"
                   "@app.route('/quote')\ndef quote():\n    stub = pricing_pb2_grpc.PricingStub(grpc.insecure_channel('pricing:50051'))\n"
                   "    return str(stub.Quote(None))\n"),
    "svc/probe.py": ("import grpc\nfrom protos import pricing_pb2_grpc\n\n\ndef main():\n"
                     "    stub = pricing_pb2_grpc.PricingStub(grpc.insecure_channel('localhost:50051'))\n    print(stub.Quote(None))\n\n\n"
                     "if __name__ == '__main__':\n    main()\n"),
}


def test_a_script_beside_the_service_is_not_the_service() -> None:
    """PRR502 is scoped as PRR501 is (project/scope.py): a probe script run by hand (magma's integration
    harness' clients, m32) is not the service; the route's call is."""
    from _serving import run

    assert [(f.path, f.span.line) for f in run(_SERVICE, select=("PRR502",)).findings] == [("svc/app.py", 11)]
