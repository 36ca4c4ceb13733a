"""Articles: the one way in (canonical URL, copy detection, the announcement to the rooms above)."""

from datetime import datetime

from django.db import IntegrityError, transaction

from ..models import (
    Article,
    Source,
    content_hash,
)
from ..signals import article_stored
from ..urls import canonical_url
from .registry import outlet_for_url


def article_store(
    *,
    url: str,
    text: str,
    title: str = "",
    byline: str = "",
    language: str = "",
    published_at: datetime | None = None,
    outlet: Source | None = None,
) -> tuple[Article, bool]:
    """Store an article unless its canonical URL is stored already; the same text under another URL
    is stored as a copy of the first article that had it. Returns (article, created)."""
    # NUL is never article text (a broken page or feed), and PostgreSQL cannot store it.
    text, title, byline = (value.replace("\x00", "") for value in (text, title, byline))
    url = canonical_url(url)
    existing = Article.objects.filter(url=url).first()
    if existing is not None:
        return existing, False
    original = None
    if text.strip():
        original = (
            Article.objects.filter(content_hash=content_hash(text), copy_of__isnull=True)
            .order_by("id")
            .first()
        )
    try:
        with transaction.atomic():
            article = Article.objects.create(
                url=url,
                title=title[:1000],
                byline=byline[:500],
                language=language[:12],
                published_at=published_at,
                text=text,
                outlet=outlet_for_url(url) or outlet,
                copy_of=original,
            )
    except IntegrityError:
        # Another worker stored the same URL between our check and insert.
        return Article.objects.get(url=url), False
    transaction.on_commit(lambda: article_stored.send(sender=Article, article_id=article.pk))
    return article, True
