"""OffsetIndex answers in the items' original order, whether or not they were given in start order."""

from sitroom.components.offset_index import OffsetIndex


def index(items: list[tuple[int, int]]) -> OffsetIndex[tuple[int, int]]:
    return OffsetIndex(items, lambda item: item[0], lambda item: item[1])


def test_items_in_start_order() -> None:
    spans = index([(0, 10), (2, 4), (5, 20), (30, 31)])
    assert spans.covering(3) == [(0, 10), (2, 4)]
    assert spans.overlapping(8, 30) == [(0, 10), (5, 20)]
    assert spans.inside(0, 20) == [(0, 10), (2, 4), (5, 20)]
    assert len(spans) == 4


def test_items_out_of_start_order_keep_their_order() -> None:
    spans = index([(5, 20), (30, 31), (0, 10), (2, 4)])
    assert spans.covering(3) == [(0, 10), (2, 4)]
    assert spans.covering(6) == [(5, 20), (0, 10)]
    assert spans.overlapping(8, 31) == [(5, 20), (30, 31), (0, 10)]


def test_empty_index() -> None:
    spans = index([])
    assert spans.covering(0) == [] and spans.overlapping(0, 5) == [] and not len(spans)
