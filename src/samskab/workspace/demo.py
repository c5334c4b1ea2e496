"""Demo: the collaboration rooms of Gentofte's task committees.

- a live room for each running committee, with threads at each access level and ideas that
  members support and comment on;
- in Klimatilpasning, the working group on rainwater with a hydrologist from DTU invited by
  email for two months (no account), its own meeting and its own note in the library (the
  demo citizen sits in it), a post that attaches the note and mentions the demo citizen (who
  gets it by email at once, through follows), a public thread that attaches the committee's
  public papers, and a draft recommendation built on two ideas, one of whose authors agreed
  to be named publicly;
- in Grøn mobilitet, a committee whose result was delivered and decided and is now followed
  up: the citizen's idea that became its first recommendation, with the council's decision and
  the follow-up visible from the idea, whose author agreed to be named on the public "what
  became of it" page; the room is read-only and its former members read it.

Writes of the past (posts by members without demo accounts, the closed committee's history)
are stored as they happened; what the secretariat does today goes through the services.
Idempotent: loading twice changes nothing.
"""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samskab.core.access import AccessLevel
from samskab.library.models import Document, DocumentKind
from samskab.organisation.demo import SECRETARIAT_EMAIL
from samskab.organisation.models import Body, BodyKind, Membership, Person
from samskab.taskcommittees.lifecycle import FOLLOW_UP_OPEN, RUNNING
from samskab.taskcommittees.models import TaskCommittee

from . import services
from .models import (
    Attachment,
    Draft,
    Idea,
    IdeaComment,
    Paragraph,
    ParagraphVersion,
    Post,
    PostVersion,
    Support,
    Thread,
)

BODY, COUNCIL, PUBLIC = AccessLevel.BODY, AccessLevel.COUNCIL, AccessLevel.PUBLIC

