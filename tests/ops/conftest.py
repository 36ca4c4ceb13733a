import os
import time

import pytest
import redis


@pytest.fixture
def redis_url():
    """The suite's Redis database (TEST_REDIS_URL), empty and with no worker of an earlier run on it."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (make test sets it to the local Redis)")
    client = redis.Redis.from_url(url)
    client.ping()  # a Redis that is down is a failure, not a skip: make test promises one
    db = client.connection_pool.connection_kwargs.get("db", 0)
    deadline = time.monotonic() + 15
    while True:
        consumers = [
            c
            for c in client.client_list()
            if int(c.get("db", -1)) == db and c.get("cmd") in {"brpop", "blpop"}
        ]
        if not consumers or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert not consumers, f"a worker is already consuming from Redis db {db}"
    client.flushdb()
    yield url
    client.flushdb()
