"""Fixtures for the API tests: a client, keys of each scope, and claims built through the services."""

import pytest
from django.test import TestCase
from rest_framework.test import APIClient

from api import services as api_services
from claims import services
from claims.models import Independence, Stance
from sources.models import SourceKind
from tests.factories import ArticleFactory, SourceFactory


@pytest.fixture(autouse=True)
def _generous_throttles(settings):
    # Throttling has its own test; elsewhere it must not turn a fast suite into 429s.
    settings.CLAIMTRACKER_API_THROTTLE_RATES = {"key": "100000/min", "anonymous": "100000/min"}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Each user made by the factory would otherwise spend ~0.3 s in PBKDF2.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client_api():
    return APIClient()


def _key(scope, user=None):
    _, raw = api_services.api_key_create(name=f"{scope} key", scope=scope, user=user)
    return raw


@pytest.fixture
def read_key(db):
    return _key("read")


@pytest.fixture
def edit_key(editor):
    return _key("edit", editor)


@pytest.fixture
def review_key(reviewer):
    return _key("review", reviewer)


def auth(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def make_claim(db, reviewer):
    """A claim with a three-link chain and an appearance; `status` records a verdict on it."""

    def make(text="DeepSeek delayed R2 after Ascend training failed", status=None, **extra):
        outlet = extra.pop("outlet", None) or SourceFactory()
        ft = extra.pop("cited", None) or SourceFactory()
        article = ArticleFactory(outlet=outlet)
        claim = services.claim_create(
            text=text,
            language=extra.pop("language", "en"),
            summary_en=extra.pop("summary_en", ""),
            made_at=extra.pop("made_at", None),
            chain=extra.pop(
                "chain",
                [
                    {"source": outlet},
                    {"source": ft},
                    {"kind": SourceKind.UNNAMED, "count": 2, "phrase": "people familiar with the matter"},
                ],
            ),
            appearances=[{"article": article, "span_start": 0, "span_end": 20}],
            entities=extra.pop("entities", ["DeepSeek", "Huawei"]),
        )
        if status:
            services.verdict_record(
                claim=claim,
                status=status,
                rationale="Checked against filings.",
                reviewer=reviewer,
                seen_version=1,
            )
            claim.refresh_from_db()
        return claim

    return make


def add_evidence(
    claim, *, stance=Stance.SUPPORTS, independence=Independence.INDEPENDENT, outlet=None, origin=None
):
    article = ArticleFactory(outlet=outlet or SourceFactory())
    # As in production, the summary is refreshed once the write commits (tests never commit).
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.evidence_upsert(
            claim=claim,
            article=article,
            stance=stance,
            independence=independence,
            origin=origin,
            component="test-matcher",
            component_version="1",
        )


@pytest.fixture
def django_cache_clear():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
