import os
import threading
import time

import pytest

from sources.fetcher import DomainGate


def _starts(gates, host: str, delay: float, redis_url: str, per_gate: int = 2) -> list[float]:
    starts: list[float] = []
    lock = threading.Lock()

    def run(gate):
        for _ in range(per_gate):
            with gate.enter(host, concurrency=4, delay=delay, redis_url=redis_url):
                with lock:
                    starts.append(time.monotonic())

    threads = [threading.Thread(target=run, args=(gate,)) for gate in gates]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(starts)


@pytest.mark.redis
def test_two_workers_share_the_pause_between_requests_to_a_domain():
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.skip(f"Redis is not running at {url}")
    host = f"news-{time.time_ns()}.example"
    # Two gates are two worker processes: nothing shared but Redis.
    starts = _starts([DomainGate(), DomainGate()], host, 0.25, url)
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
    assert len(starts) == 4
    # The gate pauses 0.25 s; the margin is for thread scheduling on a loaded machine (without the shared
    # pause two gates would start together: a gap near 0).
    assert min(gaps) >= 0.15, gaps


def test_it_falls_back_to_a_pause_per_process_when_redis_is_down():
    starts = _starts([DomainGate()], "news.example", 0.2, "redis://127.0.0.1:1/0", per_gate=3)
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= 0.12, gaps  # 0.2 s pause, margin for scheduling on a loaded machine
