"""Numbers are scaled to one unit and dates reduced to years and months, in English and Russian."""

from textkit.quantities import dates, numbers


def test_it_scales_numbers_across_languages():
    assert numbers("2 млрд рублей") == numbers("2 billion roubles") == {2e9}
    assert numbers("выросли на 3,5%") == numbers("rose 3.5 percent") == {3.5}
    assert numbers("") == set() and numbers(None) == set()


def test_it_finds_years_and_months():
    assert dates("В мае 2024 года") == dates("in May 2024") == {("year", 2024), ("month", 5)}
    assert dates("маяк") == set()  # a word beginning with "ма" is not May
