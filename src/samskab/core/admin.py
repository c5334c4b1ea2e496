from django import forms
from django.contrib import admin
from django.template import TemplateSyntaxError
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from . import email
from .models import EmailTemplate
from .registry import email_kinds


class EmailTemplateForm(forms.ModelForm):
    class Meta:
        model = EmailTemplate
        fields = ["subject", "body"]

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean() returns cleaned_data; the stubs allow None
        # An edited text that cannot be rendered would only fail later, in the worker.
        for name in ("subject", "body"):
            try:
                email._ENGINE.from_string(data.get(name) or "")
            except TemplateSyntaxError as error:
                self.add_error(name, _("The text cannot be used: %(error)s") % {"error": error})
        return data


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    """The secretariat edits the texts; the kinds themselves come from the apps."""

    form = EmailTemplateForm
    list_display = ["kind", "language", "subject", "updated"]
    list_filter = ["language"]
    readonly_fields = ["kind", "language", "variables"]
    fields = ["kind", "language", "subject", "body", "variables"]

    @admin.display(description=_("kind of email"))
    def kind(self, obj):
        try:
            return email_kinds.get(obj.key).label
        except KeyError:
            return obj.key

    @admin.display(description=_("names the text may use"))
    def variables(self, obj):
        try:
            names = email_kinds.get(obj.key).variables
        except KeyError:
            names = ()
        return format_html_join(", ", "<code>{{{{ {} }}}}</code>", ((n,) for n in names))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
