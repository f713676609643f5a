"""A task's link to the indices frameworks: which index (PAR INDEX, SIPAS, PAPI, 766, PCI), for which
index year, and which node of that year's framework version (PAR INDEX field, PAPI dimension or
sub-dimension, SIPAS element, 766 item…). Read from `chiso.indices` (models and `queries.version_for`).

`Task.index_code` holds the index's code ("par"), `index_year` the year whose framework applies,
`criterion` the node and `criterion_code` its code. A value kept from the free-text days that does not
resolve stays as written and is flagged (`unresolved_q`)."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q

from chiso.indices import queries as index_queries
from chiso.indices.models import FrameworkVersion, Index, Node
from chiso.lib import criteria_suggest
from chiso.lib.vntext import fold, fold_key

YEARS = (2005, 2100)

# folded names people write for each index, besides its code, short name and name
ALIASES = criteria_suggest.INDEX_ALIASES


def index_for(text: str | None) -> Index | None:
    """The index a text names: its code, short name, name or a usual alias, with or without a leading
    "Chỉ số" (accent-insensitive)."""
    key = fold_key(text)
    keys = {key, re.sub(r"^(?:bo )?chi so ", "", key)} - {""}
    for index in Index.objects.all():
        names = {fold_key(index.code), fold_key(index.short_name), fold_key(index.name)}
        names |= {fold_key(a) for a in ALIASES.get(index.code, [])}
        if keys & names:
            return index
    return None


def version(index: Index, year: int | None) -> FrameworkVersion | None:
    return index_queries.version_for(index, year) if year else None


def nodes(index: Index, year: int | None) -> list[Node]:
    """The nodes of the index's framework for that year, parents before their children."""
    v = version(index, year)
    return index_queries.node_tree(v) if v else []


def find(index: Index, year: int | None, code: str) -> Node | None:
    v = version(index, year)
    code = (code or "").strip()
    if v is None or not code:
        return None
    return next((n for n in v.nodes.all() if n.code.casefold() == code.casefold()), None)


def search(index: Index, year: int | None, q: str, limit: int = 25) -> list[Node]:
    """Nodes whose code or name holds every word of the query, accent- and case-insensitive
    ("thu tuc cap xa" → "Thủ tục hành chính cấp xã, phường"); all of them for no query."""
    words = fold(q).split()
    found = [
        n for n in nodes(index, year) if all(w in fold(f"{n.code} {n.name} {n.short_name}") for w in words)
    ]
    return found[:limit]


@dataclass(frozen=True)
class Link:
    index: Index | None
    year: int | None
    node: Node | None

    def fields(self) -> dict:
        """The task's fields for this link."""
        return {
            "index_code": self.index.code if self.index else "",
            "index_year": self.year if self.index else None,
            "criterion": self.node,
            "criterion_code": self.node.code if self.node else "",
        }


def clean(index_text: str | None, year, criterion_text: str | None, default_year: int) -> Link:
    """Validate a link typed or picked by the office; Vietnamese errors naming the code."""
    index_text, criterion_text = (index_text or "").strip(), (criterion_text or "").strip()
    if not index_text:
        if criterion_text:
            raise ValidationError(f"Hãy chọn chỉ số của tiêu chí “{criterion_text}”")
        return Link(None, None, None)
    index = index_for(index_text)
    if index is None:
        names = ", ".join(i.short_name for i in Index.objects.all())
        raise ValidationError(f"Chỉ số “{index_text}” không có trong danh mục ({names})")
    try:
        year = int(year) if year not in (None, "") else default_year
    except (TypeError, ValueError):
        raise ValidationError(f"Năm chỉ số “{year}” không hợp lệ") from None
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValidationError(f"Năm chỉ số “{year}” không hợp lệ")
    if not criterion_text:
        return Link(index, year, None)
    v = version(index, year)
    if v is None:
        raise ValidationError(
            f"Chưa có khung {index.short_name} cho năm {year}: không kiểm tra được tiêu chí “{criterion_text}”"
        )
    node = find(index, year, criterion_text)
    if node is None:
        raise ValidationError(
            f"Tiêu chí “{criterion_text}” không có trong khung {index.short_name} năm {year} ({v.name})"
        )
    return Link(index, year, node)


def resolve(index_text: str | None, year: int | None, criterion_text: str | None) -> Link:
    """What an older free-text value resolves to, without raising: the parts that do not resolve are None."""
    index = index_for(index_text)
    node = find(index, year, criterion_text) if index and criterion_text else None
    return Link(index, year if index else None, node)


def unresolved_q(prefix: str = "") -> Q:
    """Tasks whose index or criterion, kept from free text, does not match the frameworks."""
    return Q(**{f"{prefix}criterion_code__gt": "", f"{prefix}criterion__isnull": True}) | Q(
        **{f"{prefix}index_code__gt": "", f"{prefix}index_year__isnull": True}
    )


def concerned_indices(directive) -> list[Index]:
    """The indices a directive concerns: those its text or its rankings name; all when it names none."""
    indices = list(Index.objects.all())
    codes = criteria_suggest.concerned(
        f"{directive.title} {directive.text}",
        (directive.proposal or {}).get("rankings"),
        {i.code: [i.short_name] for i in indices},
    )
    return [i for i in indices if i.code in codes]


def suggester(directive) -> tuple[criteria_suggest.Suggester, int, dict[str, Index]]:
    """The criteria suggester of a directive's review: the nodes of the frameworks it concerns, in force
    in its index year → (suggester, year, {index code: Index})."""
    year = default_year(directive)
    indices = concerned_indices(directive)
    found = [
        criteria_suggest.Criterion(i.code, n.code, n.name, n.short_name)
        for i in indices
        for n in nodes(i, year)
    ]
    return criteria_suggest.Suggester(found), year, {i.code: i for i in indices}


def default_year(directive=None, deadline=None, today=None) -> int:
    """The index year a task serves unless the office says otherwise: the directive's year."""
    import datetime as dt

    day = (directive.date if directive is not None and directive.date else None) or deadline
    return (day or today or dt.date.today()).year