# Per committee: threads (title, level, posts as (author index, text)) and ideas (title, text).
# Author 0 is the chair, 1 and 2 citizen members, 3 another council member.
ROOMS: dict[str, dict[str, Any]] = {
    "klimatilpasning": {
        "threads": [
            (
                "Kortlægning af oversvømmede kældre",
                BODY,
                [
                    (
                        1,
                        "Vi har fået 40 svar fra grundejerforeningerne i Hellerup og Dyssegård. "
                        "Mange kældre på Strandvejssiden har haft vand ved skybruddet i august.",
                    ),
                    (
                        2,
                        "Kan vi få svarene lagt ind på et kort før næste møde? Så kan vi se, om "
                        "det er de samme veje, HOFOR har udpeget.",
                    ),
                    (0, "Sekretariatet laver kortet til mødet i næste måned."),
                ],
            ),
            (
                "Spørgsmål til borgermødet på Hovedbiblioteket",
                PUBLIC,
                [
                    (0, "Skriv gerne her, hvilke spørgsmål I vil stille borgerne på mødet."),
                    (
                        1,
                        "Hvor meget vil man selv betale for en faskine, hvis kommunen giver "
                        "tilskud?",
                    ),
                ],
            ),
            (
                "Økonomi: hvad kan kommunen selv finansiere?",
                COUNCIL,
                [
                    (
                        0,
                        "Før vi anbefaler tilskud, skal vi kende rammen i budgettet for "
                        "2027. Økonomiudvalget behandler den i september.",
                    ),
                    (3, "Enig. Lad os tage det op på fællesmødet."),
                ],
            ),
        ],
        "ideas": [
            (
                "Regnbede ved alle skoler",
                "Eleverne anlægger regnbede i skolegården sammen med "
                "Natur og Miljø, så regnvandet bliver på stedet og bliver en del af "
                "undervisningen.",
                [1, 2, 0, 3],
            ),
            (
                "Tilskud til faskiner i private haver",
                "Kommunen giver et tilskud på op til "
                "5.000 kr. til grundejere, der kobler tagvandet fra kloakken.",
                [2, 0],
            ),
            (
                "Grønne tage på kommunale bygninger",
                "Alle nye og renoverede kommunale tage "
                "bliver grønne, så de holder på vandet ved skybrud.",
                [1],
            ),
        ],
    },
    "fremtidens-seniorliv": {
        "threads": [
            (
                "Fællesskaber i boligområderne",
                BODY,
                [
                    (
                        1,
                        "I Vangede mødes en gruppe seniorer hver tirsdag i beboerhuset. Kan vi "
                        "lære af dem?",
                    ),
                    (0, "Godt forslag. Vi inviterer dem til næste møde."),
                ],
            ),
            (
                "Besøg på plejecentret Bakkegården",
                PUBLIC,
                [(0, "Udvalget besøger Bakkegården den første torsdag i næste måned kl. 10.")],
            ),
        ],
        "ideas": [
            (
                "Seniorbofællesskab i Gentofte",
                "Et bofællesskab for seniorer på en af "
                "kommunens grunde, planlagt sammen med de kommende beboere.",
                [1, 2],
            ),
            (
                "Besøgsvenner via bibliotekerne",
                "Bibliotekerne formidler besøgsvenner til ældre, der sidder meget alene.",
                [2],
            ),
        ],
    },
    "unges-trivsel": {
        "threads": [
            (
                "Hvordan arbejder vi i udvalget?",
                BODY,
                [
                    (
                        0,
                        "Velkommen til udvalget. Skriv her, hvordan I gerne vil arbejde mellem "
                        "møderne.",
                    ),
                    (
                        1,
                        "Jeg foreslår, at vi holder et møde på et gymnasium, så de unge selv "
                        "kan komme.",
                    ),
                ],
            ),
        ],
        "ideas": [
            (
                "Ungepanel med egne midler",
                "Et panel af unge fra 15 til 20 år får 100.000 kr. "
                "om året til at sætte egne projekter i gang.",
                [1, 0],
            ),
        ],
    },
    "hellerup-havn": {
        "threads": [
            (
                "Resultatet er fremlagt: hvad sker der nu?",
                PUBLIC,
                [
                    (
                        0,
                        "Vi fremlagde resultatet på fællesmødet. Kommunalbestyrelsen "
                        "behandler anbefalingerne efter sommerferien.",
                    ),
                    (1, "Tak for et godt samarbejde. Jeg følger gerne med i, hvad der sker."),
                ],
            ),
        ],
        "ideas": [
            (
                "Havnebad ved Hellerup Havn",
                "Et havnebad ved den nordlige mole, åbent hele året.",
                [1, 2, 0],
            ),
        ],
    },
}
EXPERT = ("Karen Hydrolog, DTU Sustain", "karen.hydrolog@example.org")


def already_loaded():
    return Thread.objects.exists()


def _authors(body, today):
    """The chair, two citizen members and another council member (as far as there are)."""
    members = list(body.memberships.current(today).select_related("person").order_by("role", "id"))
    chair = next((m.person for m in members if m.role == "chair"), None)
    citizens = [m.person for m in members if not m.is_council_member]
    council = [m.person for m in members if m.is_council_member and m.person != chair]
    people = [chair, *citizens[:2], *council[:1]]
    fallback = next(p for p in people if p is not None) if any(people) else None
    return [p or fallback for p in people] + [fallback] * (4 - len(people))


def _thread(body, title, level, posts, authors, when):
    thread = Thread.objects.create(body=body, title=title, access_level=level, author=authors[0])
    for i, (who, text) in enumerate(posts):
        post = Post.objects.create(thread=thread, author=authors[who], text=text)
        PostVersion.objects.create(post=post, number=1, text=text)
        moment = when + dt.timedelta(days=i * 2, hours=i)
        Post.objects.filter(pk=post.pk).update(created=moment)
    Thread.objects.filter(pk=thread.pk).update(created=when, last_activity=moment)
    return thread


def _idea(body, title, text, supporters, authors, when, author=1):
    idea = Idea.objects.create(body=body, title=title, text=text, author=authors[author])
    Idea.objects.filter(pk=idea.pk).update(created=when)
    for who in dict.fromkeys(supporters):
        Support.objects.get_or_create(idea=idea, person=authors[who])
    return idea


