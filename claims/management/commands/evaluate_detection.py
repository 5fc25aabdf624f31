"""Score detection against hand-annotated gold: the corpus in fixtures/detection_corpus/, or reviewed claims."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.services.detection import documents_with_reviews, evaluate
from claims.text.evaluation import evaluate_corpus, load_corpus

SPLITS = ("dev", "heldout")


class Command(BaseCommand):
    help = ("Detect in annotated texts and score the candidates per language and kind: precision, recall, "
            "figures with the exact value and bounds, whole phrases, events with the exact date. By default the "
            "development part of the detection corpus; --split heldout for the part kept aside; --seeds for the "
            "reviewed claims in the database.")

    def add_arguments(self, parser):
        parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev",
                            help="Which part of the corpus (default: dev; heldout is scored only at the end).")
        parser.add_argument("--corpus", metavar="DIR", help="Another folder of annotated TOML texts.")
        parser.add_argument("--seeds", action="store_true",
                            help="Score against the reviewed claims in the database instead (the seeds).")
        parser.add_argument("--misses", action="store_true",
                            help="List the misses, the wrong values or dates, and the extra suggestions.")

    def handle(self, *args, split, corpus, seeds, misses, **options):
        if seeds:
            documents = list(documents_with_reviews())
            if not documents:
                raise CommandError("no reviewed claims to compare with: load fixtures/seed_annotations.json first "
                                   "(python manage.py load_annotations)")
            scores, what = evaluate(documents), f"{len(documents)} documents with reviewed claims"
        else:
            folders = [corpus] if corpus else [settings.CLAIMTRACK_DETECTION_CORPUS / part
                                               for part in (SPLITS if split == "all" else (split,))]
            try:
                texts = [text for folder in folders for text in load_corpus(folder)]
            except (OSError, ValueError) as exc:
                raise CommandError(str(exc)) from None
            if not texts:
                raise CommandError(f"no annotated texts (*.toml) in {', '.join(map(str, folders))}")
            scores = evaluate_corpus(texts)
            what = f"{len(texts)} texts of {', '.join(str(f) for f in folders)}"
        self.stdout.write(what)
        self.stdout.write(f"{'language':<8} {'kind':<6} {'gold':>5} {'found':>5} {'precision':>9} {'recall':>6} "
                          f"{'exact':>5} {'whole':>5}")
        for (language, kind), s in scores.items():
            whole = f"{s.whole_rate:>5.2f}" if kind == "figure" else f"{'-':>5}"
            self.stdout.write(f"{language or '-':<8} {kind:<6} {s.gold:>5} {s.suggested:>5} {s.precision:>9.2f} "
                              f"{s.recall:>6.2f} {s.exact_rate:>5.2f} {whole}")
        self.stdout.write("exact: figures with the gold value and bounds, events with the gold date at its precision, "
                          "as a share of the gold; whole: of the exact figures, those whose span is the whole phrase.")
        if misses:
            for (language, kind), s in scores.items():
                for line in s.misses:
                    self.stdout.write(f"missed {language} {kind}: {line}")
                for line in s.wrong:
                    self.stdout.write(f"wrong {language} {kind}: {line}")
                for line in s.extra:
                    self.stdout.write(f"extra {language} {kind}: {line}")
