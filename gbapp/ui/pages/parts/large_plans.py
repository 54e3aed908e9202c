"""What the overview and progress pages share for plans of 10^5 activities, whose figures take
seconds to read: they read again after a change only when shown, and in the background."""

from __future__ import annotations

import logging

from PySide6.QtGui import QShowEvent

from ....store import activities

log = logging.getLogger(__name__)


class ReadsLargePlansInBackground:
    """Mixin for a page (listed before QWidget) that defines `reload()` and sets `self.ctx`,
    `self.today`, `self.loader` (a ui.workers.LatestLoader) and `self._stale = False`.

    - After any change (connect ctx.data_changed and plan_changed to `_data_changed`) the
      page reads again at once when it is shown, else when it is next shown: every save would
      otherwise pay for every page visited before.
    - `in_background(plan_id)`: from `background_from` activities, reads go to the loader.
    - `shutdown()`: the window calls it before the database closes or is restored over."""

    background_from = 20_000  # activities

    def in_background(self, plan_id: int | None) -> bool:
        return plan_id is not None and self.ctx.path.is_file() and activities.count(
            self.ctx.db, plan_id, activities.ActivityFilter(), today=self.today()
        ) >= self.background_from

    def _data_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True
            self.loader.invalidate()  # what it reads is out of date already

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def shutdown(self) -> None:
        if not self.loader.wait(60):
            log.warning("%s: a background read did not end within 60 s", type(self).__name__)
