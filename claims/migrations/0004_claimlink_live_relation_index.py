"""Indexes for reads: the relation filter reads the claims with a live link of a relation from an index, not the
whole links table; each ordering of claims (date, value, created, updated) has an index on (key, id), which also
serves the key's filter, so that a keyset cursor's page starts at its row."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0003_groups_and_permissions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='claimlink',
            index=models.Index(condition=models.Q(('status', 'rejected'), _negated=True), fields=['relation', 'from_claim', 'to_claim'], name='claimlink_live_relation_idx'),
        ),
        migrations.RemoveIndex(model_name='claim', name='claim_date_start_idx'),
        migrations.RemoveIndex(model_name='claim', name='claim_value_idx'),
        migrations.AddIndex(
            model_name='claim', index=models.Index(fields=['date_start', 'id'], name='claim_date_start_id_idx')),
        migrations.AddIndex(model_name='claim', index=models.Index(fields=['value', 'id'], name='claim_value_id_idx')),
        migrations.AddIndex(
            model_name='claim', index=models.Index(fields=['created_at', 'id'], name='claim_created_id_idx')),
        migrations.AddIndex(
            model_name='claim', index=models.Index(fields=['updated_at', 'id'], name='claim_updated_id_idx')),
    ]
