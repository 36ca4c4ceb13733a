import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from claims.models import Claim, Evidence
from sources.models import Article, Source, SourceKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("pw")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    kind = SourceKind.OUTLET
    name = factory.Sequence(lambda n: f"Outlet {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    url = factory.Sequence(lambda n: f"https://news.example/{n}")
    outlet = factory.SubFactory(SourceFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    language = "en"
    published_at = factory.LazyFunction(timezone.now)
    text = "DeepSeek delayed R2 after training on Huawei Ascend chips failed, people familiar with the matter said."


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"Claim number {n} about Huawei Ascend chips")
    language = "en"


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    article = factory.SubFactory(ArticleFactory)
    component = "test-matcher"
    component_version = "1"
    decided_at = factory.LazyFunction(timezone.now)
