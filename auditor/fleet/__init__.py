"""The fleet: many sites audited unattended by Celery workers, with a Redis broker and a shared PostgreSQL store.

Unit of work = one site audit (auditor.fleet.tasks.audit_site), run as a child `auditor audit --resume RUN_ID`
process of the worker: one browser per worker process at a time, memory bounded per site, and a crash in one
site's crawl never takes the worker down. A Redis lock per host keeps two workers off one host; the job row
(site, slot) in the store makes every task idempotent, so redelivery after a lost worker continues the same run.
See docs/fleet.md.
"""
