import json

from bench.retrieval import main

CORPUS = [
    {
        "doc_id": 1,
        "title": "Aspirin lowers stroke risk",
        "abstract": ["Daily aspirin reduced stroke incidence by 20% in adults.", "Bleeding rose slightly."],
    },
    {
        "doc_id": 2,
        "title": "Coffee and sleep",
        "abstract": ["Evening coffee delays sleep onset.", "Effects were larger in older adults."],
    },
    {
        "doc_id": 3,
        "title": "Statins and memory",
        "abstract": ["Statins did not impair memory in a five-year trial."],
    },
]
CLAIMS = [
    {
        "id": 1,
        "claim": "Aspirin reduces the risk of stroke.",
        "evidence": {"1": [{"sentences": [0], "label": "SUPPORT"}]},
        "cited_doc_ids": [1],
    },
    {
        "id": 2,
        "claim": "Statins impair memory.",
        "evidence": {"3": [{"sentences": [0], "label": "CONTRADICT"}]},
        "cited_doc_ids": [3],
    },
    {"id": 3, "claim": "Coffee improves sleep.", "evidence": {}, "cited_doc_ids": [2]},
]


def test_it_prints_one_json_object_for_any_files_of_the_scifact_format(tmp_path, capsys):
    corpus, claims = tmp_path / "corpus.jsonl", tmp_path / "claims.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in CORPUS))
    claims.write_text("\n".join(json.dumps(r) for r in CLAIMS))

    main(
        ["--claims", str(claims), "--corpus", str(corpus), "--encoder", "none", "--cache-dir", str(tmp_path)]
    )

    result = json.loads(capsys.readouterr().out)
    assert result["claims_with_gold_evidence"] == 2
    assert result["baseline_bm25"]["recall@10"] == 1.0
    assert result["engine"]["ndcg@10"] == 1.0
    assert result["engine"]["stance"]["pairs"] == 3
    assert result["engine"]["stance"]["evaluation"].startswith("committed weights")
    assert set(result["goals"]) == {
        "ndcg@10_at_least_bm25_plus_0.05",
        "recall@10_at_least_0.95",
        "stance_macro_f1_at_least_0.70",
    }


def test_cross_validation_keeps_claims_about_the_same_abstract_in_one_fold():
    from bench.retrieval import folds_by_shared_documents
    from corroboration.scifact import ClaimRow

    # 10 and 11 cite abstract 5 (a claim and its negation); 12 reaches them through abstract 6.
    claims = [
        ClaimRow(id=10, text="a", gold={}, cited=[5]),
        ClaimRow(id=11, text="not a", gold={}, cited=[5, 6]),
        ClaimRow(id=12, text="b", gold={}, cited=[6]),
    ] + [ClaimRow(id=i, text="c", gold={}, cited=[100 + i]) for i in range(20, 60)]
    fold = folds_by_shared_documents(claims)
    assert fold[10] == fold[11] == fold[12]
    assert set(fold.values()) == {0, 1, 2, 3, 4}  # 41 independent groups spread over the 5 folds
    assert fold == folds_by_shared_documents(list(reversed(claims)))  # same split whatever the order


def test_stance_only_scores_the_cited_abstracts_without_ranking(tmp_path, capsys):
    corpus, claims = tmp_path / "corpus.jsonl", tmp_path / "claims.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in CORPUS))
    claims.write_text("\n".join(json.dumps(r) for r in CLAIMS))

    main(["--claims", str(claims), "--corpus", str(corpus), "--encoder", "none", "--stance-only",
          "--cache-dir", str(tmp_path)])  # fmt: skip

    result = json.loads(capsys.readouterr().out)
    assert result["retrieval"] == "not run (--stance-only)"
    assert result["engine"]["stance"]["pairs"] == 3
