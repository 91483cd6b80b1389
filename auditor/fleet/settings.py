"""Where the fleet's broker, database and artifacts are: flags, then environment, then the config file's [fleet]."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class FleetError(Exception):
    """A one-line error for the user (exit code 2)."""


@dataclass(frozen=True)
class FleetSettings:
    broker: str
    db: str
    artifacts: str
    # Seconds a delivered, unacknowledged task stays invisible to other workers (Redis transport). A site audit
    # may run longer: a second delivery then finds the host locked and the job running, and waits (tasks.py).
    visibility_timeout: int = 3600
    lock_ttl: int = 60  # the host lock expires this long after its holder stops renewing it (a dead worker)

    def env(self) -> dict[str, str]:
        return {"AUDITOR_BROKER": self.broker, "AUDITOR_DB": self.db, "AUDITOR_ARTIFACTS": self.artifacts,
                "AUDITOR_VISIBILITY_TIMEOUT": str(self.visibility_timeout), "AUDITOR_LOCK_TTL": str(self.lock_ttl)}


def _file_section() -> dict:
    try:
        from auditor.config import find_config, load_config_file

        path = find_config()
        return dict((load_config_file(path).get("fleet") or {}) if path else {})
    except Exception:
        return {}


def resolve(broker: str | None = None, db: str | None = None, artifacts: str | None = None) -> FleetSettings:
    fc = _file_section()
    b = broker or os.environ.get("AUDITOR_BROKER") or fc.get("broker") or "redis://127.0.0.1:6379/0"
    d = db or os.environ.get("AUDITOR_DB") or fc.get("db")
    if not d:
        raise FleetError("the fleet needs a shared database: --db postgresql+psycopg://user@host/dbname "
                         "(or AUDITOR_DB, or db in the config file's [fleet] table)")
    if "://" not in d:
        d = f"sqlite:///{Path(d).resolve()}"
    a = artifacts or os.environ.get("AUDITOR_ARTIFACTS") or fc.get("artifacts") or "auditor-fleet"
    try:
        vt = int(os.environ.get("AUDITOR_VISIBILITY_TIMEOUT") or fc.get("visibility_timeout") or 3600)
        ttl = int(os.environ.get("AUDITOR_LOCK_TTL") or fc.get("lock_ttl") or 60)
    except ValueError:
        raise FleetError("AUDITOR_VISIBILITY_TIMEOUT and AUDITOR_LOCK_TTL are whole seconds") from None
    return FleetSettings(broker=b, db=d, artifacts=str(Path(a).resolve()), visibility_timeout=vt, lock_ttl=ttl)
