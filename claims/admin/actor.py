from django.contrib import admin

from claims.models import Actor, ActorAlias


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    """People, organisations and states, with their names in every script."""

    list_display = ["name", "kind", "country", "wikidata_id"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["parent"]
    inlines = [ActorAliasInline]
