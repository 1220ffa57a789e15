"""The host of a URL a program builds (url_parts.py), whatever way it is built: what PRR501 judges to decide whether
a call goes to this host (socket_targets.loopback_through)."""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst
import pytest

from prr_lint.url_parts import host_part, url_parts


def _host(source: str, closed: bool = True) -> Optional[Tuple[str, bool]]:
    """The host part of the expression `source` as (its code or literal text, whether text ends it)."""
    parts = url_parts(cst.parse_expression(source))
    found = host_part(parts, closed) if parts is not None else None
    if found is None:
        return None
    part, ends = found
    return (part if isinstance(part, str) else cst.Module([]).code_for_node(part)), ends


@pytest.mark.parametrize("source, host", [
    ("f'http://{host}/write'", ("host", True)),
    ("'http://' + host + ':' + str(port) + '/write'", ("host", True)),
    ("'http://%s/detail/' % server", ("server", True)),
    ("'http://%s:%d/' % (server, port)", ("server", True)),
    ("'{}://{}:{}/status'.format(scheme, host, port)", ("host", True)),
    ("'/'.join([endpoint, name, 'members'])", ("endpoint", True)),
    ("f'{base}/x'", ("base", True)),
    ("'http://localhost:' + str(port)", ("localhost", True)),
    ("'{}://{}:{}/status'.format(scheme, 'localhost', port)", ("localhost", True)),
    ("'127.0.0.1:%d' % port", ("127.0.0.1", True)),
])
def test_the_host_is_found_however_the_url_is_built(source: str, host: Tuple[str, bool]) -> None:
    assert _host(source) == host


@pytest.mark.parametrize("source, host", [
    ("f'http://{host}{prefix}/x'", ("host", False)),  # what follows may lengthen it
    ("'http://localhost' + suffix", ("localhost", False)),
    ("'http://' + host", ("host", False)),
    ("API_BASE + 'register'", ("API_BASE", False)),  # text that is no port or path: a base ending in its own `/`
    ("f'{API_BASE}users/{user}'", ("API_BASE", False)),
])
def test_a_host_another_value_follows_is_not_ended(source: str, host: Tuple[str, bool]) -> None:
    assert _host(source, closed=False) == host


@pytest.mark.parametrize("source", [
    "'http://%(host)s/x' % values",  # a mapping key: not read
    "'http://%s/%s' % (host,)",  # fewer values than conversions
    "template.format(host)",  # the template is no literal
    "'x'.join(items)",  # no list literal
    "scheme + '://'",  # nothing after the scheme
])
def test_a_url_not_read_as_parts_has_no_host(source: str) -> None:
    assert _host(source) is None


def test_a_long_sum_is_read_without_recursion() -> None:
    parts = url_parts(cst.parse_expression(" + ".join(["'http://'", "host", *["'/a'"] * 3000])))
    assert parts is not None and parts[1] is not None and len(parts) == 3

