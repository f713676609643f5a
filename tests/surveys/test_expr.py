"""The XLSForm expression subset: worked examples and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chiso.surveys.xpathexpr import ExprError, compile_expr, refs, truthy


@pytest.mark.parametrize(
    "expr, values, current, expected",
    [
        ("${a} = 'co'", {"a": "co"}, None, True),
        ("${a} = 'co'", {}, None, False),
        ("${a} != ''", {"a": "x"}, None, True),
        (". >= 1 and . <= 20", {}, "20", True),
        (". >= 1 and . <= 20", {}, "21", False),
        (". >= 1 and . <= 20", {}, "abc", False),
        ("selected(${k}, 'b')", {"k": ["a", "b"]}, None, True),
        ("count-selected(${k}) >= 2", {"k": "a b"}, None, True),
        ("string-length(.) <= 3", {}, "abcd", False),
        ("regex(., '^[0-9]{3}$')", {}, "123", True),
        ("not(${a} = 'x') or ${b} > 2 * 2", {"a": "x", "b": "5"}, None, True),
        ("(${b} - 1) div 2 = 2", {"b": "5"}, None, True),
        ("if(${a} = 'x', 1, 0) = 1", {"a": "x"}, None, True),
    ],
)
def test_examples(expr, values, current, expected):
    assert truthy(compile_expr(expr), values, current) is expected


def test_refs_and_errors():
    assert refs(compile_expr("${a} = 'x' and selected(${b}, 'y')")) == {"a", "b"}
    for bad in ["${a} = ", "foo(1)", "(1", "1 2", "'open"]:
        with pytest.raises(ExprError):
            compile_expr(bad)


@given(st.integers(-1000, 1000), st.integers(-1000, 1000), st.integers(-2000, 2000))
def test_range_constraint_matches_python(lo, hi, x):
    ast = (
        compile_expr(f". >= {lo} and . <= {hi}")
        if lo >= 0 and hi >= 0
        else compile_expr(
            f". >= (0 - {abs(lo)}) and . <= (0 - {abs(hi)})"
            if lo < 0 and hi < 0
            else f". >= {lo} and . <= {hi}"
        )
    )
    assert truthy(ast, {}, str(x)) == (lo <= x <= hi)


@given(st.text(max_size=40))
def test_parser_never_crashes_otherwise(text):
    try:
        compile_expr(text)
    except ExprError:
        pass
