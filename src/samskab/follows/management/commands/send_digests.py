"""Queue the day's (or week's) digests for the task worker: run it from cron once a day,
``samskab send_digests daily`` (and ``weekly`` on the day the weekly digest goes out)."""

from django.core.management.base import BaseCommand

from samskab.follows.models import Frequency
from samskab.follows.tasks import queue_digests


class Command(BaseCommand):
    help = "Queue the digests that are due, in batches, for the task worker."

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=[Frequency.DAILY, Frequency.WEEKLY])

    def handle(self, *args, frequency, **options):
        queue_digests.enqueue(frequency)
        self.stdout.write(f"Queued the {frequency} digests.")
