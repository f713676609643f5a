"""Vietnamese formatting filters, available in every template (settings: builtins)."""

from django import template

from chiso.lib import vnformat

register = template.Library()


@register.filter
def vn_number(value, decimals=2):
    try:
        return vnformat.number(value, int(decimals))
    except (TypeError, ValueError):
        return value


@register.filter
def vn_int(value):
    try:
        return vnformat.number(value, 0)
    except (TypeError, ValueError):
        return value


@register.filter
def vn_pct(value, decimals=2):
    try:
        return vnformat.percent(value, int(decimals))
    except (TypeError, ValueError):
        return value


@register.filter
def vn_date(value):
    return vnformat.date(value)


@register.filter
def vn_rank_change(value):
    return vnformat.rank_change(value)


@register.simple_tag(takes_context=True)
def url_replace(context, **kwargs):
    """Current query string with some parameters replaced (pagination, sorting)."""
    query = context["request"].GET.copy()
    for k, v in kwargs.items():
        if v is None or v == "":
            query.pop(k, None)
        else:
            query[k] = v
    return query.urlencode()
