from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often do you want the email digest?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
    )
    immediate = forms.BooleanField(
        label=_("Email me at once when something needs me"),
        help_text=_(
            "A draft open for your input, an invitation, a decision due or a mention. "
            "Without this, it comes in your digest."
        ),
        required=False,
    )


class FollowForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", ""), ("body", "body"), ("topic", "topic")], required=False
    )
    target = forms.SlugField(max_length=100, required=False)
    q = forms.CharField(max_length=200, required=False)
