"""PostgreSQL full-text search: the search vectors filled by triggers, with Han runs indexed as bigrams.

PostgreSQL has no Chinese parser, so Han runs are indexed as overlapping character bigrams, the same bigrams
claims.text.search_terms makes of a query (tests/test_search_trigger.py holds the two equal). Other databases
skip this; search falls back to LIKE there.
"""

from django.db import migrations

from ._postgres import on_postgresql

SEARCH = r"""
-- Text without Han characters (most rows) returns at once, sparing the regex work on bulk loads.
CREATE OR REPLACE FUNCTION claimtrack_cjk_bigrams(t text) RETURNS text AS $$
  SELECT CASE WHEN t IS NULL OR t !~ '[\u3400-\u9fff]' THEN '' ELSE (
    SELECT coalesce(string_agg(substr(run, i, 2), ' '), '')
    FROM (SELECT m[1] AS run FROM regexp_matches(t, '([\u3400-\u9fff]+)', 'g') AS m) AS runs,
         generate_series(1, greatest(length(run) - 1, 1)) AS i
  ) END
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION claimtrack_claim_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
       setweight(to_tsvector('english', coalesce(NEW.quote, '')), 'A')
    || setweight(to_tsvector('english', coalesce(NEW.paraphrase, '')), 'B')
    || setweight(to_tsvector('simple', claimtrack_cjk_bigrams(NEW.quote)), 'A')
    || setweight(to_tsvector('simple', claimtrack_cjk_bigrams(NEW.paraphrase)), 'B');
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER claim_search_vector BEFORE INSERT OR UPDATE OF quote, paraphrase ON claims_claim
  FOR EACH ROW EXECUTE FUNCTION claimtrack_claim_search_vector();
CREATE INDEX claim_search_vector_idx ON claims_claim USING gin (search_vector);

-- Documents: the title and the first 200,000 characters (a tsvector holds at most 1 MB).
CREATE OR REPLACE FUNCTION claimtrack_document_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
       setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('english', left(NEW.text, 200000)), 'B')
    || setweight(to_tsvector('simple', claimtrack_cjk_bigrams(NEW.title)), 'A')
    || setweight(to_tsvector('simple', claimtrack_cjk_bigrams(left(NEW.text, 200000))), 'B');
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER document_search_vector BEFORE INSERT OR UPDATE OF title, text ON claims_document
  FOR EACH ROW EXECUTE FUNCTION claimtrack_document_search_vector();
CREATE INDEX document_search_vector_idx ON claims_document USING gin (search_vector);
"""

UNDO = """
DROP TRIGGER IF EXISTS claim_search_vector ON claims_claim;
DROP TRIGGER IF EXISTS document_search_vector ON claims_document;
DROP INDEX IF EXISTS claim_search_vector_idx;
DROP INDEX IF EXISTS document_search_vector_idx;
DROP FUNCTION IF EXISTS claimtrack_claim_search_vector();
DROP FUNCTION IF EXISTS claimtrack_document_search_vector();
DROP FUNCTION IF EXISTS claimtrack_cjk_bigrams(text);
"""


class Migration(migrations.Migration):
    replaces = [
        ("claims", "0003_search_vectors_review_permission"),
        ("claims", "0009_bigrams_skip_text_without_han"),
    ]
    dependencies = [("claims", "0001_squashed_schema")]
    operations = [migrations.RunPython(on_postgresql(SEARCH), on_postgresql(UNDO))]
