"""Shared by every serializer: strict input fields, id bounds, how times and people are shown."""

from __future__ import annotations

from rest_framework import serializers

MAX_ID = 2**63 - 1
MAX_OFFSET = 2**31 - 1


def iso_datetime(value):
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def person_name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


class StrictCharField(serializers.CharField):
    """Text must be sent as a JSON string: 5 is a mistake, not "5"."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """Numbers must be sent as JSON integers: "5", 5.5 and true are mistakes."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, so a typo ("rationnale") is an error, not a silent no-op."""

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        errors = {name: ["Unknown field."] for name in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not errors:
                raise
            detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
            raise serializers.ValidationError({**detail, **errors}) from None
        if errors:
            raise serializers.ValidationError(errors)
        return value


# --- read side ---------------------------------------------------------------------------------------
