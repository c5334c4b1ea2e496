from django.core.paginator import Paginator

PER_PAGE = 50


def paginate(request, queryset, per_page=PER_PAGE, param="page"):
    """A page of ``queryset``; a missing, malformed or too large page number gives a valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))
