"""Which reverse proxies the app trusts, and what that lets it believe about a request.

``TRUSTED_PROXIES`` (comma-separated addresses or CIDR networks, empty by default) lists the
proxies whose headers count: ``X-Forwarded-For`` for the client address and ``X-Request-Start``
for the arrival time. A request that does not come straight from one of them is taken at face
value: its peer address is the client, and nothing it says about itself is believed.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from flask import current_app, request

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=32)
def parse_networks(setting: str) -> tuple[Network, ...]:
    """``"127.0.0.1, 10.0.0.0/8"`` -> networks; a bad entry raises ``ValueError`` at start-up."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False)
                 for part in setting.split(",") if part.strip())


def is_trusted(address: str | None, setting: str) -> bool:
    """Whether ``address`` belongs to one of the networks in ``setting``."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in parse_networks(setting))


def from_trusted_proxy() -> bool:
    """Whether the current request's peer is a configured trusted proxy."""
    return is_trusted(request.remote_addr, current_app.config.get("TRUSTED_PROXIES", ""))


def client_address() -> str:
    """The client's address: the right-most untrusted hop of X-Forwarded-For behind trusted
    proxies (the left-most entries are whatever the client chose to send), else the peer."""
    setting = current_app.config.get("TRUSTED_PROXIES", "")
    peer = request.remote_addr or ""
    if not is_trusted(peer, setting):
        return peer
    hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if not is_trusted(hop, setting):
            return hop
    return peer
