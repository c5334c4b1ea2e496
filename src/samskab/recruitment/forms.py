"""Page input for recruitment. The business validation is the service's
(``services.validate_application``); the forms call it so its messages stand next to the
fields, and nothing typed is lost when a submission is refused."""

import datetime as dt
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.organisation.models import District

from . import services
from .models import Background, ChannelKind, Gender

OUTSIDE = "outside"


class DanishDateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class DeadlineMixin(forms.Form):
    deadline_date = forms.DateField(label=_("Deadline"), widget=DanishDateInput)
    deadline_time = forms.TimeField(
        label=_("Time of day"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Copenhagen time. Empty: 23:59."),
    )

    def deadline(self):
        data = self.cleaned_data
        return services.deadline_at(data["deadline_date"], data.get("deadline_time"))


class OpenCallForm(DeadlineMixin):
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=services.MAX_INTRO,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Optional: a few words of your own above the terms of reference, e.g. who you hope "
            "will apply."
        ),
    )


class EditCallForm(OpenCallForm):
    pass


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label=_("Channel"), choices=ChannelKind.choices)
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("E.g. the paper, the magazine or the network."),
    )
    date = forms.DateField(label=_("Date"), widget=DanishDateInput)


def district_choices():
    return (
        [("", _("Choose"))]
        + [(str(d.pk), d.name) for d in District.objects.order_by("name")]
        + [(OUTSIDE, _("I live outside the municipality"))]
    )


