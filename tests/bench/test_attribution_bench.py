"""The attribution benchmark's scorer, on invented texts and a tiny fake reader (no real data here)."""

import json
import re
import sys
import types
from dataclasses import dataclass, field

from bench import attribution as bench
from bench.attribution import Link, Names, Statement, names_source, score_article, score_rereport

# Invented articles, written for these tests.
TEXT_A = (
    "Harbor Freight Lines will cut 40 jobs, Mayor Ilse Brandt said on Monday. "
    "The port stayed open all week. "
    "Two dock workers said the cuts had been expected, the Coast Ledger reported."
)
TEXT_B = "Grain prices rose, the Coast Ledger reported, citing three traders. Nothing else changed."


@dataclass
class FakeSource:
    kind: str
    name: str | None
    count: int | None = None
    role: str | None = None
    affiliation: str | None = None
    cue: str = ""


@dataclass
class FakeStatement:
    start: int
    end: int
    chain: list
    quotes: list = field(default_factory=list)


@dataclass
class FakeReading:
    statements: list
    rereport_of: object = None


_SAID = re.compile(r"(?P<who>\w+(?: \w+)?) said")


def fake_read(text, language=None):
    """A deliberately simple reader: a sentence with "<one or two words> said" is credited to them, and
    "the Coast Ledger reported" makes the Coast Ledger the article's origin."""
    statements, start = [], 0
    for sentence in re.split(r"(?<=\.) ", text):
        end = start + len(sentence)
        m = _SAID.search(sentence)
        if m:
            statements.append(
                FakeStatement(start, end, [FakeSource("person", m.group("who"), cue=m.group())])
            )
        start = end + 1
    origin = FakeSource("outlet", "Coast Ledger") if "Coast Ledger reported" in text else None
    return FakeReading(statements, origin)


def _group_only(text):
    """Every sentence credited to "Harbor lawmakers", whoever speaks in it."""
    reading = fake_read(text)
    for st in reading.statements:
        st.chain = [FakeSource("group", None, role="Harbor lawmakers")]
    return reading


def _span(text, sentence_start, sentence_end):
    start = text.index(sentence_start)
    return start, text.index(sentence_end, start) + len(sentence_end)


def labels_a():
    s1 = _span(TEXT_A, "Harbor Freight", "Monday.")
    s2 = _span(TEXT_A, "Two dock", "reported.")
    return [
        {"start": s1[0], "end": s1[1], "chain": [{"kind": "person", "name": "Ilse Brandt"}]},
        {
            "start": s2[0],
            "end": s2[1],
            "chain": [
                {"kind": "outlet", "name": "The Coast Ledger"},
                {"kind": "group", "name": "dock workers", "count": 2},
            ],
        },
    ]


def test_names_fold_case_accents_quotes_and_a_leading_the():
    names = Names()
    assert names.same("The Coast Ledger", "«coast ledger»")
    assert names.same("Café Nouvelles", "CAFE NOUVELLES")
    assert not names.same("Coast Ledger", "Coast Herald")


def test_names_match_through_aliases_in_any_script():
    names = Names([["Coast Ledger", "CL", "Береговой вестник", "海岸报"]])
    assert names.same("CL", "Береговой вестник")
    assert names.same("海岸报", "coast ledger")
    assert not names.same("CL", "Harbor Post")


def test_a_person_matches_by_last_name_with_a_short_ending_allowed():
    names = Names()
    assert names.same("Ilse Brandt", "Mayor Brandt", person=True)
    assert names.same("Павел Седов", "Седова", person=True)
    assert not names.same("Ilse Brandt", "Ilse Berger", person=True)
    # Organisations are not matched by their last word alone.
    assert not names.same("Harbor Freight Lines", "Coast Lines")


def test_cjk_names_match_when_one_contains_the_other():
    names = Names()
    assert names.same("港务局", "市港务局发言人")
    assert not names.same("港务局", "海关")


def test_an_unnamed_group_is_matched_by_kind_count_or_affiliation():
    label = {"kind": "group", "name": "dock workers", "count": 2, "affiliation": "Harbor Freight Lines"}
    names = Names()
    assert names_source(label, Link("group", None, 2), names)
    assert names_source(label, Link("group", None, None), names)
    assert not names_source(label, Link("group", None, 3), names)
    assert names_source(label, Link("organisation", "Harbor Freight Lines"), names)
    assert not names_source(label, Link("person", "Ilse Brandt"), names)


