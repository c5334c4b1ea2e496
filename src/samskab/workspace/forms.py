"""Parse the room's page input. The rules are the services'; the forms only read values."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.forms import DateField
from samskab.core.widgets import DatePickerInput
from samskab.library.models import Document

from .models import ROOM_LEVELS, Idea

TEXT = forms.Textarea(attrs={"rows": 6, "class": "form-input"})


class _CodeOfConduct(forms.Form):
    accept_code = forms.BooleanField(
        label=_("I have read the code of conduct and will follow it"), required=False
    )

    def __init__(self, *args, first_post=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not first_post:
            del self.fields["accept_code"]


class _Documents(_CodeOfConduct):
    """The library's documents a poster may attach (``documents``: a queryset of those they
    may open; None, e.g. for a guest without an account: no attachments)."""

    documents: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Attach documents from the library"),
        queryset=Document.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The newest documents of the room that you may open. A reader sees only those "
            "they may open too."
        ),
    )

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if documents is None:
            del self.fields["documents"]
        else:
            cast(forms.ModelMultipleChoiceField, self.fields["documents"]).queryset = documents


class ThreadForm(_Documents):
    title = forms.CharField(label=_("Title"), max_length=200)
    access_level = forms.ChoiceField(label=_("Who may read it"), choices=ROOM_LEVELS)
    text = forms.CharField(label=_("First post"), widget=TEXT, required=False)
    field_order = ["title", "access_level", "text", "documents", "accept_code"]

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        if levels is not None:
            choices = [c for c in ROOM_LEVELS if c[0] in levels]
            cast(forms.ChoiceField, self.fields["access_level"]).choices = choices


class PostForm(_Documents):
    text = forms.CharField(
        label=_("Your post"),
        widget=TEXT,
        required=False,
        help_text=_("Mention someone with @ and their full name, e.g. @Cecilie Borger."),
    )
    field_order = ["text", "documents", "accept_code"]


class EditPostForm(forms.Form):
    text = forms.CharField(label=_("Your post"), widget=TEXT, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


NAME_PUBLICLY_HELP = _(
    "If a recommendation grows out of the idea, the public page about what became of it may "
    "name you. You can change this later."
)


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    access_level = forms.ChoiceField(label=_("Who may read it"), choices=ROOM_LEVELS)
    text = forms.CharField(label=_("The idea"), widget=TEXT, required=False)
    name_publicly = forms.BooleanField(
        label=_("Name me as the idea's author on the public follow-up page"),
        help_text=NAME_PUBLICLY_HELP,
        required=False,
    )

    def __init__(self, *args, guest=False, **kwargs):
        super().__init__(*args, **kwargs)
        if guest:
            # A guest's idea is for the committee's members.
            del self.fields["access_level"]


class NamingForm(forms.Form):
    name_publicly = forms.BooleanField(
        label=_("Name me as the idea's author on the public follow-up page"),
        help_text=NAME_PUBLICLY_HELP,
        required=False,
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=TEXT, required=False)


class DraftForm(forms.Form):
    title = forms.CharField(label=_("Title of the draft recommendation"), max_length=200)
    ideas: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Ideas it builds on"),
        queryset=Idea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(
        label=_("First paragraph"),
        widget=TEXT,
        required=False,
        help_text=_("Leave it empty to start from the texts of the ideas you chose."),
    )

    def __init__(self, *args, ideas, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["ideas"]).queryset = ideas


class ParagraphForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=TEXT, required=False)
    base_version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1, required=False
    )


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=_("Name of the working group"), max_length=150)
    description = forms.CharField(
        label=_("What it works on"), widget=TEXT, required=False, max_length=5000
    )


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)
    expires_on = DateField(
        label=_("Access until"),
        widget=DatePickerInput,
        help_text=_("The link works until and including this day."),
    )
