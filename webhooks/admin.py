"""Subscriptions (the secret is shown once, when one is added), replay, and the delivery log."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import render
from django.utils.html import format_html

from claims.errors import ApplicationError

from . import services
from .models import Delivery, Subscription, WebhookEvent
from .tasks import send_later


class SubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Subscription
        fields = ["api_key", "url", "events"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and not self.errors:
            try:
                self._created = services.subscription_create(
                    api_key=cleaned["api_key"], url=cleaned["url"], events=cleaned["events"]
                )
            except ApplicationError as exc:
                for field, problems in exc.fields.items():
                    self.add_error(field if field in self.fields else None, problems)
        return cleaned


class ReplayForm(forms.Form):
    from_seq = forms.IntegerField(min_value=1, label="Send again every change from number")


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ["url", "api_key", "event_list", "state", "consecutive_failures", "cursor", "created_at"]
    list_filter = ["active"]
    list_select_related = ["api_key"]
    search_fields = ["url", "api_key__name"]
    actions = ["replay", "enable"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["api_key", "url", "events"]
        return ["api_key", "url", "event_list", "state", "consecutive_failures", "cursor", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    @admin.display(description="events")
    def event_list(self, obj: Subscription) -> str:
        return ", ".join(obj.events)

    @admin.display(description="state")
    def state(self, obj: Subscription) -> str:
        if obj.active:
            return "active"
        return format_html(
            "<strong>disabled</strong> {}: {}", f"{obj.disabled_at:%Y-%m-%d %H:%M}", obj.disabled_reason
        )

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing is edited in place: subscribe again for another URL or events
        subscription, secret = form._created
        obj.pk = subscription.pk
        obj.__dict__.update(Subscription.objects.get(pk=subscription.pk).__dict__)
        self.message_user(
            request,
            f"Signing secret for {subscription.url} — store it now; it is not shown again: {secret}",
            messages.WARNING,
        )

    @admin.action(description="Replay selected subscriptions from a change number…", permissions=["change"])
    def replay(self, request, queryset):
        form = ReplayForm(request.POST if "from_seq" in request.POST else None)
        if form.is_valid():
            total = 0
            for subscription in queryset:
                ids = services.subscription_replay(
                    subscription=subscription, from_seq=form.cleaned_data["from_seq"]
                )
                send_later(ids)
                total += len(ids)
            self.message_user(
                request,
                f"Re-sending {total} delivery(ies) from change #{form.cleaned_data['from_seq']}; later changes "
                "follow with the next dispatch.",
                messages.SUCCESS,
            )
            return None
        return render(
            request,
            "admin/webhooks/replay.html",
            {**self.admin_site.each_context(request), "form": form, "subscriptions": queryset,
             "title": "Replay deliveries", "opts": self.model._meta},
        )  # fmt: skip

    @admin.action(description="Re-enable selected subscriptions", permissions=["change"])
    def enable(self, request, queryset):
        for subscription in queryset.filter(active=False):
            services.subscription_enable(subscription=subscription)
        self.message_user(request, "Re-enabled.", messages.SUCCESS)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["change_seq", "event", "subscription", "status", "attempts", "last_status_code", "last_error",
                    "next_attempt_at", "delivered_at"]  # fmt: skip
    list_filter = ["status", "event", "subscription"]
    list_select_related = ["subscription"]
    search_fields = ["change_seq", "last_error"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