class ApplicationForm(forms.Form):
    """The citizen's application. ``call`` gives the competences to choose among."""

    name = forms.CharField(
        label=_("Name"),
        max_length=services.MAX_NAME,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send a link to confirm it. Your application counts once you have."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=services.MAX_PHONE,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    birth_year = forms.CharField(
        label=_("Year of birth"),
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
        help_text=_("Four digits, e.g. 1979."),
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=Gender.choices,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
    district = forms.ChoiceField(label=_("District where you live"), choices=())
    background = forms.ChoiceField(
        label=_("Background"),
        choices=Background.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
    occupation = forms.CharField(
        label=_("Occupation or education"),
        max_length=services.MAX_OCCUPATION,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    competences = forms.MultipleChoiceField(
        label=_("Which of these do you bring?"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        help_text=_("The competences and backgrounds the committee is looking for."),
    )
    motivation = forms.CharField(
        label=_("Why do you want to take part?"),
        max_length=services.MAX_MOTIVATION,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": services.MAX_MOTIVATION}),
        help_text=_("At most %(n)s characters.") % {"n": services.MAX_MOTIVATION},
    )
    heard_via = forms.ChoiceField(
        label=_("Where did you hear about the call?"),
        choices=[("", _("Choose"))] + list(ChannelKind.choices),
        required=False,
    )
    future_calls = forms.BooleanField(
        label=_("Tell me about future task committees too"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that my information is used as described above"),
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
        error_messages={"required": _("Your application can only be received with your consent.")},
    )
    # Hidden from people (CSS and aria-hidden); robots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, call, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        cast(forms.ChoiceField, self.fields["district"]).choices = district_choices()
        competences = call.terms.competence_list
        cast(forms.ChoiceField, self.fields["competences"]).choices = [(c, c) for c in competences]
        if not competences:
            del self.fields["competences"]
        if editing:
            # The address is what the application belongs to; consent was given when applying.
            for name in ("email", "consent", "website"):
                del self.fields[name]

    def clean_birth_year(self):
        value = self.cleaned_data["birth_year"].strip()
        if not (len(value) == 4 and value.isdigit()):
            raise forms.ValidationError(_("Write your year of birth with four digits, e.g. 1979."))
        return int(value)

    def clean_district(self):
        value = self.cleaned_data["district"]
        if value == OUTSIDE:
            return None
        district = District.objects.filter(pk=value).first() if value.isdigit() else None
        if district is None:
            raise forms.ValidationError(_("Choose your district from the list."))
        return district

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean() returns cleaned_data; the stubs allow None
        fields = [f for f in services.APPLICATION_FIELDS if f in self.fields or f == "competences"]
        values = {f: data.get(f) for f in fields if f not in self.errors}
        values.setdefault("competences", [])
        checked = [f for f in values if f not in self.errors]
        for field, message in services.validate_application(
            self.call, values, fields=checked, today=timezone.localdate()
        ).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data

    def values(self):
        data = dict(self.cleaned_data)
        data.setdefault("competences", [])
        return data

    @staticmethod
    def initial_from(application):
        return {
            "name": application.name,
            "phone": application.phone,
            "birth_year": str(application.birth_year),
            "gender": application.gender,
            "district": str(application.district_id) if application.district_id else OUTSIDE,
            "background": application.background,
            "occupation": application.occupation,
            "competences": application.competences,
            "motivation": application.motivation,
            "heard_via": application.heard_via,
            "future_calls": application.future_calls,
        }


class InterestForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=services.MAX_NAME,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    district = forms.ChoiceField(label=_("District where you live"), choices=(), required=False)
    topics = forms.CharField(
        label=_("What would you like to help with?"),
        max_length=services.MAX_TOPICS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": services.MAX_TOPICS}),
        help_text=_("E.g. climate, schools, culture, older people."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my name and email address are kept for this purpose"),
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
        error_messages={"required": _("We can only keep your address with your consent.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["district"]).choices = district_choices()

    def clean_district(self):
        value = self.cleaned_data.get("district") or ""
        if value in ("", OUTSIDE):
            return None
        district = District.objects.filter(pk=value).first() if value.isdigit() else None
        if district is None:
            raise forms.ValidationError(_("Choose your district from the list."))
        return district

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean() returns cleaned_data; the stubs allow None
        values = {f: data.get(f) for f in ("name", "email", "district", "topics")}
        for field, message in services.validate_interest(values).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class MarkForm(forms.Form):
    shortlisted = forms.BooleanField(
        label=_("On the shortlist"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )
    note = forms.CharField(
        label=_("The secretariat's note"),
        required=False,
        max_length=services.MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the secretariat only (and by the applicant, if they ask)."),
    )


class PoolFilterForm(forms.Form):
    """The pool's filters, from the query string; a bad value is dropped, never a 500."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    competence = forms.ChoiceField(label=_("Competence"), required=False, choices=())
    district = forms.ChoiceField(label=_("District"), required=False, choices=())
    age = forms.ChoiceField(label=_("Age"), required=False, choices=())
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[("", _("All"))] + list(Gender.choices)
    )
    channel = forms.ChoiceField(
        label=_("Heard through"),
        required=False,
        choices=[("", _("All"))] + list(ChannelKind.choices),
    )
    shortlist = forms.BooleanField(
        label=_("Shortlist only"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )

    def __init__(self, *args, call, age_bands, with_gender, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["competence"]).choices = [("", _("All"))] + [
            (c, c) for c in call.terms.competence_list
        ]
        cast(forms.ChoiceField, self.fields["district"]).choices = (
            [("", _("All"))]
            + [(str(d.pk), d.name) for d in District.objects.order_by("name")]
            + [(OUTSIDE, _("Outside the municipality"))]
        )
        cast(forms.ChoiceField, self.fields["age"]).choices = [("", _("All"))] + [
            (b.key, b.label) for b in age_bands
        ]
        if not with_gender:
            del self.fields["gender"]


def today():
    return timezone.localdate()


def default_deadline():
    return today() + dt.timedelta(days=28)


class ConcludeForm(forms.Form):
    """The council's appointment, as far as the pool is concerned: who was appointed."""

    appointed: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Appointed applicants"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        help_text=_("Everybody else in the pool is thanked by email."),
    )
    on = forms.DateField(label=_("Appointed on"), widget=DanishDateInput)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Application

        cast(forms.ModelChoiceField, self.fields["appointed"]).queryset = (
            Application.objects.in_pool().filter(call=call).order_by("-shortlisted", "name", "id")
        )
