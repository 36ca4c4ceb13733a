from django import forms

from claims.models import DECIDED_STATUSES, Claim, ClaimStatus, Evidence, ReviewState


class DossierVerdictForm(forms.Form):
    """The verdict on the dossier: status, rationale, the evidence it rests on, the version seen."""

    status = forms.ChoiceField(choices=ClaimStatus.choices)
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required for every decision (confirmed, disputed, false, …): what does it rest on?",
    )
    # Ticked in the evidence table ("rests on"), submitted with this form.
    evidence = forms.ModelMultipleChoiceField(queryset=Evidence.objects.none(), required=False)
    seen_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = Evidence.objects.filter(claim=claim).exclude(
            review_state=ReviewState.REJECTED
        )
        self.fields["seen_version"].initial = claim.version
        self.fields["status"].initial = claim.status

    def clean(self):
        data = super().clean()
        if data.get("status") in DECIDED_STATUSES and not (data.get("rationale") or "").strip():
            self.add_error("rationale", "Say why: a decision needs a rationale.")
        return data
