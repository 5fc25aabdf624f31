"""The relation filter reads the claims with a live link of a relation from an index, not the whole links table."""

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
    ]
