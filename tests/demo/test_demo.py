import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim, Evidence, Verdict
from sources.models import Source


def test_it_refuses_known_passwords_in_production_mode(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo")
    assert Claim.objects.count() == 0


def test_it_loads_the_seed_story_once(db, capsys, settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = capsys.readouterr().out
    assert "Demo data loaded." in first and "reviewer" in first and "http://127.0.0.1:8000/admin/" in first
    counts = (
        Claim.objects.count(),
        Verdict.objects.count(),
        Evidence.objects.count(),
        Source.objects.count(),
    )
    assert counts[0] >= 9 and counts[1] >= 5 and counts[2] >= 4
    assert set(Claim.objects.values_list("language", flat=True)) == {"ru", "en"}
    call_command("load_demo")
    assert "already present" in capsys.readouterr().out
    assert (
        Claim.objects.count(),
        Verdict.objects.count(),
        Evidence.objects.count(),
        Source.objects.count(),
    ) == counts
    for claim in Claim.objects.exclude(current_verdict=None):
        assert claim.status == claim.verdicts.latest().status


def test_it_prints_only_the_logins_when_asked(db, capsys, settings):
    settings.DEBUG = True
    call_command("load_demo", "--logins-only", "--url", "http://127.0.0.1:9000/admin/")
    out = capsys.readouterr().out
    assert "Demo data" not in out and "http://127.0.0.1:9000/admin/" in out
    assert Claim.objects.count() == 0