def test_the_readers_unnamed_kind_is_the_labels_group():
    # attribution.read calls a nameless group "unnamed"; the labels call it "group". A scorer that
    # compared the two words literally never credited a right "people familiar with the matter".
    link = bench.as_link({"kind": "unnamed", "count": 2, "description": "people familiar with the matter"})
    assert link.kind == "group"
    assert names_source({"kind": "group", "name": "people familiar", "count": 2}, link, Names())
    assert not names_source({"kind": "group", "name": "officials", "count": 3}, link, Names())
    reading = bench.as_reading({"statements": [{"start": 0, "end": 9, "chain": [{"kind": "unnamed"}]}]})
    assert reading.statements[0].chain[0].kind == "group"


def test_score_article_counts_inner_and_any_matches():
    labels = labels_a()
    s1, s2 = labels[0], labels[1]
    predicted = [
        Statement(s1["start"], s1["end"], [Link("person", "Brandt")]),  # right speaker
        Statement(s2["start"] + 5, s2["end"], [Link("outlet", "Coast Ledger")]),  # outer source only
        Statement(s1["end"] + 1, s2["start"] - 1, [Link("person", "Brandt")]),  # overlaps no label
        Statement(0, 5, []),  # no chain: not an attribution, not counted
    ]
    c = score_article(labels, predicted, Names())
    assert c["labelled"] == 2 and c["predicted"] == 3
    assert c["recalled_inner"] == 1 and c["recalled_any"] == 2
    assert c["precise_inner"] == 1 and c["precise_any"] == 2


def test_score_rereport():
    names = Names([["Coast Ledger", "CL"]])
    assert score_rereport("Coast Ledger", "CL", names)["correct"] == 1
    assert score_rereport(None, None, names)["correct"] == 1
    wrong = score_rereport("Coast Ledger", "Harbor Post", names)
    assert wrong["correct"] == 0 and wrong["predicted"] == 1 and wrong["labelled"] == 1
    missed = score_rereport("Coast Ledger", None, names)
    assert missed["correct"] == 0 and missed["predicted"] == 0


def _shared(tmp_path):
    news = tmp_path / "data" / "news-dev"
    news.mkdir(parents=True)
    articles = [
        {"id": "t1", "language": "en", "text": TEXT_A},
        {"id": "t2", "language": "en", "text": TEXT_B},
    ]
    news.joinpath("articles.jsonl").write_text("\n".join(json.dumps(a) for a in articles) + "\n")
    b_start, b_end = _span(TEXT_B, "Grain", "traders.")
    labels = [
        {"id": "t1", "language": "en", "split": "dev", "rereport_of": None, "statements": labels_a()},
        {
            "id": "t2",
            "language": "en",
            "split": "test",
            "rereport_of": "Coast Ledger",
            "statements": [
                {
                    "start": b_start,
                    "end": b_end,
                    "chain": [
                        {"kind": "outlet", "name": "Coast Ledger"},
                        {"kind": "group", "name": "traders", "count": 3},
                    ],
                }
            ],
        },
    ]
    labels_path = tmp_path / "labels.jsonl"
    labels_path.write_text("\n".join(json.dumps(x) for x in labels) + "\n")
    return labels_path, articles, labels


