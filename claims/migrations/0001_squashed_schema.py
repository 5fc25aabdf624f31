"""The schema: every table, constraint and index, as the models define them (squashed on 2026-12-01 from the
ten migrations of the first weeks of development; `replaces` lets a database that applied those go on)."""

import django.contrib.postgres.search
import django.core.validators
import django.db.models.deletion
import django.db.models.functions.comparison
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("claims", "0001_initial"),
        ("claims", "0002_document_layout_claim_detached"),
        ("claims", "0005_filter_indexes"),
        ("claims", "0006_history"),
        ("claims", "0007_suggestion_queues"),
        ("claims", "0010_claim_ordering_by_document_id"),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                ('title', models.CharField(max_length=500)),
                ('url', models.URLField(blank=True, max_length=1000)),
                ('byline', models.CharField(blank=True, help_text='Author or speaker as the document names them.', max_length=300)),
                ('published_start', models.DateField(blank=True, null=True)),
                ('published_end', models.DateField(blank=True, null=True)),
                ('published_precision', models.CharField(blank=True, choices=[('day', 'day'), ('month', 'month'), ('year', 'year')], max_length=5)),
                ('languages', models.JSONField(blank=True, default=list, help_text='BCP-47 tags: en, zh-Hans, zh-Hant.')),
                ('text', models.TextField(help_text='The full text exactly as imported; never normalised in place.')),
                ('content_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('filename', models.CharField(blank=True, db_index=True, help_text='Name of the file (or file#line of a JSON Lines batch) it came from.', max_length=255)),
                ('main_ranges', models.JSONField(blank=True, default=list, help_text='[[start, end], ...] of the main text; the rest is page chrome (share buttons, footers).')),
                ('duplicate_ranges', models.JSONField(blank=True, default=list, help_text='[[start, end, original_start], ...] of blocks that repeat earlier text in the document.')),
                ('imported_at', models.DateTimeField(blank=True, null=True)),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, help_text='Filled by a PostgreSQL trigger from title and text.', null=True)),
            ],
            options={
                'ordering': ['-published_start', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Source',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                ('name', models.CharField(max_length=200)),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('homepage', models.URLField(blank=True)),
                ('kind', models.CharField(choices=[('state_media', 'state media'), ('ministry', 'ministry or government body'), ('news_site', 'news site'), ('trade_press', 'trade press'), ('blog', 'blog'), ('think_tank', 'think tank'), ('other', 'other')], default='other', max_length=20)),
                ('country', models.CharField(blank=True, help_text='ISO 3166-1 alpha-2 code, e.g. CN', max_length=2)),
                ('primary_language', models.CharField(blank=True, choices=[('en', 'English'), ('zh-Hans', 'Chinese (Simplified)'), ('zh-Hant', 'Chinese (Traditional)')], max_length=10)),
                ('notes', models.TextField(blank=True)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Actor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                ('kind', models.CharField(choices=[('person', 'person'), ('organisation', 'organisation'), ('government_body', 'government body'), ('state', 'state'), ('intergovernmental', 'intergovernmental body'), ('company', 'company'), ('event_series', 'conference or forum'), ('other', 'other')], max_length=20)),
                ('name', models.CharField(help_text='Canonical name, usually in English.', max_length=300)),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('wikidata_id', models.CharField(blank=True, max_length=20, validators=[django.core.validators.RegexValidator('^Q[1-9]\\d*$', 'A Wikidata id looks like Q148.')])),
                ('country', models.CharField(blank=True, help_text='ISO 3166-1 alpha-2 code, e.g. CN', max_length=2)),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='claims.actor')),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='ActorAlias',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(db_index=True, max_length=300)),
                ('language', models.CharField(blank=True, help_text='BCP-47 tag, e.g. en, zh-Hans, zh-Hant.', max_length=10)),
                ('actor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='claims.actor')),
            ],
            options={
                'verbose_name_plural': 'actor aliases',
                'ordering': ['actor', 'language', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Claim',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                ('start', models.PositiveIntegerField(help_text='Offset of the first code point of the span in the text.')),
                ('end', models.PositiveIntegerField(help_text='Offset just past the last code point of the span.')),
                ('quote', models.TextField(help_text='The text at the span, exactly.')),
                ('prefix', models.CharField(blank=True, help_text='Text just before the span, to re-anchor it.', max_length=64)),
                ('suffix', models.CharField(blank=True, help_text='Text just after the span, to re-anchor it.', max_length=64)),
                ('kind', models.CharField(choices=[('figure', 'figure'), ('event', 'event'), ('statement', 'statement')], max_length=10)),
                ('status', models.CharField(choices=[('suggested', 'suggested'), ('draft', 'draft'), ('reviewed', 'reviewed'), ('disputed', 'disputed'), ('rejected', 'rejected')], db_index=True, default='draft', max_length=10)),
                ('verdict', models.CharField(blank=True, choices=[('true', 'true'), ('mostly_true', 'mostly true'), ('mixed', 'mixed'), ('mostly_false', 'mostly false'), ('false', 'false'), ('unverifiable', 'unverifiable')], max_length=15)),
                ('language', models.CharField(choices=[('en', 'English'), ('zh-Hans', 'Chinese (Simplified)'), ('zh-Hant', 'Chinese (Traditional)')], max_length=10)),
                ('paraphrase', models.TextField(blank=True, help_text='An English rendering; essential for Chinese quotes.')),
                ('note', models.TextField(blank=True)),
                ('detached', models.BooleanField(default=False, help_text="The document's text was revised and this quote could not be found again; start and end are its old offsets until an editor places it.")),
                ('value', models.DecimalField(blank=True, decimal_places=6, max_digits=30, null=True)),
                ('value_low', models.DecimalField(blank=True, decimal_places=6, help_text="Lower bound ('more than 20,000' is over 20,000).", max_digits=30, null=True)),
                ('value_high', models.DecimalField(blank=True, decimal_places=6, help_text="Upper bound ('nearly 47,000' is at most 47,000).", max_digits=30, null=True)),
                ('unit', models.CharField(blank=True, help_text='What is counted: websites, infected hosts, USD.', max_length=200)),
                ('date_start', models.DateField(blank=True, null=True)),
                ('date_end', models.DateField(blank=True, null=True)),
                ('date_precision', models.CharField(blank=True, choices=[('day', 'day'), ('month', 'month'), ('year', 'year')], max_length=5)),
                ('event_type', models.CharField(blank=True, max_length=100)),
                ('place', models.CharField(blank=True, help_text='Where the event happened or the figure applies.', max_length=200)),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, help_text='Filled by a PostgreSQL trigger from quote and paraphrase.', null=True)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['document_id', 'start', 'id'],
                'permissions': [('review_claim', 'Can set the status and verdict of claims')],
            },
        ),
        migrations.CreateModel(
            name='SuggestedClaim',
            fields=[
            ],
            options={
                'verbose_name': 'suggested claim',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('claims.claim',),
        ),
        migrations.CreateModel(
            name='ClaimActor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('claimant', 'claimant or speaker'), ('subject', 'subject'), ('participant', 'participant'), ('cited_source', 'cited source')], max_length=15)),
                ('actor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='claim_roles', to='claims.actor')),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='claim_actors', to='claims.claim')),
            ],
            options={
                'ordering': ['claim', 'role', 'actor'],
            },
        ),
        migrations.AddField(
            model_name='claim',
            name='actors',
            field=models.ManyToManyField(blank=True, related_name='claims', through='claims.ClaimActor', to='claims.actor'),
        ),
        migrations.CreateModel(
            name='ClaimLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True)),
                ('relation', models.CharField(choices=[('corroborates', 'corroborates'), ('conflicts', 'conflicts with'), ('translation', 'translation of'), ('same_event', 'same event as'), ('related', 'related to')], max_length=15)),
                ('status', models.CharField(choices=[('suggested', 'suggested'), ('confirmed', 'confirmed'), ('rejected', 'rejected')], default='confirmed', max_length=10)),
                ('note', models.TextField(blank=True, help_text='Why the claims are linked; for near-conflicts, why they are not.')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('from_claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links_from', to='claims.claim')),
                ('to_claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links_to', to='claims.claim')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='SuggestedLink',
            fields=[
            ],
            options={
                'verbose_name': 'suggested link',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('claims.claimlink',),
        ),
        migrations.AddField(
            model_name='claim',
            name='document',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='claims.document'),
        ),
        migrations.CreateModel(
            name='HistoricalActor',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                ('kind', models.CharField(choices=[('person', 'person'), ('organisation', 'organisation'), ('government_body', 'government body'), ('state', 'state'), ('intergovernmental', 'intergovernmental body'), ('company', 'company'), ('event_series', 'conference or forum'), ('other', 'other')], max_length=20)),
                ('name', models.CharField(help_text='Canonical name, usually in English.', max_length=300)),
                ('slug', models.SlugField(max_length=100)),
                ('wikidata_id', models.CharField(blank=True, max_length=20, validators=[django.core.validators.RegexValidator('^Q[1-9]\\d*$', 'A Wikidata id looks like Q148.')])),
                ('country', models.CharField(blank=True, help_text='ISO 3166-1 alpha-2 code, e.g. CN', max_length=2)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('parent', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.actor')),
            ],
            options={
                'verbose_name': 'historical actor',
                'verbose_name_plural': 'historical actors',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalActorAlias',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(db_index=True, max_length=300)),
                ('language', models.CharField(blank=True, help_text='BCP-47 tag, e.g. en, zh-Hans, zh-Hant.', max_length=10)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('actor', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.actor')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical actor alias',
                'verbose_name_plural': 'historical actor aliases',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalClaim',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                ('start', models.PositiveIntegerField(help_text='Offset of the first code point of the span in the text.')),
                ('end', models.PositiveIntegerField(help_text='Offset just past the last code point of the span.')),
                ('quote', models.TextField(help_text='The text at the span, exactly.')),
                ('prefix', models.CharField(blank=True, help_text='Text just before the span, to re-anchor it.', max_length=64)),
                ('suffix', models.CharField(blank=True, help_text='Text just after the span, to re-anchor it.', max_length=64)),
                ('kind', models.CharField(choices=[('figure', 'figure'), ('event', 'event'), ('statement', 'statement')], max_length=10)),
                ('status', models.CharField(choices=[('suggested', 'suggested'), ('draft', 'draft'), ('reviewed', 'reviewed'), ('disputed', 'disputed'), ('rejected', 'rejected')], db_index=True, default='draft', max_length=10)),
                ('verdict', models.CharField(blank=True, choices=[('true', 'true'), ('mostly_true', 'mostly true'), ('mixed', 'mixed'), ('mostly_false', 'mostly false'), ('false', 'false'), ('unverifiable', 'unverifiable')], max_length=15)),
                ('language', models.CharField(choices=[('en', 'English'), ('zh-Hans', 'Chinese (Simplified)'), ('zh-Hant', 'Chinese (Traditional)')], max_length=10)),
                ('paraphrase', models.TextField(blank=True, help_text='An English rendering; essential for Chinese quotes.')),
                ('note', models.TextField(blank=True)),
                ('detached', models.BooleanField(default=False, help_text="The document's text was revised and this quote could not be found again; start and end are its old offsets until an editor places it.")),
                ('value', models.DecimalField(blank=True, decimal_places=6, max_digits=30, null=True)),
                ('value_low', models.DecimalField(blank=True, decimal_places=6, help_text="Lower bound ('more than 20,000' is over 20,000).", max_digits=30, null=True)),
                ('value_high', models.DecimalField(blank=True, decimal_places=6, help_text="Upper bound ('nearly 47,000' is at most 47,000).", max_digits=30, null=True)),
                ('unit', models.CharField(blank=True, help_text='What is counted: websites, infected hosts, USD.', max_length=200)),
                ('date_start', models.DateField(blank=True, null=True)),
                ('date_end', models.DateField(blank=True, null=True)),
                ('date_precision', models.CharField(blank=True, choices=[('day', 'day'), ('month', 'month'), ('year', 'year')], max_length=5)),
                ('event_type', models.CharField(blank=True, max_length=100)),
                ('place', models.CharField(blank=True, help_text='Where the event happened or the figure applies.', max_length=200)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('document', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.document')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical claim',
                'verbose_name_plural': 'historical claims',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalClaimActor',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('claimant', 'claimant or speaker'), ('subject', 'subject'), ('participant', 'participant'), ('cited_source', 'cited source')], max_length=15)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('actor', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.actor')),
                ('claim', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.claim')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical claim actor',
                'verbose_name_plural': 'historical claim actors',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalClaimLink',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                ('relation', models.CharField(choices=[('corroborates', 'corroborates'), ('conflicts', 'conflicts with'), ('translation', 'translation of'), ('same_event', 'same event as'), ('related', 'related to')], max_length=15)),
                ('status', models.CharField(choices=[('suggested', 'suggested'), ('confirmed', 'confirmed'), ('rejected', 'rejected')], default='confirmed', max_length=10)),
                ('note', models.TextField(blank=True, help_text='Why the claims are linked; for near-conflicts, why they are not.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('from_claim', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.claim')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('to_claim', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.claim')),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical claim link',
                'verbose_name_plural': 'historical claim links',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSource',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                ('name', models.CharField(max_length=200)),
                ('slug', models.SlugField(max_length=100)),
                ('homepage', models.URLField(blank=True)),
                ('kind', models.CharField(choices=[('state_media', 'state media'), ('ministry', 'ministry or government body'), ('news_site', 'news site'), ('trade_press', 'trade press'), ('blog', 'blog'), ('think_tank', 'think tank'), ('other', 'other')], default='other', max_length=20)),
                ('country', models.CharField(blank=True, help_text='ISO 3166-1 alpha-2 code, e.g. CN', max_length=2)),
                ('primary_language', models.CharField(blank=True, choices=[('en', 'English'), ('zh-Hans', 'Chinese (Simplified)'), ('zh-Hant', 'Chinese (Traditional)')], max_length=10)),
                ('notes', models.TextField(blank=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical source',
                'verbose_name_plural': 'historical sources',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDocument',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                ('updated_at', models.DateTimeField(blank=True, db_index=True, editable=False)),
                ('title', models.CharField(max_length=500)),
                ('url', models.URLField(blank=True, max_length=1000)),
                ('byline', models.CharField(blank=True, help_text='Author or speaker as the document names them.', max_length=300)),
                ('published_start', models.DateField(blank=True, null=True)),
                ('published_end', models.DateField(blank=True, null=True)),
                ('published_precision', models.CharField(blank=True, choices=[('day', 'day'), ('month', 'month'), ('year', 'year')], max_length=5)),
                ('languages', models.JSONField(blank=True, default=list, help_text='BCP-47 tags: en, zh-Hans, zh-Hant.')),
                ('text', models.TextField(help_text='The full text exactly as imported; never normalised in place.')),
                ('content_hash', models.CharField(db_index=True, editable=False, max_length=64)),
                ('filename', models.CharField(blank=True, db_index=True, help_text='Name of the file (or file#line of a JSON Lines batch) it came from.', max_length=255)),
                ('main_ranges', models.JSONField(blank=True, default=list, help_text='[[start, end], ...] of the main text; the rest is page chrome (share buttons, footers).')),
                ('duplicate_ranges', models.JSONField(blank=True, default=list, help_text='[[start, end, original_start], ...] of blocks that repeat earlier text in the document.')),
                ('imported_at', models.DateTimeField(blank=True, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('republished_from', models.ForeignKey(blank=True, db_constraint=False, help_text='The outlet the text was first published by, where this is a republication.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.source')),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='claims.source')),
            ],
            options={
                'verbose_name': 'historical document',
                'verbose_name_plural': 'historical documents',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='document',
            name='republished_from',
            field=models.ForeignKey(blank=True, help_text='The outlet the text was first published by, where this is a republication.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='republished_documents', to='claims.source'),
        ),
        migrations.AddField(
            model_name='document',
            name='source',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='claims.source'),
        ),
        migrations.AddConstraint(
            model_name='actor',
            constraint=models.UniqueConstraint(condition=models.Q(('wikidata_id', ''), _negated=True), fields=('wikidata_id',), name='actor_wikidata_id_unique'),
        ),
        migrations.AddConstraint(
            model_name='actor',
            constraint=models.CheckConstraint(condition=models.Q(('parent', models.F('id')), _negated=True), name='actor_not_own_parent'),
        ),
        migrations.AddConstraint(
            model_name='actoralias',
            constraint=models.UniqueConstraint(fields=('actor', 'name'), name='actor_alias_unique'),
        ),
        migrations.AddIndex(
            model_name='claimactor',
            index=models.Index(fields=['actor', 'role'], name='claim_actor_role_idx'),
        ),
        migrations.AddConstraint(
            model_name='claimactor',
            constraint=models.UniqueConstraint(fields=('claim', 'actor', 'role'), name='claim_actor_role_unique'),
        ),
        migrations.AddIndex(
            model_name='claimlink',
            index=models.Index(fields=['from_claim', 'relation'], name='claimlink_from_relation_idx'),
        ),
        migrations.AddIndex(
            model_name='claimlink',
            index=models.Index(fields=['to_claim', 'relation'], name='claimlink_to_relation_idx'),
        ),
        migrations.AddConstraint(
            model_name='claimlink',
            constraint=models.CheckConstraint(condition=models.Q(('from_claim', models.F('to_claim')), _negated=True), name='claimlink_not_self'),
        ),
        migrations.AddConstraint(
            model_name='claimlink',
            constraint=models.UniqueConstraint(django.db.models.functions.comparison.Least('from_claim', 'to_claim'), django.db.models.functions.comparison.Greatest('from_claim', 'to_claim'), models.F('relation'), name='claimlink_unordered_pair_unique'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['kind', 'date_start', 'date_end'], name='claim_kind_date_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['date_start'], name='claim_date_start_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['date_end'], name='claim_date_end_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['value'], name='claim_value_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['value_low'], name='claim_value_low_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['value_high'], name='claim_value_high_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['language'], name='claim_language_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['verdict'], name='claim_verdict_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['unit'], name='claim_unit_idx'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('start__lt', models.F('end'))), name='claim_span_ordered'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.UniqueConstraint(fields=('document', 'start', 'end', 'kind'), name='claim_span_kind_unique'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('value_low__isnull', True), ('value_high__isnull', True), ('value_low__lte', models.F('value_high')), _connector='OR'), name='claim_bounds_ordered'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('value_low__isnull', True), ('value__isnull', True), ('value_low__lte', models.F('value')), _connector='OR'), name='claim_value_above_low'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('value_high__isnull', True), ('value__isnull', True), ('value__lte', models.F('value_high')), _connector='OR'), name='claim_value_below_high'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('kind', 'figure'), models.Q(('value__isnull', True), ('value_high__isnull', True), ('value_low__isnull', True)), _connector='OR'), name='claim_value_only_on_figures'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('date_end__isnull', True), ('date_precision', ''), ('date_start__isnull', True)), models.Q(('date_end__isnull', False), ('date_start__isnull', False), models.Q(('date_precision', ''), _negated=True)), _connector='OR'), name='claim_date_complete'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('date_start__lte', models.F('date_end')), ('date_start__isnull', True), _connector='OR'), name='claim_date_ordered'),
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['published_start'], name='document_published_start_idx'),
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['published_end'], name='document_published_end_idx'),
        ),
        migrations.AddIndex(
            model_name='document',
            index=models.Index(fields=['url'], name='document_url_idx'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('published_end__isnull', True), ('published_precision', ''), ('published_start__isnull', True)), models.Q(('published_end__isnull', False), ('published_start__isnull', False), models.Q(('published_precision', ''), _negated=True)), _connector='OR'), name='document_published_complete'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(('published_start__lte', models.F('published_end')), ('published_start__isnull', True), _connector='OR'), name='document_published_ordered'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='document_text_not_empty'),
        ),
    ]
