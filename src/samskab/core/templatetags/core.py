from fractions import Fraction

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import get_format, number_format
from django.utils.html import format_html, format_html_join, json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, name, value):
    """The current query string with one parameter replaced (for pagination links)."""
    query = context["request"].GET.copy()
    query[name] = value
    return query.urlencode()


@register.filter
def kroner(ore):
    from samskab.core.formatting import kroner as fmt

    return fmt(ore)


@register.filter
def number(value, decimals=None):
    """A number as people read it in the active language: 1.234 and 2,4 in Danish."""
    if value is None or value == "":
        return ""
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def quotient(value):
    """A d'Hondt quotient as a decimal people read ("2,4"), with the exact fraction ("12/5")
    in its title when it is not a whole number. Never for machine values."""
    if value is None:
        return ""
    q = Fraction(value)
    if q.denominator == 1:
        return number_format(q.numerator, use_l10n=True, force_grouping=True)
    text = number_format(round(float(q), 2), decimal_pos=2, use_l10n=True, force_grouping=True)
    decimal = get_format("DECIMAL_SEPARATOR")
    text = text.rstrip("0").rstrip(decimal)
    return format_html(
        '<span class="quotient" title="{}/{}">{}</span>', q.numerator, q.denominator, text
    )


@register.simple_tag
def icon(name, label=None, css=""):
    """A DKFDS icon from the vendored sprite. Decorative unless it has a label."""
    href = f"{static('dkfds/img/all-svg-icons.svg')}#{name}"
    classes = f"icon-svg {css}".strip()
    if label:
        return format_html(
            '<svg class="{}" role="img" aria-label="{}" focusable="false">'
            '<use href="{}"></use></svg>',
            classes,
            label,
            href,
        )
    return format_html(
        '<svg class="{}" focusable="false" aria-hidden="true"><use href="{}"></use></svg>',
        classes,
        href,
    )


@register.inclusion_tag("core/_breadcrumbs.html")
def breadcrumbs(*parts):
    """DKFDS breadcrumbs from the front page: ``label url label url … current-label``."""
    crumbs = [(_("Front page"), reverse("portal:front"))]
    items = list(parts)
    current = items.pop() if len(items) % 2 else None
    crumbs += [(items[i], items[i + 1]) for i in range(0, len(items), 2)]
    return {"crumbs": crumbs, "current": current}


@register.inclusion_tag("core/_chart.html")
def chart(figure):
    """A chart from samskab.core.charts: the picture and, beside it, its table."""
    return {"chart": figure}


_WIDGET_CLASSES = {
    "select": "form-select",
    "selectmultiple": "form-select",
    "textarea": "form-input",
    "checkbox": "form-checkbox",
    "clearablefile": "form-file-input",
    "file": "form-file-input",
}


def _width_class(field):
    """A width that fits the content (DKFDS input-width-*); text areas take the column."""
    widget_type = field.widget_type
    form_field = field.field
    if widget_type == "textarea":
        return "input-width-xl"
    if widget_type in ("checkbox", "clearablefile", "file", "datepicker"):
        return ""
    if widget_type in ("number",) or form_field.__class__.__name__ in ("IntegerField",):
        return "input-width-xs"
    if form_field.__class__.__name__ in ("DecimalField", "FloatField"):
        return "input-width-xs"
    if widget_type in ("select", "selectmultiple"):
        return "input-width-l"
    if widget_type in ("email", "password"):
        return "input-width-m"
    max_length = getattr(form_field, "max_length", None)
    if max_length and max_length <= 20:
        return "input-width-xs"
    if max_length and max_length <= 80:
        return "input-width-m"
    return "input-width-l"


def max_length(field):
    """The limit a character counter shows (DKFDS form-limit), if the field has one."""
    if field.widget_type not in ("text", "textarea"):
        return None
    # An address is as long as it is: counting down from 320 helps nobody.
    if field.field.widget.attrs.get("autocomplete") in ("email", "username"):
        return None
    return getattr(field.field, "max_length", None)


register.filter("max_length", max_length)


@register.simple_tag
def widget(field):
    """A form field's widget with the design system's class and width, ``aria-describedby``
    naming its hint, its error and its character limit (so screen readers announce them) and
    ``aria-invalid`` on errors."""
    classes = [_WIDGET_CLASSES.get(field.widget_type, "form-input")]
    if width := _width_class(field):
        classes.append(width)
    attrs = {"class": " ".join(classes)}
    described = []
    if field.help_text or field.widget_type == "datepicker":
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    limit = max_length(field)
    if limit:
        described.append(f"{field.auto_id}-limit-message")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    html = field.as_widget(attrs=attrs)
    if limit:
        # The counter says how far over the limit one is; a maxlength attribute would cut
        # pasted text off silently instead (and the server checks the limit anyway).
        html = mark_safe(html.replace(f' maxlength="{limit}"', ""))  # noqa: S308 - widget HTML
    return html


@register.filter
def label_for(labels, name):
    """A name as people know it, from a mapping (e.g. a group's letter → its name), or as is."""
    return labels.get(name, name) if hasattr(labels, "get") else name


@register.filter
def get_item(mapping, key):
    return mapping.get(key, []) if hasattr(mapping, "get") else []


@register.simple_tag
def error_links(*forms):
    """The links of an error summary: one per field error (to the field), then the errors
    that belong to no field."""
    links = []
    others = []
    for form in forms:
        if not form or not getattr(form, "errors", None):
            continue
        for name, errors in form.errors.items():
            if name == "__all__" or name not in form.fields:
                others.extend(errors)
                continue
            bound = form[name]
            target = bound.auto_id
            if bound.widget_type in ("checkboxselectmultiple", "radioselect"):
                target = f"{bound.auto_id}_0"
            for error in errors:
                links.append((target, f"{bound.label}: {error}"))
    items = format_html_join(
        "", '<li><a class="function-link" href="#{}">{}</a></li>', links
    ) + format_html_join("", "<li>{}</li>", ((e,) for e in others))
    return items


@register.filter
def page_range(page):
    """The page numbers a pagination shows: the ends, the neighbours, and None for a gap."""
    paginator = page.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]


@register.simple_tag
def dkfds_texts():
    from samskab.core import dkfds

    return json_script(dkfds.texts(), "dkfds-texts")


@register.simple_tag
def date_hint():
    """How to write a date in a date field, with an example, in the active language."""
    from samskab.core.widgets import date_example, picker_format

    pattern = (
        picker_format().replace("DD", _("dd")).replace("MM", _("mm")).replace("YYYY", _("yyyy"))
    )
    return _("Write the date as %(pattern)s, e.g. %(example)s.") % {
        "pattern": pattern,
        "example": date_example(),
    }
