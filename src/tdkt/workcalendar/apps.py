from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from tdkt.workcalendar import cache


class WorkcalendarConfig(AppConfig):
    name = "tdkt.workcalendar"
    label = "workcalendar"
    verbose_name = _("Working-day calendar")

    def ready(self):
        # Signals only manage the per-request cache of the calendar (tdkt.workcalendar.cache); no domain logic.
        request_started.connect(cache.open_request_scope, dispatch_uid="workcalendar_open_scope")
        request_finished.connect(cache.close_request_scope, dispatch_uid="workcalendar_close_scope")
        for model in (self.get_model("ProvinceDay"), self.get_model("StepLimit")):
            post_save.connect(cache.invalidate, sender=model, dispatch_uid=f"workcalendar_save_{model.__name__}")
            post_delete.connect(cache.invalidate, sender=model, dispatch_uid=f"workcalendar_delete_{model.__name__}")
