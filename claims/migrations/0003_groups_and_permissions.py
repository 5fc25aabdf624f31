"""The three roles as groups: fact-checkers read, editors also write, reviewers also set status and verdict;
and the suggestion queues (proxy models, with permissions of their own)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["source", "document", "actor", "actoralias", "claim", "claimactor", "claimlink"]
QUEUES = ["suggestedclaim", "suggestedlink"]
VIEW = [f"view_{m}" for m in MODELS + QUEUES]
WRITE = [f"{action}_{m}" for m in MODELS for action in ("add", "change", "delete")] + [f"change_{m}" for m in QUEUES]
GROUPS = {
    "fact-checkers": VIEW,
    "editors": VIEW + WRITE,
    "reviewers": VIEW + WRITE + ["review_claim"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="claims", codename__in=codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    replaces = [
        ("claims", "0004_groups"),
        ("claims", "0008_group_permissions_for_queues"),
    ]
    dependencies = [
        ("claims", "0002_postgresql_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
