"""Write the audit trail. Every action function calls `record` inside its transaction."""

import datetime as dt
import decimal
import uuid

from django.db import models

from chiso.orgs.context import current_ip, current_source, current_user
from chiso.orgs.models import AuditEntry, Unit


def _jsonable(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name or None
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """Field values of a model instance, JSON-safe (foreign keys as ids)."""
    out = {}
    for f in obj._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        out[f.name] = _jsonable(getattr(obj, f.attname))
    return out


def diff(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    """Keep only the keys that changed."""
    if not before or not after:
        return before, after
    keys = [k for k in set(before) | set(after) if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    actor=None,
    before: dict | None = None,
    after: dict | None = None,
    unit: Unit | None = None,
    repr_text: str | None = None,
    only_changes: bool = True,
) -> AuditEntry:
    actor = actor if actor is not None else current_user()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if only_changes:
        before, after = diff(_jsonable(before), _jsonable(after))
    if unit is None and obj is not None:
        if isinstance(obj, Unit):
            unit = obj
        else:
            unit = getattr(obj, "unit", None) if hasattr(obj, "unit_id") else None
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=(actor.get_username() if actor else "hệ thống")[:150],
        source=current_source(),
        ip=current_ip(),
        action=action,
        model=obj._meta.label if obj is not None else "",
        object_pk=str(obj.pk) if obj is not None else "",
        object_repr=(repr_text or (str(obj) if obj is not None else ""))[:300],
        unit=unit,
        before=_jsonable(before),
        after=_jsonable(after),
    )
