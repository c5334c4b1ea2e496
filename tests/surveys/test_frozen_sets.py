"""A question set a round has used is frozen: every edit over HTTP says so, changes nothing and
keeps what was typed; the secretariat makes a new version instead."""

import pytest

from samskab.surveys.models import Question, QuestionSet

pytestmark = pytest.mark.django_db

FROZEN = "A round has used this version, so its questions are frozen."


@pytest.fixture
def used(survey):
    survey.open()
    return survey


def _english(client, user):
    client.cookies["samskab_language"] = "en"
    client.force_login(user)
    return client


def test_renaming_a_used_set_is_refused_and_keeps_the_name_typed(used, client):
    secretariat = _english(client, used.actor)
    response = secretariat.post(
        used.set.get_absolute_url(), {"family": used.set.family, "name": "Nyt navn"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert FROZEN in page
    assert "Nyt navn" in page
    assert QuestionSet.objects.get(pk=used.set.pk).name == used.set.name


def test_adding_editing_and_removing_questions_of_a_used_set_is_refused(used, client):
    secretariat = _english(client, used.actor)
    question = used.set.questions.order_by("pk").first()
    before = list(Question.objects.filter(question_set=used.set).values_list("pk", "text"))
    fields = {
        "text": "Hvordan gik mødet?",
        "key": "nyt",
        "kind": "scale",
        "asked_of": "all",
        "headline": "agree",
        "options": "",
    }
    added = secretariat.post(f"{used.set.get_absolute_url()}spoergsmaal/", fields)
    assert added.status_code == 400
    assert FROZEN in added.content.decode()
    assert "Hvordan gik mødet?" in added.content.decode()
    edited = secretariat.post(
        f"{used.set.get_absolute_url()}spoergsmaal/{question.pk}/", {**fields, "key": "x1"}
    )
    assert edited.status_code == 400
    assert FROZEN in edited.content.decode()
    removed = secretariat.post(f"{used.set.get_absolute_url()}spoergsmaal/{question.pk}/slet/")
    assert removed.status_code == 400
    assert FROZEN in removed.content.decode()
    after = list(Question.objects.filter(question_set=used.set).values_list("pk", "text"))
    assert after == before


def test_a_new_version_of_a_used_set_can_be_edited(used, client):
    secretariat = _english(client, used.actor)
    response = secretariat.post(f"{used.set.get_absolute_url()}ny-version/")
    assert response.status_code == 302
    copy = QuestionSet.objects.get(family=used.set.family, version=used.set.version + 1)
    renamed = secretariat.post(
        copy.get_absolute_url(), {"family": copy.family, "name": "Borgerne, version 2"}
    )
    assert renamed.status_code == 302
    assert QuestionSet.objects.get(pk=copy.pk).name == "Borgerne, version 2"


def test_a_second_set_with_a_short_name_in_use_is_refused_next_to_the_field(used, client):
    secretariat = _english(client, used.actor)
    response = secretariat.post(
        "/evaluering/spoergeskemaer/", {"family": used.set.family, "name": "Dublet"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "A question set with this short name exists" in page
    assert "Dublet" in page
