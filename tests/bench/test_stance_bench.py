import csv
import json

import pytest

from bench.stance import main
from corroboration.embeddings import encoder_available

BODIES = {
    1: "Northwind Bank agreed on Monday to buy Eastfield Savings for $2 billion, the two lenders said in a "
    "joint statement. The deal is expected to close next year. Northwind's chief executive said the "
    "purchase would double its branch network.",
    2: "The city council of Brenmoor voted to close three public libraries. Residents protested outside "
    "the town hall on Tuesday evening. The council said the budget left it no choice.",
}
STANCES = [
    ("Northwind Bank buys Eastfield Savings for $2 billion", 1, "agree"),
    ("Brenmoor council votes to shut three libraries", 2, "agree"),
    ("Northwind Bank buys Eastfield Savings for $2 billion", 2, "unrelated"),
    ("Brenmoor council votes to shut three libraries", 1, "unrelated"),
]


def _write(tmp_path):
    stances, bodies = tmp_path / "stances.csv", tmp_path / "bodies.csv"
    with open(bodies, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Body ID", "articleBody"])
        w.writerows(BODIES.items())
    with open(stances, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body ID", "Stance"])
        w.writerows(STANCES)
    return stances, bodies


@pytest.mark.skipif(not encoder_available("use"), reason="the default encoder is not installed")
def test_it_prints_one_json_object_for_any_files_of_the_fnc1_format(tmp_path, capsys):
    stances, bodies = _write(tmp_path)
    main(
        ["--stances", str(stances), "--bodies", str(bodies), "--encoder", "use", "--cache-dir", str(tmp_path)]
    )
    result = json.loads(capsys.readouterr().out)
    assert result["pairs"] == 4 and result["evaluated_on"] == "all pairs of the file"
    assert set(result["per_class"]) == {"agree", "disagree", "discuss", "unrelated"}
    assert result["relevance_model"] == "committed"
    confusion = result["confusion_gold_to_predicted"]
    assert confusion["unrelated"]["unrelated"] == 2  # the gate turns both mismatched pairs away
    assert confusion["agree"]["unrelated"] == 0
    assert 0.0 <= result["macro_f1"] <= 1.0


def test_it_refuses_a_stance_it_does_not_know(tmp_path):
    stances, bodies = _write(tmp_path)
    stances.write_text("Headline,Body ID,Stance\nSomething,1,maybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown stance 'maybe'"):
        main(["--stances", str(stances), "--bodies", str(bodies), "--encoder", "none"])
