"""The pure-Python core: protocols, the session engine, the clock, minutes and storage. Never imports textual."""
