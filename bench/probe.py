"""In-process half of the bench (run by bench/run.py with DJANGO_SETTINGS_MODULE=bench.settings
against the database under test): picks the pages, counts the SQL queries each runs with
Django's test client (rendered afresh, and served from the page cache), and makes a session
for the logged-in runs. Prints JSON on stdout."""

import json
import sys

import django


def pick():
    """The pages to measure on a generated data set: (name, path, who), and the user."""
    from django.conf import settings
    from django.db.models import Count
    from django.shortcuts import resolve_url

    from samskab.accounts.models import User
    from samskab.organisation.models import Body, BodyKind
    from samskab.taskcommittees.lifecycle import State
    from samskab.taskcommittees.models import TaskCommittee

    task = (
        TaskCommittee.objects.filter(state=State.WORKING, approved_version__isnull=False)
        .annotate(n=Count("body__memberships"))
        .order_by("-n", "body__slug")
        .select_related("body")
        .first()
    )
    if task is None:
        sys.exit("no working task committee: was `samskab generate` run?")
    from samskab.meetings.models import Meeting

    # A public meeting to come with its agenda: the meeting page everybody may open.
    meeting = Meeting.objects.filter(access_level="public", status="planned").order_by("start")[0]
    standing = Body.objects.filter(kind=BodyKind.STANDING_COMMITTEE).active().order_by("slug")[0]
    user = User.objects.filter(email__startswith="council", person__isnull=False).order_by("pk")[0]
    extra_anonymous, extra_logged_in = later_pages(task)
    anonymous = [
        ("front page", "/"),
        ("bodies list", "/udvalg/"),
        ("a body", f"/udvalg/{standing.slug}/"),
        ("council", "/kommunalbestyrelsen/"),
        ("task committee", f"/opgaveudvalg/{task.body.slug}/"),
        ("its terms", f"/opgaveudvalg/{task.body.slug}/kommissorium/"),
        ("what became of it", "/opfoelgning/"),
        ("meetings list", "/moeder/"),
        ("meetings month", "/moeder/kalender/"),
        ("meeting", f"/moeder/{meeting.pk}/"),
        ("public calendar feed", "/kalender/offentlige-moeder.ics"),
        ("documents", "/dokumenter/"),
        ("search", "/soeg/?q=skybrud"),
        ("search API", "/api/v1/search/?q=lokalplan"),
    ]
    logged_in = [
        ("portfolio", "/opgaveudvalg/"),
        ("my page", resolve_url(settings.LOGIN_REDIRECT_URL)),
        ("task committee", f"/opgaveudvalg/{task.body.slug}/"),
        ("meetings month", "/moeder/kalender/"),
        ("a meeting", f"/moeder/{meeting.pk}/"),
        ("search", "/soeg/?q=udvalgets+anbefalinger"),
        ("search, two filters", f"/soeg/?q=trafik&organ={task.body.slug}&kind=memo"),
    ]
    pages = [("bare view", "/bench/bare/", "anonymous")]
    pages += [(name, path, "anonymous") for name, path in anonymous + extra_anonymous]
    pages += [(name, path, "council member") for name, path in logged_in + extra_logged_in]
    return {"pages": pages, "user": user}


def later_pages(task):
    """The pages of the appointment, the surveys and the collaboration room, for the committee
    measured above: (anonymous pages, logged-in pages)."""
    from samskab.appointment.models import Appointment, Status
    from samskab.surveys.models import Round
    from samskab.workspace.models import Thread

    anonymous, logged_in = [], []
    record = (
        Appointment.objects.filter(body=task.body, status=Status.COMPLETED).order_by("-pk").first()
    )
    if record is None:
        sys.exit(f"{task.body.slug} has no completed appointment: was `samskab generate` run?")
    anonymous.append(("decision record", f"/udpegning/{record.pk}/"))
    logged_in.append(("decision record", f"/udpegning/{record.pk}/"))
    survey = Round.objects.filter(published_at__isnull=False).order_by("-pk").first()
    if survey is None:
        sys.exit("no published survey round: was `samskab generate` run?")
    anonymous.append(("survey results", f"/evaluering/runder/{survey.pk}/"))
    logged_in.append(("room", f"/rum/{task.body.slug}/"))
    # One the council member may read: the council's or the public's.
    thread = (
        Thread.objects.filter(body=task.body, access_level__in=["council", "public"])
        .order_by("-pk")
        .first()
    )
    if thread is None:
        sys.exit(f"{task.body.slug} has no room thread: was `samskab generate` run?")
    logged_in.append(("room thread", f"/rum/traade/{thread.pk}/"))
    return anonymous, logged_in


def main():
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # lets the test client run against the real database
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would have them on a server in use: the planner's
        # choices for a table it believes empty say nothing about production.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    picked = pick()
    logged_in = Client()
    logged_in.force_login(picked["user"])
    clients = {"anonymous": Client(), "council member": logged_in}
    queries = {}
    for name, path, who in picked["pages"]:
        client = clients[who]
        counts = {}
        for mode, seconds in (("cold", 0), ("cached", 3600)):
            settings.SAMSKAB_PAGE_CACHE_SECONDS = seconds
            client.get(path)  # warm caches (content types, translations) like a running server
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            if response.status_code != 200:
                sys.exit(f"{path} as {who}: {response.status_code}")
            counts[mode] = len(captured)
        queries[f"{who}|{name}"] = counts
    print(
        json.dumps(
            {
                "pages": picked["pages"],
                "queries": queries,
                "user": picked["user"].email,
                "cookie": f"sessionid={logged_in.cookies['sessionid'].value}",
            }
        )
    )


if __name__ == "__main__":
    main()
