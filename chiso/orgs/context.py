"""Request-scoped context: where a change comes from (web, api, command) and the shell's navigation."""

import contextvars

_source: contextvars.ContextVar[str] = contextvars.ContextVar("chiso_source", default="system")
_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("chiso_ip", default=None)
_user: contextvars.ContextVar[object | None] = contextvars.ContextVar("chiso_user", default=None)


def set_source(source: str) -> None:
    _source.set(source)


def current_source() -> str:
    return _source.get()


def current_ip() -> str | None:
    return _ip.get()


def current_user():
    return _user.get()


def set_user(user) -> None:
    _user.set(user)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tokens = [
            _source.set("api" if request.path.startswith("/api/") else "web"),
            _ip.set(request.META.get("REMOTE_ADDR")),
            _user.set(getattr(request, "user", None)),
        ]
        try:
            return self.get_response(request)
        finally:
            for var, token in zip((_source, _ip, _user), tokens, strict=True):
                var.reset(token)


NAV = [
    ("dashboard", "Tổng quan", "/"),
    ("indices", "Chỉ số", "/chi-so/"),
    ("assessments", "Chấm điểm CCHC", "/cham-diem/"),
    ("plans", "Kế hoạch – nhiệm vụ", "/ke-hoach/"),
    ("dossiers", "Hồ sơ TTHC", "/ho-so/"),
    ("surveys", "Khảo sát hài lòng", "/khao-sat/"),
    ("orgs", "Đơn vị", "/don-vi/"),
]


def shell(request):
    """Context processor: navigation and the unread-notification count."""
    path = request.path
    nav = []
    for key, label, url in NAV:
        active = path == "/" if url == "/" else path.startswith(url)
        nav.append({"key": key, "label": label, "url": url, "active": active})
    unread = 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from chiso.orgs.models import Notification

        unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return {"nav": nav, "unread_notifications": unread}
