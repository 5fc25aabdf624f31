"""Fill PostgreSQL with realistic synthetic documents, claims, actors and links, fast (COPY)."""

import queue
import random
import sys
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from tqdm import tqdm

from claims import synthetic
from claims.synthetic import NOW, ActorRow, SourceRow, claim_row, document_rows, new_token

CHUNK = 1000
CLAIM_COLUMNS = ("id, created_at, updated_at, document_id, start, \"end\", quote, prefix, suffix, kind, status, "
                 "verdict, language, paraphrase, note, detached, value, value_low, value_high, unit, date_start, "
                 "date_end, date_precision, event_type, place, created_by_id, updated_by_id")
DOCUMENT_COLUMNS = ("id, created_at, updated_at, title, source_id, republished_from_id, url, byline, published_start, "
                    "published_end, published_precision, languages, text, content_hash, filename, main_ranges, "
                    "duplicate_ranges, imported_at")
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
        parser.add_argument("--documents", type=int, default=1000)
        parser.add_argument("--claims", type=int, default=10000)
        parser.add_argument("--actors", type=int, default=200)
        parser.add_argument("--links", type=int, help="Links between claims (default: one per ten claims).")
        parser.add_argument("--seed", type=int, default=0, help="Random seed, for reproducible data.")
        parser.add_argument("--no-progress", action="store_true")

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
        with transaction.atomic(), connection.cursor() as cursor:
            first = {table: self._next_id(cursor, table) for table in
                     ("source", "actor", "actoralias", "document", "claim", "claimactor", "claimlink")}
            sources = self._sources(cursor, first["source"], token)
            actor_ids = self._actors(cursor, first, actors, token)
            chunks = _in_background(self._chunks(first, documents, sources, actor_ids, per_document, extra,
                                                  token, seed))
            made = 0
            with tqdm(total=claims, disable=not show, unit="claim", file=sys.stderr, desc="documents+claims") as bar:
                for document_rows_, claim_rows, roles in chunks:
                    with cursor.copy(f"COPY claims_document ({DOCUMENT_COLUMNS}) FROM STDIN") as copy:
                        for row in document_rows_:
                            copy.write_row(row)
                    with cursor.copy(f"COPY claims_claim ({CLAIM_COLUMNS}) FROM STDIN") as copy:
                        for row in claim_rows:
                            copy.write_row(row)
                    with cursor.copy("COPY claims_claimactor (id, claim_id, actor_id, role) FROM STDIN") as copy:
                        for row in roles:
                            copy.write_row(row)
                    made += len(claim_rows)
                    bar.update(len(claim_rows))
            self._links(cursor, first["claimlink"], first["claim"], made, links)
            for table in ("source", "actor", "actoralias", "document", "claim", "claimactor", "claimlink"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('claims_{table}', 'id'), "
                               f"(SELECT coalesce(max(id), 1) FROM claims_{table}))")
            cursor.execute("ANALYZE")
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
    def _next_id(cursor, table):
        cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM claims_{table}")
        return cursor.fetchone()[0]

    @staticmethod
    def _sources(cursor, first_id, token):
        ids = list(range(first_id, first_id + 50))
        with cursor.copy("COPY claims_source (id, created_at, updated_at, name, slug, homepage, kind, country, "
                         "primary_language, notes) FROM STDIN") as copy:
            for source_id in ids:
                row = SourceRow.build()
                copy.write_row((source_id, NOW, NOW, row["name"], f"synthetic-{token}-source-{source_id}", "",
                                row["kind"], row["country"], "en", ""))
        return ids

    @staticmethod
    def _actors(cursor, first, count, token):
        ids = list(range(first["actor"], first["actor"] + count))
        actor_rows = [ActorRow.build() for _ in ids]
        with cursor.copy("COPY claims_actor (id, created_at, updated_at, kind, name, slug, wikidata_id, parent_id, "
                         "country) FROM STDIN") as copy:
            for actor_id, row in zip(ids, actor_rows):
                copy.write_row((actor_id, NOW, NOW, row["kind"], row["name"], f"synthetic-{token}-actor-{actor_id}",
                                "", None, row["country"]))
        with cursor.copy("COPY claims_actoralias (id, actor_id, name, language) FROM STDIN") as copy:
            for offset, (actor_id, row) in enumerate(zip(ids, actor_rows)):
                copy.write_row((first["actoralias"] + offset, actor_id, f"{row['alias']}-{token}", "zh-Hans"))
        return ids

    @staticmethod
    def _links(cursor, first_id, first_claim, claims, count):
        pairs, link_id = set(), first_id
        rng = synthetic.rng
        with cursor.copy("COPY claims_claimlink (id, created_at, updated_at, from_claim_id, to_claim_id, relation, "
                         "status, note, created_by_id, updated_by_id) FROM STDIN") as copy:
            while len(pairs) < count and claims > 1:
                a, b = sorted(rng.sample(range(first_claim, first_claim + claims), 2))
                relation = rng.choice(RELATIONS)
                if (a, b, relation) in pairs:
                    continue
                pairs.add((a, b, relation))
                copy.write_row((link_id, NOW, NOW, a, b, relation, rng.choice(["suggested", "confirmed", "rejected"]),
                                "synthetic", None, None))
                link_id += 1
