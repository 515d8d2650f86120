"""A per-user limit on questions, so one user (or a stuck client) cannot hog the assistant."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class Throttle:
    """At most `limit` questions per user in any `window` seconds."""

    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}

    def wait(self, user_id: int) -> float:
        """0 if the user may ask now (and counts the question), else the seconds to wait."""
        now = self._clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and asked[0] <= now - self.window:
            asked.popleft()
        if len(asked) >= self.limit:
            return asked[0] + self.window - now
        asked.append(now)
        return 0.0
