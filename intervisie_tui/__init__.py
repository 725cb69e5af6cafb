"""intervisie-tui: run an intervisie session from the terminal and keep its minutes."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("intervisie-tui")
except PackageNotFoundError:
    __version__ = "0.0.0+source"
