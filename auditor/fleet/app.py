"""The Celery application of the fleet, configured from the environment (the CLI sets it from its flags)."""
from __future__ import annotations

import os

from celery import Celery

QUEUE = "auditor-fleet"

app = Celery("auditor", include=["auditor.fleet.tasks"])


def configure() -> None:
    """(Re)read AUDITOR_BROKER / AUDITOR_VISIBILITY_TIMEOUT into the app's configuration."""
    vt = int(os.environ.get("AUDITOR_VISIBILITY_TIMEOUT") or 3600)
    app.conf.update(
        broker_url=os.environ.get("AUDITOR_BROKER") or "redis://127.0.0.1:6379/0",
        task_default_queue=QUEUE,
        task_serializer="json", accept_content=["json"], result_serializer="json",
        task_ignore_result=True,  # outcomes live in the store (fleet_jobs), not in a result backend
        # A task is acknowledged when it ends, not when it starts: a worker lost mid-site leaves it in the broker
        # and another worker takes it up (continuing the same run: tasks.py).
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a worker holds one site at a time; the rest stay in the queue for others
        broker_transport_options={
            # Redelivery of an unacknowledged task after `vt` s. Deliberately not "longer than any audit": a
            # second delivery is harmless (host lock + idempotent job) and a lost worker's site restarts sooner.
            "visibility_timeout": vt,
            # Sweep for abandoned deliveries every few seconds, not kombu's default of ~100 s.
            "unacked_restore_interval": max(1, min(10, vt // 6)),
            "unacked_restore_throttle": 1,
        },
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # the broker away for a while: wait for it, never give up
        task_publish_retry_policy={"max_retries": 10, "interval_start": 0.5, "interval_step": 1,
                                   "interval_max": 5},
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        worker_cancel_long_running_tasks_on_connection_loss=False,
        broker_connection_retry=True,
        timezone="UTC",
    )


configure()
