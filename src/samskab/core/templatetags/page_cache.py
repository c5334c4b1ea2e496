from django import template

from samskab.core.cache import shared_fragment

register = template.Library()


class SharedNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        return shared_fragment(
            context["request"],
            self.name.resolve(context),
            [part.resolve(context) for part in self.parts],
            lambda: self.nodelist.render(context),
        )


@register.tag
def shared(parser, token):
    """``{% shared "name" [value ...] %}…{% endshared %}``: a part of a page that every reader
    sees alike, kept in the shared cache until the content changes (samskab.core.cache).
    Nothing personal inside: no names of the reader, no buttons that depend on a role, no
    forms with a CSRF token."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% shared %} needs a name.")
    nodelist = parser.parse(("endshared",))
    parser.delete_first_token()
    return SharedNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
