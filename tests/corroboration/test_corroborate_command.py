from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import CorroborationSummary


@pytest.mark.django_db
def test_it_corroborates_the_given_claims_and_prints_their_summary(story):
    out, err = StringIO(), StringIO()

    call_command("corroborate", str(story.claim.pk), stdout=out, stderr=err)

    text = out.getvalue()
    assert f"#{story.claim.pk}: grade 2" in text
    assert "independent supporting origins: Nikkei Asia;" in text
    assert "2 re-report(s), 1 syndicated" in text
    assert "corroborating" in err.getvalue()  # the progress bar
    assert CorroborationSummary.objects.filter(claim=story.claim).exists()


@pytest.mark.django_db
def test_it_refuses_an_unknown_claim_id(db):
    with pytest.raises(CommandError, match="No claim with id 424242"):
        call_command("corroborate", "424242", stdout=StringIO(), stderr=StringIO())
