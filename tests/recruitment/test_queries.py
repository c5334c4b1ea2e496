import pytest

from samskab.recruitment import queries

from .conftest import COMPETENCES, applied

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool(call, districts):
    year = call.deadline.year
    return {
        "young": applied(
            call,
            districts,
            email="a@example.org",
            name="Asta Ung",
            birth_year=year - 24,
            gender="woman",
            district=districts["Vangede"],
            heard_via="social_media",
            competences=[COMPETENCES[0]],
        ),
        "middle": applied(
            call,
            districts,
            email="b@example.org",
            name="Bent Midt",
            birth_year=year - 45,
            gender="man",
            district=districts["Hellerup"],
            heard_via="local_paper",
            competences=[COMPETENCES[1], COMPETENCES[2]],
            motivation="Jeg kender til regnbede.",
        ),
        "old": applied(
            call,
            districts,
            email="c@example.org",
            name="Carla Ældre",
            birth_year=year - 70,
            gender="woman",
            district=None,
            heard_via="local_paper",
            competences=[],
        ),
    }


def names(call, **filters):
    return [a.name for a in queries.pool(call, filters, with_gender=True)]


def test_pool_filters_each_dimension(call, pool):
    assert names(call) == ["Asta Ung", "Bent Midt", "Carla Ældre"]
    assert names(call, competence=COMPETENCES[2]) == ["Bent Midt"]
    assert names(call, district=str(pool["young"].district_id)) == ["Asta Ung"]
    assert names(call, district="outside") == ["Carla Ældre"]
    assert names(call, age="18-29") == ["Asta Ung"]
    assert names(call, age="30-49") == ["Bent Midt"]
    assert names(call, age="67+") == ["Carla Ældre"]
    assert names(call, gender="woman") == ["Asta Ung", "Carla Ældre"]
    assert names(call, channel="local_paper") == ["Bent Midt", "Carla Ældre"]
    assert names(call, q="regnbede") == ["Bent Midt"]
    assert names(call, q="vangede") == ["Asta Ung"]
    assert names(call, channel="local_paper", gender="woman") == ["Carla Ældre"]


def test_pool_ignores_gender_for_those_who_may_not_filter_by_it(call, pool):
    found = queries.pool(call, {"gender": "man"}, with_gender=False)
    assert len(found) == 3


def test_pool_shortlist_first_and_filter(world, call, pool):
    from samskab.recruitment import services

    services.mark(world.secretariat_user, pool["old"], shortlisted=True)
    assert names(call)[0] == "Carla Ældre"
    assert names(call, shortlist=True) == ["Carla Ældre"]


def test_pool_page_filters_over_http_and_survives_bad_values(client, world, call, pool):
    client.force_login(world.secretariat_user)
    page = client.get(
        f"/rekruttering/{call.slug}/ansoegere/?competence={COMPETENCES[2]}"
    ).content.decode()
    assert "Bent Midt" in page and "Asta Ung" not in page
    response = client.get(f"/rekruttering/{call.slug}/ansoegere/?age=x&district=%C3%B8&page=99")
    assert response.status_code == 200
    assert "Asta Ung" in response.content.decode()


def test_pool_page_runs_a_bounded_number_of_queries(
    client, world, call, districts, django_assert_max_num_queries
):
    for n in range(60):
        applied(call, districts, email=f"n{n}@example.org", name=f"Ansøger {n:02d}")
    client.force_login(world.secretariat_user)
    with django_assert_max_num_queries(20):
        response = client.get(f"/rekruttering/{call.slug}/ansoegere/")
    assert response.status_code == 200
