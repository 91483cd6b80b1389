"""A lock per host in Redis: two workers never crawl one host at once (politeness holds across the fleet).

SET NX PX with a random token; renewed by a thread every ttl/3 while the audit runs; released only by its holder
(compare-and-delete in Lua). A worker that dies stops renewing and the lock expires after `ttl` seconds, so the
redelivered task can take the host up. When Redis itself restarts (nothing on disk) the key is gone: the holder's
next renewal sets it again, and the job's heartbeat in the store keeps a redelivered copy away meanwhile.
"""
from __future__ import annotations

import secrets
import threading
from collections.abc import Callable

import redis

_RENEW = """
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not v then return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) and 2 or 0 end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class HostLock:
    def __init__(self, client: redis.Redis, host: str, ttl: float, on_renew: Callable[[], None] | None = None):
        self.client = client
        self.key = f"auditor:host:{host}"
        self.ttl_ms = int(ttl * 1000)
        self.token = secrets.token_hex(16)
        self.on_renew = on_renew
        self.lost = False  # another holder took the host while we could not renew
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def acquire(self) -> bool:
        return bool(self.client.set(self.key, self.token, nx=True, px=self.ttl_ms))

    def holder(self) -> str | None:
        v = self.client.get(self.key)
        return v.decode() if isinstance(v, bytes) else v

    def renew(self) -> bool:
        try:
            ok = bool(self.client.eval(_RENEW, 1, self.key, self.token, self.ttl_ms))
        except redis.RedisError:
            return True  # Redis away: nobody else can take the lock either; try again at the next tick
        if not ok:
            self.lost = True
        return ok

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        try:
            self.client.eval(_RELEASE, 1, self.key, self.token)
        except redis.RedisError:
            pass  # expires by itself after ttl

    def start_renewing(self) -> None:
        def loop():
            while not self._stop.wait(self.ttl_ms / 3000):
                self.renew()
                if self.on_renew is not None:
                    try:
                        self.on_renew()
                    except Exception:
                        pass  # the heartbeat is best effort; the store retries on its own
        self._thread = threading.Thread(target=loop, name="host-lock", daemon=True)
        self._thread.start()
