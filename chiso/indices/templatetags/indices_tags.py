from django import template

from chiso.indices.models import Index

register = template.Library()


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.inclusion_tag("indices/_nav.html")
def indices_nav():
    return {"all_indices": list(Index.objects.all())}
