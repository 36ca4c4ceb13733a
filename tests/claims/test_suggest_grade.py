import pytest

from claims.services import suggest_grade


@pytest.mark.parametrize(
    "counts, grade",
    [
        ({"confirmations": 1, "supporting": 2, "refuting": 0, "denied": False}, 1),
        ({"confirmations": 1, "supporting": 2, "refuting": 0, "denied": True}, 2),
        ({"confirmations": 2, "supporting": 3, "refuting": 1, "denied": False}, 2),
        ({"confirmations": 0, "supporting": 1, "refuting": 0, "denied": False}, 3),
        ({"confirmations": 0, "supporting": 1, "refuting": 1, "denied": False}, 4),
        ({"confirmations": 0, "supporting": 0, "refuting": 0, "denied": True}, 4),
        ({"confirmations": 0, "supporting": 0, "refuting": 2, "denied": False}, 5),
        ({"confirmations": 0, "supporting": 0, "refuting": 0, "denied": False}, 6),
    ],
)
def test_it_suggests_an_admiralty_grade_from_origins_not_articles(counts, grade):
    assert suggest_grade(**counts)[0] == grade
