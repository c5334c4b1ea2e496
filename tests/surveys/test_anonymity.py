"""Anonymity by construction: nothing joins an answer to the person who gave it."""

import datetime as dt
import uuid

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from samskab.surveys import services
from samskab.surveys.models import Answer, Invitation

from .conftest import CITIZENS, POLITICIANS
from .test_views import english

pytestmark = pytest.mark.django_db


def test_answer_holds_no_person_no_invitation_and_no_time():
    related = {f.related_model for f in Answer._meta.get_fields() if f.is_relation}
    assert {m._meta.label for m in related} == {"surveys.Round", "surveys.Question"}
    assert not any(
        isinstance(f, models.DateField | models.TimeField) for f in Answer._meta.get_fields()
    )
    # A random key: sorting answers says nothing about the order they came in.
    assert isinstance(Answer._meta.pk, models.UUIDField)
    assert Answer._meta.pk.default is uuid.uuid4


def test_invitation_records_that_someone_answered_never_when():
    assert not any(
        isinstance(f, models.DateField | models.TimeField) for f in Invitation._meta.get_fields()
    )
    assert not any(f.related_model is Answer for f in Invitation._meta.get_fields())


def test_answers_and_invitations_stay_out_of_the_audit_log_and_the_admin(survey):
    round_ = survey.open()
    survey.answer(round_, CITIZENS, 3, {survey.solutions: "4", survey.better: "Godt"})
    for model in (Answer, Invitation):
        content_type = ContentType.objects.get_for_model(model)
        assert not LogEntry.objects.filter(content_type=content_type).exists()
        assert model not in admin.site._registry


def test_no_survey_page_export_or_api_names_anyone_who_was_asked(survey, world):
    past = timezone.now() - dt.timedelta(days=20)
    round_ = survey.open(days=10, now=past, remind_days=0)
    day = past + dt.timedelta(days=1)
    raw = {survey.solutions: "5", survey.better: "En tekst uden navne.", survey.scale: "9"}
    survey.answer(round_, POLITICIANS, 5, raw, now=day)
    survey.answer(round_, CITIZENS, 6, {**raw, survey.heard: "1", survey.hard: "2"}, now=day)
    answer = Answer.objects.filter(question=survey.better).first()
    services.moderate_text(survey.actor, answer, text=answer.text, published=True)
    services.publish(survey.actor, round_)
    people = survey.politicians + survey.citizens
    paths = [
        "/evaluering/",
        round_.get_absolute_url(),
        f"{round_.get_absolute_url()}resultater.csv",
        f"/evaluering/runder/{round_.pk}/fritekst/",
        f"/evaluering/sammenlign/?question={survey.solutions.pk}",
        f"/evaluering/sammenlign.csv?question={survey.solutions.pk}",
        "/api/v1/surveys/rounds/",
        f"/api/v1/surveys/rounds/{round_.pk}/",
        f"/api/v1/surveys/rounds/{round_.pk}/results/",
        f"/api/v1/surveys/comparison/?question={survey.solutions.pk}",
    ]
    # The secretariat sees the most: if nothing names a person for it, nothing does.
    client = english(survey.actor)
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode("utf-8-sig")
        for person in people:
            assert person.name not in body, (path, person.name)
            assert person.email not in body, (path, person.email)
