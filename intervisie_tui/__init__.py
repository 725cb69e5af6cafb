"""intervisie-tui: run an intervisie session from the terminal and keep its minutes."""

__version__ = "0.1.0"
