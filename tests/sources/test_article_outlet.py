import pytest

from sources.models import OutletDomain
from sources.services import article_store
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_an_article_belongs_to_the_outlet_of_its_most_specific_registered_domain():
    bbc = SourceFactory(name="BBC")
    bbc_russian = SourceFactory(name="BBC News Russian")
    OutletDomain.objects.create(source=bbc, domain="bbc.co.uk")
    OutletDomain.objects.create(source=bbc_russian, domain="www.bbc.com")  # stored without www.
    OutletDomain.objects.create(source=bbc, domain="news.bbc.co.uk")

    world, _ = article_store(url="https://www.bbc.co.uk/news/world-1", text="World news text.")
    russian, _ = article_store(url="https://bbc.com/russian/news-2", text="Русский текст.")

    assert world.outlet == bbc and russian.outlet == bbc_russian


def test_without_a_registered_domain_the_feeds_outlet_is_used():
    feed_outlet = SourceFactory(name="Wire Desk")
    article, created = article_store(url="https://cdn.example/x", text="Some text.", outlet=feed_outlet)
    assert created and article.outlet == feed_outlet
