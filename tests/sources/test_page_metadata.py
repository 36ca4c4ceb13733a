"""What sources.extract reads from a page's head itself, and why not trafilatura's (htmldate's) reading:
the publication time to the minute where the page states it, and the canonical link as written.
(docs/DESIGN.md, "Hand-written parts that stay, and why")"""

from datetime import UTC, datetime

import pytest

from sources.extract import extract_page

BODY = (
    "<p>" + "The ferry left Kaliningrad three hours late, the harbour master said on Wednesday. " * 4 + "</p>"
)


def page(head: str) -> str:
    return f"<html><head><title>Ferry late</title>{head}</head><body><article>{BODY}</article></body></html>"


DATED_URL = "https://harbour.example/2025/08/13/ferry-late"


@pytest.mark.parametrize(
    "tag",
    [
        '<meta property="article:published_time" content="2025-08-14T09:30:00+03:00">',
        '<meta itemprop="datePublished" content="2025-08-14T09:30:00+03:00">',
        '<meta name="pubdate" content="2025-08-14T09:30:00+03:00">',
        '<meta name="DC.date.issued" content="2025-08-14T09:30:00+03:00">',
        "<meta content='2025-08-14T09:30:00+03:00' property=article:published_time>",
    ],
)
def test_the_time_the_page_states_wins_over_the_day_in_its_url(tag):
    # htmldate 1.11 answers 2025-08-13 (the URL's day, no time) for every one of these pages.
    extracted = extract_page(page(tag), url=DATED_URL)
    assert extracted.published_at == datetime(2025, 8, 14, 6, 30, tzinfo=UTC)


def test_without_a_stated_time_the_librarys_day_is_used():
    extracted = extract_page(page(""), url=DATED_URL)
    assert extracted.published_at == datetime(2025, 8, 13, tzinfo=UTC)


@pytest.mark.parametrize(
    "tag, canonical",
    [
        (
            '<link rel="canonical" href="/2025/08/13/ferry-late">',
            "https://harbour.example/2025/08/13/ferry-late",
        ),
        ("<link rel=canonical href=/story?id=7&amp;lang=en>", "https://harbour.example/story?id=7&lang=en"),
        ('<link href="https://wire.example/ferry" rel="canonical">', "https://wire.example/ferry"),
        ("", ""),
    ],
)
def test_the_canonical_link_is_read_as_written_and_resolved_against_the_page(tag, canonical):
    # trafilatura 2.3 drops relative canonical links and answers the page's own URL for the first two
    # (and for a page with none), which would make every AMP copy an article of its own.
    amp = "https://harbour.example/amp/ferry-late?utm_source=feed"
    assert extract_page(page(tag), url=amp).canonical_url == canonical