def test_news_dev_scores_per_split_and_language(tmp_path):
    _, articles, labels = _shared(tmp_path)
    result = bench.news_dev(fake_read, articles, labels, Names(), ["dev", "test"])
    dev = result["scores"]["dev"]["en"]
    # t1: the fake reader credits sentence 1 to "Ilse Brandt" (right) and sentence 3 to "workers" (wrong).
    assert dev["links"]["labelled"] == 2 and dev["links"]["predicted"] == 2
    assert dev["links"]["inner"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    # t1 is own reporting, but the fake reader sees "Coast Ledger reported" and calls it a re-report.
    assert dev["rereport"]["accuracy"] == 0.0
    test = result["scores"]["test"]["en"]
    assert test["links"]["predicted"] == 0 and test["links"]["inner"]["recall"] == 0.0
    assert test["rereport"] == {"articles": 1, "accuracy": 1.0, "precision": 1.0, "recall": 1.0}
    overall = result["scores"]["all"]["overall"]
    assert overall["links"]["labelled"] == 3 and overall["rereport"]["articles"] == 2


def test_main_reports_and_skips_what_is_absent(tmp_path, capsys):
    labels_path, _, _ = _shared(tmp_path)
    summary = bench.main(
        [
            "--shared",
            str(tmp_path),
            "--labels",
            str(labels_path),
            "--no-speed",
            "--reader",
            "tests.bench.test_attribution_bench:fake_read",
            "--split",
            "dev",
        ]
    )
    out = capsys.readouterr().out
    assert "basil-dev skipped" in out and str(tmp_path / "data" / "basil-dev") in out
    assert set(summary["news_dev"]) == {"dev"}
    assert summary["news_dev"]["dev"]["en"]["links"]["inner"]["recall"] == 0.5

    summary = bench.main(
        [
            "--shared",
            str(tmp_path / "nowhere"),
            "--no-speed",
            "--reader",
            "tests.bench.test_attribution_bench:fake_read",
        ]
    )
    out = capsys.readouterr().out
    assert "news-dev skipped" in out and "basil-dev skipped" in out
    assert isinstance(summary["news_dev"], str)


def _basil(tmp_path):
    root = tmp_path / "data" / "basil-dev"
    (root / "articles" / "2020").mkdir(parents=True)
    (root / "annotations" / "2020").mkdir(parents=True)
    paragraphs = [
        ["Ilse Brandt said the port would reopen.", "Nobody objected."],
        ["Harbor lawmakers said the budget was late."],
    ]
    for n, source in ((1, "fox"), (2, "NYT")):
        root.joinpath("articles", "2020", f"abc_{n}.json").write_text(
            json.dumps({"title": "t", "source": source, "body-paragraphs": paragraphs})
        )
        anns = [
            {"txt": "the port would reopen", "quote": "yes", "speaker": "Ilse_Brandt"},
            {"txt": "the budget was late", "quote": "yes", "speaker": "Harbor_lawmakers"},
            {"txt": "Nobody objected", "quote": "yes", "speaker": "other_anti"},
            {"txt": "Nobody", "quote": "no", "speaker": ""},
        ]
        root.joinpath("annotations", "2020", f"abc_{n}_ann.json").write_text(
            json.dumps({"phrase-level-annotations": anns})
        )


def test_basil_recall_per_outlet_with_group_speakers_and_a_sample_dump(tmp_path):
    _basil(tmp_path)
    items, why = bench.load_basil(tmp_path)
    assert why is None and len(items) == 2
    dump = tmp_path / "out" / "sample.jsonl"
    result = bench.basil_dev(fake_read, items, dump)
    # Two named quotes per article; the fake reader names "Ilse Brandt" and "Harbor lawmakers".
    assert result["overall"]["quotes"] == 4 and result["overall"]["group_speakers"] == 2
    assert result["overall"]["recall"] == 1.0 and result["overall"]["recall_person"] == 1.0
    # a reader that names only the group misses the one-person quotes
    only_group = bench.basil_dev(lambda text, language=None: _group_only(text), items, None)
    assert only_group["overall"]["recall"] == 0.5 and only_group["overall"]["recall_person"] == 0.0
    assert result["fox"]["quotes"] == 2 and result["nyt"]["quotes"] == 2
    rows = [json.loads(line) for line in dump.read_text().splitlines()]
    assert rows and set(rows[0]) == {"id", "start", "end", "chain"}


def test_basil_group_speaker_is_matched_on_its_last_word():
    assert bench.is_group_speaker("Democratic_lawmakers") and bench.is_group_speaker("Senate_Republicans")
    assert not bench.is_group_speaker("Bernie_Sanders")
    assert bench.names_speaker("Democratic_lawmakers", [Link("group", None, role="Democratic lawmakers")])
    assert not bench.names_speaker("Democratic_lawmakers", [Link("person", "Nancy Pelosi")])
    assert bench.names_speaker("Felipe_Calder", [Link("person", "Felipe Calderón")])


def test_the_synthetic_text_is_one_paragraph_of_the_asked_length():
    text = bench.synthetic_paragraph(20_000)
    assert len(text) == 20_000 and "\n" not in text
    assert len(bench.synthetic_paragraph()) == 500_000


def test_speed_reports_the_reader_beside_the_splitter():
    result = bench.speed(fake_read, [(TEXT_A, "en"), (TEXT_B, "en")])
    assert result["real"]["articles"] == 2 and result["real"]["ratio"] is not None
    assert result["synthetic_500k"]["chars"] == 500_000


def test_the_default_reader_is_the_attribution_package(monkeypatch):
    package = types.ModuleType("attribution")
    package.read = fake_read
    monkeypatch.setitem(sys.modules, "attribution", package)
    assert bench.load_reader(None) == (fake_read, "attribution:read")
    assert bench.load_reader("tests.bench.test_attribution_bench:fake_read")[0] is fake_read
