"""In-process half of bench/recruitment.py (run against the database under test).

``python -m bench.recruitment_probe N``: makes one open call with N confirmed applications and
prints the SQL queries of the pool's pages at 200 and at N applications, as JSON.
``python -m bench.recruitment_probe count SLUG``: how many rows, addresses and applications
kept aside for confirmation the call has.
"""

import datetime as dt
import json
import random
import sys

import django


def world():
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from samskab.organisation.models import (
        Body,
        BodyKind,
        District,
        Membership,
        Municipality,
        Person,
    )
    from samskab.recruitment.models import Call
    from samskab.taskcommittees.lifecycle import State
    from samskab.taskcommittees.models import TaskCommittee, TermsVersion

    User = get_user_model()
    gentofte = Municipality.objects.create(name="Gentofte Kommune", population=75_800)
    for name, n in (("Hellerup", 19_400), ("Vangede", 8_200), ("Ordrup", 9_600)):
        District.objects.create(municipality=gentofte, name=name, population=n)
    council = Body.objects.create(kind=BodyKind.COUNCIL, name="KB", slug="kb")
    mayor = Person.objects.create(name="Borgmester")
    mayor.user = User.objects.create_user("council@example.org", "x")
    mayor.save()
    Membership.objects.create(
        person=mayor, body=council, is_council_member=True, start_date=dt.date(2020, 1, 1)
    )
    User.objects.create_superuser("secretariat@example.org", "x")
    body = Body.objects.create(kind=BodyKind.TASK_COMMITTEE, name="Grønne tage", slug="tage")
    task = TaskCommittee.objects.create(body=body, state=State.RECRUITING)
    task.approved_version = TermsVersion.objects.create(
        task=task,
        number=1,
        title="Kommissorium for Grønne tage",
        competences="Arkitekter\nGrundejere\nUnge under 30 år",
    )
    task.save()
    return Call.objects.create(
        task=task,
        terms=task.approved_version,
        slug="tage",
        code="bench1",
        deadline=timezone.now() + dt.timedelta(days=30),
    )


def fill(call, count, start):
    from django.utils import timezone

    from samskab.organisation.models import District
    from samskab.recruitment.models import Application

    r = random.Random(start)
    districts = list(District.objects.all()) + [None]
    now = timezone.now()
    Application.objects.bulk_create(
        (
            Application(
                call=call,
                email=f"pool.{n}@example.org",
                name=f"Ansøger {n}",
                birth_year=r.randint(1940, 2005),
                gender=r.choice(["woman", "man", "", "unsaid"]),
                district=r.choice(districts),
                background=r.choice(["public", "private", "retired"]),
                competences=r.sample(call.terms.competence_list, r.randint(0, 2)),
                motivation="Jeg vil gerne være med. " * 10,
                heard_via=r.choice(["website", "local_paper", ""]),
                consent_at=now,
                confirmed_at=now,
            )
            for n in range(start, start + count)
        ),
        batch_size=500,
    )


def queries(call):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from samskab.accounts.models import User

    secretariat, council = Client(), Client()
    secretariat.force_login(User.objects.get(email="secretariat@example.org"))
    council.force_login(User.objects.get(email="council@example.org"))
    pages = {
        "pool (secretariat)": (secretariat, f"/rekruttering/{call.slug}/ansoegere/"),
        "pool, filtered": (
            secretariat,
            f"/rekruttering/{call.slug}/ansoegere/?competence=Arkitekter&age=30-49",
        ),
        "pool (council member)": (council, f"/rekruttering/{call.slug}/ansoegere/"),
        "pool as CSV": (secretariat, f"/rekruttering/{call.slug}/ansoegere.csv"),
        "breadth": (council, f"/rekruttering/{call.slug}/bredde/"),
        "API: pool": (secretariat, f"/api/v1/calls/{call.slug}/applications/"),
        "API: statistics": (council, f"/api/v1/calls/{call.slug}/statistics/"),
    }
    counts = {}
    for name, (client, path) in pages.items():
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path}: {response.status_code}")
        counts[name] = len(captured)
    return counts


def main():
    django.setup()
    from django.test.utils import setup_test_environment

    from samskab.recruitment.models import Application

    if sys.argv[1] == "count":
        rows = Application.objects.filter(call__slug=sys.argv[2])
        print(
            json.dumps(
                {
                    "rows": rows.count(),
                    "distinct": rows.values("email").distinct().count(),
                    "pending": rows.filter(pending__isnull=False).count(),
                }
            )
        )
        return
    setup_test_environment()
    size = int(sys.argv[1])
    call = world()
    fill(call, 200, 0)
    small = queries(call)
    fill(call, size - 200, 200)
    large = queries(call)
    Application.objects.filter(call=call).delete()  # the concurrent run starts from nothing
    print(
        json.dumps(
            {
                "call": call.slug,
                "queries": {name: [small[name], large[name]] for name in small},
                "body": {
                    "name": "Bench Borger",
                    "birth_year": 1980,
                    "background": "private",
                    "competences": ["Arkitekter"],
                    "motivation": "Jeg vil gerne være med.",
                    "consent": True,
                },
            }
        )
    )


if __name__ == "__main__":
    main()
