"""In-process half of the bench (run by bench/run.py with DJANGO_SETTINGS_MODULE=bench.settings
against the database under test): picks the pages, counts the SQL queries each runs with
Django's test client, and makes a session for the logged-in runs. Prints JSON on stdout."""

import json
import sys

import django


def main():
    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from samskab.accounts.models import User
    from samskab.organisation.models import Body, BodyKind

    setup_test_environment()  # lets the test client run against the real database
    task = (
        Body.objects.filter(kind=BodyKind.TASK_COMMITTEE)
        .active()
        .annotate(n=Count("memberships"))
        .order_by("-n", "slug")
        .first()
    )
    if task is None:
        sys.exit("no running task committee: was `samskab generate` run?")
    from samskab.meetings.models import Meeting

    # A public meeting to come with its agenda: the page everybody may open.
    meeting = Meeting.objects.filter(access_level="public", status="planned").order_by("start")[0]
    user = User.objects.filter(email__startswith="council", person__isnull=False).order_by("pk")[0]
    pages = {
        "bare Django view": "/bench/bare/",
        "front page": "/",
        "bodies list": "/udvalg/",
        "task committee": f"/opgaveudvalg/{task.slug}/",
        "council": "/kommunalbestyrelsen/",
        "portfolio": "/opgaveudvalg/",
        "meetings list": "/moeder/",
        "meetings month": "/moeder/kalender/",
        "meeting": f"/moeder/{meeting.pk}/",
        "public calendar feed": "/kalender/offentlige-moeder.ics",
    }
    # The portfolio is the council's and the secretariat's: anonymous visitors are sent to
    # the login page, so it is measured logged in only.
    logged_in_only = {"portfolio"}
    logged_in = Client()
    logged_in.force_login(user)
    clients = {"anonymous": Client(), "logged in": logged_in}
    queries = {}
    for who, client in clients.items():
        for name, path in pages.items():
            if who == "anonymous" and name in logged_in_only:
                continue
            client.get(path)  # warm caches (content types, translations) like a running server
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            if response.status_code != 200:
                sys.exit(f"{path} as {who}: {response.status_code}")
            queries[f"{who}|{name}"] = len(captured)
    print(
        json.dumps(
            {
                "pages": pages,
                "logged_in_only": sorted(logged_in_only),
                "queries": queries,
                "user": user.email,
                "cookie": f"sessionid={logged_in.cookies['sessionid'].value}",
            }
        )
    )


if __name__ == "__main__":
    main()
