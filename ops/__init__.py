"""Operations: the health endpoint, structured logs, the beat schedule kept in the database and its
heartbeat. Knows nothing of the rooms; the project's settings point at it."""
