"""A small evaluator for the XPath subset XLSForm uses in relevant / constraint / required.

Supported: `.`, `${name}`, numbers, 'strings', = != < <= > >=, + - * div mod, and / or,
unary minus, parentheses and the functions selected, count-selected, string-length, regex,
not, true, false, number, string, contains, starts-with, if, coalesce.

Expressions compile to a JSON-able AST (nested lists) so the same tree can be evaluated on
the server (here) and, as a courtesy, in the browser. No Django import here.
"""

import math
import re

FUNCTIONS = {
    "selected": 2,
    "count-selected": 1,
    "string-length": 1,
    "regex": 2,
    "not": 1,
    "true": 0,
    "false": 0,
    "number": 1,
    "string": 1,
    "contains": 2,
    "starts-with": 2,
    "if": 3,
    "coalesce": 2,
}

_TOKEN = re.compile(
    r"""\s*(?:
    (?P<ref>\$\{[A-Za-z_][A-Za-z0-9_.\-]*\})
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)
  | (?P<name>[A-Za-z_][A-Za-z0-9_\-]*)
  | (?P<dot>\.)
    )""",
    re.VERBOSE,
)


class ExprError(ValueError):
    pass


def tokenize(text: str) -> list[tuple[str, str]]:
    out, pos, text = [], 0, text or ""
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ExprError(f"Biểu thức không hợp lệ gần '{text[pos : pos + 10]}'")
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens):
        self.t = tokens
        self.i = 0

    def peek(self, value=None):
        if self.i >= len(self.t):
            return None
        tok = self.t[self.i]
        if value is None:
            return tok
        return tok if tok[1] == value else None

    def take(self, value=None):
        tok = self.peek(value)
        if tok is None:
            raise ExprError(f"Thiếu '{value}' trong biểu thức" if value else "Biểu thức kết thúc đột ngột")
        self.i += 1
        return tok

    def parse(self):
        node = self.or_()
        if self.i != len(self.t):
            raise ExprError(f"Thừa '{self.t[self.i][1]}' trong biểu thức")
        return node

    def or_(self):
        node = self.and_()
        while self.peek("or"):
            self.i += 1
            node = ["or", node, self.and_()]
        return node

    def and_(self):
        node = self.cmp()
        while self.peek("and"):
            self.i += 1
            node = ["and", node, self.cmp()]
        return node

    def cmp(self):
        node = self.add()
        while (tok := self.peek()) and tok[1] in ("=", "!=", "<", "<=", ">", ">="):
            self.i += 1
            node = ["cmp", tok[1], node, self.add()]
        return node

    def add(self):
        node = self.mul()
        while (tok := self.peek()) and tok[1] in ("+", "-"):
            self.i += 1
            node = ["arith", tok[1], node, self.mul()]
        return node

    def mul(self):
        node = self.unary()
        while (tok := self.peek()) and tok[1] in ("*", "div", "mod"):
            self.i += 1
            node = ["arith", tok[1], node, self.unary()]
        return node

    def unary(self):
        if self.peek("-"):
            self.i += 1
            return ["arith", "-", ["num", 0], self.unary()]
        return self.primary()

    def primary(self):
        kind, val = self.take()
        if kind == "num":
            return ["num", float(val)]
        if kind == "str":
            return ["str", val[1:-1]]
        if kind == "ref":
            return ["ref", val[2:-1]]
        if kind == "dot":
            return ["self"]
        if val == "(":
            node = self.or_()
            self.take(")")
            return node
        if kind == "name" and self.peek("("):
            if val not in FUNCTIONS:
                raise ExprError(f"Hàm '{val}' chưa được hỗ trợ")
            self.i += 1
            args = []
            if not self.peek(")"):
                args.append(self.or_())
                while self.peek(","):
                    self.i += 1
                    args.append(self.or_())
            self.take(")")
            if len(args) != FUNCTIONS[val]:
                raise ExprError(f"Hàm '{val}' cần {FUNCTIONS[val]} tham số")
            return ["fn", val, args]
        raise ExprError(f"Không hiểu '{val}' trong biểu thức")


