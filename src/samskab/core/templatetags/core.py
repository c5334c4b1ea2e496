from django import template

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


_WIDGET_CLASSES = {
    "select": "form-select",
    "selectmultiple": "form-select",
    "textarea": "form-input",
    "checkbox": "form-checkbox",
    "clearablefile": "form-file-input",
    "file": "form-file-input",
}


@register.simple_tag
def widget(field):
    """A form field's widget with the design system's class, ``aria-describedby`` naming its
    hint and its error (so screen readers announce them) and ``aria-invalid`` on errors."""
    attrs = {"class": _WIDGET_CLASSES.get(field.widget_type, "form-input")}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, []) if hasattr(mapping, "get") else []
