"""The admin writes only through claims.services: forms, inlines, deletes and bulk deletes alike."""

from django.db import transaction

from claims.services.rows import row_delete, row_save

ADDED, EDITED, DELETED = "added in the admin", "edited in the admin", "deleted in the admin"


class ServiceWrites:
    """ModelAdmin mixin: every row the admin saves or deletes goes through its service, with a change reason."""

    def save_model(self, request, obj, form, change):
        row_save(row=obj, user=request.user, reason=EDITED if change else ADDED)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)  # builds the rows and lists them; saves nothing
        for row in formset.deleted_objects:
            row_delete(row=row, user=request.user, reason=DELETED)
        for row in formset.new_objects:
            row_save(row=row, user=request.user, reason=ADDED)
        for row, _fields in formset.changed_objects:
            row_save(row=row, user=request.user, reason=EDITED)

    def delete_model(self, request, obj):
        row_delete(row=obj, user=request.user, reason=DELETED)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for row in queryset:
            row_delete(row=row, user=request.user, reason=DELETED)
