"""Demo: documents with real Danish text in every committee, filed as the secretariat would.

Every task committee gets its terms of reference (public), a memo on its subject (public,
with topics) and the minutes of a working meeting (its members only); every standing
committee gets a status memo. A running task committee's next meeting gets an annex on its
discussion item. The files are real Word and OpenDocument files, made here with the standard
library, so their text is read and searchable. Idempotent.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from modelsearch import index

from samskab.core.access import AccessLevel
from samskab.meetings.models import Meeting
from samskab.organisation.demo import SECRETARIAT_EMAIL
from samskab.organisation.models import Body, BodyKind
from samskab.taskcommittees import lifecycle
from samskab.taskcommittees.models import Delivery, TaskCommittee

from . import services, similar
from .models import Document, DocumentKind

# Subject words in a committee's name or remit → its topics and a paragraph on the subject.
SUBJECTS = [
    (
        ("klima", "regn", "skybrud", "grøn"),
        ["Klima", "Skybrud"],
        "Gentofte skal kunne tåle skybrud som i juli 2011, hvor over 100 mm regn faldt på få "
        "timer. Udvalget ser på regnbede, grønne tage og lokal afledning af regnvand i "
        "villavejene, og på hvordan borgerne selv kan holde vandet på egen grund. HOFOR og "
        "kommunens vejafdeling har kortlagt de lavninger, hvor vandet samler sig.",
    ),
    (
        ("mobilitet", "trafik", "cykel", "vej"),
        ["Trafik", "Cykler"],
        "Trafikken i Gentofte er præget af gennemkørsel på Lyngbyvej, Jægersborg Allé og "
        "Bernstorffsvej. Udvalget foreslår sikre skoleveje, flere cykelparkeringer ved "
        "stationerne og delebiler i boligområderne. Trafiktællingerne fra 2024 viser, at "
        "cyklisterne er blevet flere på de nye supercykelstier.",
    ),
    (
        ("senior", "ældre", "sundhed", "social"),
        ["Ældre", "Sundhed"],
        "Flere gentofteborgere bliver over 80 år i de kommende ti år. Udvalget har talt med "
        "seniorer i Dyssegård, Vangede og Ordrup om ensomhed, fællesspisning og "
        "træningstilbud tæt på hjemmet. Forebyggelse og frivillige fællesskaber er en rød "
        "tråd i anbefalingerne.",
    ),
    (
        ("unge", "skole", "læring", "udskoling", "trivsel", "børn"),
        ["Børn og unge", "Skole"],
        "Elever i udskolingen efterlyser mere praksisnær undervisning og bedre trivsel i "
        "frikvartererne. Udvalget har besøgt Gentofte Skole, Ordrup Skole og Maglegårdsskolen "
        "og hørt elevrådene. Forslagene handler om valgfag med lokale virksomheder og om "
        "lærernes samarbejde med ungdomsskolen.",
    ),
    (
        ("idræt", "kultur", "fritid", "handicap", "forening"),
        ["Kultur og fritid", "Foreninger"],
        "Foreningerne i Gentofte mangler haltider om aftenen, og flere borgere med handicap "
        "oplever, at faciliteterne ikke er tilgængelige. Udvalget har gennemgået Gentofte "
        "Sportspark, svømmehallerne og bibliotekernes lokaler og foreslår fælles booking og "
        "bedre adgangsforhold.",
    ),
    (
        ("havn", "by", "lokalplan", "bygning", "arkitektur", "erhverv"),
        ["Byudvikling", "Lokalplan"],
        "Hellerup Havn og områderne omkring stationerne er under forandring. Lokalplanen for "
        "havnen skal sikre offentlig adgang til vandet, boliger i menneskelig skala og plads "
        "til erhverv. Udvalget har holdt borgermøder på havnen og samlet over 300 idéer.",
    ),
]
GENERAL = (
    "Gentofte Kommune arbejder med opgaveudvalg, hvor politikere og borgere sammen løser en "
    "afgrænset opgave. Udvalget mødes typisk hver anden måned og afleverer sine anbefalinger "
    "til kommunalbestyrelsen, som beslutter, hvad der skal ske."
)


def _subject(body: Body):
    words = f"{body.name} {body.remit} {body.description}".casefold()
    for keys, topics, paragraph in SUBJECTS:
        if any(key in words for key in keys):
            return topics, paragraph
    return ["Borgerinddragelse"], GENERAL


def docx_file(name: str, paragraphs: list[str]) -> SimpleUploadedFile:
    """A minimal, valid Word document (no dependency beyond the standard library)."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        package.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return SimpleUploadedFile(name, out.getvalue())


def odt_file(name: str, paragraphs: list[str]) -> SimpleUploadedFile:
    """A minimal, valid OpenDocument text."""
    text = "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        package.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.text"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
        package.writestr(
            "content.xml",
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
            '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text='
            '"urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            f"<office:body><office:text>{text}</office:text></office:body>"
            "</office:document-content>",
        )
    return SimpleUploadedFile(name, out.getvalue())


def _file(actor, body, title, kind, level, paragraphs, *, odt=False, tags=(), date=None, **kw):
    make = odt_file if odt else docx_file
    document = services.upload(
        actor,
        body=body,
        file=make(f"{body.slug}-{kind}.{'odt' if odt else 'docx'}", paragraphs),
        title=title,
        kind=kind,
        access_level=level,
        tags=list(tags),
        date=date,
        **kw,
    )
    # The demo shows text at once, whether or not the worker runs yet.
    services.read_text(document.pk, 1)
    document.refresh_from_db()
    index.insert_or_update_object(document)
    return document


