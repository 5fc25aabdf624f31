"""Rate limits counted per window: one small cache write a request, whatever the rate.

DRF's rate throttles keep, per client, the list of the times of its requests in the last period, and read and
write that whole list through the cache on every request: at a generous rate the list holds thousands of times,
pickled and unpickled twice a request (once for each throttle), about a sixth of a claim detail's time in
process. These count requests per fixed window instead (`cache.incr` on a key of the client and the window).
The price, known and accepted: a client may spend a window's allowance at its end and the next one's at the
start of the next. Anonymous requests count against the anonymous rate only, not also against the users' one.
"""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _CountingThrottle:
    """allow_request and wait of a SimpleRateThrottle (scope, rate, cache key and cache from it), by counting."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_end = (window + 1) * self.duration
        key = f"{key}:{window}"
        try:
            count = self.cache.incr(key)
        except ValueError:  # the window's first request (or its count expired): start counting
            self.cache.set(key, 1, self.duration)
            count = 1
        return count <= self.num_requests

    def wait(self):
        """Seconds until the window ends (Retry-After)."""
        return max(self.window_end - self.now, 0.0)


class AnonCountingThrottle(_CountingThrottle, AnonRateThrottle):
    """The anonymous rate (scope anon), per address."""


class UserCountingThrottle(_CountingThrottle, UserRateThrottle):
    """The users' rate (scope user), per user; anonymous requests are the anonymous rate's."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
