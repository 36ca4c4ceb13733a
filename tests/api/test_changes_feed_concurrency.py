"""The changes feed under concurrent commits on PostgreSQL: a poller never misses or repeats a change.

Ids and timestamps are taken before commit, so a change numbered earlier can become visible later; a
poller that had moved past its number would never see it. These tests hold transactions open on
purpose to create exactly that interleaving.
"""

import random
import threading
import time

import pytest
from django.db import connection, transaction
from rest_framework.test import APIClient

from api import services as api_services
from claims import services
from claims.models import ChangeCounter, ChangeEntry
from tests.api.fixtures import auth
from tests.factories import ClaimFactory, UserFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module", autouse=True)
def _restore_migration_data(django_db_blocker):
    """Transactional tests end with a flush, which also empties the Editors and Reviewers groups a
    data migration made; later tests rely on them, so put them back once this module is done."""
    yield
    from tests.migration_data import restore_groups

    with django_db_blocker.unblock():
        restore_groups()


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent writers on separate connections")
    ChangeCounter.objects.get_or_create(pk=1)


@pytest.fixture
def edit_key():
    # Transactional tests flush the groups the migrations made; give the permission directly (made
    # here if a flush before this test also took the permission rows with it).
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from claims.models import Claim

    ContentType.objects.clear_cache()
    permission, _ = Permission.objects.get_or_create(
        codename="add_claim",
        content_type=ContentType.objects.get_for_model(Claim),
        defaults={"name": "Can add claim"},
    )
    user = UserFactory(username="feed-editor")
    user.user_permissions.add(permission)
    user = type(user).objects.get(pk=user.pk)
    return api_services.api_key_create(name="feed poller", scope="edit", user=user)[1]


def _in_thread(target):
    def run():
        try:
            target()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _poll_all(client, key, after="0"):
    seen = []
    while True:
        body = client.get("/api/v1/changes/", {"after": after, "limit": 50}, **auth(key)).json()
        seen += [c["seq"] for c in body["results"]]
        after = body["next_after"]
        if not body["has_more"]:
            return seen, after


def test_it_does_not_show_a_later_change_before_an_earlier_one_commits(edit_key):
    first, second = ClaimFactory(), ClaimFactory()
    client = APIClient()
    _, after = _poll_all(client, edit_key)
    holding, release, second_done = threading.Event(), threading.Event(), threading.Event()

    def slow_writer():
        with transaction.atomic():
            services.claim_update(claim=first, actor=None, summary_en="slow")
            holding.set()
            release.wait(10)

    def fast_writer():
        holding.wait(10)
        services.claim_update(claim=second, actor=None, summary_en="fast")
        second_done.set()

    threads = [_in_thread(slow_writer), _in_thread(fast_writer)]
    holding.wait(10)
    # The fast writer started later but must wait for the slow one's number to be committed.
    assert not second_done.wait(0.5)
    seen, after_wait = _poll_all(client, edit_key, after)
    assert seen == []
    release.set()
    for thread in threads:
        thread.join(10)
    assert second_done.is_set()
    seen, _ = _poll_all(client, edit_key, after_wait)
    claims = list(
        ChangeEntry.objects.filter(seq__in=seen).order_by("seq").values_list("claim_id_ref", flat=True)
    )
    assert claims == [first.pk, second.pk]


def test_a_poller_sees_every_change_exactly_once_under_concurrent_writers(edit_key):
    claims = [ClaimFactory() for _ in range(4)]
    client = APIClient()
    _, start = _poll_all(client, edit_key)
    writers_done = threading.Event()
    collected: list[int] = []

    def writer(claim, seed):
        rng = random.Random(seed)
        for n in range(8):
            with transaction.atomic():
                services.claim_update(claim=claim, actor=None, summary_en=f"edit {n}")
                time.sleep(rng.uniform(0, 0.01))  # commit late, while others queue

    def poller():
        after = start
        while True:
            finished = writers_done.is_set()
            seen, after = _poll_all(APIClient(), edit_key, after)
            collected.extend(seen)
            if finished:
                return
            time.sleep(0.005)

    poll_thread = _in_thread(poller)
    writer_threads = [_in_thread(lambda c=c, i=i: writer(c, i)) for i, c in enumerate(claims)]
    for thread in writer_threads:
        thread.join(30)
    writers_done.set()
    poll_thread.join(30)

    expected = list(
        ChangeEntry.objects.filter(seq__gt=int(start)).order_by("seq").values_list("seq", flat=True)
    )
    assert len(expected) == 4 * 8
    assert collected == expected  # every change, once, in order
