"""The history pages of every admin: each entry says why it was written, and an empty field reads as empty."""

from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

NOT_RECORDED = "not recorded"
EMPTY = "(empty)"


class HistoryContext(HistoricalRecordContextHelper):
    """simple-history's change list of an entry, where an empty foreign key reads "(empty)", not "Deleted user
    (pk=None)" (what it gives an unset foreign key) or "None"."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if value is None or (isinstance(value, DeletedObject) and value.pk is None):
            return EMPTY
        return value


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history list gives every entry a change reason: the one recorded (the services
    record one for every write), or "not recorded" for entries written before they did, never "None"."""

    class Media:  # every claimtrack admin page: lists that fit 1280 pixels
        css = {"all": ["claims/admin.css"]}

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryContext(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # The one hook that sees the page's records (as they are shown) before the template does.
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            record.history_change_reason = record.history_change_reason or NOT_RECORDED
