"""Work out every task committee's similar committees again (after an upgrade or an import;
the task worker keeps them up to date as committees change)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Work out which task committees have similar text (related committees)."

    def handle(self, *args, **options):
        from samskab.library import similar

        count = similar.refresh_all()
        self.stdout.write(f"Similar text worked out for {count} task committees.")
