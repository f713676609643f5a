"""Template helpers of the dossiers pages."""

from django import template

from chiso.dossiers import queries

register = template.Library()


@register.simple_tag(takes_context=True)
def may_import(context) -> bool:
    """Whether the signed-in user may use the import page (same rule as the view: queries.can_import).
    Computed once per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if not hasattr(request, "_dossiers_can_import"):
        request._dossiers_can_import = queries.can_import(user)
    return request._dossiers_can_import
