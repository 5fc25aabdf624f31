"""Migration helper: SQL that only PostgreSQL runs (the loader skips modules whose names start with _)."""


def on_postgresql(sql):
    """A RunPython function executing `sql` on PostgreSQL and nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run
