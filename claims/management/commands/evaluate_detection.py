"""Compare detection with the reviewed claims: precision, recall, and value and date accuracy."""

from django.core.management.base import BaseCommand, CommandError

from claims.services.detection import documents_with_reviews, evaluate


class Command(BaseCommand):
    help = "Detect in every document with reviewed claims and score the candidates against the reviews."

    def add_arguments(self, parser):
        parser.add_argument("--misses", action="store_true", help="List the reviewed claims detection missed.")

    def handle(self, *args, misses, **options):
        documents = list(documents_with_reviews())
        if not documents:
            raise CommandError("no reviewed claims to compare with: load fixtures/seed_annotations.json first")
        scores = evaluate(documents)
        self.stdout.write(f"{len(documents)} documents\n"
                          f"{'kind':<8} {'reviewed':>8} {'suggested':>9} {'matched':>7} {'precision':>9} "
                          f"{'recall':>6} {'accuracy':>8}")
        for kind, s in scores.items():
            self.stdout.write(f"{kind:<8} {s.reviewed:>8} {s.suggested:>9} {s.matched:>7} {s.precision:>9.2f} "
                              f"{s.recall:>6.2f} {s.accuracy:>8.2f}")
        self.stdout.write("accuracy: matched figures with the reviewed value; matched events with the reviewed "
                          "date interval.")
        if misses:
            for kind, s in scores.items():
                for miss in s.misses:
                    self.stdout.write(f"missed {kind}: {miss}")
