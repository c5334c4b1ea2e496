"""Parse the library's page input. What a file may be, and who may file it, is the services'."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from samskab.core import uploads
from samskab.core.access import AccessLevel
from samskab.core.forms import DateField
from samskab.organisation.models import Body
from samskab.organisation.rules import current_body_ids, is_secretariat

from .models import DocumentKind
from .queries import kinds as search_kinds
from .queries import states as search_states


def bodies_for(user):
    """The bodies a person can file documents in: all for the secretariat, else their own."""
    bodies = Body.objects.order_by("kind", "name")
    return bodies if is_secretariat(user) else bodies.filter(pk__in=current_body_ids(user))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": uploads.ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


_TAGS_HELP = _("Topics separated by commas, e.g. 'trafik, klima'.")


class MetadataForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    date = DateField(label=_("Date"), required=False)
    access_level = forms.ChoiceField(label=_("Who may see it"), choices=AccessLevel.choices)
    tags = forms.CharField(label=_("Topics"), required=False, max_length=600, help_text=_TAGS_HELP)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class UploadForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    file = forms.FileField(
        label=_("File"),
        help_text=lazy(uploads.help_text, str)(),
        widget=forms.FileInput(attrs={"accept": uploads.ACCEPT}),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Empty: the file's name."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    date = DateField(label=_("Date"), required=False, help_text=_("Empty: today."))
    access_level = forms.ChoiceField(
        label=_("Who may see it"),
        choices=[
            (
                "",
                _("As what it is for (meeting, terms, result); else the body's members"),
            ),
            *AccessLevel.choices,
        ],
        required=False,
    )
    tags = forms.CharField(label=_("Topics"), required=False, max_length=600, help_text=_TAGS_HELP)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies_for(user)  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("New version of the file"),
        help_text=lazy(uploads.help_text, str)(),
        widget=forms.FileInput(attrs={"accept": uploads.ACCEPT}),
    )
    note = forms.CharField(label=_("What changed"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class BulkForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.order_by("kind", "name"))
    # Django's form metaclass takes declared fields off the class: no clash with ``form.files``.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Files"),
        help_text=_("Choose the files of a folder (up to 200 at a time)."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    access_level = forms.ChoiceField(
        label=_("Who may see them"), choices=AccessLevel.choices, initial=AccessLevel.BODY
    )
    date = DateField(label=_("Date"), required=False, help_text=_("Empty: today."))
    tags = forms.CharField(label=_("Topics"), required=False, max_length=600, help_text=_TAGS_HELP)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    organ = forms.SlugField(required=False)
    kind = forms.ChoiceField(choices=[("", ""), *search_kinds()], required=False)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2200)
    state = forms.ChoiceField(choices=[("", ""), *search_states()], required=False)
