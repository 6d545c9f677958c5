"""Domain logic of the terminal: configuration, catalog, the citizen flow and its
session, ticketing, service availability. No Qt: runs in tests and CLI tools."""
