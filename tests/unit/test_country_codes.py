"""ISO 3166 alpha-2 and alpha-3 codes, both ways."""

from sitroom.knowledge.country_codes import alpha2_by_alpha3, alpha3_by_alpha2


def test_codes_map_both_ways() -> None:
    assert alpha3_by_alpha2()["SY"] == "SYR"
    assert alpha2_by_alpha3()["IRQ"] == "IQ"
    assert all(alpha2_by_alpha3()[alpha3] == alpha2 for alpha2, alpha3 in alpha3_by_alpha2().items())
