from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def is_in(value, container):
    """True when value equals container (a single answer) or is one of its items (several)."""
    if container is None or container == "":
        return False
    if isinstance(container, list | tuple | set):
        return value in container
    return value == container
