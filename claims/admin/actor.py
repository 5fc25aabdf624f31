"""Actors in the admin; their search (and so every actor autocomplete) covers every alias in any script."""

from django.contrib import admin

from claims.models import Actor, ActorAlias
from claims.search import search_actors

from .history import HistoryAdmin
from .writes import ServiceWrites


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(ServiceWrites, HistoryAdmin):
    """People, organisations and states, with their names in every script."""

    list_display = ["name", "kind", "country", "wikidata_id"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [ActorAliasInline]

    def get_search_results(self, request, queryset, search_term):
        """Name, slug or any alias, in Simplified or Traditional characters (网络 finds 網絡)."""
        return search_actors(queryset, search_term), False