def _draft(body, title, ideas, author, recommendation=None):
    draft = Draft.objects.create(
        body=body, title=title, created_by=author, recommendation=recommendation
    )
    texts = [recommendation.text] if recommendation else [idea.text for idea in ideas]
    for number, text in enumerate(texts, start=1):
        paragraph = Paragraph.objects.create(
            draft=draft, number=number, text=text, changed_by=author
        )
        ParagraphVersion.objects.create(paragraph=paragraph, number=1, text=text, author=author)
    Idea.objects.filter(pk__in=[idea.pk for idea in ideas]).update(draft=draft)
    return draft


@transaction.atomic
def load(stdout=None):
    if already_loaded():
        return False
    secretariat = get_user_model().objects.get(email=SECRETARIAT_EMAIL)
    today = timezone.localdate()
    now = timezone.now()
    rooms = 0
    running = TaskCommittee.objects.filter(state__in=RUNNING).select_related("body")
    for task in running.order_by("body__slug"):
        body = task.body
        authors = _authors(body, today)
        if authors[0] is None:
            continue
        content: dict[str, Any] = ROOMS.get(body.slug) or {
            "threads": [
                (
                    "Velkommen i udvalgets samarbejdsrum",
                    BODY,
                    [(0, "Her kan vi drøfte sagerne mellem møderne.")],
                )
            ],
            "ideas": [],
        }
        for i, (title, level, posts) in enumerate(content["threads"]):
            _thread(body, title, level, posts, authors, now - dt.timedelta(days=40 - 9 * i))
        ideas = [
            _idea(body, title, text, supporters, authors, now - dt.timedelta(days=30 - 5 * i))
            for i, (title, text, supporters) in enumerate(content["ideas"])
        ]
        if ideas:
            IdeaComment.objects.create(
                idea=ideas[0], author=authors[0], text="Den tager vi med i vores udkast."
            )
        if body.slug == "klimatilpasning" and len(ideas) >= 2:
            # The author of the first idea agreed to be named if it becomes a recommendation.
            Idea.objects.filter(pk=ideas[0].pk).update(name_publicly=True)
            _draft(body, "Klimasikring tæt på borgerne", ideas[:2], authors[0])
            _attach_public_papers(body)
            _working_group(secretariat, body, authors, now, today)
        rooms += 1
    _followed_up(today, now)
    if stdout:
        stdout.write(
            f"Collaboration rooms: {rooms} live rooms, {Thread.objects.count()} threads, "
            f"{Idea.objects.count()} ideas."
        )
    return True


def _working_group(secretariat, committee, authors, now, today):
    group = Body.objects.filter(parent=committee, kind=BodyKind.WORKING_GROUP).first()
    if group is None:
        group = services.create_working_group(
            secretariat, committee, name="Arbejdsgruppe om regnvand i haver"
        )
    thread = _thread(
        group,
        "Data om nedbør og grundvand",
        BODY,
        [
            (
                1,
                "Hvor finder vi tal for grundvandsstanden i Gentofte? Det afgør, om faskiner "
                "virker.",
            ),
            (0, "Vi har inviteret en hydrolog fra DTU til at hjælpe os."),
        ],
        authors,
        now - dt.timedelta(days=12),
    )
    invitation = services.invite(
        secretariat,
        group,
        name=EXPERT[0],
        email_address=EXPERT[1],
        expires_on=today + dt.timedelta(days=60),
    )
    post = Post.objects.create(
        thread=thread,
        author=invitation.person,
        text="GEUS har målinger fra boringer i hele kommunen. Jeg sender et udtræk til næste "
        "møde; på lerjord i den nordlige del virker faskiner dårligt.",
    )
    PostVersion.objects.create(post=post, number=1, text=post.text)
    _group_meeting_and_note(secretariat, group, thread, authors, now, today)


def _attach_public_papers(body):
    """The public thread before the citizens' meeting carries the committee's public papers."""
    thread = Thread.objects.filter(body=body, access_level=PUBLIC).order_by("created").first()
    papers = Document.objects.filter(body=body, access_level=PUBLIC).order_by("-date", "-id")[:2]
    first = thread.posts.order_by("created", "id").first() if thread else None
    if first is not None:
        for document in papers:
            Attachment.objects.get_or_create(post=first, document=document)


