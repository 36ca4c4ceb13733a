import pytest

from claims.services import claim_create, claim_update
from corroboration import registry
from tests.corroboration.counting_encoder import CountingEncoder


@pytest.mark.django_db
def test_it_sees_new_and_changed_claims_without_a_restart(editor, encoder):
    first = claim_create(text="Huawei sent engineers to DeepSeek", language="en")
    index = registry.claim_index()
    assert registry.claim_index() is index  # nothing changed: the cached index

    second = claim_create(text="Nvidia agreed to share H20 revenue with the US government", language="en")
    rebuilt = registry.claim_index()

    assert rebuilt is not index and set(rebuilt.ids) == {first.pk, second.pk}
    if encoder != "none":
        before = rebuilt.variants[first.pk][0].vector
        claim_update(claim=second, actor=editor, text="Nvidia will share 15% of H20 China revenue")
        again = registry.claim_index()
        # The unchanged claim is not encoded again on rebuild.
        assert again is not rebuilt and again.variants[first.pk][0].vector is before


@pytest.mark.django_db
def test_a_new_worker_reads_claim_embeddings_from_the_database(editor, encoder, monkeypatch):
    from corroboration.models import ClaimVectors

    if encoder == "none":
        pytest.skip("the lexical path encodes nothing")
    first = claim_create(
        text="Хуавэй направила инженеров в DeepSeek",
        summary_en="Huawei sent engineers to DeepSeek",
        language="ru",
    )
    second = claim_create(text="Nvidia agreed to share H20 revenue with the US government", language="en")

    def fresh_worker():
        registry.reset()  # a new process: nothing cached in memory
        matcher = registry.matcher()
        counter = CountingEncoder(matcher.encoder)
        monkeypatch.setattr(matcher, "encoder", counter)
        return registry.claim_index(), counter

    built, counter = fresh_worker()
    assert counter.query_texts == 3  # both texts of the first claim, the text of the second
    assert {(row.claim_id, row.rows) for row in ClaimVectors.objects.all()} == {(first.pk, 2), (second.pk, 1)}

    again, counter = fresh_worker()
    assert counter.query_texts == 0
    for claim_id in (first.pk, second.pk):
        for old, new in zip(built.variants[claim_id], again.variants[claim_id], strict=True):
            assert (old.vector == new.vector).all()  # rounded as stored, the first time too

    claim_update(claim=second, actor=editor, text="Nvidia will share 15% of H20 China revenue")
    _, counter = fresh_worker()
    assert counter.query_texts == 1  # only the edited claim
    assert ClaimVectors.objects.count() == 2


@pytest.mark.django_db
def test_a_rebuilt_index_keeps_what_it_learnt_of_unchanged_claims(editor):
    from corroboration import stance

    first = claim_create(text="Huawei sent engineers to DeepSeek", language="en")
    index = registry.claim_index()
    variant = index.variants[first.pk][0]
    variant.news_side = stance.news_claim(variant.text)  # as the first article matched to it computes

    second = claim_create(text="Nvidia agreed to share H20 revenue with the US government", language="en")
    rebuilt = registry.claim_index()

    assert rebuilt is not index
    assert rebuilt.variants[first.pk][0].news_side is variant.news_side
    assert rebuilt.variants[second.pk][0].news_side is None  # computed when first needed
