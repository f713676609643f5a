"""Vietnamese number and date formatting for text that leaves the web templates (exports, commands)."""

import datetime as dt
from decimal import Decimal


def number(value: float | Decimal | int | None, decimals: int = 2, empty: str = "–") -> str:
    """86.98 → '86,98'; 1234567.5 → '1.234.567,50'."""
    if value is None:
        return empty
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(value: float | Decimal | None, decimals: int = 2, empty: str = "–") -> str:
    if value is None:
        return empty
    return f"{number(value, decimals)} %"


def date(value: dt.date | dt.datetime | None, empty: str = "") -> str:
    if value is None:
        return empty
    return value.strftime("%d/%m/%Y")


def datetime(value: dt.datetime | None, empty: str = "") -> str:
    if value is None:
        return empty
    return value.strftime("%H:%M %d/%m/%Y")


def rank_change(change: int | None) -> str:
    """Seeds write 'tăng 12 bậc', 'giảm 07 bậc', 'giữ nguyên'."""
    if change is None:
        return ""
    if change > 0:
        return f"tăng {change:02d} bậc"
    if change < 0:
        return f"giảm {-change:02d} bậc"
    return "giữ nguyên vị trí"
