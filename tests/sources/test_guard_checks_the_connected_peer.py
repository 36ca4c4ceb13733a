import pytest

from sources.errors import BlockedAddress
from sources.guard import AddressPolicy, GuardedBackend


class RebindingPolicy(AddressPolicy):
    """Allows the address when the name is resolved, refuses it once connected: what a DNS answer
    that changes between check and connect looks like to the guard."""

    def __init__(self):
        object.__setattr__(self, "calls", 0)

    def refusal(self, address: str, port: int) -> str | None:
        object.__setattr__(self, "calls", self.calls + 1)
        return None if self.calls == 1 else f"{address} is a loopback address"


def test_it_checks_the_address_of_the_socket_it_actually_connected(web):
    backend = GuardedBackend(RebindingPolicy())
    with pytest.raises(BlockedAddress, match="connected peer 127.0.0.1"):
        backend.connect_tcp("127.0.0.1", web.port, timeout=2)


def test_it_connects_to_the_address_it_checked(web):
    stream = GuardedBackend(AddressPolicy(allow_loopback=True)).connect_tcp("localhost", web.port, timeout=2)
    try:
        assert stream.get_extra_info("socket").getpeername()[0] in ("127.0.0.1", "::1")
    finally:
        stream.close()
