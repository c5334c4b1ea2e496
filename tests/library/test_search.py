"""Search: Danish stemming (PostgreSQL), ranking, and access levels that hold for every role,
in the hits, their snippets and their count."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from samskab.core.access import AccessLevel
from samskab.library import queries

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Danish stemming is PostgreSQL's (SQLite FTS5 has none)",
)


def _titles(results):
    return sorted(d.title for d in results)


@postgres_only
@pytest.mark.parametrize(
    ("query", "title"),
    [("udvalg", "Udvalgets anbefalinger"), ("lokalplan", "Lokalplanen for Hellerup Havn")],
)
def test_search_danish_stemming_finds_inflected_forms(world, file_document, query, title):
    file_document(world.task, "Udvalgets anbefalinger", "Opgaveudvalgets arbejde med byrum")
    file_document(world.task, "Lokalplanen for Hellerup Havn", "Høring om boliger ved havnen")
    assert _titles(queries.search(world.secretariat_user, query)) == [title]


def test_search_finds_words_in_the_extracted_text(world, file_document, pdf_document):
    file_document(world.task, "Notat", "Regnvandsbassin ved Ermelundsskoven")
    pdf_document(world.standing, "Bilag", "Trafiktælling ved Ermelundsskoven og Jægersborg")
    file_document(world.task, "Andet", "Noget helt andet")
    assert _titles(queries.search(world.secretariat_user, "Ermelundsskoven")) == [
        "Bilag",
        "Notat",
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite FTS5's bm25 weighs the whole row"
)
def test_search_ranks_a_title_hit_first(world, file_document):
    file_document(world.task, "Referat", "Der blev talt kort om cykelparkering")
    file_document(world.task, "Cykelparkering ved stationerne", "Plan for cykelparkering")
    results = list(queries.search(world.secretariat_user, "cykelparkering"))
    assert results[0].title == "Cykelparkering ved stationerne"


ROLES = {
    "anonymous": None,
    "plain": "plain_user",
    "other": "other_citizen_user",
    "member": "citizen_user",
    "council": "mayor_user",
    "secretariat": "secretariat_user",
}
# Which of the four documents (all about "skybrud") each role may find.
EXPECTED = {
    "anonymous": ["Notat Alfa"],
    "plain": ["Notat Alfa"],
    "other": ["Notat Alfa"],
    "member": ["Notat Alfa", "Notat Charlie"],
    "council": ["Notat Alfa", "Notat Bravo", "Notat Charlie"],
    "secretariat": ["Notat Alfa", "Notat Bravo", "Notat Charlie", "Notat Delta"],
}


@pytest.mark.parametrize("role", list(ROLES))
def test_search_respects_access_levels_for_every_role(world, file_document, client, role):
    from django.contrib.auth.models import AnonymousUser

    for title, level in (
        ("Notat Alfa", AccessLevel.PUBLIC),
        ("Notat Bravo", AccessLevel.COUNCIL),
        ("Notat Charlie", AccessLevel.BODY),
        ("Notat Delta", AccessLevel.SECRETARIAT),
    ):
        file_document(
            world.task, title, f"Skybrudsplan {title.split()[1].lower()}hemmelighed", level
        )
    attr = ROLES[role]
    user = getattr(world, attr) if attr else AnonymousUser()
    results = queries.search(user, "skybrudsplan")
    assert _titles(results) == EXPECTED[role]
    assert results.count() == len(EXPECTED[role])
    # The page: the count and the snippets show nothing of a document out of reach.
    if attr:
        client.force_login(user)
    page = client.get("/soeg/", {"q": "skybrudsplan"}).content.decode()
    hidden = {"Notat Alfa", "Notat Bravo", "Notat Charlie", "Notat Delta"} - set(EXPECTED[role])
    for title in hidden:
        assert f"{title.split()[1].lower()}hemmelighed" not in page
        assert title not in page
    assert f'data-count="{len(EXPECTED[role])}"' in page
    # The API says the same.
    answer = client.get("/api/v1/search/", {"q": "skybrudsplan"}).json()
    assert answer["count"] == len(EXPECTED[role])
    assert sorted(hit["title"] for hit in answer["results"]) == EXPECTED[role]


def test_search_filters_by_body_kind_and_year(world, file_document):
    file_document(world.task, "Klima", "Skybrud", kind="report")
    file_document(world.standing, "Teknik", "Skybrud", kind="memo")
    user = world.secretariat_user
    assert _titles(queries.search(user, "skybrud", body=world.task)) == ["Klima"]
    assert _titles(queries.search(user, "skybrud", kind="memo")) == ["Teknik"]
    assert _titles(queries.search(user, "skybrud", year=1999)) == []


def test_snippet_marks_the_words_and_escapes_the_text():
    text = "Indledning. " * 30 + "Forslag: <b>lokalplanen</b> for havnen & kajen."
    snippet = queries.snippet(text, "lokalplan")
    assert "<mark>lokalplanen</mark>" in snippet
    assert "&lt;b&gt;" in snippet
    assert snippet.startswith("… ")


# --- The other kinds: bodies ------------------------------------------------------------------


def _body(slug, name, remit=""):
    from samskab.organisation.models import Body, BodyKind

    return Body.objects.create(kind=BodyKind.TASK_COMMITTEE, slug=slug, name=name, remit=remit)


def _hit_titles(hits):
    return sorted((h.kind, h.title) for h in hits)


def test_search_finds_a_body_by_a_word_of_its_remit(world, file_document):
    _body("klimatilpasning", "Opgaveudvalget for klimatilpasning", "Regnvand og skybrudssikring")
    file_document(world.task, "Notat om regnvand", "Regnvand i Gentofte")
    hits = queries.SearchHits(world.plain_user, "regnvand")
    assert _hit_titles(hits) == [
        ("body", "Opgaveudvalget for klimatilpasning"),
        ("memo", "Notat om regnvand"),
    ]
    assert hits.count() == 2
    only_bodies = queries.SearchHits(world.plain_user, "regnvand", kind="body")
    assert _hit_titles(only_bodies) == [("body", "Opgaveudvalget for klimatilpasning")]
    assert only_bodies.count() == 1


@postgres_only
def test_search_finds_a_body_by_an_inflected_danish_word(db):
    _body("skybrud", "Skybrudsudvalget", "Planer for skybrudssikring")
    hits = queries.SearchHits(AnonymousUser(), "skybrudsudvalg", kind="body")
    assert [h.title for h in hits] == ["Skybrudsudvalget"]


def test_search_page_and_api_show_bodies_with_a_kind_label_and_a_link(world, client):
    body = _body("groenne-byrum", "Opgaveudvalget for grønne byrum", "Byrum og beplantning")
    page = client.get("/soeg/", {"q": "beplantning"}).content.decode()
    assert f'href="{body.get_absolute_url()}"' in page
    assert 'data-kind="body"' in page
    assert 'data-count="1"' in page
    assert '<option value="body"' in page
    answer = client.get("/api/v1/search/", {"q": "beplantning", "kind": "body"}).json()
    assert answer["count"] == 1
    assert answer["results"][0]["kind"] == "body"
    assert answer["results"][0]["url"] == body.get_absolute_url()
    assert answer["results"][0]["body"] is None


# --- Terms of reference: the approved version only ---------------------------------------------


def _terms(slug, title, purpose, *, approve=True):
    from samskab.taskcommittees.models import TaskCommittee, TermsVersion

    task = TaskCommittee.objects.create(body=_body(slug, f"Opgaveudvalget {slug}"))
    draft = TermsVersion.objects.create(task=task, number=1, title=title, purpose=purpose)
    if approve:
        task.approved_version = draft
        task.save()
    return draft


def test_search_finds_approved_terms_of_reference_and_never_a_draft(world, client):
    approved = _terms("havne", "Kommissorium for havnene", "Liv ved Hellerup Havn og kajerne")
    _terms("draft", "Udkast om kajen", "Kajerne som kladde hemmelig", approve=False)
    hits = queries.SearchHits(world.plain_user, "kajerne", kind="terms")
    assert [(h.kind, h.title) for h in hits] == [("terms", "Kommissorium for havnene")]
    assert hits.count() == 1
    # Not even the secretariat finds a draft through the search: drafts are read where they are.
    assert queries.SearchHits(world.secretariat_user, "hemmelig").count() == 0
    page = client.get("/soeg/", {"q": "kajerne"}).content.decode()
    assert 'data-count="1"' in page
    assert "/kommissorium/v1/" in page
    assert "havne" in page and "kladde" not in page
    answer = client.get("/api/v1/search/", {"q": "kajerne"}).json()
    assert [(h["kind"], h["title"]) for h in answer["results"]] == [
        ("terms", "Kommissorium for havnene")
    ]
    assert answer["results"][0]["url"].endswith(f"/v{approved.number}/")


@postgres_only
def test_search_finds_terms_by_an_inflected_danish_word(db):
    _terms("trafik", "Kommissorium om trafiksikkerhed", "Skolevejene skal være trygge")
    hits = queries.SearchHits(AnonymousUser(), "skolevej", kind="terms")
    assert [h.title for h in hits] == ["Kommissorium om trafiksikkerhed"]


# --- Results and recommendations: only where the result is public ------------------------------


def _result(slug, state, summary, recommendation):
    from samskab.taskcommittees.models import Delivery, Recommendation, TaskCommittee

    task = TaskCommittee.objects.create(body=_body(slug, f"Opgaveudvalget {slug}"), state=state)
    Delivery.objects.create(task=task, summary=summary)
    Recommendation.objects.create(task=task, number=1, text=recommendation)
    return task


def test_search_finds_results_and_recommendations_only_once_public(world, client):
    from django.contrib.auth.models import AnonymousUser

    from samskab.taskcommittees.lifecycle import State

    shown = _result(
        "cykler", State.RESULT_PRESENTED, "Stinettet blev kortlagt", "Byg cykelstier ved skolen"
    )
    _result(
        "hemmelig", State.WORKING, "Stinettet kortlagt i kladde", "Cykelstier hemmeligt forslag"
    )
    for user in (AnonymousUser(), world.plain_user, world.mayor_user, world.secretariat_user):
        hits = queries.SearchHits(user, "kortlagt")
        assert [(h.kind, h.url) for h in hits] == [("result", f"{shown.get_absolute_url()}#result")]
        assert hits.count() == 1
    recommendations = queries.SearchHits(world.plain_user, "cykelstier", kind="recommendation")
    assert [h.title.split(": ")[1] for h in recommendations] == ["Opgaveudvalget cykler"]
    assert recommendations.count() == 1
    page = client.get("/soeg/", {"q": "cykelstier"}).content.decode()
    assert 'data-count="1"' in page
    assert "hemmelig" not in page and "kladde" not in page
    answer = client.get("/api/v1/search/", {"q": "cykelstier", "kind": "recommendation"}).json()
    assert answer["count"] == 1
    assert answer["results"][0]["kind"] == "recommendation"


@postgres_only
def test_search_finds_a_recommendation_by_an_inflected_danish_word(db):
    from samskab.taskcommittees.lifecycle import State

    _result("skole", State.DELIVERED, "Rapporten", "Skolegårdene åbnes om aftenen")
    hits = queries.SearchHits(AnonymousUser(), "skolegård", kind="recommendation")
    assert [h.kind for h in hits] == ["recommendation"]


# --- Meetings and the minutes of agenda items: the meeting's and the item's access -------------


def _meeting(world, title, level=AccessLevel.PUBLIC, body=None, description=""):
    import datetime as dt

    from django.utils import timezone

    from samskab.meetings import services as meeting_services

    start = timezone.now() - dt.timedelta(days=3)
    return meeting_services.plan_meeting(
        world.secretariat_user,
        body=body or world.task,
        start=start,
        end=start + dt.timedelta(hours=2),
        title=title,
        access_level=level,
        description=description,
    )


def _item(world, meeting, title, minutes, *, closed=False):
    from samskab.meetings import services as meeting_services

    item = meeting_services.add_item(world.secretariat_user, meeting, title=title, is_closed=closed)
    item.minutes = minutes
    item.save()
    return item


# Who finds which minutes: the closed item is the task committee's members' (the mayor chairs
# it) and the secretariat's only; the council-level meeting the council's and the
# secretariat's (and the members' of the body that meets).
ITEMS_EXPECTED = {
    "anonymous": ["Åbent punkt"],
    "plain": ["Åbent punkt"],
    "other": ["Åbent punkt"],
    "member": ["Lukket punkt", "Rådspunkt", "Åbent punkt"],
    "council": ["Lukket punkt", "Rådspunkt", "Åbent punkt"],
    "secretariat": ["Lukket punkt", "Rådspunkt", "Åbent punkt"],
}


@pytest.mark.parametrize("role", list(ROLES))
def test_search_minutes_respect_meeting_and_item_access(world, client, role):
    from django.contrib.auth.models import AnonymousUser

    public = _meeting(world, "Opgaveudvalgets møde")
    _item(world, public, "Åbent punkt", "Regnbede blev drøftet åbent")
    _item(world, public, "Lukket punkt", "Regnbede ved grundkøbet fortrolighed", closed=True)
    council = _meeting(world, "Rådets møde", AccessLevel.COUNCIL)
    _item(world, council, "Rådspunkt", "Regnbede i rådet")
    attr = ROLES[role]
    user = getattr(world, attr) if attr else AnonymousUser()
    hits = queries.SearchHits(user, "regnbede", kind="agenda_item")
    assert sorted(h.title.split(". ", 1)[1] for h in hits) == ITEMS_EXPECTED[role]
    assert hits.count() == len(ITEMS_EXPECTED[role])
    everything = queries.SearchHits(user, "regnbede")
    assert everything.count() == len(ITEMS_EXPECTED[role])
    if attr:
        client.force_login(user)
    page = client.get("/soeg/", {"q": "regnbede"}).content.decode()
    assert f'data-count="{len(ITEMS_EXPECTED[role])}"' in page
    if "Lukket punkt" not in ITEMS_EXPECTED[role]:
        assert "Lukket punkt" not in page
        assert "fortrolighed" not in page
    answer = client.get("/api/v1/search/", {"q": "regnbede"}).json()
    assert answer["count"] == len(ITEMS_EXPECTED[role])
    assert all("fortrolighed" not in h["snippet"] for h in answer["results"]) or (
        "Lukket punkt" in ITEMS_EXPECTED[role]
    )


def test_search_finds_a_meeting_by_its_description(world):
    _meeting(world, "Borgermøde om stier", description="Vi taler om stiforbindelser")
    _meeting(world, "Rådets stimøde", AccessLevel.COUNCIL, description="Stiforbindelser internt")
    hits = queries.SearchHits(world.plain_user, "stiforbindelser", kind="meeting")
    assert [(h.kind, h.title) for h in hits] == [("meeting", "Borgermøde om stier")]
    assert hits.count() == 1


@postgres_only
def test_search_finds_minutes_by_an_inflected_danish_word(world):
    meeting = _meeting(world, "Opgaveudvalgets møde")
    _item(world, meeting, "Grønne tage", "Udvalget anbefalede grønne tage på skolerne")
    hits = queries.SearchHits(world.plain_user, "skole", kind="agenda_item")
    assert [h.kind for h in hits] == ["agenda_item"]


def test_search_filters_apply_to_the_other_kinds(world):
    _terms("vand", "Kommissorium om vandløb", "Vandløbene i Gentofte")
    _terms("aa", "Kommissorium om åer", "Vandløbene ved Mølleåen")
    meeting = _meeting(world, "Møde om vandløbene", body=world.standing)
    user = world.secretariat_user
    vand = _body_by_slug("vand")
    only_vand = queries.SearchHits(user, "vandløbene", body=vand)
    assert [(h.kind, h.title) for h in only_vand] == [("terms", "Kommissorium om vandløb")]
    # A year filters documents and meetings by their date; the undated kinds drop out.
    this_year = queries.SearchHits(user, "vandløbene", year=meeting.start.year)
    assert [(h.kind, h.title) for h in this_year] == [("meeting", "Møde om vandløbene")]
    assert queries.SearchHits(user, "vandløbene", year=1999).count() == 0


def _body_by_slug(slug):
    from samskab.organisation.models import Body

    return Body.objects.get(slug=slug)


def test_a_common_word_is_counted_and_ranked_among_its_newest_hits(
    world, file_document, client, monkeypatch
):
    """However common a word is, a search counts and ranks a bounded number of its hits of
    each kind (``CAP``): the newest; the page and the API say there are more."""
    monkeypatch.setattr(queries, "CAP", 2)
    for title in ("Skybrud 2019", "Skybrud 2022", "Skybrud 2025"):
        file_document(world.task, title, "Skybrud og regnvand i Gentofte")
    hits = queries.SearchHits(AnonymousUser(), "skybrud")
    assert hits.count() == 2 and hits.capped
    assert sorted(h.title for h in hits[0:20]) == ["Skybrud 2022", "Skybrud 2025"]
    page = client.get("/soeg/?q=skybrud").content.decode()
    assert "Mere end 2 resultater for “skybrud”" in page
    assert "Skybrud 2019" not in page
    data = client.get("/api/v1/search/?q=skybrud").json()
    assert (data["count"], data["capped"]) == (2, True)
    # Within the bound, the count is exact and says so.
    monkeypatch.setattr(queries, "CAP", 3)
    data = client.get("/api/v1/search/?q=skybrud").json()
    assert (data["count"], data["capped"]) == (3, False)
    assert "Mere end" not in client.get("/soeg/?q=skybrud").content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's FTS5 table is the index")
def test_each_kind_the_search_finds_has_an_index_of_its_own(db):
    """A common word's list in one index over every kind was read by every kind's search, even
    one without a hit (10–25 ms each at 100,000 documents): each kind has its own partial
    index on the expression the search filters on, made after migrate."""
    from django.contrib.contenttypes.models import ContentType

    from samskab.library import search_indexes
    from samskab.meetings.models import Meeting

    names = search_indexes.index_names()
    assert {"library.Document", "meetings.Meeting", "organisation.Body"} <= set(names)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'modelsearch_indexentry'"
        )
        existing = dict(cursor.fetchall())
    assert set(names.values()) <= set(existing)
    meetings = existing[names["meetings.Meeting"]]
    assert "gin (((title || body)))" in meetings
    assert f"WHERE (content_type_id = {ContentType.objects.get_for_model(Meeting).pk})" in meetings
