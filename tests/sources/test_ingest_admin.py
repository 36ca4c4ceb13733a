import pytest
from django.contrib.auth import get_user_model

from sources.models import FeedState, Fetch, FetchKind, FetchStatus
from sources.services import feed_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(user)
    return client


def test_the_fetch_list_shows_status_attempts_and_errors(admin_client):
    Fetch.objects.create(
        kind=FetchKind.PAGE,
        url="https://news.example/a",
        status=FetchStatus.FAILED,
        attempts=3,
        last_error="gave up after 3 attempts: HTTP 503 from news.example",
    )
    response = admin_client.get("/admin/sources/fetch/")
    assert response.status_code == 200
    assert b"gave up after 3 attempts" in response.content


def test_a_failing_feed_shows_why_in_the_feed_list(admin_client):
    feed = feed_add(url="https://news.example/feed.xml")
    FeedState.objects.filter(pk=feed.pk).update(
        consecutive_failures=4, last_error="HTTP 503 from news.example"
    )
    response = admin_client.get("/admin/sources/feed/")
    assert response.status_code == 200
    assert b"HTTP 503 from news.example" in response.content
    assert admin_client.get(f"/admin/sources/feed/{feed.pk}/change/").status_code == 200


def test_the_retry_action_puts_a_failed_fetch_back_in_the_queue(
    admin_client, django_capture_on_commit_callbacks
):
    fetch = Fetch.objects.create(
        kind=FetchKind.PAGE, url="https://news.example/b", status=FetchStatus.FAILED, last_error="HTTP 503"
    )
    with django_capture_on_commit_callbacks() as callbacks:
        admin_client.post("/admin/sources/fetch/", {"action": "retry_now", "_selected_action": [fetch.pk]})
    fetch.refresh_from_db()
    assert fetch.status == FetchStatus.PENDING and len(callbacks) == 1
