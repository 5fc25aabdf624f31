"""Fill PostgreSQL with realistic synthetic documents, claims, actors and links, fast (COPY)."""

import queue
import random
import sys
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from tqdm import tqdm

from claims import synthetic
from claims.models import Actor, ActorAlias, Claim, ClaimActor, ClaimLink, Document, Source
from claims.sql import analyze, copy_rows, sequences_reset
from claims.synthetic import (
    CLAIM_ROW_FIELDS, DOCUMENT_ROW_FIELDS, NOW, ActorRow, SourceRow, claim_row, document_rows, new_token,
)

CHUNK = 1000
MODELS = [Source, Actor, ActorAlias, Document, Claim, ClaimActor, ClaimLink]
RELATIONS = ["corroborates", "conflicts", "translation", "same_event", "related"]
ROLES = ["claimant", "subject", "participant", "cited_source"]


def _in_background(chunks, depth: int = 2):
    """Run a generator in a thread, `depth` items ahead: rows are built while the server digests the last
    COPY (psycopg releases the interpreter while it waits), so both cores work."""
    items: queue.Queue = queue.Queue(maxsize=depth)
    done = object()

    def produce():
        try:
            for item in chunks:
                items.put(item)
        except BaseException as exc:  # hand any failure to the consumer, which raises it
            items.put(exc)
        else:
            items.put(done)

    threading.Thread(target=produce, daemon=True).start()
    while (item := items.get()) is not done:
        if isinstance(item, BaseException):
            raise item
        yield item


class Command(BaseCommand):
    help = ("Add synthetic documents, claims (each quote is the text at its span), actors in roles and links "
            "to a PostgreSQL database, with COPY. Every run adds; nothing existing is changed.")

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=1000, help="Documents to create (default %(default)s).")
        parser.add_argument("--claims", type=int, default=10000, help="Claims to create (default %(default)s).")
        parser.add_argument("--actors", type=int, default=200, help="Actors to create (default %(default)s).")
        parser.add_argument("--links", type=int, help="Links between claims (default: one per ten claims).")
        parser.add_argument("--seed", type=int, default=0, help="Random seed, for reproducible data.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, documents, claims, actors, links, seed, no_progress, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_synthetic writes with PostgreSQL's COPY: set DATABASE_URL to PostgreSQL")
        if documents < 1 or claims < documents or actors < 1:
            raise CommandError("need at least one document and one actor, and at least one claim per document")
        links = claims // 10 if links is None else links
        synthetic.rng.seed(seed)
        token = new_token()
        show = not no_progress and self.stdout.isatty()
        per_document, extra = divmod(claims, documents)
        with transaction.atomic():
            first = {model._meta.model_name: (model.objects.aggregate(last=Max("id"))["last"] or 0) + 1
                     for model in MODELS}
            sources = self._sources(first["source"], token)
            actor_ids = self._actors(first, actors, token)
            chunks = _in_background(self._chunks(first, documents, sources, actor_ids, per_document, extra,
                                                  token, seed))
            made = 0
            with tqdm(total=claims, disable=not show, unit="claim", file=sys.stderr, desc="documents+claims") as bar:
                for document_rows_, claim_rows, roles in chunks:
                    copy_rows(Document, DOCUMENT_ROW_FIELDS, document_rows_)
                    copy_rows(Claim, CLAIM_ROW_FIELDS, claim_rows)
                    copy_rows(ClaimActor, ("id", "claim", "actor", "role"), roles)
                    made += len(claim_rows)
                    bar.update(len(claim_rows))
            self._links(first["claimlink"], first["claim"], made, links)
            sequences_reset(MODELS)
            analyze()
        self.stdout.write(self.style.SUCCESS(
            f"Added {documents} documents, {made} claims, {actors} actors and {links} links (run {token})."))

    @staticmethod
    def _chunks(first, documents, sources, actor_ids, per_document, extra, token, seed):
        """The rows to COPY, a chunk of documents at a time: documents, their claims, the claims' actors."""
        claim_id, claim_actor_id = first["claim"], first["claimactor"]
        for chunk_start in range(0, documents, CHUNK):
            n = min(CHUNK, documents - chunk_start)
            counts = [per_document + (chunk_start + i < extra) for i in range(n)]  # exactly `claims` in all
            rows = list(document_rows(first["document"] + chunk_start, sources, counts, token))
            claim_rows, roles = [], []
            for row, text, specs in rows:
                for spec in specs:
                    claim_rows.append(claim_row(claim_id, row[0], text, spec))
                    for actor in random.Random(claim_id + seed).sample(actor_ids, min(2, len(actor_ids))):
                        roles.append((claim_actor_id, claim_id, actor, synthetic.rng.choice(ROLES)))
                        claim_actor_id += 1
                    claim_id += 1
            yield [row for row, _, _ in rows], claim_rows, roles

    @staticmethod
    def _sources(first_id, token):
        ids = list(range(first_id, first_id + 50))
        source_rows = [SourceRow.build() for _ in ids]
        copy_rows(Source, ("id", "created_at", "updated_at", "name", "slug", "homepage", "kind", "country",
                                   "primary_language", "notes"),
                  ((source_id, NOW, NOW, row["name"], f"synthetic-{token}-source-{source_id}", "", row["kind"],
                    row["country"], "en", "") for source_id, row in zip(ids, source_rows)))
        return ids

    @staticmethod
    def _actors(first, count, token):
        ids = list(range(first["actor"], first["actor"] + count))
        actor_rows = [ActorRow.build() for _ in ids]
        copy_rows(Actor, ("id", "created_at", "updated_at", "kind", "name", "slug", "wikidata_id", "parent",
                                  "country"),
                  ((actor_id, NOW, NOW, row["kind"], row["name"], f"synthetic-{token}-actor-{actor_id}", "", None,
                    row["country"]) for actor_id, row in zip(ids, actor_rows)))
        copy_rows(ActorAlias, ("id", "actor", "name", "language"),
                  ((first["actoralias"] + offset, actor_id, f"{row['alias']}-{token}", "zh-Hans")
                   for offset, (actor_id, row) in enumerate(zip(ids, actor_rows))))
        return ids

    @staticmethod
    def _links(first_id, first_claim, claims, count):
        def rows():
            pairs, link_id = set(), first_id
            rng = synthetic.rng
            while len(pairs) < count and claims > 1:
                a, b = sorted(rng.sample(range(first_claim, first_claim + claims), 2))
                relation = rng.choice(RELATIONS)
                if (a, b, relation) in pairs:
                    continue
                pairs.add((a, b, relation))
                yield (link_id, NOW, NOW, a, b, relation, rng.choice(["suggested", "confirmed", "rejected"]),
                       "synthetic", None, None)
                link_id += 1

        copy_rows(ClaimLink, ("id", "created_at", "updated_at", "from_claim", "to_claim", "relation", "status",
                                      "note", "created_by", "updated_by"), rows())