def already_loaded():
    return Document.objects.exists()


def _task_committee_documents(actor, body, today):
    topics, paragraph = _subject(body)
    name = body.name
    remit = body.remit or body.description or GENERAL
    start = body.start_date or today
    task = TaskCommittee.objects.filter(body=body).select_related("approved_version").first()
    # The filed copy of the terms belongs with the approved version, where there is one.
    with_terms = {"terms": task.approved_version} if task and task.approved_version else {}
    _file(
        actor,
        body,
        f"Kommissorium for opgaveudvalget {name}",
        DocumentKind.TERMS,
        AccessLevel.PUBLIC,
        [
            f"Kommissorium for opgaveudvalget {name}",
            "Baggrund",
            remit,
            "Opgaven",
            paragraph,
            "Sammensætning",
            "Udvalget består af fem medlemmer af kommunalbestyrelsen og ti borgere, der "
            "udpeges efter et offentligt opslag med vægt på en bred sammensætning.",
            "Tidsplan",
            "Udvalget afleverer sine anbefalinger til kommunalbestyrelsen efter cirka et år.",
        ],
        tags=topics,
        date=start,
        **with_terms,
    )
    if task is not None:
        _papers_for_terms_and_result(actor, task, topics, paragraph, today)
    _file(
        actor,
        body,
        f"Notat: {topics[0].lower()} i {name}",
        DocumentKind.MEMO,
        AccessLevel.PUBLIC,
        [f"Notat til opgaveudvalget {name}", paragraph, GENERAL],
        odt=True,
        tags=topics,
        date=max(start, today - dt.timedelta(days=60)),
    )
    _file(
        actor,
        body,
        f"Referat af arbejdsmøde i {name}",
        DocumentKind.MINUTES,
        AccessLevel.BODY,
        [
            f"Referat af arbejdsmøde i opgaveudvalget {name}",
            "1. Velkomst og siden sidst. Formanden bød velkommen; to borgere havde meldt afbud.",
            f"2. Oplæg og drøftelse i grupper. {paragraph}",
            "3. Næste skridt. Arbejdsgrupperne samler deres forslag til næste møde. "
            "Sekretariatet udsender referatet til udvalgets medlemmer.",
        ],
        tags=topics[:1],
        date=max(start, today - dt.timedelta(days=30)),
    )


def _papers_for_terms_and_result(actor, task, topics, paragraph, today):
    """An annex to the approved terms (the background the drafters used) and, once the result
    is written, the slides from its presentation at the joint meeting."""
    name = task.body.name
    if task.approved_version is not None:
        _file(
            actor,
            task.body,
            f"Bilag til kommissoriet: baggrundsnotat om {topics[0].lower()}",
            DocumentKind.ANNEX,
            AccessLevel.PUBLIC,
            [
                f"Baggrundsnotat til kommissoriet for {name}",
                "Forvaltningen har samlet den viden, tovholderne brugte, da de skrev "
                "kommissoriet: tal, tidligere beslutninger og erfaringer fra andre kommuner.",
                paragraph,
            ],
            tags=topics[:1],
            date=task.approved_version.created.date(),
            terms=task.approved_version,
        )
    delivery = Delivery.objects.filter(task=task).first()
    if delivery is not None:
        public = lifecycle.result_is_public(task)
        _file(
            actor,
            task.body,
            f"Præsentation af anbefalingerne fra {name}",
            DocumentKind.REPORT,
            AccessLevel.PUBLIC if public else AccessLevel.COUNCIL,
            [
                f"Opgaveudvalget {name} præsenterer sine anbefalinger på fællesmødet",
                "Formanden og to borgere fra udvalget fremlagde arbejdet og svarede på "
                "spørgsmål fra kommunalbestyrelsens medlemmer.",
                delivery.summary or paragraph,
            ],
            tags=topics[:1],
            date=delivery.presented_on or today,
            delivery=delivery,
        )


def _annex_for_next_meeting(actor, body, now):
    meeting = Meeting.objects.filter(body=body, start__gte=now).order_by("start").first()
    item = meeting.items.filter(number=2).first() if meeting else None
    if meeting is None or item is None:
        return
    topics, paragraph = _subject(body)
    _file(
        actor,
        body,
        f"Bilag til punkt 2: oplæg om {topics[0].lower()}",
        DocumentKind.ANNEX,
        AccessLevel.BODY,
        [f"Bilag til {meeting.title}", paragraph],
        tags=topics[:1],
        meeting=meeting,
        agenda_item=item,
    )


@transaction.atomic
def load(stdout=None):
    if already_loaded():
        return False
    actor = get_user_model().objects.get(email=SECRETARIAT_EMAIL)
    today = timezone.localdate()
    now = timezone.now()
    for body in Body.objects.filter(kind=BodyKind.TASK_COMMITTEE).order_by("name"):
        _task_committee_documents(actor, body, today)
        _annex_for_next_meeting(actor, body, now)
    for body in Body.objects.filter(kind=BodyKind.STANDING_COMMITTEE).active(today):
        topics, paragraph = _subject(body)
        _file(
            actor,
            body,
            f"Status fra {body.name}",
            DocumentKind.MEMO,
            AccessLevel.PUBLIC,
            [f"Status fra {body.name}", paragraph, GENERAL],
            tags=topics,
            date=today - dt.timedelta(days=14),
        )
    # The committees are all in the search index now: link those with similar text at once,
    # as the task worker would after each change.
    similar.refresh_all()
    if stdout:
        stdout.write(f"Documents: {Document.objects.count()}")
    return True
