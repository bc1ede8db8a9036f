"""The bounded memo: remembered answers are served, and it empties itself rather than grow past its size."""

from __future__ import annotations

from sitroom.memo import BoundedMemo


def test_a_memo_serves_what_it_remembers_and_starts_afresh_when_full() -> None:
    memo: BoundedMemo[str, int] = BoundedMemo(2)
    assert memo.remember("a", 1) == 1 and memo.remember("b", 2) == 2
    assert memo == {"a": 1, "b": 2}
    assert memo.remember("c", 3) == 3
    assert memo == {"c": 3}  # full: emptied before the third answer went in
    assert memo.get("a") is None and "c" in memo
