import pytest

from claims.corroboration import registry
from claims.services import claim_create, claim_update


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