def _group_meeting_and_note(secretariat, group, thread, authors, now, today):
    """The working group's own meeting and note; the demo citizen sits in the group, and the
    chair's post attaches the note and mentions her: she gets it by email at once."""
    from samskab.library import services as library
    from samskab.library.demo import docx_file
    from samskab.meetings import services as meetings
    from samskab.meetings.services import combine

    from .notify import notify

    citizen, chair = authors[1], authors[0]
    Membership.objects.get_or_create(person=citizen, body=group, defaults={"start_date": today})
    day = today + dt.timedelta(days=9)
    meetings.plan_meeting(
        secretariat,
        body=group,
        title="Arbejdsgruppemøde: grundvand og faskiner",
        start=combine(day, dt.time(16, 30)),
        end=combine(day, dt.time(18, 30)),
        place="Gentofte Rådhus, mødelokale 2",
        description="Karen Hydrolog gennemgår GEUS' målinger af grundvandsstanden.",
        invite=False,
    )
    note = library.upload(
        secretariat,
        body=group,
        file=docx_file(
            "grundvand-og-faskiner.docx",
            [
                "Notat: grundvandsstand og faskiner i Gentofte",
                "Boringer i den nordlige del af kommunen viser højtstående grundvand på "
                "lerjord. Her kan faskiner ikke nedsive regnvandet ved skybrud.",
                "Arbejdsgruppen foreslår, at tilskud til faskiner kun gives, hvor jorden kan "
                "tage vandet, og at regnbede bruges på lerjord.",
            ],
        ),
        title="Notat: grundvandsstand og faskiner i Gentofte",
        kind=DocumentKind.OTHER,
        access_level=BODY,
    )
    library.read_text(note.pk, 1)
    text = (
        f"Notatet om grundvandet ligger nu i arbejdsgruppens bibliotek. @{citizen.name}, vil "
        "du tjekke tallene for Dyssegård før mødet?"
    )
    post = Post.objects.create(thread=thread, author=chair, text=text)
    PostVersion.objects.create(post=post, number=1, text=text)
    Attachment.objects.create(post=post, document=note)
    Thread.objects.filter(pk=thread.pk).update(last_activity=now)
    if citizen.user_id is not None:
        notify(citizen, "mention", post)


def _followed_up(today, now):
    """The committee that was delivered and decided: one citizen's idea all the way."""
    task = (
        TaskCommittee.objects.filter(state__in=FOLLOW_UP_OPEN, recommendations__isnull=False)
        .select_related("body")
        .order_by("body__slug")
        .first()
    )
    if task is None:
        return
    body = task.body
    former = list(Person.objects.filter(memberships__body=body).order_by("memberships__role", "pk"))
    citizens = list(
        Person.objects.filter(memberships__body=body, memberships__is_council_member=False)
        .order_by("pk")
        .distinct()[:2]
    )
    if not former or not citizens:
        return
    chair = former[0]
    authors = [chair, citizens[0], citizens[-1], chair]
    recommendation = task.recommendations.order_by("number").first()
    idea = _idea(
        body,
        "Flere sikre cykelruter til skolerne",
        "Sammenhængende cykelruter til alle skoler, så flere børn kan cykle selv.",
        [1, 2, 0],
        authors,
        now - dt.timedelta(days=400),
    )
    # She agreed to be named: the public "what became of it" page says whose idea it was.
    Idea.objects.filter(pk=idea.pk).update(name_publicly=True)
    IdeaComment.objects.create(
        idea=idea, author=chair, text="Den bliver udvalgets første anbefaling."
    )
    _draft(body, "Sikre skoleveje", [idea], chair, recommendation=recommendation)
    _thread(
        body,
        "Opfølgning: hvad er der sket siden?",
        PUBLIC,
        [
            (
                0,
                "Kommunalbestyrelsen har vedtaget anbefalingerne. Teknik- og Miljøudvalget "
                "følger op, og status står på siden om opfølgning.",
            ),
            (1, "Dejligt at se, at den første cykelrute er anlagt."),
        ],
        authors,
        now - dt.timedelta(days=100),
    )
