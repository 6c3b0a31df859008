"""Trusted proxies: only a configured proxy's X-Forwarded-For names the client."""

from __future__ import annotations

import pytest
from flask import Flask

from contest.proxies import client_address, is_trusted


@pytest.mark.parametrize(("address", "setting", "expected"), [
    ("127.0.0.1", "127.0.0.1", True),
    ("10.1.2.3", "10.0.0.0/8, ::1", True),
    ("::1", "10.0.0.0/8, ::1", True),
    ("192.0.2.9", "10.0.0.0/8", False),
    ("127.0.0.1", "", False),
    ("not-an-ip", "127.0.0.1", False),
    (None, "127.0.0.1", False),
])
def test_is_trusted(address, setting, expected):
    assert is_trusted(address, setting) is expected


def _address(setting: str, peer: str, forwarded: str | None) -> str:
    app = Flask(__name__)
    app.config["TRUSTED_PROXIES"] = setting
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    with app.test_request_context("/", headers=headers, environ_base={"REMOTE_ADDR": peer}):
        return client_address()


def test_forwarded_for_from_an_untrusted_peer_is_ignored():
    assert _address("", "198.51.100.7", "203.0.113.1") == "198.51.100.7"


def test_behind_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client():
    # The client sent a forged left-most entry; nginx appended the real peer.
    assert _address("127.0.0.1", "127.0.0.1", "1.2.3.4, 203.0.113.5") == "203.0.113.5"


def test_trusted_proxy_without_header_is_the_client():
    assert _address("127.0.0.1", "127.0.0.1", None) == "127.0.0.1"
