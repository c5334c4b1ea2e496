from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _


def site(request):
    def name():
        from samskab.organisation.models import Municipality

        municipality = Municipality.objects.only("name").first()
        return municipality.name if municipality else _("Samskab")

    return {"site_name": SimpleLazyObject(name)}
