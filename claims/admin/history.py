"""The history pages of every admin: each entry says why it was written."""

from simple_history.admin import SimpleHistoryAdmin

NOT_RECORDED = "not recorded"


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history list gives every entry a change reason: the one recorded (the services
    record one for every write), or "not recorded" for entries written before they did, never "None"."""

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # The one hook that sees the page's records (as they are shown) before the template does.
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            record.history_change_reason = record.history_change_reason or NOT_RECORDED
