"""UTF-16 (and UTF-32) input is read as such, with or without a byte-order mark: never as cp1251."""

import codecs

import pytest

from textkit.charset import decode, decode_detail

RUSSIAN = "Паром из Калининграда опоздал на три часа, сообщил капитан порта в среду."
ENGLISH = "The ferry from the island was three hours late, the harbour master said on Wednesday."


@pytest.mark.parametrize("text", [RUSSIAN, ENGLISH])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_it_lets_a_byte_order_mark_win_over_any_declaration(text, encoding):
    decoded = decode_detail(text.encode(encoding), "windows-1251")
    assert decoded.text == text and decoded.how == "bom"


@pytest.mark.parametrize("text", [RUSSIAN, ENGLISH])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_it_recognises_utf16_without_a_byte_order_mark(text, encoding):
    content = text.encode(encoding)
    assert not content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert decode(content) == text
    assert decode(content, "windows-1251") == text  # a wrong 8-bit label is not believed
    assert decode(content, "utf-8") == text  # nor UTF-8, which the UTF-16 of ASCII "is"
    assert decode(content, "utf-16") == text  # a label without the byte order finds it


def test_it_does_not_believe_a_utf16_label_on_8_bit_text():
    assert decode(ENGLISH.encode("ascii"), "utf-16") == ENGLISH
    assert decode(RUSSIAN.encode("utf-8"), "utf-16") == RUSSIAN
