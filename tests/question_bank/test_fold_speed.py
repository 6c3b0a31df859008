"""The one-table fast path of ``contest.spreadsheets.fold`` gives what the step-by-step fold
gives (issue 15, point 7 made it faster; fingerprints of stored questions depend on it)."""

from __future__ import annotations

import random
import re
import unicodedata

from contest.spreadsheets import _FOLD_TABLE, fold, fold_many


def _reference(text: str) -> str:
    if not text.isascii():
        text = text.translate(_FOLD_TABLE)
        if not text.isascii():
            text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "d")
            text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def test_fast_fold_equals_the_reference_fold():
    rng = random.Random(15)
    chars = [chr(c) for c in range(0x2100)] + list("“”…–—ẞİ\u0301\u0323\t\n ")
    samples = ["  Đáp  án ĐÚNG ", "Cả A, B, C đều đúng", "Nghị quyết 76/NQ-CP", "1.000 người",
               "Chính phủ số", "ÀÁẢÃẠ ăắằẳẵặ", "İstanbul ẞ"]
    samples += ["".join(rng.choice(chars) for _ in range(rng.randint(0, 16)))
                for _ in range(20000)]
    for text in samples:
        assert fold(text) == _reference(text), repr(text)
    for start in range(0, len(samples) - 5, 5):
        group = samples[start:start + 5]
        assert fold_many(group) == [_reference(t) for t in group], group
    assert fold_many(["a\x00b", "C"]) == ["a b", "c"] and fold_many([]) == []
