"""An article from a site no outlet has registered is credited to the outlet the page names itself,
else to one named by its host, and a page cannot pass itself off as a registered outlet."""

import pytest

from sources.models import OutletDomain, Source, SourceKind
from sources.services import article_fetch, outlet_for_page
from tests.factories import SourceFactory
from tests.sources.webserver import Reply

pytestmark = pytest.mark.django_db

BODY = "The harbour authority said on Tuesday that the new ferry terminal would open in the spring. " * 3


def page(site_name: str = "") -> bytes:
    meta = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    return (
        f"<html><head><title>Ferry terminal to open in spring</title>{meta}</head>"
        f"<body><article><h1>Ferry terminal to open in spring</h1><p>{BODY}</p></article></body></html>"
    ).encode()


def test_an_unregistered_site_is_named_by_its_own_metadata_and_its_host_is_registered():
    outlet = outlet_for_page(url="https://www.harbour-gazette.example/news/1", site_name="Harbour  Gazette")

    assert outlet.name == "Harbour Gazette" and outlet.kind == SourceKind.OUTLET
    assert list(outlet.domains.values_list("domain", flat=True)) == ["harbour-gazette.example"]
    # The site's next page finds the same outlet by its domain, whatever its metadata says.
    assert outlet_for_page(url="https://harbour-gazette.example/news/2", site_name="") == outlet


def test_without_metadata_the_host_names_the_outlet():
    outlet = outlet_for_page(url="https://quay-times.example/a", site_name="")
    assert outlet.name == "quay-times.example"


def test_a_page_cannot_take_the_name_of_an_outlet_with_domains_of_its_own():
    wire = SourceFactory(name="Coastal Wire", kind=SourceKind.OUTLET)
    OutletDomain.objects.create(source=wire, domain="coastal-wire.example")

    outlet = outlet_for_page(url="https://coastal-wire-news.example/x", site_name="Coastal Wire")

    assert outlet != wire and outlet.name == "coastal-wire-news.example"


def test_an_outlet_the_desk_registered_without_domains_gets_the_site():
    desk_made = SourceFactory(name="Quayside Herald", kind=SourceKind.OUTLET)
    assert outlet_for_page(url="https://quayside.example/y", site_name="quayside herald") == desk_made
    assert desk_made.domains.get().domain == "quayside.example"


def test_a_bare_address_is_named_only_by_metadata_and_registers_nothing():
    named = outlet_for_page(url="http://127.0.0.1:8123/a", site_name="Dockside Daily")
    assert named.name == "Dockside Daily"
    assert outlet_for_page(url="http://127.0.0.1:8123/b", site_name="") is None
    assert not OutletDomain.objects.exists()


def test_a_fetched_page_is_credited_to_the_outlet_it_names(web):
    article = article_fetch(url=web.route("/ferry", Reply(body=page("Dockside Daily"))))
    plain = article_fetch(url=web.route("/ferry-2", Reply(body=page())))

    assert article.outlet == Source.objects.get(name="Dockside Daily")
    assert plain.outlet is None  # a local server's address is no site to name
