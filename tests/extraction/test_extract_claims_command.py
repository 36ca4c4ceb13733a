import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.extraction.extraction_helpers import FIXTURES


def test_it_prints_claims_as_json(db):
    out = StringIO()
    call_command("extract_claims", str(FIXTURES / "tuning" / "en-merger.txt"), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    first = data["claims"][0]
    assert set(first) == {"text", "language", "kind", "span", "entities", "chain", "appearances"}
    assert set(first["chain"][0]) == {"relation", "kind", "source", "role", "count", "phrase", "quote"}
    assert first["chain"][-1]["count"] == 3


def test_it_reports_binary_input_as_an_error(db, tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(CommandError, match="binary"):
        call_command("extract_claims", str(path))


def test_it_reports_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("extract_claims", str(tmp_path / "nope.txt"))


def test_it_refuses_a_ten_megabyte_file_quickly(db, tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text("Завод закроют в мае, отметили два источника. " * 230_000, encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    with pytest.raises(CommandError, match="larger than"):
        call_command("extract_claims", str(path))
