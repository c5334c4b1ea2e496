import pytest
from django.test import RequestFactory
from samskab.core.context_processors import navigation


@pytest.mark.django_db
def test_navigation_marks_the_current_page_and_shows_links_by_permission(world):
    request = RequestFactory().get("/kommunalbestyrelsen/")
    request.user = world.citizen_user
    items = list(navigation(request)["nav_items"])
    assert [i.url for i in items if i.current] == ["/kommunalbestyrelsen/"]
    assert "/opgaveudvalg/" not in [i.url for i in items]
    request.user = world.secretariat_user
    urls = [i.url for i in navigation(request)["nav_items"]]
    assert "/opgaveudvalg/" in urls and "/admin/" in urls
