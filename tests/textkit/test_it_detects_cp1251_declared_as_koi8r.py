"""A declared charset is used only if it decodes cleanly and reads as text; otherwise detection decides."""

from textkit.charset import charset_of, declared_charset, decode, decode_detail, xml_as_utf8

RUSSIAN = "Паром из Калининграда опоздал на три часа, сообщил капитан порта в среду."


def test_it_detects_cp1251_bytes_declared_as_koi8r():
    decoded = decode_detail(RUSSIAN.encode("cp1251"), "koi8-r")
    assert decoded.text == RUSSIAN
    assert decoded.encoding == "cp1251" and decoded.how == "detected"


def test_it_uses_a_declared_koi8r_that_fits():
    decoded = decode_detail(RUSSIAN.encode("koi8-r"), "koi8-r")
    assert (decoded.text, decoded.encoding, decoded.how) == (RUSSIAN, "koi8-r", "declared")


def test_it_reads_cp1251_whatever_a_wrong_header_says():
    for header in ("utf-8", "iso-8859-1", None, "no-such-charset"):
        assert decode(RUSSIAN.encode("cp1251"), header) == RUSSIAN


def test_it_takes_valid_utf8_as_utf8_whatever_the_label_says():
    assert decode_detail(RUSSIAN.encode("utf-8"), "windows-1251").encoding == "utf-8"


def test_it_reads_the_documents_own_declaration():
    page = b'<html><head><meta charset="windows-1251"></head><body>' + RUSSIAN.encode("cp1251")
    decoded = decode_detail(page, "utf-8")
    assert decoded.encoding == "cp1251" and decoded.how == "declared" and RUSSIAN in decoded.text
    feed = b'<?xml version="1.0" encoding="koi8-r"?><rss>' + RUSSIAN.encode("koi8-r") + b"</rss>"
    assert declared_charset(feed) == "koi8-r"
    assert decode(feed, "iso-8859-1").endswith(RUSSIAN + "</rss>")


def test_it_reads_latin1_labels_as_windows_1252():
    text = "Grüße aus Köln – „schön“"
    assert decode(text.encode("cp1252"), "iso-8859-1") == text


def test_it_re_encodes_a_feed_as_utf8_and_says_so_in_its_declaration():
    feed = '<?xml version="1.0" encoding="windows-1251"?><rss><title>' + RUSSIAN + "</title></rss>"
    converted = xml_as_utf8(feed.encode("cp1251"), "iso-8859-1")
    assert converted == feed.replace("windows-1251", "utf-8").encode("utf-8")


def test_it_reads_the_charset_of_a_content_type():
    assert charset_of("text/html; charset=windows-1251") == "windows-1251"
    assert charset_of('application/rss+xml; Charset="UTF-8"') == "UTF-8"
    assert charset_of("text/html") is None and charset_of("") is None
