import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chiso.lib.vntext import fold, fold_key, province_key

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


@pytest.mark.parametrize(
    "a,b",
    [
        ("Hà Nội", "ha noi"),
        ("HÀ NỘI", "Ha Noi"),
        ("Đắk Lắk", "dak lak"),
        ("Sở Nội vụ", "SO NOI VU"),
        ("  Hà   Tĩnh ", "ha tinh"),
    ],
)
def test_same_key(a, b):
    assert fold(a) == fold(b)


def test_d_bar_folds_to_d():
    assert fold("đ") == "d" and fold("Đ") == "d"


def test_nfd_input_equals_nfc_input():
    assert fold(unicodedata.normalize("NFD", "Thừa Thiên Huế")) == fold("Thừa Thiên Huế") == "thua thien hue"


def test_province_key_drops_prefixes_and_punctuation():
    assert province_key("Tỉnh Bà Rịa - Vũng Tàu") == province_key("Bà Rịa–Vũng Tàu") == "ba ria vung tau"
    assert province_key("TP. Hồ Chí Minh") == province_key("Thành phố Hồ Chí Minh") == "ho chi minh"


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip()
    assert "  " not in once


@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ", max_size=40))
def test_vietnamese_letters_fold_to_ascii(text):
    out = fold(text)
    assert all(ord(ch) < 128 for ch in out)
    assert out == fold(text.upper()) == fold(text.lower())


@given(st.text(alphabet=VIETNAMESE + " ", max_size=30), st.text(alphabet=VIETNAMESE + " ", max_size=10))
def test_substring_survives_folding(prefix, needle):
    hay = prefix + needle
    assert fold_key(needle) in fold_key(hay) or not fold_key(needle)
