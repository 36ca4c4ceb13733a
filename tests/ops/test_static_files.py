"""D18: with DEBUG off and `collectstatic` not run, the admin and the API docs still draw (200, not 500);
`check --deploy` says what is missing (tests/claimtracker/test_settings.py)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_static(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "never-collected"
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "ops.storage.StaticFilesStorage"},
    }


def test_pages_draw_without_collected_static_files(client, production_static, caplog):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'href="/static/admin/css/base.css"' in response.content.decode()  # the unhashed name
    assert client.get("/api/v1/docs/").status_code == 200


def test_collected_files_are_linked_by_their_hashed_names(client, production_static, settings, tmp_path):
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path / "collected"
    call_command("collectstatic", "--noinput", verbosity=0)
    page = client.get("/admin/login/").content.decode()
    assert 'href="/static/admin/css/base.' in page and 'href="/static/admin/css/base.css"' not in page
