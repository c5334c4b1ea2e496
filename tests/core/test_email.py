import pytest
from django.core import mail

from samskab.core import email
from samskab.core.models import EmailTemplate
from samskab.core.registry import EmailKind, email_kinds

pytestmark = pytest.mark.django_db

TEST_KIND = "tests.greeting"


def greeting(pk, *, gone=False):
    if gone:
        return None
    return email.Message(to=f"modtager{pk}@example.org", language="da", context={"name": "Åse"})


@pytest.fixture
def kind():
    email_kinds.register(
        EmailKind(TEST_KIND, "Greeting", "tests/greeting", f"{__name__}:greeting", ("name",))
    )
    EmailTemplate.objects.create(
        key=TEST_KIND, language="da", subject="Hej {{ name }}\nBcc: x@y", body="Kære {{ name }}."
    )
    yield TEST_KIND
    email_kinds._kinds.pop(TEST_KIND)


def test_email_queue_sends_the_secretariats_text_with_the_recipients_context(kind):
    email.queue(kind, 7)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["modtager7@example.org"]
    # A line break typed into an edited subject never becomes a second header.
    assert message.subject == "Hej Åse Bcc: x@y"
    assert message.body == "Kære Åse."


def test_email_queue_sends_nothing_when_the_recipient_is_gone(kind):
    email.queue(kind, 7, gone=True)
    assert mail.outbox == []


def test_email_queue_refuses_an_unknown_kind_in_the_caller():
    with pytest.raises(KeyError):
        email.queue("tests.no-such-kind", 1)


def test_email_goes_over_smtp_to_a_real_server(kind, smtp_server):
    email.queue(kind, 3)
    [(recipients, message)] = smtp_server.messages
    assert recipients == ["modtager3@example.org"]
    assert message["Subject"] == "Hej Åse Bcc: x@y"
    assert message.get_content().strip() == "Kære Åse."


def test_email_template_admin_refuses_a_text_that_cannot_be_rendered(client, world, kind):
    client.force_login(world.secretariat_user)
    row = EmailTemplate.objects.get(key=kind, language="da")
    response = client.post(
        f"/admin/core/emailtemplate/{row.pk}/change/",
        {"subject": "Hej {% if %}", "body": "Tekst"},
    )
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.subject == "Hej {{ name }}\nBcc: x@y"


def test_a_batch_goes_over_one_smtp_connection_and_a_refused_address_stops_nothing(
    kind, smtp_server
):
    """A digest run's batch is one task: its emails share one SMTP connection, the text is
    read once, and an address the server refuses leaves the others to be sent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    smtp_server.refuse.add("modtager2@example.org")
    with CaptureQueriesContext(connection) as captured:
        assert email.queue_batch(kind, [(1, {}), (2, {}), (3, {}), (4, {"gone": True})])
    assert sorted(to for to, _message in smtp_server.messages) == [
        ["modtager1@example.org"],
        ["modtager3@example.org"],
    ]
    assert len(set(smtp_server.connections)) == 1
    assert [m["Subject"] for _to, m in smtp_server.messages] == ["Hej Åse Bcc: x@y"] * 2
    reads = [q for q in captured.captured_queries if "core_emailtemplate" in q["sql"]]
    assert len(reads) == 1


def test_an_empty_batch_queues_nothing(kind):
    assert email.queue_batch(kind, []) is False
    assert mail.outbox == []
