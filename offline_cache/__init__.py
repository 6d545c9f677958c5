"""Everything the terminal keeps on disk: the SQLite database, the transactional outbox,
local ticket numbering and (later) caches and the sync engine.

No Qt here. Every connection is opened through :func:`offline_cache.db.connect`, which sets
the pragmas the offline rules depend on (WAL, ``synchronous=FULL``, ``busy_timeout``).
"""
