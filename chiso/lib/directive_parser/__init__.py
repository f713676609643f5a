"""Rule-based reader of Vietnamese administrative directives (Chỉ thị, Kế hoạch, Công văn, …).

Plain Python, no Django. Public API:

- `extract_text(data, filename)` → text of a .txt / .docx / .pdf (text layer), NFC;
- `parse(text)` → {"document", "rankings", "targets", "tasks", "reporting"}; every item has
  `quote == text[start:end]`;
- `normalise_agency(name)` → abbreviations expanded ("Sở TT&TT" → "Sở Thông tin và Truyền thông");
- `recurrence(text)` → {"frequency": "quarterly", "day": 12, "month_in_period": "last"} or None.
"""

from .agencies import normalise_agency
from .dates import find_deadlines, recurrence, recurrences
from .extract import ExtractError, extract_text
from .parser import parse

__all__ = [
    "ExtractError",
    "extract_text",
    "find_deadlines",
    "normalise_agency",
    "parse",
    "recurrence",
    "recurrences",
]
