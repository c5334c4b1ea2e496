from django import template
from django.utils.translation import gettext as _

from samskab.core import charts
from samskab.core.templatetags.core import label_for, number

register = template.Library()


@register.simple_tag
def seat_chart(result, labels=None, caption=None):
    """The seats each group won, as bars beside the table of the same numbers."""
    bars = [
        charts.Bar(label=label_for(labels, name), value=count, shown=number(count))
        for name, count in result.seats.items()
    ]
    return charts.bar_chart(
        bars,
        caption=caption or _("Seats per group"),
        columns=[_("Group"), _("Seats")],
        maximum=max(result.seats.values(), default=0),
    )
