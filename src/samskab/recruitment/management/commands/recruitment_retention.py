from django.core.management.base import BaseCommand

from samskab.recruitment import services


class Command(BaseCommand):
    help = (
        "Erase applicants' personal data whose retention period has ended (the statistics are "
        "kept) and addresses never confirmed. Safe to run any time, e.g. nightly from cron."
    )

    def handle(self, *args, **options):
        erased = services.erase_expired()
        self.stdout.write(f"{erased} applications erased.")