def compile_expr(text: str):
    """Parse an expression into an AST (nested lists); empty text → None."""
    if not (text or "").strip():
        return None
    return _Parser(tokenize(text)).parse()


def refs(ast) -> set[str]:
    """Names of the questions an expression reads."""
    if not isinstance(ast, list):
        return set()
    if len(ast) == 2 and ast[0] == "ref" and isinstance(ast[1], str):
        return {ast[1]}
    out: set[str] = set()
    for part in ast:
        out |= refs(part)
    return out


def _num(v) -> float:
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, list):
        v = " ".join(v)
    try:
        return float(str(v).strip())
    except ValueError:
        return math.nan


def _str(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else str(v)
    if isinstance(v, list):
        return " ".join(v)
    return "" if v is None else str(v)


def _bool(v) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float):
        return not math.isnan(v) and v != 0
    return bool(_str(v))


def _compare(op, a, b) -> bool:
    numeric = isinstance(a, int | float) or isinstance(b, int | float) or op in ("<", "<=", ">", ">=")
    if isinstance(a, bool) or isinstance(b, bool):
        a, b = _bool(a), _bool(b)
        numeric = False
    if numeric and not isinstance(a, bool):
        x, y = _num(a), _num(b)
        if math.isnan(x) or math.isnan(y):
            return op == "!="
    else:
        x, y = (a, b) if isinstance(a, bool) else (_str(a), _str(b))
    return {
        "=": x == y,
        "!=": x != y,
        "<": x < y,
        "<=": x <= y,
        ">": x > y,
        ">=": x >= y,
    }[op]


def evaluate(ast, values: dict, current=None):
    """Evaluate an AST. `values`: {name: str | list[str]}; `current`: the value of `.`."""
    if ast is None:
        return True
    kind = ast[0]
    if kind == "num":
        return ast[1]
    if kind == "str":
        return ast[1]
    if kind == "ref":
        return values.get(ast[1], "")
    if kind == "self":
        return "" if current is None else current
    if kind == "or":
        return _bool(evaluate(ast[1], values, current)) or _bool(evaluate(ast[2], values, current))
    if kind == "and":
        return _bool(evaluate(ast[1], values, current)) and _bool(evaluate(ast[2], values, current))
    if kind == "cmp":
        return _compare(ast[1], evaluate(ast[2], values, current), evaluate(ast[3], values, current))
    if kind == "arith":
        x, y = _num(evaluate(ast[2], values, current)), _num(evaluate(ast[3], values, current))
        op = ast[1]
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if op == "div":
            return x / y if y else math.nan
        return math.fmod(x, y) if y else math.nan
    if kind == "fn":
        name, args = ast[1], [evaluate(a, values, current) for a in ast[2]]
        if name == "selected":
            return _str(args[1]) in _str(args[0]).split()
        if name == "count-selected":
            return float(len(_str(args[0]).split()))
        if name == "string-length":
            return float(len(_str(args[0])))
        if name == "regex":
            try:
                return re.search(_str(args[1]), _str(args[0])) is not None
            except re.error:
                return False
        if name == "not":
            return not _bool(args[0])
        if name == "true":
            return True
        if name == "false":
            return False
        if name == "number":
            return _num(args[0])
        if name == "string":
            return _str(args[0])
        if name == "contains":
            return _str(args[1]) in _str(args[0])
        if name == "starts-with":
            return _str(args[0]).startswith(_str(args[1]))
        if name == "if":
            return args[1] if _bool(args[0]) else args[2]
        if name == "coalesce":
            return args[0] if _str(args[0]) else args[1]
    raise ExprError(f"Nút biểu thức lạ: {kind}")


def truthy(ast, values: dict, current=None) -> bool:
    return _bool(evaluate(ast, values, current))
