from typing import cast

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samskab.core import uploads
from samskab.core.forms import DateField, DecimalField, IntegerField
from samskab.core.widgets import DatePickerInput
from samskab.organisation.models import Body, BodyKind, Person

from . import services
from .lifecycle import State
from .models import Decision, FollowUpStatus, TermsVersion

COMMITTEE_KINDS = [BodyKind.STANDING_COMMITTEE, BodyKind.FINANCE_COMMITTEE]


def committees():
    return Body.objects.filter(kind__in=COMMITTEE_KINDS).active().order_by("kind", "name")


def committee_options():
    return [(b.pk, b.name) for b in committees()]


def required_for(field, cases):
    """Mark a field that the service requires only in some cases, naming them (from the
    service's or the lifecycle's own rule), so its label says so instead of "optional"."""
    if cases:
        field.required_when = format_lazy(_("required for: {}"), ", ".join(str(c) for c in cases))


# Dates are typed or picked in the DKFDS date picker, in the format of the active language.
DanishDateInput = DatePickerInput


class ProposeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    proposers = forms.ModelMultipleChoiceField(
        label=_("Proposed by"),
        queryset=Body.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        help_text=_("One or more standing committees and/or the Finance Committee."),
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea, required=False)
    proposed_on = DateField(label=_("Proposed on"), widget=DanishDateInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["proposers"]).queryset = committees()


class TransitionForm(forms.Form):
    target = forms.ChoiceField(label=_("Next step"), choices=State.choices)
    date = DateField(label=_("Date"), widget=DanishDateInput, required=False)
    reference = forms.CharField(
        label=_("Meeting or decision"),
        max_length=300,
        required=False,
        help_text=_(
            "For council decisions: the council meeting and item, e.g. 'KB 24.2.2026, item 7'."
        ),
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    expected_state = forms.CharField(widget=forms.HiddenInput, required=False)
    drafters: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Drafters (two council members)"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )

    def __init__(self, *args, steps, drafter_choices=None, **kwargs):
        """``steps``: the transitions possible now (``lifecycle.allowed_from``). The form
        offers only those, asks for drafters only when a step appoints them, and says for which
        steps the meeting is required."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["target"]).choices = [
            (t.target, t.label) for t in steps
        ] or [("", "–")]
        if any(t.appoints_drafters for t in steps):
            if drafter_choices is not None:
                cast(forms.ModelChoiceField, self.fields["drafters"]).queryset = drafter_choices
        else:
            del self.fields["drafters"]
        required_for(self.fields["reference"], [t.label for t in steps if t.council_decision])


class TermsForm(forms.ModelForm):
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    budget_kroner = DecimalField(
        label=_("Budget (kroner)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )

    class Meta:
        model = TermsVersion
        # The document's fields (budget is entered in kroner below), then the change note.
        fields = [f for f in TermsVersion.CONTENT_FIELDS if f != "budget_ore"] + ["change_note"]
        field_classes = {
            "start_date": DateField,
            "end_date": DateField,
            "expected_meetings": IntegerField,
            "council_members": IntegerField,
            "citizens": IntegerField,
        }
        widgets = {
            "start_date": DanishDateInput,
            "end_date": DanishDateInput,
            "background": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "assignment": forms.Textarea(attrs={"rows": 5}),
            "deliverables": forms.Textarea(attrs={"rows": 3}),
            "competences": forms.Textarea(attrs={"rows": 4}),
            "working_form": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["receiving_committee"]).queryset = committees()
        self.order_fields(
            [f for f in self.Meta.fields if f != "change_note"]
            + ["budget_kroner", "change_note", "base_version"]
        )

    def clean(self):
        data = super().clean()
        # The service's own validation, shown next to each field before the service runs.
        for field, message in services.validate_terms(self.content()).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data

    def content(self):
        data = {
            f: self.cleaned_data.get(f)
            for f in TermsVersion.CONTENT_FIELDS
            if f in self.cleaned_data
        }
        kroner = self.cleaned_data.get("budget_kroner")
        data["budget_ore"] = None if kroner is None else int(round(kroner * 100))
        return data


class InputForm(forms.Form):
    text = forms.CharField(
        label=_("Your input"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class DeliveryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the result"), widget=forms.Textarea, required=False
    )
    report = forms.FileField(
        label=_("Report (PDF or document)"),
        required=False,
        help_text=lazy(uploads.help_text, str)(),
        widget=forms.FileInput(attrs={"accept": uploads.ACCEPT}),
    )


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("The council's decision"),
        choices=[c for c in Decision.choices if c[0] != Decision.PENDING],
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    referred_to = forms.TypedChoiceField(
        label=_("Sent on to"), coerce=int, required=False, empty_value=None
    )
    decided_on = DateField(label=_("Decided on"), widget=DanishDateInput, required=False)
    reference = forms.CharField(label=_("Council meeting"), max_length=300)

    def __init__(self, *args, committee_choices=None, **kwargs):
        # The committees are read once per page and shared by every recommendation's form.
        super().__init__(*args, **kwargs)
        if committee_choices is None:
            committee_choices = committee_options()
        cast(forms.ChoiceField, self.fields["referred_to"]).choices = [
            ("", "–")
        ] + committee_choices
        required_for(
            self.fields["reason"], [d.label for d in Decision if services.reason_required(d)]
        )
        required_for(self.fields["referred_to"], [Decision.REFERRED.label])

    def clean_referred_to(self):
        pk = self.cleaned_data.get("referred_to")
        return Body.objects.filter(pk=pk).first() if pk else None


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    due_date = DateField(label=_("Due date"), widget=DanishDateInput, required=False)
    note = forms.CharField(
        label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
