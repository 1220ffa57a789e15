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
