"""manage.py registry: add people, organisations, outlets and aliases, list them, import a file."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sources.models import Source, SourceKind

pytestmark = pytest.mark.django_db


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("registry", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_adds_a_person_with_role_affiliation_and_aliases():
    out, _ = _run(
        "add-person", "Ingrid Solberg", "--role", "chief economist", "--affiliation", "Nordbank",
        "--alias", "Ингрид Сольберг@ru", "--alias", "I. Solberg",
    )  # fmt: skip
    person = Source.objects.get(name="Ingrid Solberg")
    assert person.kind == SourceKind.PERSON and person.affiliation.name == "Nordbank"
    assert person.aliases.get(name="Ингрид Сольберг").language == "ru"
    assert f"#{person.pk} person Ingrid Solberg" in out and "affiliation: Nordbank" in out


def test_it_refuses_a_duplicate_and_names_the_source():
    _run("add-org", "Nordbank")
    with pytest.raises(CommandError, match="already in the registry"):
        _run("add-org", "NORDBANK")
    assert Source.objects.count() == 1


def test_it_adds_an_outlet_with_a_domain_and_an_alias_by_name():
    _run("add-outlet", "Coastal Herald", "--domain", "coastal-herald.example")
    out, _ = _run("add-alias", "coastal herald", "Костал Геральд", "--language", "ru")
    herald = Source.objects.get(name="Coastal Herald")
    assert herald.domains.get().domain == "coastal-herald.example"
    assert herald.aliases.get().language == "ru" and "Костал Геральд" in out
    with pytest.raises(CommandError, match="No source"):
        _run("add-alias", "Nobody Here", "x")


def test_an_ambiguous_name_asks_for_the_id_or_kind():
    _run("add-org", "Tallbay")
    _run("add-outlet", "Tallbay")
    with pytest.raises(CommandError, match="several sources"):
        _run("add-alias", "Tallbay", "TB")
    _run("add-alias", "Tallbay", "TB", "--kind", "outlet")
    assert Source.objects.get(kind=SourceKind.OUTLET).aliases.get().name == "TB"


def test_it_lists_by_kind_and_search_as_text_or_json():
    _run("add-person", "Ingrid Solberg", "--alias", "Ингрид Сольберг")
    _run("add-org", "Nordbank")
    out, err = _run("list", "--kind", "person")
    assert "Ingrid Solberg" in out and "Nordbank" not in out and err.strip() == "1 source."
    out, _ = _run("list", "--search", "сольберг", "--format", "json")
    [row] = [json.loads(line) for line in out.splitlines()]
    assert row["name"] == "Ingrid Solberg" and row["aliases"] == [{"name": "Ингрид Сольберг", "language": ""}]


def test_it_imports_csv_and_reports_the_bad_rows(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "kind,name,role,affiliation,aliases\n"
        "person,Ingrid Solberg,chief economist,Nordbank,Ингрид Сольберг@ru|I. Solberg\n"
        "martian,Zork,,,\n"
        "organisation,Nordbank,,,Nord Bank ASA\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="1 failed"):
        _run("import", str(path))
    assert Source.objects.get(name="Ingrid Solberg").affiliation.aliases.get().name == "Nord Bank ASA"
    assert not Source.objects.filter(name="Zork").exists()


def test_it_imports_json_lines_twice_without_duplicates(tmp_path):
    path = tmp_path / "registry.jsonl"
    rows = [
        {"kind": "outlet", "name": "Coastal Herald", "aliases": [{"name": "Herald", "language": "en"}]},
        {"kind": "person", "name": "Per Vik", "role": "harbour master", "affiliation": "Tallbay Port"},
    ]
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n{broken\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="2 created"):
        _run("import", str(path))
    count = Source.objects.count()
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out, _ = _run("import", str(path))
    assert "2 unchanged." in out and Source.objects.count() == count == 3


def test_it_refuses_a_file_that_is_not_utf8_or_has_no_header(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes("kind,name\nperson,Ingrid S\xf8lberg\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        _run("import", str(bad))
    headless = tmp_path / "headless.csv"
    headless.write_text("person,Ingrid\n", encoding="utf-8")
    with pytest.raises(CommandError, match="at least kind and name"):
        _run("import", str(headless))
