"""Give the groups the permissions of the suggestion queues (proxy models have their own)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

QUEUES = ["suggestedclaim", "suggestedlink"]
GROUPS = {
    "fact-checkers": [f"view_{m}" for m in QUEUES],
    "editors": [f"{a}_{m}" for m in QUEUES for a in ("view", "change")],
    "reviewers": [f"{a}_{m}" for m in QUEUES for a in ("view", "change")],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="claims", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("claims", "0007_suggestion_queues")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
