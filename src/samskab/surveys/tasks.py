"""Work the task worker does for surveys (invitations and reminders go through core.email)."""

from django_tasks import task


@task()
def send_reminders(round_pk: int) -> int:
    """Remind everybody who has not answered a round; scheduled for its reminder day."""
    from .models import Round
    from .services import send_reminders as remind

    round_ = Round.objects.filter(pk=round_pk).first()
    return remind(round_) if round_ is not None else 0
