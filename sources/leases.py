"""Short leases, renewed while the work runs.

A row claimed by a worker carries `lease_until`; another worker (or the sweep) may take the row once the
lease has lapsed. A long fixed lease (the task's time limit) makes work interrupted by a crash wait that
long before anyone retries it; a short one would let a slow but live worker's row be taken from it. So
the lease is short and a `LeaseKeeper` thread renews it every third of its length while the work runs:
a dead worker stops renewing, and its rows are free again within one lease.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)


class LeaseKeeper:
    """`with LeaseKeeper(renew, seconds=60):` calls `renew()` every `seconds / 3` until the block ends.

    `renew` runs in a thread with its own database connection (closed when the keeper stops); it should
    be one UPDATE that extends `lease_until` only while the row is still held. Nothing runs where tasks
    run in-process (eager, the embedded default): there is no other worker to take the row over, and
    SQLite would make the renewal wait for the caller's own transaction.
    """

    def __init__(self, renew: Callable[[], object], *, seconds: float):
        self.renew = renew
        self.interval = max(0.2, seconds / 3)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> LeaseKeeper:
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            self._thread = threading.Thread(target=self._run, name="lease-keeper", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    self.renew()
                except Exception:  # a failed renewal shortens the lease; it must not kill the work
                    logger.warning("could not renew a lease", exc_info=True)
        finally:
            connection.close()
