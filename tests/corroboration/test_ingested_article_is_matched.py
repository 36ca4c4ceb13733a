"""A new article stored by ingestion is matched against the open claims, through the real fetcher."""

import pytest

from claims.models import Evidence, Independence, Stance
from sources.models import OutletDomain
from sources.services import article_fetch
from tests.corroboration.corroboration_story import ARTICLES, StoryServer

NIKKEI = next(spec for spec in ARTICLES if spec["key"] == "nikkei")


@pytest.fixture(autouse=True)
def _stand_in_server_allowed(settings):
    settings.INGEST_ALLOW_LOOPBACK = True
    settings.INGEST_DOMAIN_DELAY = 0.0
    settings.INGEST_POLITENESS_REDIS_URL = ""


@pytest.mark.django_db
def test_an_article_fetched_by_ingestion_becomes_evidence_for_an_open_claim(
    story, django_capture_on_commit_callbacks
):
    story.articles["nikkei"].delete()  # arrives fresh through ingestion (else it is a copy of itself)
    # Ingestion names an article's outlet by its host; here the stand-in server's is Nikkei's.
    OutletDomain.objects.create(source=story.sources["nikkei"], domain="127.0.0.1")
    with StoryServer() as server, django_capture_on_commit_callbacks(execute=True) as callbacks:
        article = article_fetch(url=server.base + NIKKEI["path"])
    assert callbacks, "storing the article announced it"
    evidence = Evidence.objects.get(claim=story.claim, article=article)
    assert evidence.stance == Stance.SUPPORTS
    assert evidence.independence == Independence.INDEPENDENT


@pytest.mark.django_db
def test_an_article_already_stored_is_not_announced_again(story, django_capture_on_commit_callbacks):
    with StoryServer() as server:
        with django_capture_on_commit_callbacks(execute=False) as first:
            article_fetch(url=server.base + NIKKEI["path"])
        with django_capture_on_commit_callbacks(execute=False) as second:
            article_fetch(url=server.base + NIKKEI["path"])
    assert len(first) == 1 and second == []
