"""The reference central-hall server: the other end of the kiosk's sync.

It implements ``reference/hall-api.md`` (kept machine-readable in ``hall/openapi.json``)
over FastAPI + uvicorn with SQLite storage, and shares no code with the kiosk: the two
sides meet only through that written contract and are tested against each other over
real HTTP. Start it with ``python -m hall serve`` (or ``kiosk hall serve``).

Layout:

- :mod:`hall.storage`: the storage interface and its SQLite implementation
- :mod:`hall.sealing`: the hall's key file; personal data sealed or keyed at rest
- :mod:`hall.transactions`: validation of outbox transactions (pure)
- :mod:`hall.models`: the request/response bodies, which generate the OpenAPI document
- :mod:`hall.api`: the kiosk endpoints; :mod:`hall.admin`: the operator endpoints
- :mod:`hall.middleware`: faults, authentication, request bodies (gzip, limits)
- :mod:`hall.app`: the application: wiring, the error shape, the OpenAPI document
- :mod:`hall.services`, :mod:`hall.documents`: query and document back ends, PDF rendering
- :mod:`hall.settings`: settings, the hashes shared with kiosks, the (shiftable) clock
- :mod:`hall.seed`: the default catalog and config, fake citizen data
- :mod:`hall.serving`: uvicorn with connection caps, header/body timeouts, quiet logs
- :mod:`hall.cli`: ``python -m hall ...`` and :func:`hall.cli.add_hall_parser`
"""

API_PREFIX = "/api/v1"
__version__ = "0.1.0"
