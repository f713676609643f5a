"""API authentication: hashed bearer tokens, or the browser session (with CSRF)."""

from ninja.security import HttpBearer, django_auth

from chiso.orgs.actions import user_for_token
from chiso.orgs.context import set_user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        set_user(user)
        return user


# Every router uses this unless an endpoint is public (auth=None).
api_auth = [TokenAuth(), django_auth]
