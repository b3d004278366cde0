"""The address a request came from, trusting `X-Forwarded-For` only as far as our own proxies.

Behind a load balancer every request arrives from the balancer's address, so a lockout or a rate
limit keyed on `REMOTE_ADDR` would lump all visitors together (and let anyone lock any account out).
The forwarded header, on the other hand, is whatever the client wrote, except for the entries our
own proxies appended. So the header is read from the right, only while the hop that handed the
request on is one of `settings.TRUSTED_PROXIES`; the first address that is not ours is the client.
django-axes (`AXES_CLIENT_IP_CALLABLE`) and the rate limits both use this one answer.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _parse(address: str):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str | None:
    """The client's address: `REMOTE_ADDR`, or the forwarded one when a trusted proxy passed it on."""
    remote = request.META.get("REMOTE_ADDR")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(_parse(remote or ""), networks):
        return remote
    forwarded = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(forwarded):
        address = _parse(hop)
        if address is None:
            break  # garbage in the header: stop at the last hop we could vouch for
        client = str(address)
        if not _trusted(address, networks):
            break
    return client
