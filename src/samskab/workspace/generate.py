"""Collaboration rooms for ``samskab generate`` (the load data set).

Every running task committee has a room whose size grows with the scale: threads at every
access level with their posts (and first versions), some of which attach documents of the
committee from the library (generated just before), ideas with supports and comments, and a
draft built on two ideas. Written with bulk_create like the other steps.
"""

import datetime as dt

from django.utils import timezone

from samskab.core.generate import Plan, bulk
from samskab.library.models import Document
from samskab.organisation.models import Membership
from samskab.taskcommittees.lifecycle import RUNNING
from samskab.taskcommittees.models import TaskCommittee

from .models import (
    ROOM_LEVELS,
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

LEVELS = [level for level, _label in ROOM_LEVELS]


def rooms(plan: Plan):
    rng, faker = plan.rng, plan.faker
    now = timezone.now()
    tasks = list(TaskCommittee.objects.filter(state__in=RUNNING).select_related("body"))
    members: dict[int, list[int]] = {}
    for membership in Membership.objects.current(plan.today).filter(
        body__in=[task.body for task in tasks]
    ):
        members.setdefault(membership.body_id, []).append(membership.person_id)
    threads, ideas = [], []
    for task in tasks:
        people = members.get(task.body_id)
        if not people:
            continue
        for n in range(plan.scaled(400, minimum=3)):
            threads.append(
                Thread(
                    body=task.body,
                    title=faker.sentence(nb_words=5)[:200],
                    access_level=LEVELS[n % len(LEVELS)],
                    author_id=rng.choice(people),
                )
            )
        for _n in range(plan.scaled(200, minimum=2)):
            ideas.append(
                Idea(
                    body=task.body,
                    title=faker.sentence(nb_words=4)[:200],
                    text=faker.paragraph(),
                    author_id=rng.choice(people),
                )
            )
    bulk(plan, "room threads", Thread, threads)
    posts = []
    for thread in threads:
        people = members[thread.body_id]
        for i in range(plan.scaled(200, minimum=2)):
            posts.append(
                Post(
                    thread=thread,
                    author_id=rng.choice(people),
                    text=faker.paragraph(),
                    created=now - dt.timedelta(hours=i),
                )
            )
    bulk(plan, "room posts", Post, posts)
    bulk(
        plan,
        "room post versions",
        PostVersion,
        [PostVersion(post=post, number=1, text=post.text) for post in posts],
    )
    papers: dict[int, list[int]] = {}
    for document_id, body_id in Document.objects.filter(
        body__in=[task.body for task in tasks]
    ).values_list("pk", "body_id"):
        papers.setdefault(body_id, []).append(document_id)
    attachments = []
    for i, post in enumerate(posts):
        choices = papers.get(post.thread.body_id)
        if choices and i % 5 == 0:
            for document_id in rng.sample(choices, k=min(2, len(choices))):
                attachments.append(Attachment(post=post, document_id=document_id))
    bulk(plan, "room attachments", Attachment, attachments)
    bulk(plan, "room ideas", Idea, ideas)
    supports, comments = [], []
    for idea in ideas:
        people = members[idea.body_id]
        for person in rng.sample(people, k=rng.randint(0, len(people))):
            supports.append(Support(idea=idea, person_id=person))
        for _i in range(rng.randint(0, 3)):
            comments.append(
                IdeaComment(idea=idea, author_id=rng.choice(people), text=faker.sentence())
            )
    bulk(plan, "room supports", Support, supports)
    bulk(plan, "room comments", IdeaComment, comments)
    by_body: dict[int, list[Idea]] = {}
    for idea in ideas:
        by_body.setdefault(idea.body_id, []).append(idea)
    for body_id, body_ideas in by_body.items():
        chosen = body_ideas[:2]
        draft = Draft.objects.create(
            body_id=body_id, title=faker.sentence(nb_words=4)[:200], created_by=chosen[0].author
        )
        for number, idea in enumerate(chosen, start=1):
            paragraph = Paragraph.objects.create(
                draft=draft, number=number, text=idea.text, changed_by=idea.author
            )
            ParagraphVersion.objects.create(
                paragraph=paragraph, number=1, text=idea.text, author=idea.author
            )
        Idea.objects.filter(pk__in=[idea.pk for idea in chosen]).update(draft=draft)
