"""The Arrow fast paths of the value parsers agree with the list paths on any input: same values,
same positions reported bad (the list path is the reference, tested in test_classify)."""

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.dossiers.timeparse import parse_flags, parse_ints, parse_times

stamp = st.builds(
    lambda y, mo, d, h, mi, s, form: form.format(y=y, mo=mo, d=d, h=h, mi=mi, s=s),
    st.integers(1890, 2210),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 25),
    st.integers(0, 61),
    st.integers(0, 61),
    st.sampled_from(
        [
            "{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}",
            "{y:04d}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}",
            "{y:04d}-{mo:02d}-{d:02d}",
            "{y:04d}{mo:02d}{d:02d}{h:02d}{mi:02d}{s:02d}",
            "{d:02d}/{mo:02d}/{y:04d} {h:02d}:{mi:02d}",
            " {y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d} ",
        ]
    ),
)
text = st.one_of(stamp, st.just(""), st.just("  "), st.text(max_size=20))


def same(f, values):
    a_val, a_bad = f(values)
    b_val, b_bad = f(pa.array(values, type=pa.string()))
    assert np.array_equal(a_bad, b_bad), values
    assert np.array_equal(np.where(a_bad, 0, a_val), np.where(b_bad, 0, b_val)), values


@settings(max_examples=300, deadline=None)
@given(st.lists(text, max_size=8), st.booleans())
def test_times_arrow_equals_list(values, uniform):
    if uniform and values:  # whole columns of one form take the fast kernels
        values = [values[0]] * len(values)
    same(parse_times, values)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.integers(-5, 10**19).map(str), st.just(""), st.just(" 7 "), st.text(max_size=4))))
def test_ints_arrow_equals_list(values):
    same(parse_ints, values)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["0", "1", "", "có", "không", "x", "2", "yes", " 1"])))
def test_flags_arrow_equals_list(values):
    same(parse_flags, values)
